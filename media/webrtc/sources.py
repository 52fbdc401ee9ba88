"""Outgoing picture sources: synthetic, alert card, camera/file capture, wall-camera frames, switchable.

A source is read by every peer connection of a call (a renegotiation makes a new one while the old
one may still be alive), so sources hand out the newest frame and never block.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import Protocol

import cv2
import numpy as np

from media.picture import to_bgr


class VideoSource(Protocol):
    def read(self) -> np.ndarray | None: ...  # BGR, any size; None = nothing yet

    def close(self) -> None: ...


def fit(img: np.ndarray, width: int, height: int) -> np.ndarray:
    """BGR at the call's size (the wall's readers hand out BGRX or NV12 at tile size: media/picture.py)."""
    img = to_bgr(img)
    if img.shape[1] == width and img.shape[0] == height:
        return img
    return cv2.resize(img, (width, height), interpolation=cv2.INTER_LINEAR)


class SyntheticSource:
    """A test picture with a moving bar and a label: something alive to send without a camera."""

    def __init__(self, width: int, height: int, label: str = "synthetic", color: tuple[int, int, int] = (90, 60, 30)):
        self.width, self.height = width, height
        base = np.zeros((height, width, 3), np.uint8)
        base[:] = color
        cv2.putText(base, label, (width // 20, height // 2), cv2.FONT_HERSHEY_SIMPLEX,
                    height / 300, (240, 240, 240), max(1, height // 180), cv2.LINE_AA)
        self._base = base
        self._t0 = time.monotonic()

    def read(self) -> np.ndarray:
        img = self._base.copy()
        t = time.monotonic() - self._t0
        x = int((math.sin(t * 1.5) * 0.5 + 0.5) * (self.width - self.width // 10))
        img[self.height * 3 // 4:self.height * 3 // 4 + self.height // 12, x:x + self.width // 10] = (40, 200, 240)
        return img

    def close(self) -> None:
        pass


class CardSource:
    """A generated card (alert title, time) for a workstation without a camera.

    `image` may be a pre-rendered card (the UI renders CJK text with Qt); else OpenCV draws ASCII.
    """

    def __init__(self, width: int, height: int, title: str, subtitle: str = "", image: np.ndarray | None = None):
        self.width, self.height = width, height
        if image is not None:
            base = fit(image, width, height).copy()
        else:
            base = np.zeros((height, width, 3), np.uint8)
            base[:] = (60, 40, 20)
            ascii_title = title.encode("ascii", "replace").decode() if not title.isascii() else title
            s = height / 720
            cv2.putText(base, ascii_title[:48], (int(60 * s), int(300 * s)), cv2.FONT_HERSHEY_SIMPLEX,
                        1.6 * s, (255, 255, 255), max(1, int(3 * s)), cv2.LINE_AA)
            if subtitle:
                cv2.putText(base, subtitle[:64], (int(60 * s), int(380 * s)), cv2.FONT_HERSHEY_SIMPLEX,
                            1.0 * s, (200, 200, 200), max(1, int(2 * s)), cv2.LINE_AA)
        self._base = base
        self._second = -1
        self._frame = base

    def read(self) -> np.ndarray:
        sec = int(time.time())
        if sec != self._second:  # redraw the clock once a second, not every frame
            self._second = sec
            img = self._base.copy()
            s = self.height / 720
            cv2.putText(img, time.strftime("%Y-%m-%d %H:%M:%S"), (int(60 * s), int(self.height - 60 * s)),
                        cv2.FONT_HERSHEY_SIMPLEX, 1.2 * s, (255, 255, 255), max(1, int(2 * s)), cv2.LINE_AA)
            self._frame = img
        return self._frame

    def close(self) -> None:
        pass


class BlackSource:
    def __init__(self, width: int, height: int):
        self._img = np.zeros((height, width, 3), np.uint8)

    def read(self) -> np.ndarray:
        return self._img

    def close(self) -> None:
        pass


class CaptureSource:
    """A camera (index) or file/URL read by one OpenCV thread, newest frame only; files loop."""

    def __init__(self, target: int | str, width: int, height: int, loop: bool = True):
        self.width, self.height = width, height
        self._cap = cv2.VideoCapture(target)
        if not self._cap.isOpened():
            raise OSError(f"cannot open video source {target!r}")
        self._is_file = isinstance(target, str) and not target.startswith(("rtsp:", "http:", "https:"))
        self._loop = loop
        fps = self._cap.get(cv2.CAP_PROP_FPS) or 0
        self._period = 1.0 / fps if self._is_file and 1 <= fps <= 120 else 0.0
        self._frame: np.ndarray | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"capture-{target}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        next_t = time.monotonic()
        while not self._stop.is_set():
            ok, img = self._cap.read()
            if not ok:
                if self._is_file and self._loop:
                    self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                    continue
                break
            self._frame = fit(img, self.width, self.height)
            if self._period:  # a file plays at its own rate, not as fast as it decodes
                next_t += self._period
                time.sleep(max(0.0, next_t - time.monotonic()))
        self._cap.release()

    def read(self) -> np.ndarray | None:
        return self._frame

    def close(self) -> None:
        self._stop.set()


class CallbackSource:
    """Frames from elsewhere (the wall's newest-frame mailbox for 'share the scene')."""

    def __init__(self, newest: Callable[[], np.ndarray | None], width: int, height: int):
        self._newest = newest
        self.width, self.height = width, height

    def read(self) -> np.ndarray | None:
        img = self._newest()
        return None if img is None else fit(img, self.width, self.height)

    def close(self) -> None:
        pass


class SwitchableSource:
    """What the call sends right now: camera/card, the shared scene, or black when the camera is off."""

    def __init__(self, primary: VideoSource, width: int, height: int):
        self.primary = primary
        self.width, self.height = width, height
        self._current: VideoSource = primary
        self._black = BlackSource(width, height)
        self.camera_off = False
        self._last: np.ndarray = self._black.read()

    @property
    def current(self) -> VideoSource:
        return self._current

    def switch(self, source: VideoSource | None) -> None:
        """Sends `source` (e.g. a wall camera); None switches back to the primary."""
        self._current = source or self.primary

    def read(self) -> np.ndarray:
        if self.camera_off:
            return self._black.read()
        img = self._current.read()
        if img is None:  # a source without a frame yet: repeat the last one
            return self._last
        img = fit(img, self.width, self.height)
        self._last = img
        return img

    def close(self) -> None:
        self.primary.close()
        if self._current is not self.primary:
            self._current.close()
