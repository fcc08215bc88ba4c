"""Sandbox benchmark: prefop requests/s, listed objects/s, and pfop transcode overhead.

Starts the real sandbox in-process on 127.0.0.1, prints human-readable lines and one final JSON
line. Run: `.venv/bin/python bench/sandbox.py [--seconds 3] [--objects 20000] [--reps 3]`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import requests
from qiniu import Auth

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qfopgui.sandbox.processing.ffmpeg_args import build_plan
from qfopgui.sandbox.processing.fopparse import parse_command
from qfopgui.sandbox.processing.plan import BuildContext

AK, SK, BUCKET = "bench-ak", "bench-sk", "bench"
FOP = "avthumb/mp4/s/640x360/vb/800k/ab/96k"
FORM = "application/x-www-form-urlencoded"


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def import_server() -> Any:
    """The sandbox server module."""
    return importlib.import_module("qfopgui.sandbox.server")


def _hammer(url: str, auth: Auth | None, seconds: float, threads: int) -> tuple[float, int]:
    """(successful requests per second, error count) for `threads` keep-alive clients."""
    counts = [0] * threads
    errors = [0] * threads
    stop = time.monotonic() + seconds

    def work(n: int) -> None:
        session = requests.Session()
        while time.monotonic() < stop:
            headers = {"Authorization": "QBox " + auth.token_of_request(url)} if auth else {}
            resp = session.get(url, headers=headers, timeout=10)
            if resp.status_code == 200:
                counts[n] += 1
            else:
                errors[n] += 1
        session.close()

    started = time.monotonic()
    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return sum(counts) / (time.monotonic() - started), sum(errors)


def bench_prefop(base: str, auth: Auth, pid: str, seconds: float, threads: int) -> dict[str, float]:
    """Threads hammering GET /status/get/prefop (signed like the SDK, and unsigned)."""
    url = f"{base}/status/get/prefop?id={pid}"
    signed, signed_errors = _hammer(url, auth, seconds, threads)
    unsigned, unsigned_errors = _hammer(url, None, seconds, threads)
    return {
        "prefop_rps_signed": signed,
        "prefop_errors_signed": signed_errors,
        "prefop_rps_unsigned": unsigned,
        "prefop_errors_unsigned": unsigned_errors,
    }


def bench_list(base: str, auth: Auth, expected: int) -> dict[str, float]:
    session = requests.Session()
    marker, seen, pages = "", 0, 0
    started = time.monotonic()
    while True:
        query = urllib.parse.urlencode({"bucket": BUCKET, "limit": 1000, "marker": marker})
        url = f"{base}/list?{query}"
        resp = session.get(url, headers={"Authorization": "QBox " + auth.token_of_request(url)})
        resp.raise_for_status()
        body = resp.json()
        seen += len(body.get("items", []))
        pages += 1
        marker = body.get("marker", "")
        if not marker:
            break
    elapsed = time.monotonic() - started
    if seen < expected:
        raise RuntimeError(f"listed {seen} objects, expected at least {expected}")
    return {"listed": seen, "pages": pages, "list_seconds": elapsed, "list_ops": seen / elapsed}


def pfop_once(base: str, auth: Auth, session: requests.Session, key: str, out_key: str) -> float:
    from qiniu.utils import entry

    fops = f"{FOP}|saveas/{entry(BUCKET, out_key)}"
    body = urllib.parse.urlencode({"bucket": BUCKET, "key": key, "fops": fops, "force": "1"})
    url = f"{base}/pfop/"
    token = auth.token_of_request(url, body, FORM)
    started = time.monotonic()
    resp = session.post(
        url, data=body, headers={"Content-Type": FORM, "Authorization": "QBox " + token}
    )
    resp.raise_for_status()
    status_url = f"{base}/status/get/prefop?id={resp.json()['persistentId']}"
    while True:
        status = session.get(status_url).json()
        if status["code"] not in (1, 2):
            break
        time.sleep(0.005)
    elapsed = time.monotonic() - started
    if status["code"] != 0:
        raise RuntimeError(f"pfop failed: {status}")
    return elapsed


def engine_once(processor: Any, key: str, out_key: str) -> float:
    """The same pfop through Processor.submit/status in-process (no HTTP in the loop)."""
    from qiniu.utils import entry

    started = time.monotonic()
    pid = processor.submit(
        bucket=BUCKET, key=key, fops=f"{FOP}|saveas/{entry(BUCKET, out_key)}", force=True
    )
    while processor.status(pid)["code"] in (1, 2):
        time.sleep(0.002)
    elapsed = time.monotonic() - started
    if processor.status(pid)["code"] != 0:
        raise RuntimeError(f"pfop failed: {processor.status(pid)}")
    return elapsed


def direct_once(ffmpeg: str, clip: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        ctx = BuildContext(ffmpeg, clip, Path(tmp), resolve=lambda url: Path(url))
        plan = build_plan(parse_command(FOP).steps[0], ctx)
        started = time.monotonic()
        subprocess.run(plan.argv, cwd=tmp, check=True)
        return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="per prefop measurement")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--objects", type=int, default=20_000)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()

    info = machine()
    print(f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}")
    server_mod = import_server()
    from qfopgui.sandbox.config import SandboxConfig

    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    auth = Auth(AK, SK)
    results: dict[str, Any] = {"machine": info}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        clip = root / "clip.mp4"
        subprocess.run(
            [
                ffmpeg,
                "-nostdin",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc=duration=6:size=1280x720:rate=30",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:duration=6",
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-shortest",
                str(clip),
            ],
            check=True,
        )
        config = SandboxConfig(data_dir=root / "sandbox", credentials=[(AK, SK)], buckets=[BUCKET])
        with server_mod.SandboxServer(config) as server:
            base = server.base_url
            storage = server.storage
            started = time.monotonic()
            for n in range(args.objects):
                storage.put_bytes(BUCKET, f"seed/{n:06d}.txt", b"x")
            seed_s = time.monotonic() - started
            print(f"seeded {args.objects} objects in {seed_s:.1f} s")
            storage.put_file(BUCKET, "bench.mp4", clip)

            session = requests.Session()
            pid_time = pfop_once(base, auth, session, "bench.mp4", "warm.mp4")  # warm-up
            print(f"warm-up pfop: {pid_time:.2f} s")
            direct_once(ffmpeg, clip)  # warm-up
            pfop_s: list[float] = []
            direct_s: list[float] = []
            engine_s: list[float] = []
            for n in range(args.reps):  # interleaved so machine noise hits all three alike
                direct_s.append(direct_once(ffmpeg, clip))
                pfop_s.append(pfop_once(base, auth, session, "bench.mp4", f"out{n}.mp4"))
                engine_s.append(engine_once(server.processor, "bench.mp4", f"eng{n}.mp4"))
            med_pfop, med_direct = statistics.median(pfop_s), statistics.median(direct_s)
            med_engine = statistics.median(engine_s)
            overhead = (med_pfop - med_direct) / med_direct * 100
            engine_overhead = (med_engine - med_direct) / med_direct * 100
            results.update(
                transcode_fop=FOP,
                transcode_input="6 s 1280x720 30 fps h264+aac",
                pfop_seconds=pfop_s,
                engine_seconds=engine_s,
                direct_seconds=direct_s,
                pfop_median=med_pfop,
                engine_median=med_engine,
                direct_median=med_direct,
                overhead_pct=overhead,
                engine_overhead_pct=engine_overhead,
            )
            print(
                f"transcode ({FOP}, {args.reps} reps): direct ffmpeg median {med_direct:.3f} s; "
                f"pfop over HTTP (submit → prefop code 0) {med_pfop:.3f} s → overhead "
                f"{overhead:+.1f}% (goal ≤ 10%); in-process engine {med_engine:.3f} s → "
                f"{engine_overhead:+.1f}%"
            )

            pid = session.post(
                f"{base}/pfop/",
                data=(
                    body := urllib.parse.urlencode(
                        {"bucket": BUCKET, "key": "bench.mp4", "fops": "avinfo"}
                    )
                ),
                headers={
                    "Content-Type": FORM,
                    "Authorization": "QBox " + auth.token_of_request(f"{base}/pfop/", body, FORM),
                },
            ).json()["persistentId"]
            prefop = bench_prefop(base, auth, pid, args.seconds, args.threads)
            results.update(prefop)
            print(
                f"prefop: {prefop['prefop_rps_signed']:.0f} req/s signed, "
                f"{prefop['prefop_rps_unsigned']:.0f} req/s unsigned "
                f"({args.threads} threads, {args.seconds:g} s each)"
            )
            listing = bench_list(base, auth, args.objects)
            results.update(listing)
            print(
                f"list: {listing['listed']} objects in {listing['pages']} pages, "
                f"{listing['list_seconds']:.2f} s → {listing['list_ops']:.0f} objects/s"
            )
            session.close()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
