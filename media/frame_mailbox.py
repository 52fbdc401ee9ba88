"""A one-slot mailbox that always holds the newest video frame.

Producers (a capture reader thread, a WebRTC track) ``put`` frames as fast as they come; a consumer
(the GUI's repaint timer) asks for a frame newer than the one it already has. Old frames are replaced,
never queued, so a slow consumer cannot make memory grow or latency pile up; replaced frames that
nobody took are counted as dropped.

    box = FrameMailbox()
    box.put(bgr_array)                    # any thread
    frame = box.newer_than(last_seq)      # any thread; None when nothing new
    if frame: last_seq = frame.seq; paint(frame.image)

Thread-safe, free of Qt and of the network.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np

from media.picture import picture_size


@dataclass(frozen=True, slots=True)
class Frame:
    """One picture as handed to a consumer. Treat ``image`` as read-only: it may be painted elsewhere."""

    # BGR, BGRX or NV12 (see media/picture.py), contiguous rows
    image: np.ndarray
    seq: int  # 1, 2, 3 ... in the order frames were put
    at: float  # time.monotonic() when the frame was put
    source_size: tuple[int, int]  # (width, height) of the picture before any scaling

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of the picture as handed over (scaled)."""
        return picture_size(self.image)


class FrameMailbox:
    """Holds only the newest frame; counts frames replaced before anyone took them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frame: Frame | None = None
        self._taken = True
        self._seq = 0
        self._dropped = 0

    def put(self, image: np.ndarray, source_size: tuple[int, int] | None = None,
            at: float | None = None) -> int:
        """Stores ``image`` as the newest frame and returns its sequence number."""
        if source_size is None:
            source_size = picture_size(image)
        with self._lock:
            if not self._taken:
                self._dropped += 1
            self._seq += 1
            self._frame = Frame(image, self._seq, time.monotonic() if at is None else at, source_size)
            self._taken = False
            return self._seq

    def newer_than(self, seq: int) -> Frame | None:
        """The newest frame if its sequence number is above ``seq`` (marks it taken), else None."""
        with self._lock:
            frame = self._frame
            if frame is None or frame.seq <= seq:
                return None
            self._taken = True
            return frame

    def has_newer_than(self, seq: int) -> bool:
        """Whether a frame newer than ``seq`` was put, read without the lock: a GUI timer asks many mailboxes
        every tick and most have nothing new. A put at the same moment may be seen at the next call."""
        return self._seq > seq

    def peek(self) -> Frame | None:
        """The newest frame without marking it taken (for snapshots and probes)."""
        with self._lock:
            return self._frame

    def clear(self) -> None:
        """Forgets the stored frame (e.g. when the stream behind it went away); counters stay."""
        with self._lock:
            self._frame = None
            self._taken = True

    @property
    def seq(self) -> int:
        """Sequence number of the last frame put (0 before the first)."""
        with self._lock:
            return self._seq

    @property
    def dropped(self) -> int:
        """How many frames were replaced before any consumer took them."""
        with self._lock:
            return self._dropped
