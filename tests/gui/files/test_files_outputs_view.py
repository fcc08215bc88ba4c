"""Files view: outputs marked and hidden on request, new outputs shown without Refresh, names
elided with their extension kept (issue items 5 and 7), against a fake bucket."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from qfopgui.core.jobs import JobRecord, JobState
from qfopgui.services.output_index import OutputIndex
from qfopgui.services.profiles import Profile
from qfopgui.ui.context import AppContext
from qfopgui.ui.files.auto_refresh import FilesAutoRefresh
from qfopgui.ui.files.files_view import FilesView
from qfopgui.ui.files.objects_model import BADGE_ROLE, Column
from qfopgui.ui.jobs.job_events import JobEvents
from qfopgui.ui.widgets.name_elide import NameElideDelegate, elide_name
from tests.gui.appfakes import FakeClient, make_ctx, obj
from tests.gui.files.job_records import done_job
from tests.helpers.aio import wait_until

pytestmark = pytest.mark.gui

PROFILE = Profile("A", "ak")
LONG = "v/sample-1280x720-1-with-a-name-much-longer-than-the-column.mp4"


def fake() -> FakeClient:
    keys = ["v/a.mp4", "v/a_720p.mp4", "v/a_thumb.jpg", "v/b.mp4", LONG]
    return FakeClient(objects={"media": [obj(k, mime="video/mp4") for k in keys]})


def index_of(*records: JobRecord) -> OutputIndex:
    async def load(_profile: str, _bucket: str) -> list[JobRecord]:
        return list(records)

    return OutputIndex(load)


MADE = done_job(12, ("v/a_720p.mp4", "v/a_thumb.jpg"), ("MP4 720p", "JPG thumbnail"))


def run(qloop: Any, qtbot: Any, ctx: AppContext, outputs: OutputIndex, body: Any) -> Any:
    """Open folder v/ of bucket media in a Files view over the fake bucket, then run `body`."""

    async def scenario() -> Any:
        v = FilesView(ctx, outputs=outputs)
        qtbot.addWidget(v)
        v.resize(1024, 600)
        v.show()
        v.set_profile(PROFILE)
        await wait_until(lambda: v.current_bucket() == "media")
        v.open_folder("v/")
        await wait_until(lambda: v.model.rowCount() > 0 and not v.model.loading)
        try:
            return await body(v)
        finally:
            await ctx.tasks.shutdown()

    return qloop.run_until_complete(scenario())


def keys(v: FilesView) -> list[str]:
    return [v.model.key_at(r) for r in range(v.model.rowCount())]


def test_hide_outputs_hides_them_counts_them_and_is_remembered(
    qloop: Any, qtbot: Any, tmp_path: Path
) -> None:
    ctx = make_ctx(tmp_path, fake(), profiles=[(PROFILE, "sk")])

    async def body(v: FilesView) -> None:
        await wait_until(lambda: v.model.output_mark_at(1) is not None)
        assert v.model.data(v.model.index(1, Column.NAME), BADGE_ROLE) == "output"
        chip = v.hide_outputs_button
        assert chip.objectName() == "hide_outputs_chip"
        assert chip.accessibleName() == "Hide outputs"
        chip.click()
        assert keys(v) == ["v/a.mp4", "v/b.mp4", LONG]
        assert v.count_label.text() == "3 items · 2 outputs hidden"
        v.table.setFocus()
        qtbot.keyClick(v.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
        assert v.selected_keys() == ["v/a.mp4", "v/b.mp4", LONG]

    run(qloop, qtbot, ctx, index_of(MADE), body)
    assert ctx.settings.get("files/hide_outputs") is True

    async def again(v: FilesView) -> None:
        assert v.hide_outputs_button.isChecked()
        await wait_until(lambda: "outputs hidden" in v.count_label.text())
        assert keys(v) == ["v/a.mp4", "v/b.mp4", LONG]

    later = make_ctx(tmp_path, fake(), profiles=[(PROFILE, "sk")])  # same settings file
    run(qloop, qtbot, later, index_of(MADE), again)


def test_a_finished_job_shows_its_outputs_without_refresh(
    qloop: Any, qtbot: Any, tmp_path: Path
) -> None:
    client = fake()
    ctx = make_ctx(tmp_path, client, profiles=[(PROFILE, "sk")])
    events = JobEvents()

    async def body(v: FilesView) -> None:
        FilesAutoRefresh(v, events, parent=v)
        sel = v.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        row_b = keys(v).index("v/b.mp4")
        sel.setCurrentIndex(v.model.index(row_b, Column.SIZE), flags.ClearAndSelect | flags.Rows)
        shown = []
        v.stack.currentChanged.connect(shown.append)
        client.objects["media"].append(obj("v/b_720p.mp4", mime="video/mp4"))
        client.objects["media"].sort(key=lambda o: o.key)
        new = done_job(13, ("v/b_720p.mp4",))
        events.jobs_changed.emit([done_job(13, ("v/b_720p.mp4",), state=JobState.PROCESSING)])
        assert not v.refresher.pending  # not done yet: nothing to show
        events.jobs_changed.emit([new])
        assert v.refresher.pending
        await wait_until(lambda: "v/b_720p.mp4" in keys(v), timeout=10)
        assert v.selected_keys() == ["v/b.mp4"]  # the user's selection and current cell stay
        current = sel.currentIndex()
        assert (v.model.key_at(current.row()), current.column()) == ("v/b.mp4", Column.SIZE)
        assert shown == []  # the table never gave way to "Loading files…"
        mark = v.model.output_mark_at(keys(v).index("v/b_720p.mp4"))
        assert mark is not None
        assert mark.job_id == 13
        assert v.count_label.text() == "6 items · 1 selected"
        assert not v.refresh_if_showing("other", ["v/x.mp4"])
        assert not v.refresh_if_showing("media", ["w/x.mp4"])
        assert not v.refresh_if_showing("media", ["v/x.mp4"], profile="B")

    run(qloop, qtbot, ctx, index_of(MADE), body)


def test_long_names_keep_their_extension_and_the_full_name_is_the_tooltip(
    qloop: Any, qtbot: Any, tmp_path: Path
) -> None:
    ctx = make_ctx(tmp_path, fake(), profiles=[(PROFILE, "sk")])

    async def body(v: FilesView) -> None:
        delegate = v.table.itemDelegateForColumn(Column.NAME)
        assert isinstance(delegate, NameElideDelegate)
        row = keys(v).index(LONG)
        index = v.model.index(row, Column.NAME)
        assert v.model.data(index, Qt.ItemDataRole.ToolTipRole) == LONG
        option = QStyleOptionViewItem()
        option.initFrom(v.table)
        option.rect = v.table.visualRect(index)
        option.rect.setWidth(200)
        _opt, layout = delegate.layout(option, index)
        name = LONG.removeprefix("v/")
        assert layout.text != name
        assert layout.text.endswith("…mp4")
        assert name.startswith(layout.text.removesuffix("…mp4"))
        fm = QFontMetrics(v.table.font())
        assert layout.text == elide_name(name, fm, fm.horizontalAdvance(layout.text))
        out = v.model.index(1, Column.NAME)
        await wait_until(lambda: v.model.data(out, BADGE_ROLE) == "output")
        _opt, marked = delegate.layout(option, out)
        assert marked.badge == "output"
        assert marked.badge_frame is not None
        v.table.viewport().grab()  # paints every visible cell through the delegate

    run(qloop, qtbot, ctx, index_of(MADE), body)


def test_when_every_file_shown_is_an_output_the_view_says_so(
    qloop: Any, qtbot: Any, tmp_path: Path
) -> None:
    only_outputs = FakeClient(objects={"media": [obj("v/a_720p.mp4"), obj("v/a_thumb.jpg")]})
    ctx = make_ctx(tmp_path, only_outputs, profiles=[(PROFILE, "sk")])

    async def body(v: FilesView) -> None:
        await wait_until(lambda: v.model.output_mark_at(0) is not None)
        v.hide_outputs_button.click()
        assert v.stack.currentWidget() is v.message
        assert "made by qfopgui" in v.message.label.text()
        assert v.message.button.text() == "Show outputs"
        v.message.button.click()
        assert not v.hide_outputs_button.isChecked()
        assert v.stack.currentWidget() is v.table

    run(qloop, qtbot, ctx, index_of(MADE), body)
