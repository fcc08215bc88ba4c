"""One "batches finished" banner instead of one banner per batch.

Every finished batch the user has not looked at yet is summed into a single banner
("2 batches finished: 5 done, 1 failed", Show → the Jobs view filtered to those batches).
A banner with failures (or jobs that need a decision) stays until the user dismisses it or
presses Show; an all-success banner hides itself after `AUTO_HIDE_MS` — nothing to act on.
The tray message stays one per batch (the feature sends it); this is only the in-app banner.
"Copy all links" (when the window can add buttons to a banner) copies the links of every
batch the banner sums up, and leaves the banner where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from qfopgui.services.batches import BatchSummary
from qfopgui.ui.jobs.notifications import summary_text
from qfopgui.ui.jobs.shell_protocol import JobsShell

BANNER_KEY = "batches"
AUTO_HIDE_MS = 10_000


class BannerButtons(Protocol):
    """A window that can put one more button on a banner it shows (the main window can)."""

    def add_banner_button(
        self, key: str, text: str, action: Callable[[], object], *, name: str = ""
    ) -> None: ...


class BatchBanner(QObject):
    """Keeps the finished-but-unseen batches and the one banner that sums them up.

    `window` needs `show_banner`/`hide_banner` and a `banner_dismissed(str)` signal (the list
    is cleared when the user closes the banner). `show_batches(ids)` opens the Jobs view.
    `timer` (single shot, `hide_after_ms`) is public so tests can shorten or fire it.
    """

    def __init__(
        self,
        window: JobsShell,
        show_batches: Callable[[list[str]], object],
        *,
        hide_after_ms: int = AUTO_HIDE_MS,
        copy_links: Callable[[list[str]], object] | None = None,
        buttons: BannerButtons | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._show_batches = show_batches
        self._copy_links = copy_links
        self._buttons = buttons
        self._pending: dict[str, BatchSummary] = {}  # in the order they finished
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(hide_after_ms)
        self.timer.timeout.connect(self._auto_hide)
        window.banner_dismissed.connect(self._dismissed)

    # --- state -----------------------------------------------------------------------------

    def batches(self) -> list[str]:
        """Ids of the batches the banner currently sums up, oldest first."""
        return list(self._pending)

    def needs_attention(self) -> bool:
        return any(s.failed or s.undecided for s in self._pending.values())

    def total(self) -> BatchSummary:
        s = list(self._pending.values())
        return BatchSummary(
            batch_id="",
            done=sum(x.done for x in s),
            failed=sum(x.failed for x in s),
            undecided=sum(x.undecided for x in s),
            total=sum(x.total for x in s),
        )

    def text(self) -> str:
        counts = summary_text(self.total())
        if len(self._pending) == 1:
            return self.tr("Batch finished: %1").replace("%1", counts)
        return (
            self.tr("%1 batches finished: %2")
            .replace("%2", counts)
            .replace("%1", f"{len(self._pending):,}")
        )

    # --- changes ---------------------------------------------------------------------------

    def add(self, summary: BatchSummary) -> None:
        """A batch finished (again, after a retry: its old summary is replaced)."""
        self._pending.pop(summary.batch_id, None)
        self._pending[summary.batch_id] = summary
        attention = self.needs_attention()
        self._window.show_banner(
            BANNER_KEY,
            self.text(),
            level="warning" if attention else "info",
            action_text=self.tr("Show"),
            action=self.show,
        )
        if self._copy_links is not None and self._buttons is not None:
            self._buttons.add_banner_button(
                BANNER_KEY, self.tr("Copy all links"), self.copy_links, name="banner_copy_links"
            )
        if attention:
            self.timer.stop()  # failures stay until dismissed or looked at
        else:
            self.timer.start()

    def show(self) -> None:
        """The banner's Show button: the Jobs view with exactly these batches."""
        ids = self.batches()
        self.clear()
        if ids:
            self._show_batches(ids)

    def copy_links(self) -> None:
        """The banner's Copy all links button: every link of the batches it sums up."""
        ids = self.batches()
        if ids and self._copy_links is not None:
            self._copy_links(ids)

    def clear(self) -> None:
        self._pending.clear()
        self.timer.stop()
        self._window.hide_banner(BANNER_KEY)

    def _dismissed(self, key: str) -> None:
        if key == BANNER_KEY:  # the banner is gone already; just forget what it said
            self._pending.clear()
            self.timer.stop()

    def _auto_hide(self) -> None:
        if not self.needs_attention():
            self.clear()
