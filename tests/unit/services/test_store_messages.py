"""Job store texts are catalogued templates with a finished zh_CN translation."""

from __future__ import annotations

import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import qfopgui
from qfopgui.services import store_messages as M
from tests.helpers import core_strings

CONTEXT = "store_errors"
CATALOGUE = Path(qfopgui.__file__).parent / "i18n" / "core_zh_CN.ts"


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def _finished(context: str) -> dict[str, str]:
    """source → translation of the finished entries of one context (as `read_ts` reads)."""
    out: dict[str, str] = {}
    for ctx in ET.parse(CATALOGUE).getroot().iter("context"):
        if ctx.findtext("name") != context:
            continue
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            out[msg.findtext("source") or ""] = tr.text or ""
    return out


def test_every_store_text_has_a_finished_chinese_translation() -> None:
    found = core_strings.collect()
    assert not [u for u in found.unreadable if "StoreError" in u]
    assert found.store == set(M.MESSAGES)
    table = _finished(CONTEXT)
    missing = sorted(t for t in found.store if not table.get(t, "").strip())
    assert not missing, "add these to qfopgui/i18n/core_zh_CN.ts:\n" + "\n".join(missing)
    for source in found.store:
        text = table[source]
        assert _fields(text) == _fields(source), source
        assert text != source
        text.format(**dict.fromkeys(_fields(source), "X"))  # no stray braces


def test_templates_are_distinct_and_format_with_their_fields() -> None:
    assert len(set(M.MESSAGES)) == len(M.MESSAGES)
    for template in M.MESSAGES:
        template.format(**dict.fromkeys(_fields(template), "X"))


def test_scanner_flags_literal_store_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "store_x.py").write_text(
        "raise StoreError('literal')\nraise StoreError.make(f'x {y}')\n"
        "raise StoreError.make(M.CLOSED)\n"
    )
    monkeypatch.setattr(core_strings, "ROOT", tmp_path)
    found = core_strings.collect()
    assert len([u for u in found.unreadable if "StoreError" in u]) == 2, found.unreadable
