"""`elide_name` keeps the extension and cuts the stem at its end (issue: names readable at
1,024 px).

Guards against ElideMiddle making two different files look the same and against the extension
being dropped.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QFontMetrics

from qfopgui.ui.widgets.name_elide import ELLIPSIS, elide_name, extension_of

pytestmark = pytest.mark.gui

NAME_CHARS = st.characters(
    codec="utf-8", categories=("L", "N", "Pd", "Zs"), include_characters="._-视频"
)
NAMES = st.text(NAME_CHARS, min_size=1, max_size=60)
EXTS = st.sampled_from(["mp4", "m3u8", "ts", "jpg", "webm", "MOV"])


@pytest.fixture(scope="module")
def metrics(qapp: Any) -> QFontMetrics:
    return QFontMetrics(QFont())


def test_the_issue_example(metrics: QFontMetrics) -> None:
    name = "sample-1280x720-1-final-rendition.mp4"
    width = metrics.horizontalAdvance("sample-1280x720-1" + ELLIPSIS + "mp4")
    assert elide_name(name, metrics, width) == "sample-1280x720-1…mp4"


def test_two_names_that_differ_late_stay_apart(metrics: QFontMetrics) -> None:
    a, b = "clip-2024-01-a-long-description.mp4", "clip-2024-01-a-long-description.mov"
    width = metrics.horizontalAdvance("clip-2024-01" + ELLIPSIS + "mp4")
    assert elide_name(a, metrics, width) != elide_name(b, metrics, width)


@pytest.mark.parametrize(
    ("name", "ext"),
    [("a.mp4", "mp4"), (".profile", ""), ("a.", ""), ("noext", ""), ("a.verylongext", "")],
)
def test_extension_of(name: str, ext: str) -> None:
    assert extension_of(name) == ext


def test_no_extension_is_a_right_elide(metrics: QFontMetrics) -> None:
    name = "README-for-the-whole-project"
    out = elide_name(name, metrics, metrics.horizontalAdvance("README-for"))
    assert out.endswith(ELLIPSIS)
    assert name.startswith(out[:-1])


def test_no_room_even_for_the_extension_still_fits(metrics: QFontMetrics) -> None:
    out = elide_name("abcdefgh.webm", metrics, metrics.horizontalAdvance("ab"))
    assert metrics.horizontalAdvance(out) <= metrics.horizontalAdvance("ab")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(stem=NAMES, ext=EXTS, width=st.integers(0, 400))
def test_properties(metrics: QFontMetrics, stem: str, ext: str, width: int) -> None:
    name = f"{stem}.{ext}"
    out = elide_name(name, metrics, width)
    if metrics.horizontalAdvance(name) <= width:
        assert out == name
        return
    assert metrics.horizontalAdvance(out) <= width
    if metrics.horizontalAdvance(name[0] + ELLIPSIS + ext) <= width and extension_of(name):
        assert out.endswith(ELLIPSIS + ext)
        assert name.startswith(out[: -len(ELLIPSIS + ext)])
