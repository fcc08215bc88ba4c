"""Icons from `qfopgui/assets/icons/*.svg`, looked up through importlib.resources (works frozen)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

ICON_NAMES = (
    "account",
    "app",
    "audio",
    "bucket",
    "error",
    "file",
    "files",
    "folder",
    "image",
    "info",
    "jobs",
    "lock",
    "pipelines",
    "presets",
    "refresh",
    "sandbox",
    "transcode",
    "transfers",
    "upload",
    "video",
    "warning",
)


def assets_dir() -> Path:
    return Path(str(resources.files("qfopgui"))) / "assets"


@cache
def icon(name: str) -> QIcon:
    """The named icon (a null QIcon if the file is missing; `check_assets` reports that)."""
    path = assets_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def check_assets() -> list[str]:
    """Names of icons that are missing or do not render (the smoke test fails on any)."""
    bad = []
    for name in ICON_NAMES:
        ic = icon(name)
        if ic.isNull() or ic.pixmap(QSize(16, 16)).isNull():
            bad.append(name)
    return bad
