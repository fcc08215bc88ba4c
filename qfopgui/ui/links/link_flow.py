"""Copy links / Export links for many results at once: collect → ask → copy or export → report.

One controller for the Jobs view (selection, a batch), the batches banner and the Files view,
so all of them ask the same questions and say the same things:

* asked only when needed, once: how long private links work (a private bucket is involved;
  the last choice is preselected) and which domain a bucket with several domains uses (asked
  the first time, then remembered; shown again, changeable, whenever the dialog opens);
* the clipboard gets one URL per line (keys percent-encoded: nothing can split a line);
* the status bar says what was copied ("Copied 38 links; 2 jobs not done yet"), a banner names
  the outputs no link could be made for.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from qfopgui.core.jobs import JobRecord
from qfopgui.core.object_keys import display_key
from qfopgui.services.batch_links import (
    BatchLinks,
    collect_links,
    collect_object_links,
    export_links_csv,
    link_places,
)
from qfopgui.services.csv_export import CsvExportError
from qfopgui.services.executors import RunIn
from qfopgui.services.links import LinkResolver
from qfopgui.ui.background import TaskStarter, run_dialog
from qfopgui.ui.links.link_options_dialog import (
    LinkAnswer,
    LinkOptionsDialog,
    LinkQuestion,
    Place,
    domain_questions,
)
from qfopgui.ui.links.link_preferences import LinkPreferences
from qfopgui.ui.translated_messages import api_error_text

AskOptions = Callable[[LinkQuestion, str], Awaitable[LinkAnswer | None]]
AskPath = Callable[[str], Awaitable[Path | None]]
KEY_LIMIT = 10_000  # "Copy keys" escapes control characters but never shortens a key


class LinkShell(Protocol):
    """What the flow needs from the main window (the jobs feature's shell has all of it)."""

    def show_banner(
        self,
        key: str,
        text: str,
        *,
        level: str = "info",
        action_text: str | None = None,
        action: Callable[[], object] | None = None,
    ) -> None: ...
    def hide_banner(self, key: str) -> None: ...
    def set_status(self, section: str, text: str) -> None: ...
    def dialog_parent(self) -> QWidget: ...


@dataclass(frozen=True)
class _Where:
    """Where the answer goes: the Jobs or the Files status section and banner."""

    status: str
    banner: str
    jobs: bool


JOBS = _Where("jobs-action", "jobs-links", jobs=True)
FILES = _Where("files-action", "files-links", jobs=False)


class LinkFlow(QObject):
    """See the module docstring. ``ask_options``, ``choose_export_path`` and
    ``put_on_clipboard`` are seams for tests; ``dialog`` is the options dialog on screen."""

    def __init__(
        self,
        shell: LinkShell,
        resolver: LinkResolver,
        prefs: LinkPreferences,
        tasks: TaskStarter,
        run_store: RunIn,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._resolver = resolver
        self._prefs = prefs
        self._tasks = tasks
        self._run_store = run_store
        self.ask_options: AskOptions = self._ask_dialog
        self.choose_export_path: AskPath = self._ask_export_path
        self.put_on_clipboard: Callable[[str], None] = copy_text
        self.dialog: LinkOptionsDialog | None = None

    # --- started from signals and menus -------------------------------------------------------

    def copy_jobs(self, records: Sequence[JobRecord]) -> None:
        self._tasks.command(self.copy_job_links(records), "links:copy")

    def export_jobs(self, records: Sequence[JobRecord]) -> None:
        self._tasks.command(self.export_job_links(records), "links:export")

    def copy_objects(self, profile: str, bucket: str, keys: Sequence[str]) -> None:
        self._tasks.command(self.copy_object_links(profile, bucket, keys), "links:copy")

    def export_objects(self, profile: str, bucket: str, keys: Sequence[str]) -> None:
        self._tasks.command(self.export_object_links(profile, bucket, keys), "links:export")

    def edit_options(self, places: Sequence[Place]) -> None:
        self._tasks.command(self.options(places, self.tr("Save"), always=True), "links:options")

    # --- the flows ------------------------------------------------------------------------------

    async def copy_job_links(self, records: Iterable[JobRecord]) -> BatchLinks | None:
        """Every output link of the done jobs among ``records`` on the clipboard."""
        records = list(records)
        expires = await self.options(link_places(records), self.tr("Copy links"))
        if expires is None:
            self._shell.set_status(JOBS.status, self.tr("No links copied"))
            return None
        found = await collect_links(self._resolver, records, expires=expires)
        self._copy(found, JOBS)
        return found

    async def copy_object_links(
        self, profile: str, bucket: str, keys: Sequence[str]
    ) -> BatchLinks | None:
        """The links of these files (Files view selection; folders are not in ``keys``)."""
        expires = await self.options([(profile, bucket)] if keys else [], self.tr("Copy links"))
        if expires is None:
            self._shell.set_status(FILES.status, self.tr("No links copied"))
            return None
        found = await collect_object_links(self._resolver, profile, bucket, keys, expires=expires)
        self._copy(found, FILES)
        return found

    async def export_job_links(self, records: Iterable[JobRecord]) -> int | None:
        """The links of the done jobs among ``records`` as a CSV file the user names."""
        records = list(records)
        expires = await self.options(link_places(records), self.tr("Export links"))
        path = await self._export_path() if expires is not None else None
        if expires is None or path is None:
            return None
        found = await collect_links(self._resolver, records, expires=expires)
        return await self._write(path, found, JOBS)

    async def export_object_links(
        self, profile: str, bucket: str, keys: Sequence[str]
    ) -> int | None:
        expires = await self.options([(profile, bucket)] if keys else [], self.tr("Export links"))
        path = await self._export_path() if expires is not None else None
        if expires is None or path is None:
            return None
        found = await collect_object_links(self._resolver, profile, bucket, keys, expires=expires)
        return await self._write(path, found, FILES)

    def copy_keys(self, keys: Sequence[str]) -> None:
        """The keys, one per line; a control character in a key is written as ``\\x0a`` so
        every key stays on its own line."""
        if not keys:
            return
        self.put_on_clipboard("\n".join(display_key(k, limit=KEY_LIMIT) for k in keys))
        n = len(keys)
        text = self.tr("Copied 1 key") if n == 1 else self.tr("Copied %1 keys")
        self._shell.set_status(FILES.status, fill(text, f"{n:,}"))

    # --- asking ---------------------------------------------------------------------------------

    async def options(
        self, places: Sequence[Place], ok_text: str, *, always: bool = False
    ) -> int | None:
        """The expiry to sign private links with, after asking what is not known yet; None
        when the user cancelled. Choices are saved for next time."""
        found: list[tuple[Place, list[str]]] = []
        private: list[str] = []
        for place in dict.fromkeys(places):
            try:
                domains = await self._resolver.domains(*place)
            except LookupError:
                continue  # the collect step names it, with the reason
            found.append((place, domains))
            if domains and await self._resolver.is_private(*place):
                private.append(place[1])
        chosen = {place: self._prefs.domain_for(*place) for place, _ in found}
        ask_expiry = bool(private) or always
        if not ask_expiry and not domain_questions(found, chosen, all_=False):
            return self._prefs.expiry()
        question = LinkQuestion(
            ask_expiry=ask_expiry,
            expiry=self._prefs.expiry(),
            domains=domain_questions(found, chosen, all_=True),
            private_buckets=tuple(private),
        )
        answer = await self.ask_options(question, ok_text)
        if answer is None:
            return None
        if ask_expiry:
            self._prefs.set_expiry(answer.expiry)
        for (profile, bucket), domain in answer.domains.items():
            self._prefs.set_domain(profile, bucket, domain)
        return answer.expiry

    async def _ask_dialog(self, question: LinkQuestion, ok_text: str) -> LinkAnswer | None:
        dialog = LinkOptionsDialog(question, ok_text, self._shell.dialog_parent())
        self.dialog = dialog
        try:
            result = await run_dialog(dialog)
            return dialog.answer() if result else None
        finally:
            self.dialog = None
            dialog.deleteLater()

    async def _export_path(self) -> Path | None:
        return await self.choose_export_path(f"links-{datetime.now():%Y%m%d-%H%M}.csv")

    async def _ask_export_path(self, suggested: str) -> Path | None:
        dialog = QFileDialog(
            self._shell.dialog_parent(),
            self.tr("Export links"),
            suggested,
            self.tr("CSV files (*.csv)"),
        )
        dialog.setObjectName("links_export_file")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        try:
            result = await run_dialog(dialog)
            files = dialog.selectedFiles()
        finally:
            dialog.deleteLater()
        return Path(files[0]) if result and files else None

    # --- reporting ------------------------------------------------------------------------------

    def _copy(self, found: BatchLinks, where: _Where) -> None:
        if found.links:
            self.put_on_clipboard(found.text())
        self._shell.set_status(where.status, self.copied_text(len(found.links), found.not_done))
        self._name_missing(found, where)

    async def _write(self, path: Path, found: BatchLinks, where: _Where) -> int:
        try:
            n: int = await self._run_store(lambda: export_links_csv(path, found.links))
        except CsvExportError as exc:
            self._shell.show_banner(
                where.banner,
                fill(self.tr("The links could not be exported to %1: %2"), str(path), exc.reason),
                level="error",
            )
            return 0
        done = fill(
            self.tr("Exported 1 link to %2") if n == 1 else self.tr("Exported %1 links to %2"),
            f"{n:,}",
            path.name,
        )
        self._shell.set_status(where.status, self._with_not_done(done, found.not_done))
        self._name_missing(found, where)
        return n

    def copied_text(self, n: int, not_done: int) -> str:
        """ "Copied 40 links", "Copied 38 links; 2 jobs not done yet", "No links copied"."""
        if n == 0:
            copied = self.tr("No links copied")
        elif n == 1:
            copied = self.tr("Copied 1 link")
        else:
            copied = self.tr("Copied %1 links").replace("%1", f"{n:,}")
        return self._with_not_done(copied, not_done)

    def _with_not_done(self, text: str, not_done: int) -> str:
        if not not_done:
            return text
        later = (
            self.tr("1 job not done yet")
            if not_done == 1
            else self.tr("%1 jobs not done yet").replace("%1", f"{not_done:,}")
        )
        return fill(self.tr("%1; %2"), text, later)

    def _name_missing(self, found: BatchLinks, where: _Where) -> None:
        if not found.missing:
            self._shell.hide_banner(where.banner)
            return
        first = found.missing[0]
        key, why = display_key(first.output_key), api_error_text(first.error)
        if len(found.missing) == 1:
            text = fill(self.tr("No link for %1: %2"), key, why)
        else:
            many = (
                self.tr("%1 outputs have no link, for example %2: %3")
                if where.jobs
                else self.tr("%1 files have no link, for example %2: %3")
            )
            text = fill(many, f"{len(found.missing):,}", key, why)
        self._shell.show_banner(where.banner, text, level="warning")


def fill(template: str, *args: str) -> str:
    """``%1``, ``%2``… replaced in one pass, so a file name holding ``%2`` stays as it is."""
    return re.sub(r"%(\d)", lambda m: _arg(args, int(m.group(1)), m.group()), template)


def _arg(args: Sequence[str], n: int, original: str) -> str:
    return args[n - 1] if 0 < n <= len(args) else original


def copy_text(text: str) -> None:
    """Put ``text`` on the clipboard."""
    QGuiApplication.clipboard().setText(text)
