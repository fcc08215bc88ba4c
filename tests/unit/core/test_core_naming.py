"""Output key templates."""

from __future__ import annotations

from datetime import datetime

import pytest
import qiniu.utils

from qfopgui.core.naming import (
    DEFAULT_TEMPLATE,
    MAX_KEY_BYTES,
    NamingError,
    check_template,
    encoded_entry,
    render_key,
    slugify,
)

NOW = datetime(2024, 5, 21, 9, 8, 7)


def key(template: str, source: str, **kw: object) -> str:
    args: dict[str, object] = dict(
        source_key=source, ext="mp4", preset="MP4 H.264 720p", bucket="media", index=3, now=NOW
    )
    args.update(kw)
    return render_key(template, **args)  # type: ignore[arg-type]


def test_default_template() -> None:
    assert key(DEFAULT_TEMPLATE, "videos/2024/clip.mov") == "videos/2024/clip_mp4-h-264-720p.mp4"


def test_root_dir_does_not_produce_leading_slash() -> None:
    assert key(DEFAULT_TEMPLATE, "clip.mov") == "clip_mp4-h-264-720p.mp4"
    assert key("out/{dir}/{name}.{ext}", "clip.mov") == "out/clip.mp4"
    assert key("{dir}-{name}.{ext}", "clip.mov") == "-clip.mp4"


def test_every_token() -> None:
    out = key(
        "{bucket}/{date}/{time}/{index}/{preset}/{dir}/{name}.{ext}",
        "a/b/c.d.mov",
        ext="jpg",
        preset="JPG thumbnail",
    )
    assert out == "media/20240521/090807/3/jpg-thumbnail/a/b/c.d.jpg"


def test_chinese_and_spaces() -> None:
    out = key(DEFAULT_TEMPLATE, "视频/我的 影片.mov", preset="高清 720p")
    assert out == "视频/我的 影片_高清-720p.mp4"
    assert encoded_entry("媒体", out) == qiniu.utils.entry("媒体", out)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("MP4 H.264 720p", "mp4-h-264-720p"),
        ("GIF (5 s, 480 wide)", "gif-5-s-480-wide"),
        ("高清 720p", "高清-720p"),
        ("!!!", "preset"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_file_without_extension_and_dotfile() -> None:
    assert key("{dir}/{name}.{ext}", "a/README") == "a/README.mp4"
    assert key("{dir}/{name}.{ext}", "a/.hidden") == "a/.hidden.mp4"


@pytest.mark.parametrize(
    ("template", "fragment"),
    [
        ("{dir}/{nmae}.{ext}", "Unknown token {nmae}"),
        ("{name.{ext}", "unmatched"),
        ("{name}}.{ext}", "unmatched"),
        ("", "empty"),
        ("   ", "empty"),
    ],
)
def test_bad_templates(template: str, fragment: str) -> None:
    with pytest.raises(NamingError) as info:
        check_template(template)
    assert fragment in str(info.value)
    with pytest.raises(NamingError):
        key(template, "a.mov")


def test_unknown_token_error_is_translatable() -> None:
    with pytest.raises(NamingError) as info:
        check_template("{foo}")
    err = info.value
    assert err.template.format(**err.params) == str(err) == err.message
    assert err.params["token"] == "{foo}"


def test_too_long_key() -> None:
    long_name = "长" * 240  # 720 bytes in UTF-8
    assert len(key("{name}.{ext}", long_name + ".mov").encode()) == 724
    with pytest.raises(NamingError, match="bytes long; the limit is 750"):
        key("{name}_{name}.{ext}", long_name + ".mov")
    assert MAX_KEY_BYTES == 750


def test_empty_names() -> None:
    with pytest.raises(NamingError, match="has no file name"):
        key("{dir}/", "a/b.mov")
    with pytest.raises(NamingError, match="source file name is empty"):
        key(DEFAULT_TEMPLATE, "")
    with pytest.raises(NamingError, match="output name is empty"):
        key("{dir}", "b.mov")


def test_output_equal_to_source_refused_only_in_same_bucket() -> None:
    with pytest.raises(NamingError, match="source file itself"):
        key("{dir}/{name}.{ext}", "v/a.mp4")
    with pytest.raises(NamingError, match="source file itself"):
        key("{dir}/{name}.{ext}", "v/a.mp4", output_bucket="media")
    assert key("{dir}/{name}.{ext}", "v/a.mp4", output_bucket="other") == "v/a.mp4"


@pytest.mark.parametrize("k", ["a.mp4", "视频/a b.mp4", "x:y", None])
def test_encoded_entry_matches_sdk(k: str | None) -> None:
    assert encoded_entry("bucket", k) == qiniu.utils.entry("bucket", k)


# --- hostile source keys -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("../x.mp4", "../x_mp4-h-264-720p.mp4"),
        ("a/./b.mov", "a/./b_mp4-h-264-720p.mp4"),
        ("a/../b.mov", "a/../b_mp4-h-264-720p.mp4"),
        ("a?b#c%d.mp4", "a?b#c%d_mp4-h-264-720p.mp4"),
        ("=cmd|' /C calc'!A0.mov", "=cmd|' /C calc'!A0_mp4-h-264-720p.mp4"),
        ("dir/{name}.mov", "dir/{name}_mp4-h-264-720p.mp4"),  # braces in keys are not tokens
        ("tab\tnew\nline.mov", "tab\tnew\nline_mp4-h-264-720p.mp4"),
        ("/lead.mov", "lead_mp4-h-264-720p.mp4"),  # {dir}/ of an empty folder disappears
    ],
)
def test_hostile_source_keys_render_unchanged(source: str, expected: str) -> None:
    out = key(DEFAULT_TEMPLATE, source)
    assert out == expected
    assert encoded_entry("media", out) == qiniu.utils.entry("media", out)


@pytest.mark.parametrize("source", ["clip\udcff.mov", "a/\udc80b.mov", "x" * 751])
def test_source_keys_qiniu_cannot_hold_raise_naming_error(source: str) -> None:
    with pytest.raises(NamingError) as info:
        key(DEFAULT_TEMPLATE, source)
    err = info.value
    assert err.template.format(**err.params) == str(err)
    str(err).encode("utf-8")  # the sentence never carries the bad text itself
    assert "The file name" in str(err)


def test_lone_surrogate_source_is_named_in_the_message() -> None:
    with pytest.raises(NamingError, match=r"clip\\udcff\.mov.*not valid UTF-8"):
        key(DEFAULT_TEMPLATE, "clip\udcff.mov")


def test_surrogate_in_template_is_a_naming_error() -> None:
    with pytest.raises(NamingError, match="not valid UTF-8"):
        key("{name}\udcff.{ext}", "a.mov")
    with pytest.raises(NamingError) as info:
        check_template("{\udcff}")
    str(info.value).encode("utf-8")


def test_output_that_is_only_dots_is_refused() -> None:
    with pytest.raises(NamingError, match="only dots"):
        key("{dir}", "../x.mov")
    assert key("{dir}/{name}", "a/../b.mov") == "a/../b"  # dot segments inside are fine


def test_control_characters_are_escaped_in_messages() -> None:
    with pytest.raises(NamingError) as info:
        key("{dir}/{name}.{ext}", "v\x1b[2J/a.mp4")
    assert "v\\x1b[2J/a.mp4" in str(info.value)
    assert "\x1b" not in str(info.value)
