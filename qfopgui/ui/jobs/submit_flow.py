"""Opening the Transcode dialog: which presets it offers and ticks, the account's saved
pipelines, its pre-flight checks and preview, and what happens once a batch is in."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from qfopgui.core.jobs import JobRecord
from qfopgui.core.presets import BUILTIN_PRESETS, Preset
from qfopgui.services.links import LinkResolver
from qfopgui.services.preflight_runner import AccountPreflights
from qfopgui.ui.background import TaskStarter
from qfopgui.ui.context import AppContext
from qfopgui.ui.jobs.shell_protocol import JobsShell
from qfopgui.ui.jobs.submit_dialog import PresetPreview, SubmitDialog
from qfopgui.ui.jobs.submit_form import RememberedPresets

DEFAULT_CHECKED = ("MP4 H.264 720p",)
Submitted = Callable[[str, list[JobRecord]], None]  # (batch id, records)


def _builtin_presets() -> Sequence[Preset]:
    return BUILTIN_PRESETS


class SubmitFlow(QObject):
    """``presets_provider`` and ``preset_preview`` are set by the composition root (the
    preset library and the preview launcher)."""

    def __init__(
        self,
        shell: JobsShell,
        ctx: AppContext,
        links: LinkResolver,
        tasks: TaskStarter,
        on_submitted: Submitted,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._ctx = ctx
        self._links = links
        self._tasks = tasks
        self._on_submitted = on_submitted
        self.presets_provider: Callable[[], Sequence[Preset]] = _builtin_presets
        self.preset_preview: PresetPreview | None = None  # "Preview…" in the dialog
        self.remembered = RememberedPresets(ctx.settings, DEFAULT_CHECKED)
        # picture sizes for never-upscale are kept per account across dialogs
        self.preflights = AccountPreflights(ctx.clients.client_for, ctx.run_blocking, links.buckets)
        self.last_dialog: SubmitDialog | None = None

    def open_submit(self, bucket: str, keys: list[str]) -> SubmitDialog | None:
        shown = self._shell.current_profile()
        if shown is None or not keys:
            return None
        # the shell's Profile may predate edits made since (pipelines added in the Pipelines
        # view): the profile store has the saved one
        profile = self._ctx.profiles.get(shown.name) or shown
        dialog = SubmitDialog(
            profile_name=profile.name,
            source_bucket=bucket,
            keys=keys,
            presets=list(self.presets_provider()),
            submitter=self._ctx.jobs,
            pipelines=profile.pipelines,
            default_pipeline=profile.default_pipeline,
            checked=self.checked_presets(),
            preflight=self.preflights.for_profile(profile.name),
            preview=self.preset_preview,
            start_task=self._start_submit,
            parent=self._shell.dialog_parent(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(self._on_submitted)
        dialog.finished.connect(functools.partial(self._remember_presets, dialog))
        self.last_dialog = dialog
        dialog.open()
        self._tasks.load(self._fill_buckets(dialog, profile.name), "jobs:buckets")
        return dialog

    def checked_presets(self) -> tuple[str, ...]:
        return self.remembered.load()

    def _start_submit(self, coro: Coroutine[Any, Any, object]) -> asyncio.Task[object]:
        return self._ctx.tasks.start(coro, name="jobs:submit")

    def _remember_presets(self, dialog: SubmitDialog, _result: int) -> None:
        self.remembered.save([p.name for p in dialog.selected_presets()])

    async def _fill_buckets(self, dialog: SubmitDialog, profile: str) -> None:
        buckets = await self._links.buckets(profile)
        if buckets:
            dialog.set_buckets([b.name for b in buckets])
