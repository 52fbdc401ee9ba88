"""A stream's health as its tile shows it: the frame rate read from frames that arrive unevenly."""

from __future__ import annotations

import random

from media.capture import StreamState
from media.capture.health import HealthConfig, StreamHealth


def test_a_25_fps_camera_reads_25_fps_however_unevenly_its_frames_arrive() -> None:
    # A busy machine hands frames over unevenly: late, then two at once. The tile's label must still
    # say what the camera sends (the old 0.5 s count read 26-30 fps for a 25 fps camera).
    rng = random.Random(7)
    health = StreamHealth(HealthConfig())
    shown = []
    for n in range(250):  # 10 s at 25 fps, each frame up to 35 ms late
        now = 100.0 + n / 25 + rng.uniform(0, 0.035)
        health.frame(now, False, (640, 360))
        if n >= 25:  # after the first second
            shown.append(round(health.fps(now)))
    assert set(shown) == {25}, sorted(set(shown))
    assert health.state(now) is StreamState.LIVE
    # A camera that drops to 10 fps reads 10 within the window (2 s), and an outage clears the count.
    for _ in range(60):
        now += 0.1
        health.frame(now, False, (640, 360))
    assert round(health.fps(now)) == 10
    health.failed(now, "gone", 1.0)
    assert health.fps(now) == 0.0
