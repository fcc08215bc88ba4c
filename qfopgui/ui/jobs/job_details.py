"""Details of the selected job: each command with its preset, status, output and error.

Errors are shown in plain words first, with the server's own text below for support. Output
links are resolved by the feature (bucket domain, private signing) through the signals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from qfopgui.core.job_rules import count_jobs
from qfopgui.core.jobs import JobRecord, JobState, state_from_prefop_code
from qfopgui.ui.human_readable import exact_time, human_duration
from qfopgui.ui.jobs.jobs_model import status_text
from qfopgui.ui.jobs.status_icons import STATUS_COLOURS, status_icon
from qfopgui.ui.jobs.verification_badges import verification_box
from qfopgui.ui.translated_messages import (
    hint_text,
    preset_display_name,
    split_server_note,
    stored_error_text,
)


@dataclass(frozen=True)
class CommandView:
    """What the pane shows for one command (from the last status, else from the plan)."""

    preset: str
    state: JobState
    code: int | None
    desc: str
    error_words: str
    server_text: str
    output_key: str
    fop: str


def split_error(text: str) -> tuple[str, str]:
    """Server error → (plain words, server text); words == text when nothing matched."""
    if not text:
        return "", ""
    words = hint_text(text)  # translated
    return (words, text.strip()) if words else (text.strip(), "")


def command_views(rec: JobRecord) -> list[CommandView]:
    """Line up the record's fops, presets and planned outputs with the status items."""
    status = rec.status()
    items = list(status.items) if status is not None else []
    count = max(len(items), len(rec.fops))
    out: list[CommandView] = []
    for i in range(count):
        item = items[i] if i < len(items) else None
        fop = item.cmd if item is not None else rec.fops[i]
        preset = (
            rec.presets[i]
            if len(rec.presets) == len(rec.fops) and i < len(rec.presets)
            else fop.split("/", 1)[0]
        )
        planned = rec.outputs[i] if i < len(rec.outputs) else ""
        if item is None:
            state = (
                JobState.FAILED
                if rec.state is JobState.FAILED
                else (JobState.WAITING if rec.state.is_active else rec.state)
            )
            out.append(CommandView(preset, state, None, "", "", "", planned, fop))
            continue
        words, server = split_error(item.error)
        out.append(
            CommandView(
                preset,
                state_from_prefop_code(item.code),
                item.code,
                item.desc,
                words,
                server,
                item.key or planned,
                fop,
            )
        )
    return out


