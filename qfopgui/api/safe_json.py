"""Strict JSON decoding, because a 2xx body may come from a server that is not Qiniu at all."""

from __future__ import annotations

import json
import math

from qfopgui.api import messages as M

MAX_DEPTH = 32  # Qiniu answers nest 3 levels; prefop `result` objects a few more
INT64_BOUND = 2**63  # integers must lie in [-INT64_BOUND, INT64_BOUND)


class UnusableJsonError(ValueError):
    """A body that is not usable JSON; `reason` is one of the `messages` reasons (M.NOT_JSON…)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _BadNumber(ValueError):
    """NaN, Infinity, a float that overflows, or an integer beyond 64 bits."""


def _reject_constant(name: str) -> object:
    raise _BadNumber(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400 parses as inf
        raise _BadNumber(text)
    return value


def _int64(text: str) -> int:
    if len(text) > 20:
        raise _BadNumber(text)
    value = int(text)
    if not -INT64_BOUND <= value < INT64_BOUND:
        raise _BadNumber(text)
    return value


def strict_loads(text: str) -> object:
    """`json.loads` refusing NaN/Infinity, non-finite floats and integers beyond 64 bits.

    Raises ValueError for those and for text that is not JSON, RecursionError when it nests too
    deeply for the parser.
    """
    return json.loads(
        text, parse_constant=_reject_constant, parse_float=_finite_float, parse_int=_int64
    )


def _is_text(s: str) -> bool:
    """False for strings holding lone surrogates (JSON `"\\ud800"`): they cannot be stored."""
    if s.isascii():
        return True
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _tree_problem(value: object) -> str | None:
    """The reason a decoded JSON value is unusable (too deep, lone surrogates), or None."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if not _is_text(item):
                return M.NOT_UTF8
        elif isinstance(item, dict):
            if depth > MAX_DEPTH:
                return M.TOO_DEEP
            for k, v in item.items():
                if not _is_text(k):
                    return M.NOT_UTF8
                stack.append((v, depth + 1))
        elif isinstance(item, list):
            if depth > MAX_DEPTH:
                return M.TOO_DEEP
            stack.extend((v, depth + 1) for v in item)
    return None


def decode_json(body: bytes) -> object:
    """The value of a UTF-8 JSON body with finite numbers, integers within 64 bits, no lone
    surrogates and at most `MAX_DEPTH` levels of nesting; `UnusableJsonError` otherwise."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise UnusableJsonError(M.NOT_UTF8) from None
    try:
        value = strict_loads(text)
    except _BadNumber:
        raise UnusableJsonError(M.BAD_NUMBER) from None
    except RecursionError:
        raise UnusableJsonError(M.TOO_DEEP) from None
    except ValueError:
        raise UnusableJsonError(M.NOT_JSON) from None
    problem = _tree_problem(value)
    if problem is not None:
        raise UnusableJsonError(problem)
    return value
