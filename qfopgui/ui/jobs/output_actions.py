"""What the user does with the results of jobs: export the list as CSV, copy or open a link.

Links of many jobs at once (Copy links, Export links…) are `qfopgui.ui.links.link_flow`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog

from qfopgui.core.jobs import JobRecord
from qfopgui.services.csv_export import CsvExportError, export_jobs_csv
from qfopgui.services.executors import RunIn
from qfopgui.services.links import LinkResolver
from qfopgui.ui.background import TaskStarter
from qfopgui.ui.jobs.shell_protocol import JobsShell
from qfopgui.ui.translated_messages import api_error_text


class OutputActions(QObject):
    """Export CSV, Copy link, Open. `open_url` and `choose_export_path` are seams for tests."""

    def __init__(
        self,
        shell: JobsShell,
        links: LinkResolver,
        run_store: RunIn,
        tasks: TaskStarter,
        profile: Callable[[], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._links = links
        self._run_store = run_store
        self._tasks = tasks
        self._profile = profile
        self.open_url: Callable[[str], object] = _open_in_browser
        self.choose_export_path: Callable[[str], str | None] = self._ask_export_path

    def export(self, records: list[JobRecord]) -> None:
        suggested = f"jobs-{datetime.now():%Y%m%d-%H%M}.csv"
        path = self.choose_export_path(suggested)
        if path:
            self._tasks.command(self.write_csv(Path(path), records), "jobs:export")

    async def write_csv(self, path: Path, records: list[JobRecord]) -> int:
        try:
            n: int = await self._run_store(lambda: export_jobs_csv(path, records))
        except CsvExportError as exc:
            self._shell.show_banner(
                "jobs-export",
                self.tr("The jobs could not be exported to %1: %2")
                .replace("%1", str(path))
                .replace("%2", exc.reason),
                level="error",
            )
            return 0
        self._shell.set_status(
            "jobs-action",
            self.tr("Exported %1 jobs to %2").replace("%1", f"{n:,}").replace("%2", path.name),
        )
        return n

    def _ask_export_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self._shell.dialog_parent(),
            self.tr("Export jobs"),
            suggested,
            self.tr("CSV files (*.csv)"),
        )
        return path or None

    def on_copy_link_requested(self, bucket: str, key: str) -> None:
        self._tasks.command(self.copy_link(bucket, key), "jobs:link")

    def on_open_requested(self, bucket: str, key: str) -> None:
        self._tasks.command(self.open_output(bucket, key), "jobs:open")

    async def copy_link(self, bucket: str, key: str) -> str | None:
        url = await self._link(bucket, key)
        if url:
            copy_text(url)
            self._shell.set_status("jobs-action", self.tr("Link copied"))
        return url

    async def open_output(self, bucket: str, key: str) -> str | None:
        url = await self._link(bucket, key)
        if url:
            self.open_url(url)
        return url

    async def _link(self, bucket: str, key: str) -> str | None:
        profile = self._profile()
        if profile is None:
            return None
        try:
            return await self._links.url(profile, bucket, key)
        except LookupError as exc:
            self._shell.show_banner("jobs-link", api_error_text(exc), level="warning")
            return None


def copy_text(text: str) -> None:
    """Put `text` on the clipboard (links, job IDs: everything a user may paste elsewhere)."""
    QGuiApplication.clipboard().setText(text)


def _open_in_browser(url: str) -> bool:
    return QDesktopServices.openUrl(QUrl(url))
