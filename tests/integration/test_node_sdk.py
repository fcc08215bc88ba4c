"""The official Node.js SDK (npm ``qiniu`` 7.15.x, unmodified) against the sandbox.

One ``node node_sdk/flows.js`` process runs every flow against one sandbox on an ephemeral
port and prints a JSON line per flow; each test checks a group of flows on both sides: what
the SDK reported and what the sandbox stored. ``npm ci`` runs once when ``node_modules`` is
missing or holds another SDK version; the module is skipped only when node/npm are not
installed or the npm registry cannot be reached.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import imageio_ffmpeg
import pytest
import qiniu
import requests
from qiniu.utils import etag, etag_stream

from qfopgui.sandbox import SandboxServer
from qfopgui.sandbox.storage import StoredObject
from tests.fixtures_sandbox import SANDBOX_BUCKET, sandbox_config

# The first test's setup may run `npm ci` (seconds normally, up to 120 s on a slow registry);
# the flows themselves take about a second.
pytestmark = [pytest.mark.integration, pytest.mark.timeout(150)]

NODE_DIR = Path(__file__).parent / "node_sdk"
B = SANDBOX_BUCKET
BIG_SIZE = 5 * 1024 * 1024 + 12345  # two v1 blocks (4 MiB + rest), three 2 MiB v2 parts
FORM_BYTES = b"hello from the node sdk\n"
NETWORK_ERRORS = (
    "ENOTFOUND",
    "EAI_AGAIN",
    "ECONNREFUSED",
    "ECONNRESET",
    "ETIMEDOUT",
    "ENETUNREACH",
)
FLOWS = [
    "form_put",
    "form_put_file",
    "resume_v1",
    "resume_v2",
    "form_put_clip",
    "private_download",
    "stat",
    "list_delimiter",
    "list_v2_delimiter",
    "form_put_return_body",
    "copy",
    "copy_existing_refused",
    "move",
    "change_mime",
    "change_type",
    "disable",
    "delete",
    "batch",
    "pfop",
]


@dataclass(frozen=True)
class NodeRun:
    sandbox: SandboxServer
    workdir: Path
    results: dict[str, dict[str, Any]]

    def details(self, name: str) -> Any:
        line = self.results[name]
        assert line["ok"], line["details"]
        return line["details"]


def _pinned_version() -> str:
    return str(json.loads((NODE_DIR / "package.json").read_text())["dependencies"]["qiniu"])


def _ensure_node_modules() -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed (Debian: apt-get install nodejs npm)")
    with (NODE_DIR / ".npm-ci.lock").open("w") as lock:  # one `npm ci` at a time
        fcntl.flock(lock, fcntl.LOCK_EX)
        _npm_ci_unless_installed()


def _npm_ci_unless_installed() -> None:
    installed = NODE_DIR / "node_modules" / "qiniu" / "package.json"
    if installed.is_file() and json.loads(installed.read_text())["version"] == _pinned_version():
        return
    try:
        done = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=NODE_DIR,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("npm ci did not finish in 120 s: the npm registry cannot be reached")
    if done.returncode != 0:
        if any(code in done.stderr for code in NETWORK_ERRORS):
            pytest.skip(f"npm ci cannot reach the npm registry: {done.stderr.strip()[-300:]}")
        pytest.fail(f"npm ci failed:\n{done.stderr}")


def _make_media(workdir: Path) -> None:
    (workdir / "small.txt").write_text("a small file\n")
    (workdir / "big.bin").write_bytes(os.urandom(BIG_SIZE))
    lavfi = ("-f", "lavfi", "-i")
    encode = ("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac")
    subprocess.run(
        [
            *(imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"),
            *(*lavfi, "testsrc=size=320x240:rate=25:duration=3", *lavfi, "sine=duration=3"),
            *(*encode, "-shortest", str(workdir / "clip.mp4")),
        ],
        check=True,
        timeout=30,
    )


@pytest.fixture(scope="module")
def node_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NodeRun]:
    _ensure_node_modules()
    root = tmp_path_factory.mktemp("node-sdk")
    workdir = root / "work"
    workdir.mkdir()
    _make_media(workdir)
    server = SandboxServer(sandbox_config(root / "sandbox", buckets=[], private_buckets=[B]))
    server.start()
    try:
        env = {
            **os.environ,
            "QFOP_SANDBOX_URL": server.base_url,
            "QFOP_AK": server.access_key,
            "QFOP_SK": server.secret_key,
            "QFOP_BUCKET": B,
            "QFOP_WORKDIR": str(workdir),
            "TMPDIR": str(root),
        }
        done = subprocess.run(
            ["node", "flows.js"], cwd=NODE_DIR, env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert "Warning" not in done.stderr, done.stderr
        lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        assert [line["name"] for line in lines] == FLOWS, done.stdout
        yield NodeRun(server, workdir, {line["name"]: line for line in lines})
    finally:
        server.stop()


def _private_url(run: NodeRun, key: str) -> str:
    auth = qiniu.Auth(run.sandbox.access_key, run.sandbox.secret_key)
    return str(auth.private_download_url(f"http://{run.sandbox.domain(B)}/{key}", expires=600))


def _stored(run: NodeRun, key: str) -> StoredObject:
    obj = run.sandbox.storage.stat(B, key)
    assert obj is not None, f"{key} is not stored"
    return obj


def test_every_flow_succeeds_on_an_ephemeral_port(node_run: NodeRun) -> None:
    failed = {name: line["details"] for name, line in node_run.results.items() if not line["ok"]}
    assert failed == {}
    # the SDK found every service through the sandbox's /v4/query (its regions query)
    assert node_run.sandbox.hits["query"] >= 1


def test_form_uploads_put_and_put_file(node_run: NodeRun) -> None:
    put = node_run.details("form_put")["data"]
    assert put == {"hash": etag_stream(io.BytesIO(FORM_BYTES)), "key": "node/form/bytes.txt"}
    small = node_run.workdir / "small.txt"
    put_file = node_run.details("form_put_file")
    assert put_file["data"] == {"hash": etag(str(small)), "key": "node/form/file.txt"}
    stored = _stored(node_run, "node/form/bytes.txt")
    assert (stored.fsize, stored.mime_type) == (len(FORM_BYTES), "text/plain")
    assert stored.path.read_bytes() == FORM_BYTES
    clip = node_run.workdir / "clip.mp4"
    assert node_run.details("form_put_clip")["data"]["hash"] == etag(str(clip))
    assert _stored(node_run, "node/clip.mp4").mime_type == "video/mp4"
    assert node_run.sandbox.hits["form_upload"] == 4  # with form_put_return_body


def test_form_put_with_return_body_and_x_vars(node_run: NodeRun) -> None:
    answer = node_run.details("form_put_return_body")["data"]
    assert answer == {"key": "node/rb.txt", "size": 2, "tag": "node", "note": "k=node/rb.txt"}
    assert _stored(node_run, "node/rb.txt").path.read_bytes() == b"rb"


def test_resumable_v1_uses_two_blocks(node_run: NodeRun) -> None:
    big_hash = etag(str(node_run.workdir / "big.bin"))
    assert node_run.details("resume_v1")["data"] == {"hash": big_hash, "key": "node/big/v1.bin"}
    stored = _stored(node_run, "node/big/v1.bin")
    assert (stored.fsize, stored.hash) == (BIG_SIZE, big_hash)
    hits = node_run.sandbox.hits
    assert (hits["v1_mkblk"], hits["v1_mkfile"]) == (2, 1)
    uploads = node_run.sandbox.storage.data_dir / "uploads"
    assert not list(uploads.glob("v1-*")), "the v1 blocks stay on disk after mkfile"


def test_resumable_v2_uses_three_parts(node_run: NodeRun) -> None:
    big = node_run.workdir / "big.bin"
    answer = node_run.details("resume_v2")["data"]
    assert answer == {"hash": etag(str(big)), "key": "node/big/v2.bin"}
    stored = _stored(node_run, "node/big/v2.bin")
    assert stored.path.read_bytes() == big.read_bytes()
    hits = node_run.sandbox.hits
    assert (hits["mp_init"], hits["mp_part"], hits["mp_complete"]) == (1, 3, 1)


def test_private_download_through_the_listed_domain(node_run: NodeRun) -> None:
    got = node_run.details("private_download")
    assert got["domain"] == f"http://{node_run.sandbox.domain(B)}"
    assert got["fresh"] == {"status": 200, "body": FORM_BYTES.decode()}
    assert got["expired"] == 401
    assert got["unsigned"] == 401
    # the same object through a URL signed by the Python SDK (the sandbox side of the check)
    url = _private_url(node_run, "node/form/bytes.txt")
    assert requests.get(url, timeout=10).content == FORM_BYTES


def test_stat_and_list_with_delimiter(node_run: NodeRun) -> None:
    stat = node_run.details("stat")["data"]
    stored = _stored(node_run, "node/big/v1.bin")
    assert (stat["fsize"], stat["hash"]) == (BIG_SIZE, stored.hash)
    assert stat["putTime"] == stored.put_time
    listed = node_run.details("list_delimiter")["data"]
    assert listed["commonPrefixes"] == ["node/big/", "node/form/"]
    assert [item["key"] for item in listed["items"]] == ["node/clip.mp4"]
    assert "marker" not in listed or not listed["marker"]
    # listPrefixV2 sends limit=0 ("no limit") and gets one JSON object per line
    stream = node_run.details("list_v2_delimiter")["data"]
    lines = [json.loads(line) for line in stream.splitlines() if line.strip()]
    assert [(line["dir"], (line["item"] or {}).get("key")) for line in lines] == [
        ("node/big/", None),
        ("", "node/clip.mp4"),
        ("node/form/", None),
    ]
    assert lines[-1]["marker"] == ""


def test_record_operations(node_run: NodeRun) -> None:
    for name in ("copy", "move", "change_mime", "change_type", "delete"):
        assert node_run.details(name)["status"] == 200, name
    refused = node_run.details("copy_existing_refused")
    assert refused == {"status": 614, "data": {"error": "file exists"}}
    storage = node_run.sandbox.storage
    assert storage.stat(B, "node/ops/copy.txt") is None  # moved away
    assert storage.stat(B, "node/form/file.txt") is None  # deleted
    moved = _stored(node_run, "node/ops/moved.txt")
    source = _stored(node_run, "node/form/bytes.txt")
    assert moved.hash == source.hash
    assert (moved.mime_type, moved.type, moved.status) == ("text/x-node", 1, 1)
    disabled = node_run.details("disable")["data"]
    assert (disabled["status"], disabled["type"], disabled["mimeType"]) == (1, 1, "text/x-node")
    url = _private_url(node_run, "node/ops/moved.txt")
    assert requests.get(url, timeout=10).status_code == 403  # disabled, though signed


def test_batch(node_run: NodeRun) -> None:
    answer = node_run.details("batch")
    assert answer["status"] == 298  # one operation failed
    codes = [item["code"] for item in answer["data"]]
    assert codes == [200, 200, 612, 200]
    assert answer["data"][0]["data"]["hash"] == _stored(node_run, "node/form/bytes.txt").hash
    assert node_run.sandbox.storage.stat(B, "node/ops/batch-copy.txt") is None


def test_pfop_and_prefop_until_done(node_run: NodeRun) -> None:
    done = node_run.details("pfop")
    status = done["data"]
    assert status["code"] == 0, status
    assert status["id"] == done["persistentId"]
    assert status["inputKey"] == "node/clip.mp4"
    outputs = ["node/out/clip-320x180.mp4", "node/out/clip-thumb.jpg"]
    assert [item["key"] for item in status["items"]] == outputs
    assert [item["code"] for item in status["items"]] == [0, 0]
    mp4 = _stored(node_run, outputs[0])
    assert status["items"][0]["hash"] == mp4.hash
    with av.open(str(mp4.path)) as media:
        video = media.streams.video[0]
        assert (video.codec_context.name, video.width, video.height) == ("h264", 320, 180)
        assert media.duration is not None
        assert abs(media.duration / 1_000_000 - 2.0) <= 0.2
    with av.open(str(_stored(node_run, outputs[1]).path)) as img:
        stream = img.streams.video[0]
        assert (stream.codec_context.name, stream.width, stream.height) == ("mjpeg", 160, 90)
    assert node_run.sandbox.hits["pfop"] == 1
