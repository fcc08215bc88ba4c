"""Typed access to the fields of answer JSON, so a wrong type is a ProtocolError naming it."""

from __future__ import annotations

import re
from collections.abc import Mapping

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.responses import Answer, bad_field, protocol_error
from qfopgui.api.safe_json import INT64_BOUND

_INT_TEXT = re.compile(r"-?[0-9]{1,19}")


class Fields:
    """One JSON object of an answer. Missing/null fields give the default; a field present
    with the wrong type or value raises `ProtocolError` naming it (with `where` as prefix)."""

    __slots__ = ("_answer", "_m", "_where")

    def __init__(self, m: Mapping[str, object], answer: Answer | None, where: str = "") -> None:
        self._m = m
        self._answer = answer
        self._where = where

    @classmethod
    def of(cls, answer: Answer | None, value: object, where: str = "") -> Fields:
        """`value` as an object; ProtocolError when it is anything else."""
        if not isinstance(value, dict):
            if where:
                raise bad_field(answer, where.rstrip("."))
            raise protocol_error(answer, M.NOT_OBJECT)
        return cls(value, answer, where)

    @property
    def raw(self) -> dict[str, object]:
        return dict(self._m)

    def has(self, name: str) -> bool:
        return self._m.get(name) is not None

    def bad(self, name: str) -> errors.ProtocolError:
        return bad_field(self._answer, self._where + name)

    def get(self, name: str) -> object:
        """The value as decoded (already checked for depth and text by `parse_json`)."""
        return self._m.get(name)

    def text(self, name: str) -> str:
        v = self._m.get(name)
        if v is None:
            return ""
        if isinstance(v, str):
            return v
        raise self.bad(name)

    def number(
        self,
        name: str,
        default: int = 0,
        *,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int:
        v = self._m.get(name)
        if v is None:
            return default
        n = _as_int(v)
        too_small = minimum is not None and n is not None and n < minimum
        too_large = maximum is not None and n is not None and n > maximum
        if n is None or too_small or too_large:
            raise self.bad(name)
        return n

    def flag(self, name: str, default: bool) -> bool:
        """A yes/no field: JSON bool, 0/1, or "0"/"1"/"true"/"false"."""
        v = self._m.get(name)
        if v is None:
            return default
        if isinstance(v, bool):
            return v
        if isinstance(v, int) and v in (0, 1):
            return v == 1
        if isinstance(v, str) and v.strip().lower() in ("0", "1", "true", "false"):
            return v.strip().lower() in ("1", "true")
        raise self.bad(name)

    def array(self, name: str) -> list[object]:
        v = self._m.get(name)
        if v is None:
            return []
        if isinstance(v, list):
            return v
        raise self.bad(name)

    def objects(self, name: str) -> list[Fields]:
        """A list of objects; any other item is a ProtocolError."""
        return [
            Fields.of(self._answer, item, f"{self._where}{name}[{i}].")
            for i, item in enumerate(self.array(name))
        ]

    def strings(self, name: str) -> list[str]:
        out: list[str] = []
        for i, item in enumerate(self.array(name)):
            if not isinstance(item, str):
                raise self.bad(f"{name}[{i}]")
            out.append(item)
        return out


def _as_int(v: object) -> int | None:
    """An integer from int, integral float or decimal text; None for anything else."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        n = v
    elif isinstance(v, float) and v.is_integer():
        n = int(v)
    elif isinstance(v, str) and _INT_TEXT.fullmatch(v.strip()):
        n = int(v.strip())
    else:
        return None
    return n if -INT64_BOUND <= n < INT64_BOUND else None
