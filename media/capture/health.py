"""Health of one stream: a small state machine fed by its reader thread and read by anyone.

connecting -> live <-> stalled (no new frame for a while) / frozen (the picture stopped changing)
any -> offline (open failed or the stream died; the reader retries with backoff) -> live again.
"""

from __future__ import annotations

import collections
import random
import threading
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from media.capture.probe import hide_passwords

# The frame rate shown is counted over the frames of the last 2 s (once they span half a second). Counted
# over 0.5 s windows, the frames' uneven arrival on a busy machine made a 25 fps camera read 26-30 fps.
FPS_WINDOW_S = 2.0
FPS_MIN_SPAN_S = 0.5


class StreamState(StrEnum):
    CONNECTING = "connecting"
    LIVE = "live"
    STALLED = "stalled"
    FROZEN = "frozen"
    OFFLINE = "offline"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class HealthConfig:
    stall_after_s: float = 2.0  # no new frame for this long: stalled
    freeze_after_s: float = 6.0  # an unchanged picture for this long: frozen
    backoff_initial_s: float = 0.5
    backoff_max_s: float = 8.0


class Backoff:
    """Doubling delays with a little jitter, so cameras behind one dead switch do not retry in step."""

    def __init__(self, initial: float, maximum: float) -> None:
        self.initial = initial
        self.maximum = maximum
        self._next = initial

    def next(self) -> float:
        delay = self._next
        self._next = min(self.maximum, self._next * 2)
        return delay * random.uniform(0.85, 1.15)

    def reset(self) -> None:
        self._next = self.initial


class FreezeDetector:
    """Tells whether the picture has stayed the same for ``after_s`` (compares tiny grey thumbnails)."""

    def __init__(self, after_s: float, every_s: float = 0.2) -> None:
        self.after_s = after_s
        self.every_s = every_s
        self._thumb: np.ndarray | None = None
        self._changed_at = 0.0
        self._checked_at = -1e9
        self._frozen = False

    def feed(self, grey: np.ndarray, now: float) -> bool:
        """``grey``: the picture's luma (media.picture.luma), any size."""
        if now - self._checked_at < self.every_s:
            return self._frozen
        self._checked_at = now
        # A 32 x 18 grid of samples: a strided view, no resampling (an area resize of a whole
        # frame five times a second cost more than the rest of the reader's own work).
        h, w = grey.shape[:2]
        thumb = grey[:: max(1, h // 18), :: max(1, w // 32)].astype(np.int16)
        if (self._thumb is None or thumb.shape != self._thumb.shape
                or float(np.abs(thumb - self._thumb).mean()) > 0.5):
            self._thumb = thumb
            self._changed_at = now
        self._frozen = now - self._changed_at >= self.after_s
        return self._frozen

    def reset(self) -> None:
        self._thumb = None
        self._frozen = False


class StreamHealth:
    """Thread-safe: the reader thread reports events, the GUI and the fault monitor read ``state``."""

    def __init__(self, config: HealthConfig) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._state = StreamState.CONNECTING
        self._last_frame_at: float | None = None
        self._error = ""
        self._retry_at: float | None = None
        self._frames = 0
        self._fps = 0.0
        self._arrivals: collections.deque[float] = collections.deque()  # frame times in the last FPS_WINDOW_S
        self._source_size: tuple[int, int] | None = None

    # -- reader side
    def frame(self, now: float, frozen: bool, source_size: tuple[int, int]) -> None:
        with self._lock:
            self._state = StreamState.FROZEN if frozen else StreamState.LIVE
            self._last_frame_at = now
            self._error = ""
            self._retry_at = None
            self._source_size = source_size
            self._frames += 1
            arrivals = self._arrivals
            arrivals.append(now)
            while now - arrivals[0] > FPS_WINDOW_S:
                arrivals.popleft()
            span = now - arrivals[0]
            if span >= FPS_MIN_SPAN_S:
                self._fps = (len(arrivals) - 1) / span

    def failed(self, now: float, error: str, retry_in: float | None) -> None:
        error = hide_passwords(error)  # shown on the tile and kept in fault alerts
        with self._lock:
            self._state = StreamState.OFFLINE
            self._error = error
            self._retry_at = None if retry_in is None else now + retry_in
            self._fps = 0.0
            self._arrivals.clear()

    def closed(self) -> None:
        with self._lock:
            self._state = StreamState.CLOSED

    # -- reader of the health
    def state(self, now: float) -> StreamState:
        with self._lock:
            if (self._state in (StreamState.LIVE, StreamState.FROZEN) and self._last_frame_at is not None
                    and now - self._last_frame_at > self.config.stall_after_s):
                return StreamState.STALLED
            return self._state

    def fps(self, now: float) -> float:
        with self._lock:
            if self._last_frame_at is None or now - self._last_frame_at > 1.5:
                return 0.0
            return self._fps

    @property
    def error(self) -> str:
        with self._lock:
            return self._error

    @property
    def frames(self) -> int:
        with self._lock:
            return self._frames

    @property
    def source_size(self) -> tuple[int, int] | None:
        with self._lock:
            return self._source_size

    def retry_in(self, now: float) -> float | None:
        with self._lock:
            return None if self._retry_at is None else max(0.0, self._retry_at - now)
