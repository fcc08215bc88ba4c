"""Built-in presets read in the user's language wherever presets are listed, while the stored
name (store, CSV, settings, output keys) stays the stable English one."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLabel

from qfopgui.core.jobs import JobState
from qfopgui.core.presets import BUILTIN_PRESETS, find_preset
from qfopgui.i18n import i18n_dir, install_translations, read_ts
from qfopgui.services.csv_export import export_jobs_csv
from qfopgui.ui.jobs.job_details import JobDetails
from qfopgui.ui.jobs.jobs_model import Column, JobsModel
from qfopgui.ui.jobs.submit_dialog import SubmitDialog
from qfopgui.ui.jobs.submit_preview_model import PreviewColumn
from qfopgui.ui.translated_messages import (
    PRESETS,
    preset_description,
    preset_display_name,
    problem_text,
)
from tests.gui.jobs.conftest import make_record

pytestmark = pytest.mark.gui

CATALOGUE = read_ts(i18n_dir() / "core_zh_CN.ts")


@pytest.fixture
def zh(qapp: QApplication) -> Iterator[QApplication]:
    translators = install_translations(qapp, "zh_CN")
    yield qapp
    for t in translators:
        qapp.removeTranslator(t)


def test_every_builtin_preset_has_a_chinese_name_and_description() -> None:
    for p in BUILTIN_PRESETS:
        assert CATALOGUE.get((PRESETS, p.name), "").strip(), p.name
        assert CATALOGUE.get((PRESETS, p.description), "").strip(), p.description
    assert CATALOGUE[(PRESETS, "JPG thumbnail")] == "JPG 缩略图"
    assert CATALOGUE[(PRESETS, "PNG poster frame")] == "PNG 封面帧"
    assert CATALOGUE[(PRESETS, "GIF (5 s, 480 wide)")] == "GIF（5 秒，宽 480）"


def test_display_names(zh: Any) -> None:
    assert preset_display_name("JPG thumbnail") == "JPG 缩略图"
    assert preset_display_name("MP4 H.264 720p") == "MP4 H.264 720p"
    # a user's preset is never translated, even when another catalogue knows the words
    assert QCoreApplication.translate(PRESETS, "Size") != "Size"  # the by-source fallback
    assert preset_display_name("Size") == "Size"
    jpg = find_preset("JPG thumbnail")
    assert jpg is not None
    assert preset_description(jpg.name, jpg.description) == "第 1 秒画面的 JPG 图片，宽 320 像素"
    assert preset_description("Mine", jpg.description) == jpg.description  # not a built-in
    problem = replace(jpg, template="").validate()[0]  # problems carry the preset's name
    assert problem.subject == "JPG thumbnail"
    assert problem_text(problem).startswith("JPG 缩略图: ")


def test_english_names_stay_as_they_are(qapp: Any) -> None:
    for p in BUILTIN_PRESETS:
        assert preset_display_name(p.name) == p.name


def test_lists_show_display_names_and_keep_stable_ones(zh: Any, qtbot: Any, tmp_path: Path) -> None:
    checked = ("MP4 H.264 720p", "JPG thumbnail")
    d = SubmitDialog(
        profile_name="demo",
        source_bucket="media",
        keys=["a/b.mov"],
        presets=BUILTIN_PRESETS,
        submitter=None,
        checked=checked,
    )
    qtbot.addWidget(d)
    items = [d.presets_model.item(r) for r in range(d.presets_model.rowCount())]
    texts = {i.data(Qt.ItemDataRole.UserRole): i.text() for i in items}
    assert texts["JPG thumbnail"] == "JPG 缩略图"
    assert texts["PNG poster frame"] == "PNG 封面帧"
    jpg_item = next(i for i in items if i.text() == "JPG 缩略图")
    assert jpg_item.toolTip() == "第 1 秒画面的 JPG 图片，宽 320 像素"
    assert [p.name for p in d.selected_presets()] == list(checked)
    d._plan_now()
    shown = [
        d.preview_model.index(r, PreviewColumn.PRESET).data()
        for r in range(d.preview_model.rowCount())
    ]
    assert shown == ["MP4 H.264 720p", "JPG 缩略图"]
    assert [k[1] for k in d.preview_model.output_keys()] == list(checked)  # plan: stable names
    assert "jpg-thumbnail" in d.preview_model.output_keys()[1][2]  # output key: English name

    rec = make_record(
        presets=checked,
        fops=("avthumb/mp4", "vframe/jpg"),
        outputs=("a/b_720p.mp4", "a/b.jpg"),
        state=JobState.WAITING,
    )
    model = JobsModel()
    model.set_records([rec])
    assert model.index(0, Column.PRESETS).data() == "MP4 H.264 720p, JPG 缩略图"
    pane = JobDetails()
    qtbot.addWidget(pane)
    pane.set_record(rec)
    assert any(
        lbl.text().startswith("2. JPG 缩略图 — ") for lbl in pane.widget().findChildren(QLabel)
    )
    path = tmp_path / "jobs.csv"
    export_jobs_csv(path, [rec])
    row = next(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert row["presets"] == "MP4 H.264 720p | JPG thumbnail"  # CSV keeps the stable names
