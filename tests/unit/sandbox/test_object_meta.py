"""x-qn-meta-* parsing: allowed names, lower-casing, the SDK's '!' name, refusals, headers."""

from __future__ import annotations

import pytest

from qfopgui.sandbox.routes.common import ApiError
from qfopgui.sandbox.routes.object_meta import meta_headers, metadata_from


def test_metadata_from_keeps_only_meta_fields_lowercased() -> None:
    fields = [
        ("token", "t"),
        ("x:var", "v"),
        ("x-qn-meta-Author", "Ann"),
        ("X-Qn-Meta-tag_1", "a b"),
        ("x-qn-meta-!Last-Modified", "Wed, 02 Dec 2026 07:00:00 GMT"),
        ("x-qn-meta-empty", ""),
    ]
    assert metadata_from(fields) == {
        "author": "Ann",
        "tag_1": "a b",
        "!last-modified": "Wed, 02 Dec 2026 07:00:00 GMT",
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("x-qn-meta-a b", "v", "invalid metadata name"),
        ("x-qn-meta-", "v", "invalid metadata name"),
        ("x-qn-meta-ü", "v", "invalid metadata name"),
        ("x-qn-meta-ok", "line\nbreak", "control characters"),
        ("x-qn-meta-ok", "v" * 1100, "metadata too large"),
    ],
)
def test_bad_metadata_answers_400(field: str, value: str, message: str) -> None:
    with pytest.raises(ApiError) as caught:
        metadata_from([(field, value)])
    assert caught.value.status == 400
    assert message in caught.value.message


def test_meta_headers_are_capitalised() -> None:
    assert meta_headers({"author": "Ann", "tag-name": "x"}) == {
        "X-Qn-Meta-Author": "Ann",
        "X-Qn-Meta-Tag-Name": "x",
    }
