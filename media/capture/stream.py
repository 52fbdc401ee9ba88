"""One camera stream: a reader thread that opens the source, decodes, scales to the tile's size and
leaves only the newest frame in a mailbox, reconnecting with backoff when the stream fails."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial

import numpy as np

from media.capture.frame_memory import keep_frame_buffers
from media.capture.health import Backoff, FreezeDetector, HealthConfig, StreamHealth, StreamState
from media.capture.nv12_scaler import single_threaded_opencv
from media.capture.sources import VideoSource, open_source
from media.frame_mailbox import FrameMailbox
from media.picture import luma


def fit_size(source: tuple[int, int], target: tuple[int, int]) -> tuple[int, int]:
    """The largest size with the source's aspect ratio that fits in target (both (w, h))."""
    sw, sh = source
    tw, th = target
    scale = min(tw / sw, th / sh)
    return max(1, round(sw * scale)), max(1, round(sh * scale))


# A frame handed over faster than this was already waiting: after BACKLOG_FRAMES of those in a row the
# reader is behind and skips the conversion of frames to catch up (still showing one in MAX_SKIPPED).
BACKLOG_READ_S = 0.002
BACKLOG_FRAMES = 3
MAX_SKIPPED = 50

# A picture up to this much larger than its tile is shown cropped instead of scaled to fit exactly.
CROP_TOLERANCE = 1.04


# Scales a picture is reduced by when one is within CROP_TOLERANCE of the fit, (numerator, denominator):
# none at all, small integer divisions, and the ratios libyuv has its own routines for (media/libyuv.py).
CHEAP_REDUCTIONS = ((1, 1), (3, 4), (1, 2), (3, 8), (1, 3), (1, 4))


def scaled_size(source: tuple[int, int], target: tuple[int, int]) -> tuple[int, int]:
    """The size the reader scales a frame to for a ``target`` tile: the exact fit, or the source reduced
    by one of CHEAP_REDUCTIONS when that is within CROP_TOLERANCE of the fit, and the tile shows it cropped.
    Those cost a fraction of arbitrary scales: 640x360 -> 320x180 ~0.06 ms, -> 316x178 ~0.2 ms; 1280x720 ->
    960x540 0.09 ms with libyuv, -> 958x538 0.41 ms (OpenCV); none at all costs nothing."""
    fw, fh = fit_size(source, target)
    scale = fw / source[0]
    for n, d in CHEAP_REDUCTIONS:
        if n / d >= scale and (n / d) / scale <= CROP_TOLERANCE:
            if n == 1:  # integer divisions: the odd pixel left over is dropped
                return source[0] // d, source[1] // d
            if not (source[0] * n % (2 * d) or source[1] * n % (2 * d)):  # exact and even (4:2:0)
                return source[0] * n // d, source[1] * n // d
    return fw, fh


def fits_cropped(image: tuple[int, int], tile: tuple[int, int]) -> bool:
    """True when ``image`` is at most CROP_TOLERANCE larger than the fit in ``tile``, or a pixel smaller
    (4:2:0 pictures have even sizes): paint it unscaled."""
    fw, fh = fit_size(image, tile)
    return image[0] >= fw - 1 and image[0] <= fw * CROP_TOLERANCE + 1 and image[1] <= fh * CROP_TOLERANCE + 1


