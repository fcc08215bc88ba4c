"""``qfopgui-sandbox --provider oss``: run the OSS sandbox and announce it with one JSON line."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from qfopgui.sandbox.oss.config import OssConfig
from qfopgui.sandbox.oss.demo import OSS_DEMO_BUCKET, OSS_DEMO_OUTPUT_BUCKET
from qfopgui.sandbox.oss.server import OssServer


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    return stop


def parse_queue_subscriptions(items: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """``QUEUE=TOPIC`` items → (queue, topic) pairs; ValueError saying what is wrong."""
    pairs: list[tuple[str, str]] = []
    for item in items:
        queue, sep, topic = item.partition("=")
        if not sep or not queue or not topic:
            raise ValueError(f"--mns-queue {item!r}: write QUEUE=TOPIC, e.g. jobs=transcodes")
        pairs.append((queue, topic))
    return tuple(pairs)


def run_oss(
    *,
    data: Path,
    access_key: str,
    secret_key: str,
    buckets: Sequence[str],
    port: int,
    region: str,
    workers: int,
    strict_region: bool = False,
    imm_projects: Sequence[str] = (),
    mns_queues: Sequence[str] = (),
    demo: bool = False,
    stop: threading.Event | None = None,
) -> int:
    """Serve until ``stop`` is set (by default: SIGINT/SIGTERM). The ready line has base_url,
    keys, buckets and region, like the Qiniu sandbox's, plus the sandbox-only ``imm_url``
    (emulated IMM GetTask), ``mns_url`` (emulated MNS queues), ``imm_projects`` and
    ``mns_queues`` (queue → topic). ``mns_queues`` items are ``QUEUE=TOPIC``."""
    if stop is None:
        stop = _stop_on_signals()
    try:
        config = OssConfig(
            imm_projects=tuple(dict.fromkeys(imm_projects)) or ("sandbox",),
            mns_queues=parse_queue_subscriptions(mns_queues),
            demo=demo,
            data_dir=data,
            credentials=[(access_key, secret_key)],
            buckets=list(dict.fromkeys(buckets)),
            port=port,
            region=region,
            workers=workers,
            strict_region=strict_region,
        )
    except ValueError as exc:
        raise SystemExit(f"qfopgui-sandbox: {exc}") from exc
    server = OssServer(config)
    base_url = server.start()
    try:
        announced = {
            "provider": "oss",
            "base_url": base_url,
            "access_key": access_key,
            "secret_key": secret_key,
            "buckets": [b.name for b in server.storage.buckets()],
            "region": region,
            "data": str(data),
            "imm_url": server.imm_url,
            "imm_projects": list(server.config.imm_projects),
            "mns_url": server.mns_url,
            "mns_queues": dict(server.config.mns_queues),
        }
        if demo:
            announced["demo_buckets"] = [OSS_DEMO_BUCKET, OSS_DEMO_OUTPUT_BUCKET]
        sys.stdout.write(json.dumps(announced) + "\n")
        sys.stdout.flush()
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
    return 0
