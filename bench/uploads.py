"""Bench: the upload service (`UploadService` + `UploadRecords`) against the sandbox on loopback.

Measures, with the real sandbox started in-process on 127.0.0.1 (as the app's local sandbox):
- one large file of random bytes (multipart, 3 parts in flight, every part recorded in sqlite)
  through the service, in MB/s, while a 10 ms asyncio ticker on the same loop records its
  longest gap and the peak RSS growth is read (VmHWM, reset just before; the sandbox runs in
  this process, so its request buffers count too: an upper bound for the client);
- many small files through the service (4 at a time, form uploads), in files/s.

Floors, measured in the same run with the plain `QiniuClient.upload_file` (sequential multipart
for the large file, one small file after another): the service must take at most 1.25x the
floor's time for the large file and 1.5x for the small ones; the ticker's longest gap must stay
under 100 ms and the RSS growth under 64 MB (the file is streamed, not read whole). Each case
runs `--rounds` times, interleaved with its floor, and the best of each counts. Prints
human-readable lines, then one JSON line; exits 1 when a target is missed.

    .venv/bin/python bench/uploads.py [--size-mb 200] [--files 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qfopgui.api.client import QiniuClient
from qfopgui.api.config import Credentials, Endpoints
from qfopgui.core.jobs import JobRecord
from qfopgui.sandbox import SandboxConfig, SandboxServer
from qfopgui.services.executors import DaemonThreadExecutor, runner, serial_executor
from qfopgui.services.submit_rules import SubmitItem, SubmitOptions
from qfopgui.services.upload_records import UploadRecords
from qfopgui.services.upload_types import (
    ACTIVE_STATES,
    ConflictChoice,
    Transfer,
    TransferState,
)
from qfopgui.services.uploads import UploadService

AK, SK, BUCKET, PROFILE = "bench-ak", "bench-sk", "bench", "sandbox"
MB = 1_000_000
MiB = 1024 * 1024
BIG_RATIO, SMALL_RATIO, MAX_GAP_MS, MAX_RSS_MB = 1.25, 1.5, 100.0, 64.0


def proc_status_mb(field: str) -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0); False when the kernel refuses."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        return False
    return True


def random_file(path: Path, size: int) -> Path:
    """Written in 8 MiB pieces so the bench itself never holds the file."""
    with path.open("wb") as fh:
        left = size
        while left:
            n = min(left, 8 * MiB)
            fh.write(os.urandom(n))
            left -= n
    return path


class NoJobs:
    """The bench uploads without transcode on upload: no job is ever submitted."""

    async def submit_with(
        self,
        profile: str,
        item: SubmitItem,
        options: SubmitOptions,
        batch_id: str,
        send: Callable[[], str],
        *,
        before_send: Callable[[JobRecord], Awaitable[None]] | None = None,
    ) -> JobRecord:
        raise AssertionError("no job expected in the upload bench")


class AllEnded:
    """A transfers listener: `wait()` returns once no transfer is queued or running."""

    def __init__(self, service: UploadService) -> None:
        self._service = service
        self._event = asyncio.Event()
        self.problem = ""

    def on_transfers_changed(self, transfers: list[Transfer]) -> None:
        if not any(t.state in ACTIVE_STATES for t in self._service.transfers()):
            self._event.set()

    def on_transfers_removed(self, ids: list[int]) -> None:
        return None

    def on_records_problem(self, template: str, params: Mapping[str, str]) -> None:
        self.problem = f"{template} {dict(params)}"

    async def wait(self) -> None:
        await self._event.wait()


class Ticker:
    """A 10 ms sleep loop on the event loop: its longest gap (and RSS if HWM can't be reset)."""

    def __init__(self, sample_rss: bool) -> None:
        self.max_gap = 0.0
        self.ticks = 0
        self.max_rss_mb = proc_status_mb("VmRSS")
        self._sample_rss = sample_rss

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            t = loop.time()
            await asyncio.sleep(0.01)
            self.max_gap = max(self.max_gap, loop.time() - t)
            self.ticks += 1
            if self._sample_rss:
                self.max_rss_mb = max(self.max_rss_mb, proc_status_mb("VmRSS"))


async def through_service(
    client: QiniuClient, base: Path, prefix: str, paths: list[Path], *, watch: bool
) -> dict[str, Any]:
    """Upload `paths` under `prefix` with a service built as the composition root builds it;
    seconds from enqueue to the last DONE, plus the ticker's gap and the peak RSS growth."""
    up = DaemonThreadExecutor(8, name="bench-upload")
    disk = serial_executor("bench-store")
    service = UploadService(
        records=UploadRecords(base / f"{prefix.strip('/')}.sqlite3"),
        run_records=runner(disk),
        client_for=lambda _p: client,
        run_blocking=runner(up),
        submitter=NoJobs(),
        max_files=2,
        part_concurrency=3,
    )
    ended = AllEnded(service)
    service.set_listener(ended)
    out: dict[str, Any] = {}
    try:
        await service.resume_pending()  # opens the records (as at app start), not timed
        if ended.problem:
            raise RuntimeError(f"the upload records could not be used: {ended.problem}")
        scan = await service.scan(PROFILE, BUCKET, prefix, paths)
        if scan.problems or scan.existing:
            raise RuntimeError(f"unexpected scan: {scan.problems} {sorted(scan.existing)[:3]}")
        hwm = watch and reset_peak_rss()
        ticker = Ticker(sample_rss=watch and not hwm)
        rss_start = proc_status_mb("VmRSS")
        tick = asyncio.create_task(ticker.run())
        t0 = time.perf_counter()
        await service.enqueue(scan, conflicts=ConflictChoice.SKIP)
        await ended.wait()
        out["seconds"] = time.perf_counter() - t0
        tick.cancel()
        await asyncio.gather(tick, return_exceptions=True)
        states = {t.state for t in service.transfers()}
        if states != {TransferState.DONE}:
            errors = {t.error for t in service.transfers() if t.error}
            raise RuntimeError(f"uploads ended {sorted(states)}: {sorted(errors)[:3]}")
        peak = proc_status_mb("VmHWM") if hwm else ticker.max_rss_mb
        out.update(
            max_gap_ms=ticker.max_gap * 1000,
            ticks=ticker.ticks,
            rss_start_mb=rss_start,
            rss_peak_mb=peak,
            rss_growth_mb=peak - rss_start,
            rss_source="VmHWM" if hwm else "VmRSS sampled every tick",
        )
    finally:
        await service.shutdown(grace=5)
        up.shutdown(wait=False)
        disk.shutdown(wait=True)
    return out


def through_floor(client: QiniuClient, prefix: str, paths: list[Path]) -> float:
    """Seconds for the same uploads with the plain client, one after another."""
    t0 = time.perf_counter()
    for p in paths:
        client.upload_file(BUCKET, prefix + p.name, p)
    return time.perf_counter() - t0


def forget(server: SandboxServer, prefix: str, paths: list[Path]) -> None:
    """Delete a round's objects (not timed), so the sandbox's disk does not grow."""
    for p in paths:
        server.storage.delete(BUCKET, prefix + p.name)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size-mb", type=int, default=200, help="the large file, in MB")
    ap.add_argument("--files", type=int, default=300, help="how many small files")
    ap.add_argument("--file-kib", type=int, default=64, help="size of each small file")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved runs; the best counts")
    args = ap.parse_args()
    big_size = args.size_mb * MB
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        big = [random_file(root / "big.bin", big_size)]
        (root / "small").mkdir()
        small = [
            random_file(root / "small" / f"f{i:04d}.bin", args.file_kib * 1024)
            for i in range(args.files)
        ]
        config = SandboxConfig(data_dir=root / "sandbox", credentials=[(AK, SK)], buckets=[BUCKET])
        with SandboxServer(config) as server:
            client = QiniuClient(Credentials(AK, SK), Endpoints.single(server.base_url))
            through_floor(client, "warm/", small[:5])  # connections and first-call costs
            big_floor: list[float] = []
            big_svc: list[dict[str, Any]] = []
            small_floor: list[float] = []
            small_svc: list[float] = []
            for n in range(args.rounds):  # interleaved so machine noise hits both alike
                big_floor.append(through_floor(client, f"floor{n}/", big))
                forget(server, f"floor{n}/", big)
                big_svc.append(
                    asyncio.run(through_service(client, root, f"svc{n}/", big, watch=True))
                )
                forget(server, f"svc{n}/", big)
                small_floor.append(through_floor(client, f"sfloor{n}/", small))
                forget(server, f"sfloor{n}/", small)
                got = asyncio.run(through_service(client, root, f"ssvc{n}/", small, watch=False))
                small_svc.append(got["seconds"])
                forget(server, f"ssvc{n}/", small)
            client.close()
    best_floor, best_svc = min(big_floor), min(s["seconds"] for s in big_svc)
    worst_gap = max(s["max_gap_ms"] for s in big_svc)
    worst_rss = max(s["rss_growth_mb"] for s in big_svc)
    best_sfloor, best_ssvc = min(small_floor), min(small_svc)
    result = {
        "cores": os.cpu_count(),
        "big_mb": args.size_mb,
        "rounds": args.rounds,
        "big_floor_mb_s": round(args.size_mb / best_floor, 1),
        "big_service_mb_s": round(args.size_mb / best_svc, 1),
        "big_ratio": round(best_svc / best_floor, 3),
        "big_ratio_target": BIG_RATIO,
        "big_floor_s": [round(s, 3) for s in big_floor],
        "big_service_s": [round(s["seconds"], 3) for s in big_svc],
        "loop_max_gap_ms": round(worst_gap, 1),
        "loop_max_gap_target_ms": MAX_GAP_MS,
        "ticks": [s["ticks"] for s in big_svc],
        "rss_growth_mb": round(worst_rss, 1),
        "rss_growth_target_mb": MAX_RSS_MB,
        "rss_start_mb": round(big_svc[0]["rss_start_mb"], 1),
        "rss_source": big_svc[0]["rss_source"],
        "small_files": args.files,
        "small_kib": args.file_kib,
        "small_floor_files_s": round(args.files / best_sfloor, 1),
        "small_service_files_s": round(args.files / best_ssvc, 1),
        "small_ratio": round(best_ssvc / best_sfloor, 3),
        "small_ratio_target": SMALL_RATIO,
        "small_floor_s": [round(s, 3) for s in small_floor],
        "small_service_s": [round(s, 3) for s in small_svc],
    }
    print(
        f"large file ({args.size_mb} MB, best of {args.rounds}): service "
        f"{result['big_service_mb_s']} MB/s (3 parts in flight), floor upload_file "
        f"{result['big_floor_mb_s']} MB/s (sequential) -> {result['big_ratio']}x the floor's "
        f"time (target <= {BIG_RATIO}x)"
    )
    print(
        f"event loop during it: longest 10 ms tick gap {result['loop_max_gap_ms']} ms "
        f"(target < {MAX_GAP_MS:g} ms); peak RSS +{result['rss_growth_mb']} MB over "
        f"{result['rss_start_mb']} MB ({result['rss_source']}; target < {MAX_RSS_MB:g} MB)"
    )
    print(
        f"small files ({args.files} x {args.file_kib} KiB): service "
        f"{result['small_service_files_s']} files/s (4 at a time), floor upload_file "
        f"{result['small_floor_files_s']} files/s (one after another) -> "
        f"{result['small_ratio']}x the floor's time (target <= {SMALL_RATIO}x)"
    )
    print(json.dumps(result))
    failed = []
    if best_svc > BIG_RATIO * best_floor:
        failed.append(f"the large file took {result['big_ratio']}x the floor (> {BIG_RATIO}x)")
    if worst_gap >= MAX_GAP_MS:
        failed.append(f"the event loop stalled {result['loop_max_gap_ms']} ms (>= {MAX_GAP_MS})")
    if worst_rss >= MAX_RSS_MB:
        failed.append(f"peak RSS grew {result['rss_growth_mb']} MB (>= {MAX_RSS_MB} MB)")
    if best_ssvc > SMALL_RATIO * best_sfloor:
        failed.append(f"small files took {result['small_ratio']}x the floor (> {SMALL_RATIO}x)")
    for line in failed:
        print(f"FAIL: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
