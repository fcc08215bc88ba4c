"""Progress and speed of a transfer: bytes of finished parts plus those being written, speed
over the last seconds only (a pause shows, parts kept from before a resume do not count)."""

from __future__ import annotations

import threading

from qfopgui.services.upload_progress import LiveBytes, SpeedMeter


def test_live_bytes_add_finished_parts_and_parts_in_flight() -> None:
    live = LiveBytes(done=8)  # two parts already on the server
    one, two = live.sending(3), live.sending(4)
    workers = [threading.Thread(target=one, args=(5,)), threading.Thread(target=two, args=(2,))]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert live.sent == 15
    live.finished(3, 10)
    assert live.sent == 8 + 10 + 2
    live.reset(4)
    assert live.sent == 4


def test_speed_is_measured_over_the_last_seconds() -> None:
    meter = SpeedMeter(window=5.0)
    meter.add(0.0, 1_000_000)  # resumed with 1 MB already there: not speed
    assert meter.speed == 0.0
    meter.add(0.2, 1_100_000)
    assert meter.speed == 0.0  # too short to say
    for t in range(1, 11):
        meter.add(float(t), 1_000_000 + t * 100_000)
    assert meter.speed == 100_000
    for t in range(11, 17):
        meter.add(float(t), 2_000_000)  # stalled
    assert meter.speed < 20_000
    meter.reset()
    assert meter.speed == 0.0
