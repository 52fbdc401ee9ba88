"""Waiting helpers for tests that watch reader threads (no Qt event loop needed)."""

from __future__ import annotations

import time
from collections.abc import Callable

from media.capture import CaptureStream
from media.frame_mailbox import Frame


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def collect(stream: CaptureStream, seconds: float) -> list[Frame]:
    frames: list[Frame] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        f = stream.mailbox.newer_than(frames[-1].seq if frames else 0)
        if f is not None:
            frames.append(f)
        time.sleep(0.005)
    return frames
