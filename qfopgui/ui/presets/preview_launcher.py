"""Opens "Preview on this file" for a preset: from the editor (on the file selected in Files)
and from the Transcode dialog (on the file it names), in the account shown now."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from qfopgui.core.presets import Preset
from qfopgui.services.preset_preview import PreviewRunner
from qfopgui.services.profiles import Profile
from qfopgui.ui.background import TaskOwner
from qfopgui.ui.presets.preview_dialog import PreviewDialog


class PreviewShell(Protocol):
    def current_profile(self) -> Profile | None: ...
    def dialog_parent(self) -> QWidget: ...
    def show_banner(self, key: str, text: str, *, level: str = "info") -> None: ...


class PreviewLauncher(QObject):
    """``selection()`` gives the Files view's bucket and selected keys (files, not folders)."""

    def __init__(
        self,
        shell: PreviewShell,
        runner: PreviewRunner,
        tasks: TaskOwner,
        selection: Callable[[], tuple[str | None, list[str]]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._runner = runner
        self._tasks = tasks
        self._selection = selection
        self.last_dialog: PreviewDialog | None = None

    def from_editor(self, preset: Preset) -> None:
        bucket, keys = self._selection()
        files = [k for k in keys if not k.endswith("/")]
        self.open(preset, bucket, files[0] if files else "")

    def from_transcode(self, preset: Preset, bucket: str, key: str) -> None:
        self.open(preset, bucket, key)

    def open(self, preset: Preset, bucket: str | None, key: str) -> PreviewDialog | None:
        profile = self._shell.current_profile()
        if profile is None or not bucket:
            self._shell.show_banner(
                "presets-preview",
                self.tr(
                    "To preview a preset, open a bucket in Files and select the file to try "
                    "it on, then choose Preview again."
                ),
            )
            return None
        dialog = PreviewDialog(
            self._runner,
            self._tasks,
            profile=profile.name,
            bucket=bucket,
            key=key,
            preset=preset,
            pipeline=profile.default_pipeline,
            parent=self._shell.dialog_parent(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _forget(self) -> None:
        self.last_dialog = None
