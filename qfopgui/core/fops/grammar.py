"""Low-level fop grammar: tokens, parameter tables, value encoding.

A fop is ``name[/first_arg][/key/value]*``. Each model describes its parameters with a table of
``ParamSpec`` rows; the order of the table is the order ``build()`` writes them in, and the
table is also what a UI form can be generated from.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from qfopgui.core.b64 import b64decode_text, b64encode_text
from qfopgui.core.fops.problems import FopSyntaxError

Pairs = tuple[tuple[str, str], ...]

_INT = re.compile(r"-?\d{1,100}")
_NUMBER = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")
_TOKEN_FORBIDDEN = re.compile(r"[/|;\s]")
_PARAM_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


class Kind(Enum):
    """How a parameter value is written in the fop string."""

    TEXT = "text"  # written as is (must not contain / | ; or spaces)
    INT = "int"
    NUMBER = "number"  # seconds, frame rates: written without a trailing ".0"
    B64 = "b64"  # text, URL-safe base64 encoded in the fop
    FLAG = "flag"  # bool written as 1 / 0
    CHOICE = "choice"  # an Enum member, written as its value


@dataclass(frozen=True)
class ParamSpec:
    """One parameter: fop key, dataclass attribute, kind, English label, optional range."""

    key: str
    attr: str
    kind: Kind
    label: str
    choices: type[Enum] | None = None
    lo: float | None = None
    hi: float | None = None
    unit: str = ""


def format_number(value: float) -> str:
    """``3.0`` → ``3``, ``0.5`` → ``0.5``; never scientific notation."""
    if not math.isfinite(value):
        return repr(value)
    if value == int(value):
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def encode_value(spec: ParamSpec, value: object) -> str:
    if spec.kind is Kind.FLAG:
        return "1" if value else "0"
    if spec.kind is Kind.NUMBER:
        assert isinstance(value, int | float)
        return format_number(float(value))
    if spec.kind is Kind.B64:
        return b64encode_text(str(value))
    if spec.kind is Kind.CHOICE:
        assert isinstance(value, Enum)
        return str(value.value)
    return str(value)


def decode_value(spec: ParamSpec, token: str) -> object:
    """Turn one token into the typed value; ``FopSyntaxError`` names the field on failure."""
    where = f"{spec.label} ({spec.key})"
    if spec.kind is Kind.TEXT:
        return token
    if spec.kind is Kind.INT:
        if not _INT.fullmatch(token):
            raise FopSyntaxError(f"{where} must be a whole number, not '{token}'")
        return int(token)
    if spec.kind is Kind.NUMBER:
        if not _NUMBER.fullmatch(token):
            raise FopSyntaxError(f"{where} must be a number, not '{token}'")
        value = float(token)
        if not math.isfinite(value):
            raise FopSyntaxError(f"{where} is too large")
        return value
    if spec.kind is Kind.FLAG:
        if token not in ("0", "1"):
            raise FopSyntaxError(f"{where} must be 0 or 1, not '{token}'")
        return token == "1"
    if spec.kind is Kind.B64:
        return decode_b64(token, where)
    assert spec.choices is not None
    try:
        return spec.choices(token)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in spec.choices)
        raise FopSyntaxError(f"{where} must be one of {allowed}, not '{token}'") from None


def decode_b64(token: str, where: str) -> str:
    try:
        return b64decode_text(token)
    except ValueError:
        raise FopSyntaxError(f"{where} must be URL-safe base64 text, not '{token}'") from None


def build_op(name: str, first_arg: str | None, params: Iterable[tuple[str, str]]) -> str:
    """Same output as ``qiniu.build_op(name, first_arg, **dict(params))``."""
    parts = [name] if first_arg is None else [name, first_arg]
    parts += [f"{k}/{v}" for k, v in params]
    return "/".join(parts)


def split_op(text: str) -> list[str]:
    """Split one pipe step at ``/``; empty parts and whitespace are syntax errors."""
    if not text:
        raise FopSyntaxError("The command is empty")
    tokens = text.split("/")
    for token in tokens:
        if not token:
            raise FopSyntaxError(
                f"'{text}' has an empty part (two '/' in a row or a '/' at an end)"
            )
        if _TOKEN_FORBIDDEN.search(token):
            raise FopSyntaxError(f"'{token}' contains a space or one of | ;")
    return tokens


def to_pairs(tokens: Sequence[str], op: str) -> list[tuple[str, str]]:
    """Group ``key/value`` tokens; odd counts and repeated keys are errors."""
    if len(tokens) % 2:
        raise FopSyntaxError(f"{op}: parameter '{tokens[-1]}' has no value")
    pairs = [(tokens[i], tokens[i + 1]) for i in range(0, len(tokens), 2)]
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise FopSyntaxError(f"{op}: parameter '{key}' is given twice")
        if not _PARAM_NAME.fullmatch(key):
            raise FopSyntaxError(f"{op}: '{key}' is not a parameter name")
        seen.add(key)
    return pairs


def encode_fields(obj: object, specs: Sequence[ParamSpec]) -> list[tuple[str, str]]:
    """The set (non-None) parameters of ``obj`` in table order."""
    out: list[tuple[str, str]] = []
    for spec in specs:
        value = getattr(obj, spec.attr)
        if value is not None:
            out.append((spec.key, encode_value(spec, value)))
    return out


def decode_fields(
    pairs: Iterable[tuple[str, str]], specs: Sequence[ParamSpec]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Typed values for known keys, plus the unknown pairs in their original order."""
    by_key = {spec.key: spec for spec in specs}
    known: dict[str, Any] = {}
    rest: list[tuple[str, str]] = []
    for key, token in pairs:
        spec = by_key.get(key)
        if spec is None:
            rest.append((key, token))
        else:
            known[spec.attr] = decode_value(spec, token)
    return known, rest


def is_token_safe(text: str) -> bool:
    return bool(text) and not _TOKEN_FORBIDDEN.search(text)


def is_param_name(text: str) -> bool:
    return bool(_PARAM_NAME.fullmatch(text))


def spec_keys(*tables: Sequence[ParamSpec]) -> frozenset[str]:
    return frozenset(spec.key for table in tables for spec in table)
