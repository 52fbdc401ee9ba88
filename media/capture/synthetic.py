"""A synthetic camera: a moving test picture with the camera's name, a clock and a frame counter.

Used by the demo when no RTSP server can run, by tests of the wall, and to make the pre-encoded
content the test RTSP server streams (the same picture, encoded once with ffmpeg).
"""

from __future__ import annotations

import time
import zlib
from datetime import datetime

import cv2
import numpy as np

from media.capture.bgr_source import BgrSource
from media.capture.frame_code import burn_code


class SyntheticPicture:
    """Draws frame ``n`` of a camera's test picture; cheap enough to run live at 720p 25 fps."""

    def __init__(self, name: str, width: int, height: int, fps: float = 25.0) -> None:
        self.name = name
        self.width = width
        self.height = height
        self.fps = fps
        hue = zlib.crc32(name.encode()) % 180
        ramp = np.linspace(60, 200, width, dtype=np.uint8)
        hsv = np.empty((height, width, 3), np.uint8)
        hsv[..., 0] = hue
        hsv[..., 1] = 120
        hsv[..., 2] = ramp[None, :]
        self._background = cv2.cvtColor(hsv, cv2.COLOR_HSV2BGR)
        self._scale = height / 360.0

    def draw(self, n: int, clock: datetime | None = None, *, with_clock: bool = True) -> np.ndarray:
        img = self._background.copy()
        s = self._scale
        w, h = self.width, self.height
        # A bar sweeping across once per 4 s makes motion (and a frozen picture) obvious to the eye.
        x = int((n % int(self.fps * 4)) / (self.fps * 4) * w)
        cv2.rectangle(img, (x, int(h * 0.55)), (x + int(w * 0.05), int(h * 0.75)), (255, 255, 255), -1)
        font = cv2.FONT_HERSHEY_SIMPLEX
        cv2.putText(img, self.name, (int(12 * s), int(70 * s)), font, 1.2 * s, (255, 255, 255), max(1, int(2 * s)))
        cv2.putText(img, f"#{n:06d}", (int(12 * s), int(h - 20 * s)), font, 0.9 * s, (255, 255, 255),
                    max(1, int(2 * s)))
        if with_clock:
            clock = clock or datetime.now()
            cv2.putText(img, clock.strftime("%H:%M:%S.") + f"{clock.microsecond // 10000:02d}",
                        (int(w - 230 * s), int(h - 20 * s)), font, 0.9 * s, (255, 255, 255), max(1, int(2 * s)))
        cv2.putText(img, f"{w}x{h}", (int(12 * s), int(110 * s)), font, 0.7 * s, (230, 230, 230), max(1, int(s)))
        burn_code(img, n)
        return img


class SyntheticSource(BgrSource):
    """A live source of SyntheticPicture frames paced at the requested rate.

    ``freeze_after`` (seconds) keeps returning the same picture after that time: a frozen camera.
    ``fail_after`` (seconds) makes reads fail after that time: a camera that dies.
    """

    def __init__(self, name: str, width: int, height: int, fps: float = 25.0,
                 freeze_after: float | None = None, fail_after: float | None = None) -> None:
        self.picture = SyntheticPicture(name, width, height, fps)
        self.fps = fps
        self.freeze_after = freeze_after
        self.fail_after = fail_after
        self._start = time.monotonic()
        self._n = 0
        self._last: np.ndarray | None = None

    def grab(self) -> bool:
        next_at = self._start + self._n / self.fps
        delay = next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self._n += 1
        return self.fail_after is None or time.monotonic() - self._start < self.fail_after

    def read(self) -> np.ndarray | None:
        return self._picture() if self.grab() else None

    def _picture(self) -> np.ndarray:
        elapsed = time.monotonic() - self._start
        if self.freeze_after is not None and elapsed >= self.freeze_after and self._last is not None:
            return self._last.copy()
        self._last = self.picture.draw(self._n - 1)
        return self._last

    def close(self) -> None:
        self._last = None
