"""After the pre-flight checks: ask what to do, and work out exactly what is sent.

In order: two files writing one output blocks (it must be fixed in the name); outputs that
could not be checked are named and the user decides; outputs that already exist are listed
with Overwrite (force) / Skip those / Cancel; never-upscale changes (skipped outputs, outputs
kept at the source size, sizes that could not be read) are shown before sending.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from qfopgui.services.preflight import PreflightReport
from qfopgui.services.preflight_outcome import (
    apply_upscale,
    drop_outputs,
    existing_keys,
    still_planned,
)
from qfopgui.services.submitter import SubmitItem, SubmitOptions
from qfopgui.ui.human_readable import human_size
from qfopgui.ui.jobs.preflight_question import Choice, PreflightQuestion, ask
from qfopgui.ui.translated_messages import api_error_text, problem_text

Ask = Callable[[PreflightQuestion], Awaitable[str]]


@dataclass(frozen=True)
class Decision:
    """``send``: go ahead with ``items``/``options``; otherwise ``message`` says why not."""

    send: bool
    items: tuple[SubmitItem, ...] = ()
    options: SubmitOptions = field(default_factory=SubmitOptions)
    message: str = ""
    notes: tuple[str, ...] = ()  # what the checks changed (shown while sending)


class PreflightFlow(QObject):
    """Turns a `PreflightReport` into a `Decision`, asking through ``ask`` (tests answer
    directly; the app shows a `PreflightQuestion` over ``parent``)."""

    def __init__(self, parent: QWidget, ask_fn: Ask = ask) -> None:
        super().__init__(parent)
        self._parent = parent
        self.ask = ask_fn
        self.question: PreflightQuestion | None = None  # the one on screen (tests, harness)

    async def _ask(
        self,
        name: str,
        title: str,
        text: str,
        lines: Sequence[str],
        choices: Sequence[Choice],
        copy_lines: Sequence[str] = (),
    ) -> str:
        question = PreflightQuestion(
            title=title,
            text=text,
            lines=lines,
            choices=choices,
            copy_lines=copy_lines,
            name=name,
            parent=self._parent,
        )
        self.question = question
        try:
            return await self.ask(question)
        finally:
            self.question = None

    async def failed(
        self, error: Exception, items: Sequence[SubmitItem], options: SubmitOptions
    ) -> Decision:
        """The checks themselves failed (no connection, no SecretKey): send anyway?"""
        answer = await self._ask(
            "check_failed_question",
            self.tr("Outputs not checked"),
            self.tr(
                "qfopgui could not check whether the outputs already exist or whether a video "
                "would be enlarged: %1"
            ).replace("%1", api_error_text(error)),
            (),
            (Choice("send", self.tr("Send anyway")), Choice("cancel", self.tr("Cancel"), True)),
        )
        if answer != "send":
            return Decision(False, message=self.tr("Nothing was sent."))
        return Decision(True, tuple(items), options)

    async def review(
        self, report: PreflightReport, items: Sequence[SubmitItem], options: SubmitOptions
    ) -> Decision:
        if report.cancelled:
            return Decision(False, message=self.tr("The check was stopped; nothing was sent."))
        if report.duplicates:
            await self._ask(
                "duplicates_question",
                self.tr("Two files would make the same output"),
                self.tr(
                    "Each of these outputs would be written by two files, and the later one "
                    "would replace the other. Change the output name, then submit again."
                ),
                [problem_text(p) for p in report.duplicates],
                (Choice("close", self.tr("Close"), True),),
            )
            return Decision(False, message=problem_text(report.duplicates[0]))
        applied = apply_upscale(items, report.upscale)
        todo = list(applied.items)
        if report.unchecked and not await self._send_unchecked(report, todo):
            return Decision(False, message=self.tr("Nothing was sent."))
        existing = still_planned(todo, existing_keys(report))
        if existing and not options.force:  # "Overwrite existing outputs" answered already
            answer = await self._ask_existing(report, existing)
            if answer == "overwrite":
                options = dataclasses.replace(options, force=True)
            elif answer == "skip":
                todo = drop_outputs(todo, existing)
            else:
                return Decision(False, message=self.tr("Nothing was sent."))
        notes = [problem_text(d.sentence) for d in applied.changed]
        notes += [problem_text(p) for p in report.unreadable_sizes]
        if notes and not await self._confirm_sizes(notes, bool(todo)):
            return Decision(False, message=self.tr("Nothing was sent."), notes=tuple(notes))
        if not todo:
            return Decision(
                False, message=self.tr("Nothing is left to send: every output was skipped.")
            )
        return Decision(True, tuple(todo), options, notes=tuple(notes))

    async def _send_unchecked(self, report: PreflightReport, items: Sequence[SubmitItem]) -> bool:
        keys = still_planned(items, [(u.target.bucket, u.target.key) for u in report.unchecked])
        if not keys:
            return True
        shown = [u for u in report.unchecked if (u.target.bucket, u.target.key) in set(keys)]
        n = len(keys)
        answer = await self._ask(
            "unchecked_question",
            self.tr("Outputs not checked"),
            (
                self.tr(
                    "qfopgui could not check whether 1 output already exists. If it does, "
                    "the job is reported done at once and the old file is kept."
                )
                if n == 1
                else self.tr(
                    "qfopgui could not check whether %1 outputs already exist. Those that do "
                    "are reported done at once and the old files are kept."
                ).replace("%1", f"{n:,}")
            ),
            [problem_text(u.sentence, subject=False) for u in shown],
            (Choice("send", self.tr("Send anyway")), Choice("cancel", self.tr("Cancel"), True)),
            copy_lines=[key for _bucket, key in keys],
        )
        return answer == "send"

    async def _ask_existing(self, report: PreflightReport, keys: Sequence[tuple[str, str]]) -> str:
        wanted = set(keys)
        lines: list[str] = []
        seen: set[tuple[str, str]] = set()
        for e in report.existing:
            where = (e.target.bucket, e.target.key)
            if where in wanted and where not in seen:
                seen.add(where)
                lines.append(
                    self.tr("%1 · %2 · from %3")
                    .replace("%1", e.target.key)
                    .replace("%2", human_size(e.info.fsize))
                    .replace("%3", e.target.source)
                )
        n, bucket = len(keys), keys[0][0]
        text = (
            self.tr("1 output already exists in %2.")
            if n == 1
            else self.tr("%1 outputs already exist in %2.").replace("%1", f"{n:,}")
        ).replace("%2", bucket)
        text += " " + self.tr(
            "Overwrite replaces them with new results. Skip those sends only the other outputs "
            "(a file with nothing else to make is not sent)."
        )
        return await self._ask(
            "existing_question",
            self.tr("Outputs already exist"),
            text,
            lines,
            (
                Choice("overwrite", self.tr("Overwrite")),
                Choice("skip", self.tr("Skip those"), True),
                Choice("cancel", self.tr("Cancel")),
            ),
            copy_lines=[key for _bucket, key in keys],
        )

    async def _confirm_sizes(self, notes: Sequence[str], anything_left: bool) -> bool:
        n = len(notes)
        text = (
            self.tr("Never enlarge: 1 output is changed so that no video is made bigger.")
            if n == 1
            else self.tr(
                "Never enlarge: %1 outputs are changed so that no video is made bigger."
            ).replace("%1", f"{n:,}")
        )
        choices = [Choice("cancel", self.tr("Cancel"), not anything_left)]
        if anything_left:
            choices.insert(0, Choice("send", self.tr("Send"), True))
        answer = await self._ask("sizes_question", self.tr("Smaller sources"), text, notes, choices)
        return answer == "send"