class CaptureStream:
    """Reads ``url`` on its own thread; the GUI polls ``mailbox`` and ``health``. Never blocks the caller."""

    def __init__(self, url: str, *, target_size: tuple[int, int] | None = None,
                 config: HealthConfig | None = None, opener: Callable[[str], VideoSource] = open_source,
                 name: str = "", for_tile: bool = False) -> None:
        self.url = url
        self.name = name or url
        self.config = config or HealthConfig()
        self.mailbox = FrameMailbox()
        self.health = StreamHealth(self.config)
        self._opener = opener
        # Frames for a wall tile: NV12 that the tile converts into the window, or BGRX it copies there
        # (media/picture.py); plain BGR otherwise. Scaled here, on the reader thread. A tile that cannot
        # convert into its window (a scaled high-DPI screen) clears ``tile_converts`` and gets BGRX.
        self.for_tile = for_tile
        self.tile_converts = for_tile
        self._target = target_size
        self._picture: Callable[[], np.ndarray | None] | None = None  # gives the newest full picture
        self.skipped = 0  # frames decoded but not shown because the reader had fallen behind
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"capture {self.name}", daemon=True)

    # -- control, from any thread
    def start(self) -> CaptureStream:
        keep_frame_buffers()
        single_threaded_opencv()
        self._thread.start()
        return self

    def stop(self) -> None:
        """Asks the reader to finish; it releases the capture on its own thread (no GUI wait)."""
        self._stop.set()

    def join(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def set_target_size(self, size: tuple[int, int] | None) -> None:
        """Frames are scaled to fit this (w, h) on the reader thread; None keeps the source size."""
        self._target = size if size is None else (max(1, int(size[0])), max(1, int(size[1])))

    def latest_full_frame(self) -> np.ndarray | None:
        """The newest frame at the source's resolution (for snapshots)."""
        picture = self._picture
        return picture() if picture is not None else None

    def state(self, now: float | None = None) -> StreamState:
        return self.health.state(time.monotonic() if now is None else now)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    # -- reader thread
    def _run(self) -> None:
        backoff = Backoff(self.config.backoff_initial_s, self.config.backoff_max_s)
        freeze = FreezeDetector(self.config.freeze_after_s)
        while not self._stop.is_set():
            try:
                source = self._opener(self.url)
            except Exception as exc:  # any failure to open is a state on the tile, never a crash
                delay = backoff.next()
                self.health.failed(time.monotonic(), str(exc) or type(exc).__name__, delay)
                self._stop.wait(delay)
                continue
            try:
                self._read_frames(source, backoff, freeze)
            except Exception as exc:
                self.health.failed(time.monotonic(), f"{type(exc).__name__}: {exc}", None)
            finally:
                source.close()
            if not self._stop.is_set():
                delay = backoff.next()
                self.health.failed(time.monotonic(), self.health.error or "stream ended", delay)
                self._stop.wait(delay)
        self._picture = None
        self.mailbox.clear()
        self.health.closed()

    def _read_frames(self, source: VideoSource, backoff: Backoff, freeze: FreezeDetector) -> None:
        freeze.reset()
        first = True
        instant = 0  # consecutive frames that were already waiting when asked for
        frozen = False
        size = (0, 0)
        while not self._stop.is_set():
            # A live reader waits for each frame; frames that are already there mean it fell behind
            # (a busy machine): decode them but skip conversion, scaling and painting until caught up,
            # so the picture does not lag further and further behind the camera.
            behind = (not first and instant >= BACKLOG_FRAMES
                      and (instant - BACKLOG_FRAMES) % MAX_SKIPPED != MAX_SKIPPED - 1)
            asked, cpu_before = time.monotonic(), time.thread_time()
            image = None
            if behind:
                ok = source.grab()
            else:
                target = self._target
                fit = None if target is None else partial(scaled_size, target=target)
                got = source.read_scaled(fit, self.for_tile, self.tile_converts)
                ok = got is not None
                if got is not None:
                    image, size = got
            now = time.monotonic()
            if not ok:
                self.health.failed(now, "stream ended", None)
                return
            # Waiting, not decoding, is what tells a frame that was not there yet.
            waited = (now - asked) - (time.thread_time() - cpu_before)
            instant = instant + 1 if waited < BACKLOG_READ_S else 0
            if image is None:
                self.skipped += 1
                self.health.frame(now, frozen, size)
                continue
            if first:
                backoff.reset()
                first = False
            self._picture = source.last_picture()
            frozen = freeze.feed(luma(image), now)
            self.health.frame(now, frozen, size)
            self.mailbox.put(image, size, now)
