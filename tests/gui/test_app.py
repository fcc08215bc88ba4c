from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from qfopgui import app
from qfopgui.ui.widgets import icons

pytestmark = pytest.mark.gui


def test_smoke_test_in_process_returns_0(qapp: Any, tmp_path: Path) -> None:
    assert app.main(["--smoke-test", "--basedir", str(tmp_path)]) == 0
    assert (tmp_path / "logs" / "qfopgui.log").read_text().count("smoke test passed") == 1
    assert (tmp_path / "config" / "settings.ini").exists()  # window state was saved


def test_smoke_test_fails_when_an_asset_is_missing(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(icons, "check_assets", lambda: ["video"])
    assert app.main(["--smoke-test", "--basedir", str(tmp_path)]) == 1


def test_assets_all_load(qapp: Any) -> None:
    assert icons.check_assets() == []


def test_python_dash_m_smoke_test(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "qfopgui",
            "--smoke-test",
            "--basedir",
            str(tmp_path),
            "--lang",
            "zh_CN",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr


def test_flags_parse() -> None:
    args = app.parse_args(["--sandbox", "--basedir", "/x", "--lang", "zh_CN"])
    assert args.sandbox
    assert args.basedir == Path("/x")
    assert args.lang == "zh_CN"
    with pytest.raises(SystemExit):
        app.parse_args(["--lang", "fr"])


def test_gc_runs_on_the_qt_thread_only(qapp: Any) -> None:
    import gc
    import weakref

    class Node:
        pass

    was = gc.isenabled()
    collector = app.MainThreadGC(interval_ms=10)
    collector.start()
    try:
        assert not gc.isenabled()
        a, b = Node(), Node()
        a.other, b.other = b, a  # type: ignore[attr-defined]
        ref = weakref.ref(a)
        del a, b
        keep = [Node() for _ in range(gc.get_threshold()[0] + 10)]  # generation 0 fills up
        assert ref() is not None  # automatic collection is off
        collector.collect()
        assert ref() is None
        assert keep
    finally:
        collector.stop()
    assert gc.isenabled() == was
