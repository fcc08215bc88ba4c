"""SDK result objects → the shared models; malformed answers never become half-filled models."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from qfopgui.api import errors
from qfopgui.api import messages as M
from qfopgui.api.oss import model_parsing as parse

WHEN = datetime(2026, 11, 23, 8, 0, 0, tzinfo=UTC)


def _obj(key: str = "in/a.mp4", **kw: object) -> SimpleNamespace:
    fields: dict[str, object] = {
        "key": key,
        "size": 344606,
        "etag": '"5B3C1A2E053D763E1B002CC607C5A0FE"',
        "last_modified": WHEN,
        "storage_class": "Standard",
    }
    fields.update(kw)
    return SimpleNamespace(**fields)


def test_a_listed_object_becomes_object_info() -> None:
    info = parse.listed_object(_obj(storage_class="IA"))
    assert info.key == "in/a.mp4"
    assert info.fsize == 344606
    assert info.hash == "5B3C1A2E053D763E1B002CC607C5A0FE"  # quotes gone
    assert info.modified == WHEN
    assert info.type == 1
    assert parse.storage_type("ColdArchive") == 3
    assert parse.storage_type("Whatever") == 0


def test_page_marker_is_the_token_only_while_truncated() -> None:
    prefix = SimpleNamespace(prefix="in/sub/")
    more = SimpleNamespace(
        contents=[_obj()], common_prefixes=[prefix], is_truncated=True, next_continuation_token="t2"
    )
    page = parse.list_page(more)
    assert [i.key for i in page.items] == ["in/a.mp4"]
    assert page.prefixes == ("in/sub/",)
    assert page.marker == "t2"
    last = SimpleNamespace(
        contents=None, common_prefixes=None, is_truncated=False, next_continuation_token="x"
    )
    assert parse.list_page(last).marker == ""


@pytest.mark.parametrize(
    "result",
    [
        SimpleNamespace(contents=[], is_truncated=True, next_continuation_token=None),
        SimpleNamespace(contents=[_obj(key="")], is_truncated=False),
        SimpleNamespace(contents=[_obj(size="lots")], is_truncated=False),
        SimpleNamespace(contents=[_obj(size=-1)], is_truncated=False),
        SimpleNamespace(contents="not a list", is_truncated=False),
    ],
)
def test_malformed_pages_are_protocol_errors(result: SimpleNamespace) -> None:
    with pytest.raises(errors.ProtocolError) as caught:
        parse.list_page(result)
    assert caught.value.template == M.OSS_NOT_UNDERSTOOD


def test_buckets_take_the_region_or_the_location() -> None:
    assert parse.bucket_info(SimpleNamespace(name="b1", region="cn-shanghai")).region == (
        "cn-shanghai"
    )
    assert parse.bucket_info(SimpleNamespace(name="b2", location="oss-cn-hangzhou")).region == (
        "oss-cn-hangzhou"
    )
    with pytest.raises(errors.ProtocolError):
        parse.bucket_info(SimpleNamespace(name=None))


def test_head_object_keeps_the_mime_type() -> None:
    head = SimpleNamespace(
        content_length=11, etag='"abc"', content_type="video/mp4", last_modified=WHEN
    )
    info = parse.head_object("k", head)
    assert (info.key, info.fsize, info.hash, info.mime_type) == ("k", 11, "abc", "video/mp4")


def test_async_task_needs_a_task_id_or_the_outcome_is_unknown() -> None:
    answer = SimpleNamespace(
        task_id="MediaConvert-e4a737df",
        event_id="181-1kZUlN60OH4fWOcOjZEnGnG",
        process_request_id="1D99637F-F59E",
        request_id="534B371674E88A4D8906",
    )
    task = parse.async_task(answer)
    assert task == parse.AsyncTask(
        "MediaConvert-e4a737df",
        "181-1kZUlN60OH4fWOcOjZEnGnG",
        "1D99637F-F59E",
        "534B371674E88A4D8906",
    )
    for missing in (None, "", True, 1.5):
        with pytest.raises(errors.OutcomeUnknownError) as caught:
            parse.async_task(SimpleNamespace(task_id=missing))
        assert caught.value.params == {"why": M.NO_TASK_ID}


def test_an_upload_without_etag_is_an_unknown_outcome() -> None:
    assert parse.upload_result("k", SimpleNamespace(etag='"E-3"')).hash == "E-3"
    with pytest.raises(errors.OutcomeUnknownError):
        parse.upload_result("k", SimpleNamespace(etag=None))
