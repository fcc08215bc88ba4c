"""Object key rules and the download-URL path: decodes back to the key, and survives requests,
urllib3 and WHATWG (browser) URL parsing without any dot segment being resolved."""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import unquote

import pytest
import requests
import urllib3
from hypothesis import example, given, settings
from hypothesis import strategies as st

from qfopgui.core.object_keys import (
    MAX_KEY_BYTES,
    display_key,
    is_utf8,
    key_problem,
    key_url_path,
    link_problem,
)

BASE = "https://cdn.example.com/dl/demo"
UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
HOSTILE = [
    "../x.mp4",
    "a/./b.txt",
    "a/../b.txt",
    "a/..",
    "a/.",
    "./a",
    "../..",
    "a//b",
    "/a",
    "a/",
    "%#?.txt",
    "=cmd|' /C calc'!A0.txt",
    "视频/我的 影片.mp4",
    "😀 party.mp4",
    "a+b c.mp4",
    "%2e%2e/x",
    "..%2Fx",
    "a;b=c&d",
    "tab\there",
    "new\nline",
    "nul\x00byte",
    "~user",
]

# Keys built from the pieces that trip URL handling, joined by "/" so dot and empty segments
# appear in every position; plus arbitrary text.
PIECES = (
    ".",
    "..",
    "",
    "a",
    "%",
    "%2F",
    "%2e",
    "#",
    "?",
    " ",
    "+",
    ";",
    "~",
    "é",
    "视频",
    "😀",
    "\x00",
    "\n",
    "\\",
    "x.mp4",
)
_segment = st.lists(st.sampled_from(PIECES), max_size=3).map("".join)
_joined = st.lists(_segment, min_size=1, max_size=6).map("/".join)
valid_keys = (_joined | st.text(min_size=1, max_size=40)).filter(lambda k: link_problem(k) is None)


def whatwg_dot_segment(segment: str) -> bool:
    """The WHATWG URL standard's "single-dot" and "double-dot" URL path segments."""
    return segment.lower() in {".", "%2e", "..", ".%2e", "%2e.", "%2e%2e"}


@given(valid_keys)
@settings(max_examples=400)
@example("../x.mp4")
@example("a/./b")
@example("a/../b")
@example("a/.")
@example("/")
def test_path_decodes_to_the_key_and_has_no_dot_segments(key: str) -> None:
    path = key_url_path(key)
    assert unquote(path, errors="strict") == key
    assert not any(whatwg_dot_segment(s) for s in path.split("/"))
    assert not any(s == "" for s in path.split("/"))  # no "//" for proxies to merge
    assert set(path.replace("%", "")) <= UNRESERVED | {"/"}
    assert all(len(p) >= 2 and p[:2] == p[:2].upper() for p in path.split("%")[1:])


@given(valid_keys)
@settings(max_examples=300)
def test_requests_and_urllib3_send_the_url_unchanged(key: str) -> None:
    url = f"{BASE}/{key_url_path(key)}"
    assert requests.Request("GET", url).prepare().url == url
    assert urllib3.util.parse_url(url).url == url
    signed = f"{url}?e=1700000000&token=ak:sig="
    assert requests.Request("GET", signed).prepare().url == signed


@pytest.mark.parametrize("key", HOSTILE)
def test_hostile_keys_are_valid_and_linkable(key: str) -> None:
    assert key_problem(key) is None
    path = key_url_path(key)
    assert unquote(path) == key
    url = f"{BASE}/{path}"
    assert requests.Request("GET", url).prepare().url == url


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("a/b.mp4", "a/b.mp4"),
        ("../x.mp4", "..%2Fx.mp4"),
        ("a/./b.txt", "a%2F.%2Fb.txt"),
        ("a/../b.txt", "a%2F..%2Fb.txt"),
        ("a/.", "a%2F."),
        ("a//b", "a%2F%2Fb"),
        ("%#?.txt", "%25%23%3F.txt"),
        ("a b+c", "a%20b%2Bc"),
        ("视频/x", "%E8%A7%86%E9%A2%91/x"),
    ],
)
def test_known_paths(key: str, path: str) -> None:
    assert key_url_path(key) == path


@pytest.mark.skipif(shutil.which("node") is None, reason="node (a WHATWG URL parser) not found")
def test_whatwg_parser_keeps_every_path() -> None:
    """Node's URL class implements the WHATWG standard that browsers follow."""
    urls = [f"{BASE}/{key_url_path(k)}" for k in HOSTILE]
    script = (
        "const urls = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(urls.map(u => new URL(u).href)));"
    )
    done = subprocess.run(
        ["node", "-e", script], input=json.dumps(urls), capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == urls


def test_plain_dot_segments_really_are_resolved_by_clients() -> None:
    """Why the encoding exists: a naive path names another object."""
    assert requests.Request("GET", f"{BASE}/a/../b.txt").prepare().url == f"{BASE}/b.txt"
    assert requests.Request("GET", f"{BASE}/%2E%2E/x").prepare().url == f"{BASE}/../x"


@pytest.mark.parametrize("key", [".", ".."])
def test_dot_only_keys_have_no_link(key: str) -> None:
    assert key_problem(key) is None  # Qiniu can store them
    problem = link_problem(key)
    assert problem is not None
    assert "only dots" in problem.message
    with pytest.raises(ValueError, match="only dots"):
        key_url_path(key)


def test_empty_key() -> None:
    problem = key_problem("")
    assert problem is not None
    assert problem.field == "key"
    assert problem.message == "The file name is empty"
    source = key_problem("", field="source")
    assert source is not None
    assert (source.field, source.message) == ("source", problem.message)


def test_lone_surrogate_is_refused_with_a_readable_message() -> None:
    key = "clip\udcff.mp4"  # os.fsdecode(b"clip\xff.mp4")
    assert not is_utf8(key)
    problem = key_problem(key)
    assert problem is not None
    assert "not valid UTF-8" in problem.message
    assert "clip\\udcff.mp4" in problem.message
    problem.message.encode("utf-8")  # the message itself is sendable/showable
    assert problem.template.format(**problem.params_dict) == problem.message
    with pytest.raises(ValueError, match="UTF-8"):
        key_url_path(key)


def test_length_limit_counts_utf8_bytes() -> None:
    assert key_problem("长" * 250) is None  # 750 bytes
    problem = key_problem("长" * 250 + "a")
    assert problem is not None
    assert "751 bytes long; the limit is 750 bytes" in problem.message
    assert len(problem.message) < 300  # the key is shortened in the sentence
    assert MAX_KEY_BYTES == 750


def test_display_key_escapes_what_cannot_be_shown() -> None:
    assert display_key("视频/a b.mp4") == "视频/a b.mp4"
    assert display_key("a\x1b[31m\nb\tc\x7f") == "a\\x1b[31m\\x0ab\\x09c\\x7f"
    assert display_key("x\udcff") == "x\\udcff"
    assert display_key("evil\u202egpj.exe") == "evil\\u202egpj.exe"
    assert display_key("👨\u200d👩") == "👨\u200d👩"  # joiners inside emoji stay
    assert display_key("a" * 200, limit=10) == "a" * 9 + "…"
