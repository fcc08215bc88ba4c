"""Every `self.tr()` text in the UI has a finished zh_CN translation.

`pyside6-lupdate` extracts the texts exactly as Qt's tools see them (context = class name);
each must be in one of our catalogues, non-empty and not marked unfinished — `read_ts` skips
unfinished entries, so those count as missing too.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from qfopgui.i18n import i18n_dir, read_ts

UI = Path(__file__).resolve().parents[2] / "qfopgui" / "ui"


def test_every_ui_text_has_a_finished_chinese_translation(tmp_path: Path) -> None:
    tool = Path(sys.executable).parent / "pyside6-lupdate"
    if not tool.exists():
        pytest.skip("pyside6-lupdate not installed")
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    out = tmp_path / "scan_zh_CN.ts"
    subprocess.run(
        [str(tool), *sources, "-ts", str(out)], check=True, capture_output=True, timeout=120
    )
    table: dict[tuple[str, str], str] = {}
    for ts in i18n_dir().glob("*_zh_CN.ts"):
        table.update(read_ts(ts))
    by_source = {src for (_ctx, src) in table}
    found, missing = 0, []
    for ctx in ET.parse(out).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            found += 1
            if (name, source) in table or not name:  # no context: lupdate misread an alias
                continue  # (`tr = QCoreApplication.translate; tr("ctx", …)`), not a text
            if name == "parent" and source in by_source:  # `parent.tr(…)`: found by source
                continue
            missing.append(f"[{name}] {source}")
    assert found > 250  # the scan really read the UI
    assert not missing, "translate these in qfopgui/i18n/*_zh_CN.ts:\n" + "\n".join(missing)
