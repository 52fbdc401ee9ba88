"""Scaling a decoded 4:2:0 picture to a tile and converting it to BGRX with OpenCV.

Why not swscale for this: measured here right after decoding (the reader's case), swscale's scaled
conversion of 720p to a 960x540 tile took 1.0 ms a frame, OpenCV resizing the three planes and then
converting the small picture 0.53 ms; 360p to 320x180: 0.12 against 0.06 ms. OpenCV only converts BT.601
limited-range YUV, so pictures tagged anything else (BT.709, full range) stay with swscale, which honours
the tags; untagged pictures are BT.601 limited range for swscale too.
"""

from __future__ import annotations

import cv2
import numpy as np
from av.video.frame import VideoFrame

from media.capture.bgr_source import resize_interpolation


def single_threaded_opencv() -> None:
    """Makes OpenCV work on the calling thread only. Every reader is a thread of its own already; OpenCV's
    pool woke its threads for each resize and conversion of a picture (measured on a 2x2 wall of 720p:
    4.0 -> 3.8 ms a frame, fewer thread switches). Process-wide, idempotent."""
    if cv2.getNumThreads() != 1:
        cv2.setNumThreads(1)


# FFmpeg's AVColorSpace values read as BT.601 (2 = unspecified: swscale's default is BT.601 too).
BT601_LIKE = frozenset({2, 5, 6})  # unspecified, BT470BG, SMPTE170M
FULL_RANGE = 2  # AVCOL_RANGE_JPEG


class I420Scaler:
    """Converts pictures of one stream (keeps a scratch buffer for the scaled planes between frames)."""

    def __init__(self) -> None:
        self._scratch = np.empty(0, np.uint8)

    @staticmethod
    def accepts(frame: VideoFrame) -> bool:
        """True for an untagged or BT.601, limited-range yuv420p picture of even size."""
        return (frame.format.name == "yuv420p" and frame.color_range != FULL_RANGE
                and frame.colorspace in BT601_LIKE and not (frame.width | frame.height) & 1)

    @staticmethod
    def even_size(width: int, height: int) -> tuple[int, int]:
        """The size a picture for (width, height) gets: 4:2:0 needs both even (rounded up: cropped by one)."""
        return width + (width & 1), height + (height & 1)

    def to_bgrx(self, frame: VideoFrame, width: int, height: int) -> np.ndarray:
        """``frame`` (accepted by ``accepts``) scaled to ``even_size(width, height)`` as contiguous BGRX."""
        width, height = self.even_size(width, height)
        area = width * height
        if self._scratch.size != area * 3 // 2:
            self._scratch = np.empty(area * 3 // 2, np.uint8)
        scratch = self._scratch
        # I420 in one block: the Y plane, then U and V each a quarter of it (a quarter is not always whole
        # lines of the block's width, so the planes are cut from the flat buffer).
        targets = (scratch[:area].reshape(height, width),
                   scratch[area:area + area // 4].reshape(height // 2, width // 2),
                   scratch[area + area // 4:].reshape(height // 2, width // 2))
        interpolation = resize_interpolation((frame.width, frame.height), (width, height))
        for index, (plane, target) in enumerate(zip(frame.planes, targets, strict=True)):
            w, h = (frame.width, frame.height) if index == 0 else (frame.width // 2, frame.height // 2)
            source = np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)[:h, :w]
            if (w, h) == (target.shape[1], target.shape[0]):
                np.copyto(target, source)
            else:
                cv2.resize(source, (target.shape[1], target.shape[0]), dst=target, interpolation=interpolation)
        return cv2.cvtColor(scratch.reshape(height * 3 // 2, width), cv2.COLOR_YUV2BGRA_I420)
