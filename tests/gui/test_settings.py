from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from qfopgui.settings import SCHEMA_VERSION, Settings

pytestmark = pytest.mark.gui


def test_typed_values_round_trip_through_the_ini_file(qapp: Any, tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.ini"
    s = Settings(path)
    assert s.get("ui/last_view") == "files"
    assert s.get("window/geometry") == b""
    s.set("window/geometry", b"\x00\x01binary")
    s.set("ui/last_view", "jobs")
    s.sync()
    assert path.exists()
    again = Settings(path)
    assert again.get("window/geometry") == b"\x00\x01binary"
    assert again.get("ui/last_view") == "jobs"
    assert again.get("schema_version") == SCHEMA_VERSION
    with pytest.raises(KeyError):
        again.get("not/declared")
