"""How far one transfer got and how fast it goes, updated from worker threads, read on the loop.

Worker threads only store plain integers (one per part in flight, under the GIL); the event
loop adds them up when it reports, a few times a second. Speed is the bytes sent over the last
`WINDOW` seconds, so a pause shows at once and parts already on the server before a resume do
not count as speed. `transfer_of` makes the `Transfer` the UI sees of a record.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from qfopgui.api.resumable_upload import part_plan
from qfopgui.services import upload_messages as M
from qfopgui.services.upload_records import DonePart, UploadRecord
from qfopgui.services.upload_types import Transfer, TransferState

WINDOW = 5.0
MIN_SPAN = 0.5  # seconds of samples needed before a speed is shown


class LiveBytes:
    """Bytes of one transfer: finished parts (event loop) plus parts being sent (threads)."""

    def __init__(self, done: int = 0) -> None:
        self.done = done
        self._sending: dict[int, int] = {}

    def sending(self, number: int) -> Callable[[int], None]:
        """The callback a worker thread calls with the bytes of part `number` written so far."""

        def update(sent: int) -> None:
            self._sending[number] = sent

        return update

    def finished(self, number: int, size: int) -> None:
        self._sending.pop(number, None)
        self.done += size

    def reset(self, done: int = 0) -> None:
        self._sending.clear()
        self.done = done

    @property
    def sent(self) -> int:
        return self.done + sum(list(self._sending.values()))  # list(): one atomic copy


class SpeedMeter:
    """Bytes per second over the last `window` seconds of samples."""

    def __init__(self, window: float = WINDOW) -> None:
        self.window = window
        self._samples: deque[tuple[float, int]] = deque()

    def add(self, now: float, sent: int) -> None:
        self._samples.append((now, sent))
        while len(self._samples) > 2 and now - self._samples[1][0] >= self.window:
            self._samples.popleft()

    def reset(self) -> None:
        self._samples.clear()

    @property
    def speed(self) -> float:
        if len(self._samples) < 2:
            return 0.0
        (t0, s0), (t1, s1) = self._samples[0], self._samples[-1]
        span = t1 - t0
        if span < MIN_SPAN:
            return 0.0
        return max(0.0, (s1 - s0) / span)


def transfer_of(rec: UploadRecord, sent: int, speed: float) -> Transfer:
    """What the UI shows of a record, with the bytes sent and the speed measured now."""
    if rec.state is TransferState.DONE:
        sent = rec.size
    error_params = tuple(sorted(rec.error_params.items()))
    note_params = tuple(sorted(rec.note_params.items()))
    return Transfer(
        id=rec.id,
        profile=rec.profile,
        bucket=rec.bucket,
        key=rec.key,
        path=rec.path,
        size=rec.size,
        sent=sent,
        state=rec.state,
        error=M.render(rec.error, rec.error_params) if rec.error else "",
        speed=speed if rec.state is TransferState.UPLOADING else 0.0,
        batch_id=rec.batch_id,
        presets=tuple(dict.fromkeys(rec.presets)),
        job_id=rec.job_id,
        resumed=rec.resumed,
        error_template=rec.error,
        error_params=error_params,
        note=M.render(rec.note, rec.note_params) if rec.note else "",
        note_template=rec.note,
        note_params=note_params,
    )


def kept_bytes(rec: UploadRecord, parts: dict[int, DonePart]) -> int:
    """Bytes already on the server per the record (the parts of its session)."""
    if rec.state is TransferState.DONE:
        return rec.size
    if not parts:
        return 0
    try:
        sizes = {p.number: p.size for p in part_plan(rec.size, rec.part_size)}
    except ValueError:  # not a multipart upload (any more)
        return 0
    return sum(sizes.get(n, 0) for n in parts)
