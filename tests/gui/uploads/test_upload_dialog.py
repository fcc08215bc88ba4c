"""The one dialog before a batch goes up: problems, the conflict question, Transcode on upload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from qfopgui.core.presets import BUILTIN_PRESETS
from qfopgui.services.upload_types import (
    ConflictChoice,
    ProblemKind,
    ScanProblem,
    UploadItem,
    UploadScan,
)
from qfopgui.settings import Settings
from qfopgui.ui.uploads.scan_problems import problem_line
from qfopgui.ui.uploads.transcode_box import RememberedUploadPresets
from qfopgui.ui.uploads.upload_dialog import UploadDialog

pytestmark = pytest.mark.gui

MP4 = "MP4 H.264 720p"


def scan(n: int = 2, existing: int = 0, problems: tuple[ScanProblem, ...] = ()) -> UploadScan:
    items = tuple(
        UploadItem(f"/in/clips/c{i}.mp4", 1024 * 1024, 1, f"videos/clips/c{i}.mp4")
        for i in range(n)
    )
    return UploadScan(
        "demo",
        "media",
        "videos/",
        items,
        problems,
        frozenset(i.key for i in items[:existing]),
    )


def dialog(qtbot: Any, s: UploadScan, checked: tuple[str, ...] = ()) -> UploadDialog:
    d = UploadDialog(
        s,
        presets=BUILTIN_PRESETS,
        checked=checked,
        pipelines=("video-hd",),
        default_pipeline="video-hd",
        roots=[Path("/in/clips")],
    )
    qtbot.addWidget(d)
    return d


def test_a_plain_batch_says_where_it_goes_and_what_the_button_does(qtbot: Any) -> None:
    d = dialog(qtbot, scan(2))
    assert d.summary.text() == "Upload 2 files (2.0 MB) to media / videos/."
    assert d.upload_button.text() == "&Upload 2 files"
    assert d.upload_button.isEnabled()
    assert d.conflicts is None
    assert not d.problems.isVisibleTo(d)
    assert d.choice().conflicts is ConflictChoice.SKIP
    assert d.choice().transcode is None


def test_existing_files_are_asked_about_once_default_skip(qtbot: Any) -> None:
    d = dialog(qtbot, scan(5, existing=4))
    box = d.conflicts
    assert box is not None
    assert box.title() == "4 files are already there"
    assert box.text_label.text() == (
        "media / videos/ already has “c0.mp4”, “c1.mp4”, “c2.mp4” and 1 more. "
        "What should happen to them?"
    )
    assert box.skip.isChecked()
    assert d.upload_button.text() == "&Upload 1 file"  # the 4 are skipped
    box.overwrite.click()
    assert d.upload_button.text() == "&Upload 5 files"
    assert d.choice().conflicts is ConflictChoice.OVERWRITE
    assert "“c0 (1).mp4”" in box.keep_both.text()
    box.keep_both.click()
    assert d.choice().conflicts is ConflictChoice.KEEP_BOTH


def test_all_existing_and_skip_means_nothing_to_upload(qtbot: Any) -> None:
    d = dialog(qtbot, scan(2, existing=2))
    assert d.upload_button.text() == "Nothing to upload"
    assert not d.upload_button.isEnabled()


def test_problems_name_each_file_and_why(qtbot: Any) -> None:
    problems = (
        ScanProblem("/in/clips/empty.mov", ProblemKind.EMPTY, "empty (0 bytes)"),
        ScanProblem(
            "/in/clips/locked.mov", ProblemKind.UNREADABLE, "cannot be read: permission denied"
        ),
        ScanProblem("/in/clips/link.mov", ProblemKind.SYMLINK, "symbolic link, not followed"),
    )
    d = dialog(qtbot, scan(1, problems=problems))
    assert d.problems.isVisibleTo(d)
    assert d.problems.title.text() == "3 files will not be uploaded:"
    assert d.problems.lines() == [
        "clips/empty.mov — empty (0 bytes)",
        "clips/locked.mov — cannot be read: permission denied",
        "clips/link.mov — symbolic link, not followed",
    ]
    assert d.upload_button.isEnabled()
    assert problem_line(problems[0]) == "/in/clips/empty.mov — empty (0 bytes)"


def test_a_batch_with_nothing_uploadable_says_so_and_only_closes(qtbot: Any) -> None:
    problems = (ScanProblem("/in/clips/e.mov", ProblemKind.EMPTY, "empty"),) * 2
    d = dialog(qtbot, scan(0, problems=problems))
    assert d.windowTitle() == "Nothing to upload"
    assert d.summary.text().startswith("None of these 2 files can be uploaded.")
    assert not d.upload_button.isVisibleTo(d)
    assert d.cancel_button.text() == "Close"
    assert not d.transcode.isVisibleTo(d)


def test_transcode_on_upload_offers_presets_and_pipeline(qtbot: Any) -> None:
    d = dialog(qtbot, scan(2), checked=(MP4, "gone preset"))
    box = d.transcode
    assert box.isChecked()  # ticked last time
    choice = d.choice().transcode
    assert choice is not None
    assert [p.name for p in choice.presets] == [MP4]
    assert choice.pipeline == "video-hd"
    box.pipeline_combo.setCurrentIndex(0)
    assert d.choice().transcode.pipeline == ""  # type: ignore[union-attr]  # the shared queue
    # on, but nothing ticked: the button waits and the box says what to do
    model = box.picker.model
    for row in range(model.rowCount()):
        model.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert not d.upload_button.isEnabled()
    assert box.hint.text() == "Tick at least one preset, or turn Transcode on upload off."
    box.setChecked(False)
    assert d.upload_button.isEnabled()
    assert d.choice().transcode is None


def test_the_last_transcode_choice_is_remembered(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.ini")
    remembered = RememberedUploadPresets(settings)
    assert remembered.load() == ()
    remembered.save([MP4])
    assert RememberedUploadPresets(Settings(tmp_path / "s.ini")).load() == (MP4,)
    remembered.save([])
    assert remembered.load() == ()
