from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from qfopgui.ui import human_readable as fmt

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (1023, "1023 bytes"),
        (1024, "1.0 KB"),
        (1_258_291, "1.2 MB"),
        (15 * 1024**3, "15 GB"),
        (None, ""),
    ],
)
def test_human_size(qapp: Any, n: int | None, text: str) -> None:
    assert fmt.human_size(n) == text


@pytest.mark.parametrize(
    ("s", "text"),
    [
        (0, "0 s"),
        (45, "45 s"),
        (80, "1 min 20 s"),
        (120, "2 min"),
        (3900, "1 h 5 min"),
        (7200, "2 h"),
        (90000, "1 d 1 h"),
        (None, ""),
    ],
)
def test_human_duration(qapp: Any, s: float | None, text: str) -> None:
    assert fmt.human_duration(s) == text


def test_relative_time(qapp: Any) -> None:
    now = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
    assert fmt.relative_time(now - timedelta(seconds=10), now) == "just now"
    assert fmt.relative_time(now - timedelta(minutes=2), now) == "2 min ago"
    assert fmt.relative_time(now - timedelta(hours=3), now) == "3 h ago"
    assert fmt.relative_time(now - timedelta(hours=30), now) == "yesterday"
    old = now - timedelta(days=40)
    assert fmt.relative_time(old, now) == fmt.exact_time(old)
    assert len(fmt.exact_time(old)) == len("2025-12-01 12:00")


def test_count() -> None:
    assert fmt.count(1000) == "1,000"
    assert fmt.count(1000, more=True) == "1,000+"
