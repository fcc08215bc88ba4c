"""Fakes for the uploads UI tests: a stand-in window and Files view, and the controller on them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from qfopgui.services.profiles import Profile, ProfileStore
from qfopgui.settings import Settings
from qfopgui.ui.background import TaskOwner, TaskStarter
from qfopgui.ui.uploads.controller import UploadsController
from tests.gui.uploads.fake_uploads import FakeUploads

DEMO = Profile("demo", "AK" * 20, pipelines=("video-hd",), default_pipeline="video-hd")


class FakeShell(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.views: dict[str, QWidget] = {}
        self.badges: dict[str, str] = {}
        self.banners: dict[str, dict[str, Any]] = {}
        self.status: dict[str, str] = {}
        self.shown_view: str | None = None

    def add_view(self, key: str, title: str, widget: QWidget, *, icon: Any = None) -> None:
        self.views[key] = widget
        self.stack.addWidget(widget)

    def show_view(self, key: str) -> None:
        self.shown_view = key
        if key in self.views:
            self.stack.setCurrentWidget(self.views[key])

    def current_view(self) -> str | None:
        return self.shown_view

    def set_nav_badge(self, key: str, text: str) -> None:
        self.badges[key] = text

    def show_banner(
        self,
        key: str,
        text: str,
        *,
        level: str = "info",
        action_text: str | None = None,
        action: Any = None,
    ) -> None:
        self.banners[key] = {"text": text, "level": level, "action": action}

    def hide_banner(self, key: str) -> None:
        self.banners.pop(key, None)

    def set_status(self, section: str, text: str) -> None:
        self.status[section] = text

    def dialog_parent(self) -> QWidget:
        return self


class FakeFiles(QObject):
    bucket_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.profile: Profile | None = DEMO
        self.bucket: str | None = "media"
        self.prefix = "videos/"
        self.buckets = {"media", "other"}
        self.refreshed = 0

    def current_profile(self) -> Profile | None:
        return self.profile

    def current_bucket(self) -> str | None:
        return self.bucket

    def current_prefix(self) -> str:
        return self.prefix

    def open_bucket(self, name: str) -> None:
        if name in self.buckets:
            self.bucket, self.prefix = name, ""

    def open_folder(self, prefix: str) -> None:
        self.prefix = prefix

    def refresh(self) -> None:
        self.refreshed += 1


class Rig:
    """The controller on fakes, plus what it talks to."""

    def __init__(self, tmp_path: Path, qtbot: Any, uploads: FakeUploads) -> None:
        self.shell = FakeShell()
        qtbot.addWidget(self.shell)
        self.files = FakeFiles()
        self.uploads = uploads
        self.settings = Settings(tmp_path / "settings.ini")
        self.profiles = ProfileStore(tmp_path / "profiles.json")
        self.profiles.upsert(DEMO)
        self.owner = TaskOwner()
        self.refreshes: list[tuple[str, list[str]]] = []
        self.jobs_shown: list[int] = []
        self.chosen: list[Path] = []
        self.controller = UploadsController(
            self.shell,
            self.files,
            uploads,
            settings=self.settings,
            profiles=self.profiles,
            tasks=TaskStarter(self.owner, self.shell),
            refresh_files=self._refresh,
            show_job=self.jobs_shown.append,
            choose_paths=self._choose,
            parent=self.shell,
        )
        self.shell.add_view("transfers", "Transfers", self.controller.view)
        self.shell.show()

    def _refresh(self, bucket: str, keys: Any, *, profile: str | None = None) -> None:
        self.refreshes.append((f"{profile}:{bucket}", list(keys)))

    async def _choose(self, _parent: QWidget, folder: bool, _start: str) -> list[Path]:
        return list(self.chosen)

    @property
    def view(self) -> Any:
        return self.controller.view


@pytest.fixture
def make_rig(tmp_path: Path, qtbot: Any) -> Iterator[Callable[..., Rig]]:
    rigs: list[Rig] = []

    def make(uploads: FakeUploads | None = None) -> Rig:
        rig = Rig(tmp_path, qtbot, uploads or FakeUploads())
        rigs.append(rig)
        return rig

    yield make
    for rig in rigs:
        rig.owner.cancel_all()


def make_folder(base: Path, files: dict[str, bytes]) -> Path:
    """A folder of files (names → contents) under `base`; returns the folder."""
    folder = base / "clips"
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder
