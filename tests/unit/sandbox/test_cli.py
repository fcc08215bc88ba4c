"""CLI: one JSON line when ready, serves, exits cleanly on SIGTERM; generated keys persist."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests

from qfopgui.sandbox.cli import build_parser, resolve_credentials
from tests.unit.sandbox.fakes import call


def _launch(args: list[str]) -> tuple[subprocess.Popen[str], dict[str, Any]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "qfopgui.sandbox", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        proc.wait(timeout=10)
        raise AssertionError(proc.stderr.read() if proc.stderr else "no output")
    return proc, json.loads(line)


def _terminate(proc: subprocess.Popen[str]) -> int:
    proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=20)


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM semantics differ on Windows")
def test_cli_announces_and_serves(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc, info = _launch(
        [
            "--port",
            "0",
            "--data",
            str(data),
            "--access-key",
            "cli-ak",
            "--secret-key",
            "cli-sk",
            "--bucket",
            "one",
            "--bucket",
            "two",
        ]
    )
    try:
        assert set(info) >= {"base_url", "access_key", "secret_key", "buckets", "data"}
        assert info["access_key"] == "cli-ak"
        assert info["secret_key"] == "cli-sk"
        assert info["buckets"] == ["one", "two"]
        assert info["data"] == str(data)
        assert info["base_url"].startswith("http://127.0.0.1:")
        resp = call("GET", f"{info['base_url']}/buckets", "qiniu", ak="cli-ak", sk="cli-sk")
        assert resp.json() == ["one", "two"]
        assert proc.stdout is not None
    finally:
        code = _terminate(proc)
    assert code == 0
    assert (data / "meta.sqlite").exists()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{info['base_url']}/sandbox/info", timeout=2)


def test_generated_credentials_persist(tmp_path: Path) -> None:
    first = resolve_credentials(tmp_path, None, None)
    assert first == resolve_credentials(tmp_path, None, None)
    assert first[0].startswith("sandbox-")
    assert len(first[1]) >= 30
    assert resolve_credentials(tmp_path, "a", "b") == ("a", "b")
    with pytest.raises(SystemExit):
        resolve_credentials(tmp_path, "a", None)


def test_parser_defaults_and_validation() -> None:
    args = build_parser().parse_args([])
    assert args.port == 0
    assert args.demo is False
    assert args.workers == 1
    assert args.fail_rate == 0.0
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--fail-rate", "2"])
