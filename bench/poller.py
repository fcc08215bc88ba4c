"""Bench: JobPoller following 10,000 active jobs against a fake prefop with a fixed latency.

Prints store write throughput, poll throughput, on_changed batch counts/sizes and the worst
event-loop lag seen by a 10 ms ticker, then one JSON line. Run: `.venv/bin/python bench/poller.py`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from qfopgui.core.jobs import JobItem, JobRecord, JobStatus
from qfopgui.core.polling import PollPolicy
from qfopgui.services.executors import DaemonThreadExecutor, runner, serial_executor
from qfopgui.services.poller import JobPoller
from qfopgui.services.store import JobStore


class FakeClient:
    """Each job answers waiting, then processing, then done (1 → 2 → 0)."""

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.calls = 0
        self._seen: dict[str, int] = {}
        self._lock = threading.Lock()

    def prefop(self, persistent_id: str) -> JobStatus:
        with self._lock:
            self.calls += 1
            n = self._seen.get(persistent_id, 0)
            self._seen[persistent_id] = n + 1
        time.sleep(self.latency)
        code = (1, 2, 0)[min(n, 2)]
        cmd = "avthumb/mp4|saveas/YjpvdXQubXA0"
        item = {"cmd": cmd, "code": code, "desc": "", "returnOld": 0}
        raw = {
            "id": persistent_id,
            "code": code,
            "desc": "",
            "inputBucket": "b",
            "inputKey": "k.mp4",
            "pipeline": "0.default",
            "reqid": f"r{n}",
            "items": [item],
        }
        return JobStatus(
            persistent_id,
            code,
            "",
            "b",
            "k.mp4",
            "0.default",
            f"r{n}",
            (JobItem(cmd=cmd, code=code),),
            raw=raw,
        )


class TimedStore(JobStore):
    """Counts rows and seconds spent in apply_statuses (the poller's only write path)."""

    rows = 0
    seconds = 0.0
    calls = 0

    def apply_statuses(self, updates: Any) -> list[JobRecord]:
        t0 = time.perf_counter()
        out = super().apply_statuses(updates)
        self.seconds += time.perf_counter() - t0
        self.rows += len(updates)
        self.calls += 1
        return out


def seed(path: Path, n: int) -> None:
    """Bulk-insert n WAITING rows in one transaction (setup, not measured)."""
    JobStore(path).open()
    con = sqlite3.connect(path)
    now = time.time()
    con.executemany(
        "INSERT INTO jobs (profile, bucket, key, fops, presets, outputs, output_bucket, pipeline,"
        " batch_id, state, persistent_id, force, notify_url, type, submitted_at, updated_at, error)"
        " VALUES ('p','b',?,'[\"f\"]','[]','[]','b','','x','waiting',?,0,'',0,?,?,'')",
        [(f"k{i}.mp4", f"z0.{i:024x}", now, now) for i in range(n)],
    )
    con.commit()
    con.close()


def submit_path_rate(path: Path, n: int) -> float:
    """Rows/s for add_submitting + mark_submitted, one committed transaction each (fsync'd)."""
    store = JobStore(path)
    t0 = time.perf_counter()
    for i in range(n):
        rec = store.add_submitting(
            profile="q",
            bucket="b",
            key=f"s{i}",
            fops=("f",),
            presets=(),
            outputs=(),
            output_bucket="b",
            pipeline="",
            batch_id="s",
        )
        store.mark_submitted(rec.id, f"z1.{i}")
    rate = n / (time.perf_counter() - t0)
    store.close()
    return rate


async def run(args: argparse.Namespace, path: Path) -> dict[str, Any]:
    store = TimedStore(path)
    client = FakeClient(args.latency)
    store_ex = serial_executor("bench-store")
    net = DaemonThreadExecutor(args.concurrency, name="bench-net")
    batches: list[int] = []
    done: set[int] = set()
    finished = asyncio.Event()

    def on_changed(records: list[JobRecord]) -> None:
        batches.append(len(records))
        done.update(r.id for r in records if r.state.is_terminal)
        if len(done) >= args.jobs:
            finished.set()

    policy = PollPolicy(
        first_delay=0.0,
        min_interval=args.interval,
        max_interval=args.interval,
        jitter=0.1,
        max_concurrency=args.concurrency,
        max_rps=args.rps,
    )

    def client_for(profile: str) -> FakeClient:
        return client

    poller = JobPoller(
        store=store,
        run_store=runner(store_ex),
        client_for=client_for,
        run_blocking=runner(net),
        on_changed=on_changed,
        policy=policy,
    )
    lag = 0.0
    lag_at = 0.0
    lags: list[float] = []

    async def ticker() -> None:
        nonlocal lag, lag_at
        loop = asyncio.get_running_loop()
        while True:
            t = loop.time()
            await asyncio.sleep(0.01)
            this = loop.time() - t - 0.01
            lags.append(this)
            if this > lag:
                lag, lag_at = this, time.perf_counter() - t0

    t0 = time.perf_counter()
    tick_task = asyncio.create_task(ticker())
    task = asyncio.create_task(poller.run())
    await asyncio.wait_for(finished.wait(), args.timeout)
    elapsed = time.perf_counter() - t0
    task.cancel()
    tick_task.cancel()
    await asyncio.gather(task, tick_task, return_exceptions=True)
    store_ex.shutdown(wait=True)
    net.shutdown()
    store.close()
    return {
        "jobs": args.jobs,
        "latency_ms": args.latency * 1000,
        "concurrency": args.concurrency,
        "max_rps": args.rps,
        "elapsed_s": round(elapsed, 3),
        "polls": client.calls,
        "polls_per_s": round(client.calls / elapsed, 1),
        "store_rows": store.rows,
        "store_calls": store.calls,
        "store_rows_per_s": round(store.rows / store.seconds, 1) if store.seconds else None,
        "store_busy_fraction": round(store.seconds / elapsed, 3),
        "on_changed_calls": len(batches),
        "on_changed_records": sum(batches),
        "batch_min": min(batches),
        "batch_median": statistics.median(batches),
        "batch_max": max(batches),
        "max_loop_lag_ms": round(lag * 1000, 2),
        "max_loop_lag_at_s": round(lag_at, 3),
        "p99_loop_lag_ms": round(statistics.quantiles(lags, n=100)[98] * 1000, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jobs", type=int, default=10_000)
    ap.add_argument("--latency", type=float, default=0.002, help="fake prefop latency (s)")
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--rps", type=float, default=0.0, help="max requests/s (0 = unlimited)")
    ap.add_argument("--interval", type=float, default=0.5, help="poll interval per job (s)")
    ap.add_argument("--timeout", type=float, default=600.0)
    ap.add_argument("--submit-rows", type=int, default=500)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "jobs.db"
        seed(path, args.jobs)
        result = asyncio.run(run(args, path))
        result["submit_path_rows_per_s"] = round(submit_path_rate(path, args.submit_rows), 1)
    print(
        f"jobs followed:        {result['jobs']} (prefop latency {result['latency_ms']} ms, "
        f"concurrency {result['concurrency']}, max_rps {result['max_rps'] or 'unlimited'})"
    )
    print(f"all terminal after:   {result['elapsed_s']} s")
    print(f"poll throughput:      {result['polls']} polls, {result['polls_per_s']} /s")
    print(
        f"store writes:         {result['store_rows']} statuses in {result['store_calls']} "
        f"transactions, {result['store_rows_per_s']} rows/s while writing "
        f"(store thread busy {result['store_busy_fraction']:.0%})"
    )
    print(
        f"submit path:          {result['submit_path_rows_per_s']} rows/s "
        "(add_submitting + mark_submitted, one fsync'd transaction each)"
    )
    print(
        f"on_changed:           {result['on_changed_calls']} calls, "
        f"{result['on_changed_records']} records, batch size min/median/max "
        f"{result['batch_min']}/{result['batch_median']}/{result['batch_max']}"
    )
    print(
        f"loop lag (10 ms tick): max {result['max_loop_lag_ms']} ms at "
        f"{result['max_loop_lag_at_s']} s, p99 {result['p99_loop_lag_ms']} ms"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
