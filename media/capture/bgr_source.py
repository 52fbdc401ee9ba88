"""Scaling to a tile for sources whose decoder only gives full-size BGR pictures (OpenCV devices, the
synthetic camera). PyAV sources scale inside their conversion instead (media/capture/av_source.py)."""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

Fit = Callable[[tuple[int, int]], tuple[int, int]]  # a picture's (w, h) -> the (w, h) to scale it to


def exact_reduction(source: tuple[int, int], scaled: tuple[int, int]) -> int:
    """The integer d when ``scaled`` is ``source`` divided by d in both directions (d >= 2), else 0."""
    d = source[0] // scaled[0]
    return d if d >= 2 and source == (scaled[0] * d, scaled[1] * d) else 0


def resize_interpolation(source: tuple[int, int], scaled: tuple[int, int]) -> int:
    """OpenCV's interpolation for scaling ``source`` to ``scaled``: area averaging for integer reductions
    (no aliasing), except at exactly 1/2, where bilinear samples the same 2x2 average ~20% cheaper;
    bilinear for anything else."""
    return cv2.INTER_AREA if exact_reduction(source, scaled) > 2 else cv2.INTER_LINEAR


class BgrSource:
    """Base of a source with ``read()`` -> full-size BGR: scales and converts on the reader thread."""

    _last_read: np.ndarray | None = None

    def read(self) -> np.ndarray | None:
        raise NotImplementedError

    def read_scaled(self, fit: Fit | None, for_tile: bool,
                    nv12: bool = False) -> tuple[np.ndarray, tuple[int, int]] | None:
        image = self.read()
        if image is None:
            return None
        self._last_read = image
        size = (image.shape[1], image.shape[0])
        scaled = fit(size) if fit is not None else size
        if scaled != size:
            image = cv2.resize(image, scaled, interpolation=resize_interpolation(size, scaled))
        if for_tile:  # BGRX: painted as a plain copy
            image = cv2.cvtColor(image, cv2.COLOR_BGR2BGRA)
        return image, size

    def last_picture(self) -> Callable[[], np.ndarray | None]:
        last = self._last_read
        return lambda: last
