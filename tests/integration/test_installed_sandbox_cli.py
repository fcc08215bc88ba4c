"""The console script that `pip install -e .` (the README's command) installs serves the demo.

Guards the acceptance point "on a fresh machine, the README install command alone is enough for
`qfopgui-sandbox --demo`": it runs the installed entry point, not `python -m`, and checks the
demo bucket with the official SDK.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import qiniu

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _installed_script() -> str:
    scripts = Path(sys.executable).parent
    found = shutil.which("qfopgui-sandbox", path=str(scripts)) or shutil.which("qfopgui-sandbox")
    assert found, "qfopgui-sandbox is not installed next to this Python: run the README install"
    return found


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM semantics differ on Windows")
def test_installed_sandbox_demo_serves_demo_media(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [_installed_script(), "--demo", "--port", "0", "--data", str(tmp_path / "sb")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else "no output"
        info = json.loads(line)
        assert "demo" in info["buckets"]
        auth = qiniu.Auth(info["access_key"], info["secret_key"])
        region = qiniu.http.region.Region(
            region_id="local",
            services={
                name: [
                    qiniu.http.endpoint.Endpoint(
                        info["base_url"].split("//", 1)[1], default_scheme="http"
                    )
                ]
                for name in qiniu.http.region.ServiceName
            },
        )
        bucket = qiniu.BucketManager(auth, regions=[region])
        ret, _eof, resp = bucket.list("demo", prefix="videos/")
        assert resp.status_code == 200, resp.text_body
        keys = {item["key"] for item in ret["items"]}
        assert "videos/sample-1280x720-10s.mp4" in keys
        stat, resp = bucket.stat("demo", "videos/sample-1280x720-10s.mp4")
        assert stat["mimeType"] == "video/mp4"
        assert stat["fsize"] > 10_000
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
