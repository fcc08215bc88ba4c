"""Every sentence the upload service can show has a finished Chinese translation with the same
fields, in the context the UI translates it in."""

from __future__ import annotations

import string
import xml.etree.ElementTree as ET
from pathlib import Path

from qfopgui.services import upload_messages as M

TS = Path(M.__file__).resolve().parents[1] / "i18n" / "uploads_core_zh_CN.ts"


def _table() -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for ctx in ET.parse(TS).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.get("type") is None and (tr.text or "").strip():
                out[(name, msg.findtext("source") or "")] = tr.text or ""
    return out


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_upload_message_is_translated_with_the_same_fields() -> None:
    table = _table()
    assert len(M.MESSAGES) >= 20
    assert len(set(M.MESSAGES)) == len(M.MESSAGES)
    for template in M.MESSAGES:
        text = table.get((M.CONTEXT, template), "")
        assert text.strip(), template
        assert text != template
        assert _fields(text) == _fields(template), template


def test_render_fills_in_and_survives_a_broken_template() -> None:
    assert M.render(M.UNREADABLE, {"error": "Permission denied"}) == (
        "Cannot be read: Permission denied"
    )
    assert M.render(M.UNREADABLE, {}) == M.UNREADABLE
