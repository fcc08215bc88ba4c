"""The current run of uploads: the transfers active since the queue was last idle, in sums.

The overall line ("3 of 10 files · 45 MB of 120 MB · …") and the "12 files uploaded, 1 failed"
message are about what the user started lately, not every row ever shown. A run begins when a
transfer becomes active while nothing else is, and ends when none of its members is active any
more. Sums are kept per change (each transfer's share is taken out and put back), so an update
costs the transfers that changed, not the size of the run. Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from qfopgui.services.upload_types import Transfer, TransferState

_NOT_COUNTED = frozenset({TransferState.SKIPPED, TransferState.CANCELLED})


@dataclass(frozen=True)
class RunFigures:
    """What the overall line shows; `active == 0` with files means the run has ended."""

    files_done: int = 0
    files_total: int = 0
    failed: int = 0
    active: int = 0
    bytes_sent: int = 0
    bytes_total: int = 0
    speed: float = 0.0  # bytes/s, the sum over files being sent
    bytes_left: int = 0  # of the active files

    @property
    def fraction(self) -> float:
        if self.bytes_total > 0:
            return min(1.0, self.bytes_sent / self.bytes_total)
        return 1.0 if self.files_total and not self.active else 0.0

    @property
    def seconds_left(self) -> float | None:
        if not self.active or self.speed <= 0:
            return None
        return self.bytes_left / self.speed

    @property
    def ended(self) -> bool:
        return self.files_total > 0 and self.active == 0


@dataclass(frozen=True)
class _Share:
    counted: int
    done: int
    failed: int
    active: int
    sent: int
    size: int
    speed: float
    left: int


def _share(t: Transfer) -> _Share:
    if t.state in _NOT_COUNTED:
        return _Share(0, 0, 0, 0, 0, 0, 0.0, 0)
    done = t.state is TransferState.DONE
    sent = t.size if done else min(t.sent, t.size)
    return _Share(
        counted=1,
        done=int(done),
        failed=int(t.state is TransferState.FAILED),
        active=int(t.active),
        sent=sent,
        size=t.size,
        speed=t.speed if t.state is TransferState.UPLOADING else 0.0,
        left=max(0, t.size - sent) if t.active else 0,
    )


class UploadRun:
    """Call `update` with every change and `remove` with ids the list dropped."""

    def __init__(self) -> None:
        self._shares: dict[int, _Share] = {}
        self._sum = _Share(0, 0, 0, 0, 0, 0, 0.0, 0)

    def figures(self) -> RunFigures:
        s = self._sum
        return RunFigures(
            files_done=s.done,
            files_total=s.counted,
            failed=s.failed,
            active=s.active,
            bytes_sent=s.sent,
            bytes_total=s.size,
            speed=max(0.0, s.speed) if s.active else 0.0,
            bytes_left=s.left,
        )

    def update(self, transfers: Iterable[Transfer]) -> RunFigures | None:
        """Take these changes in; returns the run's figures when this change ended it."""
        was_active = self._sum.active > 0
        for t in transfers:
            if t.active and not was_active and self._sum.active == 0:
                self._reset()  # a new run: the last one's figures are history
            elif t.id not in self._shares and not t.active:
                continue  # finished outside this run: not part of it
            self._put(t.id, _share(t))
        if was_active and self._sum.active == 0:
            return self.figures()
        return None

    def remove(self, ids: Iterable[int]) -> None:
        for i in ids:
            old = self._shares.pop(i, None)
            if old is not None:
                self._sum = _minus(self._sum, old)

    def _put(self, transfer_id: int, share: _Share) -> None:
        old = self._shares.get(transfer_id)
        total = _minus(self._sum, old) if old is not None else self._sum
        self._shares[transfer_id] = share
        self._sum = _plus(total, share)

    def _reset(self) -> None:
        self._shares.clear()
        self._sum = _Share(0, 0, 0, 0, 0, 0, 0.0, 0)


def _plus(a: _Share, b: _Share, sign: int = 1) -> _Share:
    return _Share(
        counted=a.counted + sign * b.counted,
        done=a.done + sign * b.done,
        failed=a.failed + sign * b.failed,
        active=a.active + sign * b.active,
        sent=a.sent + sign * b.sent,
        size=a.size + sign * b.size,
        speed=a.speed + sign * b.speed,
        left=a.left + sign * b.left,
    )


def _minus(a: _Share, b: _Share) -> _Share:
    return _plus(a, b, -1)
