"""Executors: bounded daemon pool that never blocks exit; serial executor keeps order."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from qfopgui.services.executors import DaemonThreadExecutor, runner, serial_executor


def test_daemon_pool_is_bounded_and_reuses_threads() -> None:
    ex = DaemonThreadExecutor(3, name="t")
    lock = threading.Lock()
    state = {"now": 0, "max": 0}
    names: set[str] = set()

    def work(i: int) -> int:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
            names.add(threading.current_thread().name)
            assert threading.current_thread().daemon
        time.sleep(0.01)
        with lock:
            state["now"] -= 1
        return i * 2

    futures = [ex.submit(work, i) for i in range(30)]
    assert [f.result(5) for f in futures] == [i * 2 for i in range(30)]
    assert state["max"] == 3
    assert ex.threads == 3
    assert len(names) == 3
    ex.shutdown()


def test_exceptions_reach_the_caller() -> None:
    ex = DaemonThreadExecutor(1)
    with pytest.raises(ZeroDivisionError):
        ex.submit(lambda: 1 / 0).result(5)
    ex.shutdown()
    with pytest.raises(RuntimeError):
        ex.submit(lambda: 1)


def test_shutdown_does_not_wait_and_can_cancel_queued_work() -> None:
    ex = DaemonThreadExecutor(1)
    gate = threading.Event()
    running = ex.submit(gate.wait, 5)
    queued = ex.submit(lambda: "never")
    t0 = time.monotonic()
    ex.shutdown(wait=True, cancel_futures=True)
    assert time.monotonic() - t0 < 0.5
    assert queued.cancelled()
    gate.set()
    assert running.result(5) is True


EXIT = textwrap.dedent(
    """
    import time
    from qfopgui.services.executors import DaemonThreadExecutor
    ex = DaemonThreadExecutor(2)
    ex.submit(time.sleep, 30)
    time.sleep(0.1)
    """
)


def test_interpreter_exits_while_a_call_is_still_running() -> None:
    t0 = time.monotonic()
    subprocess.run([sys.executable, "-c", EXIT], check=True, timeout=20)
    assert time.monotonic() - t0 < 10


def test_serial_executor_and_runner() -> None:
    ex = serial_executor("store")
    order: list[int] = []
    threads: set[int] = set()

    def step(i: int) -> int:
        threads.add(threading.get_ident())
        order.append(i)
        return i

    async def main() -> list[int]:
        run = runner(ex)
        return list(await asyncio.gather(*(run(lambda i=i: step(i)) for i in range(20))))

    assert asyncio.run(main()) == list(range(20))
    assert order == list(range(20))
    assert len(threads) == 1
    assert threading.get_ident() not in threads
    ex.shutdown()