class JobDetails(QScrollArea):
    """One job's commands, outputs and errors — or, for several selected jobs, a summary with
    actions for all of them.

    Signals: copy_link_requested(bucket, key), open_requested(bucket, key),
    retry_requested(list[JobRecord]), remove_requested(list[JobRecord]).
    """

    copy_link_requested = Signal(str, str)
    open_requested = Signal(str, str)
    retry_requested = Signal(object)
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("job_details")
        self.setWidgetResizable(True)
        self.setMinimumWidth(300)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # text wraps
        self._record: JobRecord | None = None
        self._several: list[JobRecord] = []
        self._show(None)

    @property
    def record(self) -> JobRecord | None:
        return self._record

    def set_record(self, rec: JobRecord | None) -> None:
        if rec == self._record and not self._several:
            return
        self._record = rec
        self._several = []
        self._show(rec)

    def set_records(self, records: Sequence[JobRecord]) -> None:
        """The selection: none, one job in full, or a summary of several."""
        if len(records) <= 1:
            self.set_record(records[0] if records else None)
            return
        if list(records) == self._several:
            return
        self._record = None
        self._several = list(records)
        self._show_summary(self._several)

    @property
    def summarised(self) -> list[JobRecord]:
        """The jobs the summary stands for (empty when one job or none is shown)."""
        return list(self._several)

    def _show_summary(self, records: list[JobRecord]) -> None:
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setAlignment(Qt.AlignmentFlag.AlignTop)
        n = len(records)
        title = self._label(
            self.tr("%1 jobs selected").replace("%1", f"{n:,}"),
            style="font-weight: bold; font-size: 11pt",
        )
        title.setObjectName("selection_title")
        lay.addWidget(title)
        c = count_jobs(records)
        parts = [
            (self.tr("Running"), c.running),
            (self.tr("Done"), c.done),
            (self.tr("Failed"), c.failed),
            (self.tr("Retried"), c.superseded),
            (self.tr("Needs decision"), c.undecided),
        ]
        summary = self._label(" · ".join(f"{word} {num:,}" for word, num in parts if num))
        summary.setObjectName("selection_counts")
        lay.addWidget(summary)
        retry = QPushButton(self.tr("Retry %1 jobs").replace("%1", f"{n:,}"))
        retry.setObjectName("retry_selected_button")
        retry.setAccessibleName(retry.text())
        retry.clicked.connect(self._on_retry_all)
        remove = QPushButton(self.tr("Remove %1 from list").replace("%1", f"{n:,}"))
        remove.setObjectName("remove_selected_button")
        remove.setAccessibleName(remove.text())
        remove.clicked.connect(self._on_remove_all)
        ids = [r.persistent_id for r in records if r.persistent_id]
        copy = QPushButton(self.tr("Copy %1 job IDs").replace("%1", f"{len(ids):,}"))
        copy.setObjectName("copy_ids_button")
        copy.setAccessibleName(copy.text())
        copy.setEnabled(bool(ids))
        copy.clicked.connect(self._on_copy_ids)
        for b in (retry, remove, copy):
            lay.addWidget(b)
        self.setWidget(body)

    def _on_retry_all(self) -> None:
        self.retry_requested.emit(list(self._several))

    def _on_remove_all(self) -> None:
        self.remove_requested.emit(list(self._several))

    def _on_copy_ids(self) -> None:
        ids = [r.persistent_id for r in self._several if r.persistent_id]
        QGuiApplication.clipboard().setText("\n".join(ids))

    # --- building --------------------------------------------------------------------------

    def _label(self, text: str, *, style: str = "", wrap: bool = True) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(wrap)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if style:
            label.setStyleSheet(style)
        return label

    def _show(self, rec: JobRecord | None) -> None:
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setAlignment(Qt.AlignmentFlag.AlignTop)
        if rec is None:
            lay.addWidget(
                self._label(
                    self.tr("Select a job to see its commands, outputs and errors."),
                    style="color: gray",
                )
            )
            self.setWidget(body)
            return
        title = rec.key or rec.persistent_id or ""
        lay.addWidget(self._label(title, style="font-weight: bold; font-size: 11pt"))
        if rec.bucket:
            lay.addWidget(
                self._label(self.tr("in bucket %1").replace("%1", rec.bucket), style="color: gray")
            )
        lay.addLayout(self._status_row(rec.state))
        if (checked := verification_box(rec)) is not None:  # what checking the outputs found
            lay.addWidget(checked)
        lay.addWidget(self._facts(rec))
        commands = command_views(rec)
        if rec.error and not any(c.error_words for c in commands):
            # already in plain words (store/submitter); keep the server's part on its own line
            words, server = split_server_note(rec.error)
            lay.addWidget(self._label(stored_error_text(words), style="color: #c0392b"))
            if server:
                lay.addWidget(
                    self._label(self.tr("Server: %1").replace("%1", server), style="color: gray")
                )
        lay.addLayout(self._id_row(rec))
        for n, cmd in enumerate(commands, 1):
            lay.addWidget(self._command_box(rec, n, cmd))
        self.setWidget(body)

    def _status_row(self, state: JobState) -> QHBoxLayout:
        row = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(status_icon(state).pixmap(16, 16))
        word = QLabel(status_text(state))
        word.setObjectName("details_status")
        word.setStyleSheet(f"color: {STATUS_COLOURS[state]}; font-weight: bold")
        row.addWidget(icon)
        row.addWidget(word, 1)
        return row

    def _facts(self, rec: JobRecord) -> QLabel:
        parts = [
            self.tr("Submitted %1").replace(
                "%1", exact_time(datetime.fromtimestamp(rec.submitted_at, UTC))
            ),
            self.tr("Pipeline: %1").replace("%1", rec.pipeline or self.tr("shared public queue")),
        ]
        if rec.finished_while_closed:
            at_least = rec.timing.at_least
            parts.append(
                self.tr("Finished while qfopgui was closed")
                + (
                    " " + self.tr("(ran at least %1)").replace("%1", human_duration(at_least))
                    if at_least
                    else ""
                )
            )
        elif rec.duration is not None:
            parts.append(self.tr("Took %1").replace("%1", human_duration(rec.duration)))
        if rec.force:
            parts.append(self.tr("Overwrites existing outputs"))
        if rec.type == 1:
            parts.append(self.tr("Idle-time"))
        if rec.retry_of is not None:
            parts.append(self.tr("Retry of job #%1").replace("%1", str(rec.retry_of)))
        return self._label("\n".join(parts), style="color: gray")

    def _copy_shown_id(self) -> None:
        if self._record is not None and self._record.persistent_id:
            QGuiApplication.clipboard().setText(self._record.persistent_id)

    def _clicked_output(self) -> tuple[str, str] | None:
        """(bucket, key) of the output whose button was clicked."""
        sender = self.sender()
        value = sender.property("output") if sender is not None else None
        if isinstance(value, list) and len(value) == 2:
            return str(value[0]), str(value[1])
        return None

    def _on_copy_link_clicked(self) -> None:
        if (output := self._clicked_output()) is not None:
            self.copy_link_requested.emit(*output)

    def _on_open_clicked(self) -> None:
        if (output := self._clicked_output()) is not None:
            self.open_requested.emit(*output)

    def _id_row(self, rec: JobRecord) -> QHBoxLayout:
        row = QHBoxLayout()
        pid = rec.persistent_id or self.tr("(no job ID yet)")
        label = self._label(self.tr("Job ID: %1").replace("%1", pid), wrap=False)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label.setToolTip(pid)  # a long ID may be cut off in a narrow pane; Copy gets all of it
        row.addWidget(label, 1)
        copy = QPushButton(self.tr("Copy job ID"))
        copy.setObjectName("copy_id_button")
        copy.setEnabled(bool(rec.persistent_id))
        copy.clicked.connect(self._copy_shown_id)
        row.addWidget(copy)
        return row

    def _command_box(self, rec: JobRecord, n: int, cmd: CommandView) -> QFrame:
        box = QFrame()
        box.setObjectName("command_box")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(box)
        head = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(status_icon(cmd.state).pixmap(16, 16))
        head.addWidget(icon)
        text = f"{n}. {preset_display_name(cmd.preset)} — {status_text(cmd.state)}"
        head.addWidget(self._label(text, style="font-weight: bold"), 1)
        lay.addLayout(head)
        if cmd.desc and not cmd.error_words:
            lay.addWidget(self._label(cmd.desc, style="color: gray"))
        if cmd.error_words:
            lay.addWidget(self._label(cmd.error_words, style="color: #c0392b"))
        if cmd.server_text:
            server = self.tr("Server: %1").replace("%1", cmd.server_text)
            if cmd.code is not None:  # for support; the words above are for the user
                server += " " + self.tr("(code %1)").replace("%1", str(cmd.code))
            lay.addWidget(self._label(server, style="color: gray"))
        failed = cmd.state is JobState.FAILED
        if cmd.output_key:
            bucket = rec.output_bucket or rec.bucket
            if failed:
                text = self.tr("Not made: %1").replace("%1", cmd.output_key)
                lay.addWidget(self._label(text, style="color: gray"))
            else:
                lay.addWidget(self._label(self.tr("Output: %1").replace("%1", cmd.output_key)))
            row = QHBoxLayout()
            link = QPushButton(self.tr("Copy link"))
            link.setObjectName("copy_link_button")
            link.setProperty("output", [bucket, cmd.output_key])
            link.clicked.connect(self._on_copy_link_clicked)
            opener = QPushButton(self.tr("Open"))
            opener.setObjectName("open_button")
            opener.setProperty("output", [bucket, cmd.output_key])
            opener.clicked.connect(self._on_open_clicked)
            ready = cmd.state in (JobState.DONE, JobState.NOTIFY_FAILED)
            for b in (link, opener):
                b.setEnabled(ready)
                b.setVisible(not failed)  # a failed command made nothing to link to
                if not ready:
                    b.setToolTip(self.tr("Available when this command is done"))
            row.addWidget(link)
            row.addWidget(opener)
            row.addStretch(1)
            lay.addLayout(row)
        return box
