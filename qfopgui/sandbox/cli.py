"""``qfopgui-sandbox``: run the sandbox until SIGINT/SIGTERM, announcing itself with one JSON line.

Keys: ``--access-key``/``--secret-key`` when given; otherwise a random pair generated on first use
and kept in ``<data>/credentials.json``, so a data dir keeps the same keys across restarts.
"""

from __future__ import annotations

import argparse
import json
import logging
import secrets
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from qfopgui.sandbox.config import SandboxConfig
from qfopgui.sandbox.demo import DEMO_BUCKET, DEMO_PRIVATE_BUCKET
from qfopgui.sandbox.pipelines import NAME_RULE, valid_pipeline_name
from qfopgui.sandbox.server import SandboxServer

DEFAULT_BUCKET = "sandbox"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("qfopgui", appauthor=False)) / "sandbox"


def _probability(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def _pipeline_name(text: str) -> str:
    if not valid_pipeline_name(text):
        raise argparse.ArgumentTypeError(f"invalid pipeline name {text!r}: use {NAME_RULE}")
    return text


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="qfopgui-sandbox",
        description="Local Qiniu- or Aliyun OSS-compatible server for qfopgui.",
    )
    p.add_argument(
        "--provider",
        choices=("qiniu", "oss"),
        default="qiniu",
        help="which service to emulate: Qiniu Kodo (default) or Aliyun OSS",
    )
    p.add_argument(
        "--oss-region", default="cn-hangzhou", help="region the OSS sandbox reports (OSS only)"
    )
    p.add_argument(
        "--oss-strict-region",
        action="store_true",
        help="refuse V4 requests signed for another region than --oss-region (OSS only)",
    )
    p.add_argument(
        "--imm-project",
        action="append",
        default=[],
        metavar="NAME",
        help="OSS only: a project the emulated IMM GetTask knows (repeatable; default sandbox)",
    )
    p.add_argument(
        "--mns-queue",
        action="append",
        default=[],
        metavar="QUEUE=TOPIC",
        help="OSS only: an emulated MNS queue subscribed to TOPIC (repeatable)",
    )
    p.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0 = any free port)")
    p.add_argument("--data", type=Path, default=None, help="data directory (persists objects)")
    p.add_argument("--access-key", default=None)
    p.add_argument("--secret-key", default=None)
    p.add_argument(
        "--bucket",
        action="append",
        default=[],
        metavar="NAME[@REGION]",
        help="bucket to create (repeatable); NAME@z2 puts it in region z2 (default z0), "
        "served on a port of its own",
    )
    p.add_argument(
        "--private-bucket", action="append", default=[], metavar="NAME[@REGION]", help="private"
    )
    p.add_argument("--demo", action="store_true", help="seed demo media and pipelines")
    p.add_argument(
        "--pipeline",
        action="append",
        default=[],
        type=_pipeline_name,
        metavar="NAME",
        help="a known private queue (repeatable); pfop to an unknown one is refused",
    )
    p.add_argument("--workers", type=int, default=1, help="processing workers per pipeline")
    p.add_argument("--latency", type=int, default=0, metavar="MS", help="added latency per request")
    p.add_argument("--fail-rate", type=_probability, default=0.0, help="share of 599/503 answers")
    p.add_argument("--throttle-rate", type=_probability, default=0.0, help="share of 573 answers")
    p.add_argument(
        "--drop-rate", type=_probability, default=0.0, help="share of dropped connections"
    )
    p.add_argument("--seed", type=int, default=None, help="RNG seed for fault injection")
    p.add_argument("-v", "--verbose", action="store_true", help="log requests to stderr")
    return p


def resolve_credentials(data: Path, ak: str | None, sk: str | None) -> tuple[str, str]:
    """Explicit keys win; otherwise reuse (or create) the data dir's generated pair."""
    if ak and sk:
        return ak, sk
    if ak or sk:
        raise SystemExit("--access-key and --secret-key must be given together")
    path = data / "credentials.json"
    try:
        stored = json.loads(path.read_text("utf-8"))
        return str(stored["access_key"]), str(stored["secret_key"])
    except (OSError, ValueError, KeyError):
        pass
    pair = ("sandbox-" + secrets.token_hex(8), secrets.token_urlsafe(30))
    data.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"access_key": pair[0], "secret_key": pair[1]}), "utf-8")
    return pair


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    data: Path = args.data if args.data is not None else default_data_dir()
    ak, sk = resolve_credentials(data, args.access_key, args.secret_key)
    buckets = list(dict.fromkeys(args.bucket or ([] if args.demo else [DEFAULT_BUCKET])))
    if args.provider == "oss":
        if args.private_bucket or args.pipeline:
            raise SystemExit("qfopgui-sandbox: --private-bucket and --pipeline are Qiniu only")
        from qfopgui.sandbox.oss.cli import run_oss

        return run_oss(
            data=data,
            access_key=ak,
            secret_key=sk,
            buckets=buckets if args.demo else buckets or [DEFAULT_BUCKET],
            port=args.port,
            region=args.oss_region,
            strict_region=args.oss_strict_region,
            workers=args.workers,
            imm_projects=args.imm_project,
            mns_queues=args.mns_queue,
            demo=args.demo,
        )
    if args.imm_project or args.mns_queue:
        raise SystemExit("qfopgui-sandbox: --imm-project and --mns-queue need --provider oss")
    try:
        config = SandboxConfig(
            data_dir=data,
            credentials=[(ak, sk)],
            buckets=buckets,
            private_buckets=list(dict.fromkeys(args.private_bucket)),
            pipelines=list(dict.fromkeys(args.pipeline)),
            port=args.port,
            workers=args.workers,
            latency_ms=args.latency,
            fail_rate=args.fail_rate,
            throttle_rate=args.throttle_rate,
            drop_rate=args.drop_rate,
            demo=args.demo,
            seed=args.seed,
        )
    except ValueError as exc:  # a bad bucket name or region, as typed
        raise SystemExit(f"qfopgui-sandbox: {exc}") from exc
    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    server = SandboxServer(config)
    base_url = server.start()
    try:
        names = [b.name for b in server.storage.buckets()]
        announced = {
            "base_url": base_url,
            "access_key": ak,
            "secret_key": sk,
            "buckets": names,
            "regions": server.region_urls,
            "data": str(data),
        }
        if args.demo:
            announced["demo_buckets"] = [DEMO_BUCKET, DEMO_PRIVATE_BUCKET]
        sys.stdout.write(json.dumps(announced) + "\n")
        sys.stdout.flush()
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
    return 0
