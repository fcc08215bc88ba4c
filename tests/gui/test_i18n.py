from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from qfopgui.i18n import i18n_dir, install_translations, read_ts, resolve_language
from qfopgui.ui import human_readable as fmt
from qfopgui.ui.shell.welcome import WelcomePage

pytestmark = pytest.mark.gui

TS = i18n_dir() / "qfopgui_zh_CN.ts"


@pytest.fixture
def zh(qapp: QApplication) -> Iterator[QApplication]:
    translators = install_translations(qapp, "zh_CN")
    assert translators
    yield qapp
    for t in translators:
        qapp.removeTranslator(t)


def test_zh_cn_shows_chinese(zh: Any, qtbot: Any) -> None:
    page = WelcomePage()
    qtbot.addWidget(page)
    assert page.sandbox_button.text() == "试用沙盒"
    assert fmt.human_duration(80) == "1 分 20 秒"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)  # Qt's own catalogue, not blank
    qtbot.addWidget(box)
    text = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert text == "取消"  # and never blank (a translator answering "" would blank it)


def test_english_is_the_default(qapp: Any, qtbot: Any) -> None:
    assert install_translations(qapp, "en") == []
    page = WelcomePage()
    qtbot.addWidget(page)
    assert page.sandbox_button.text() == "Try the sandbox"


def test_resolve_language() -> None:
    assert resolve_language("zh_CN") == "zh_CN"
    assert resolve_language("zh-TW") == "zh_CN"
    assert resolve_language("de_DE") == "en"


def test_every_string_is_translated() -> None:
    table = read_ts(TS)
    assert len(table) >= 100
    assert all(v.strip() for v in table.values())


def test_placeholders_survive_translation() -> None:
    for (_ctx, src), text in read_ts(TS).items():
        for ph in ("%1", "%2"):
            assert (ph in src) == (ph in text), (src, text)


def test_ts_compiles_with_lrelease(tmp_path: Path) -> None:
    venv_tool = Path(__import__("sys").executable).parent / "pyside6-lrelease"
    tool = str(venv_tool) if venv_tool.exists() else shutil.which("pyside6-lrelease")
    if tool is None:
        pytest.skip("pyside6-lrelease not installed")
    out = subprocess.run(
        [tool, str(TS), "-qm", str(tmp_path / "x.qm")], capture_output=True, text=True, check=True
    )
    assert "0 unfinished" in out.stdout
    assert (tmp_path / "x.qm").stat().st_size > 1000


def test_region_names_are_marked_for_translation() -> None:
    from qfopgui.api.config import KNOWN_REGIONS
    from qfopgui.ui.accounts.account_dialog import REGION_LABELS

    assert set(REGION_LABELS) == set(KNOWN_REGIONS.values())
    table = read_ts(TS)
    assert all(("AccountDialog", label) in table for label in REGION_LABELS)


def test_a_compiled_qm_alone_is_enough(
    qapp: QApplication, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Frozen builds ship only `.qm` files (compiled with pyside6-lrelease at build time)."""
    tool = Path(__import__("sys").executable).parent / "pyside6-lrelease"
    if not tool.exists():
        pytest.skip("pyside6-lrelease not installed")
    subprocess.run(
        [str(tool), str(TS), "-qm", str(tmp_path / "qfopgui_zh_CN.qm")],
        check=True,
        capture_output=True,
    )
    monkeypatch.setattr("qfopgui.i18n.i18n_dir", lambda: tmp_path)
    translators = install_translations(qapp, "zh_CN")
    try:
        page = WelcomePage()
        qtbot.addWidget(page)
        assert page.sandbox_button.text() == "试用沙盒"
    finally:
        for t in translators:
            qapp.removeTranslator(t)
