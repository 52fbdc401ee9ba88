"""libyuv (Google's YUV library, Chromium's and WebRTC's; Debian's libyuv0), called through ctypes for the
two pixel jobs of a live wall where it beats OpenCV.

Measured here, one thread, hot:
- NV12 to BGRX, a 958x538 picture: 0.115 ms against OpenCV's 0.25 (the same BT.601 limited-range matrix:
  results within 2 levels);
- scaling a plane by 3/4 (1280x720 -> 960x540): 0.051 ms against 0.288 for OpenCV's bilinear, and closer to
  an area average (PSNR 51 dB against 36); by 3/8: 0.059 against 0.093. At 1/2 both are equally fast. At
  any other ratio libyuv is slower (0.57 ms for 958x538), so OpenCV keeps those.

Without the library (Windows, a machine without the package) ``LIBYUV`` is None and callers use OpenCV:
the same pictures, at more CPU. ``HALL_NO_LIBYUV=1`` makes it None on purpose (to compare the two).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os

import numpy as np

log = logging.getLogger(__name__)

# Reductions libyuv scales with a special SIMD routine (ScalePlaneDown2, Down4, Down34, Down38):
# (numerator, denominator) of the scale.
FAST_REDUCTIONS = ((1, 2), (1, 4), (3, 4), (3, 8))
FILTER_BOX = 3  # libyuv's FilterMode kFilterBox: the reductions above average whole source pixels

_P, _I = ctypes.c_void_p, ctypes.c_int


class LibyuvError(RuntimeError):
    pass


class Libyuv:
    """The loaded library's functions used here. Thread-safe (the functions keep no state)."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self._nv12_to_argb = lib.NV12ToARGB
        self._nv12_to_argb.argtypes = [_P, _I, _P, _I, _P, _I, _I, _I]
        self._nv12_to_argb.restype = _I
        self._scale_plane = lib.ScalePlane
        self._scale_plane.argtypes = [_P, _I, _I, _I, _P, _I, _I, _I, _I]
        self._scale_plane.restype = None
        self._i420_scale = lib.I420Scale
        self._i420_scale.argtypes = [_P, _I, _P, _I, _P, _I, _I, _I, _P, _I, _P, _I, _P, _I, _I, _I, _I]
        self._i420_scale.restype = _I
        self._i420_to_argb = lib.I420ToARGB
        self._i420_to_argb.argtypes = [_P, _I, _P, _I, _P, _I, _P, _I, _I, _I]
        self._i420_to_argb.restype = _I
        # libyuv looks its CPU's SIMD up lazily in a global; doing it once here keeps threads from racing on it.
        lib.InitCpuFlags()

    def nv12_to_bgrx(self, y: int, y_stride: int, uv: int, uv_stride: int, out: int, out_stride: int,
                     width: int, height: int) -> None:
        """Converts an NV12 picture (addresses and line strides of its planes) into BGRX with alpha 255
        (libyuv's "ARGB": the bytes B, G, R, A in memory, Qt's RGB32)."""
        if self._nv12_to_argb(y, y_stride, uv, uv_stride, out, out_stride, width, height) != 0:
            raise LibyuvError(f"NV12ToARGB refused a {width}x{height} picture")

    def scale_plane(self, source: np.ndarray, out: np.ndarray) -> None:
        """Scales one 8-bit plane (any line stride, pixels contiguous) into ``out``'s size, averaging."""
        sh, sw = source.shape
        oh, ow = out.shape
        if source.strides[1] != 1 or out.strides[1] != 1:
            raise LibyuvError("a plane's pixels must be contiguous within its lines")
        self._scale_plane(source.ctypes.data, source.strides[0], sw, sh, out.ctypes.data, out.strides[0],
                          ow, oh, FILTER_BOX)


    def scale_i420_to_bgrx(self, planes: list[np.ndarray], width: int, height: int) -> np.ndarray:
        """Three 4:2:0 planes (Y, U, V; even size; any line strides, pixels contiguous) scaled to (width,
        height), even, and converted to a new BGRX picture: two calls, for small pictures (a 4x4 grid's),
        where each extra step's Python cost more than its pixels (measured: 56 -> 30 us a 320x180 picture)."""
        y, u, v = planes
        for plane in planes:
            if plane.strides[1] != 1:
                raise LibyuvError("a plane's pixels must be contiguous within its lines")
        sh, sw = y.shape
        if u.shape != v.shape or u.shape != ((sh + 1) // 2, (sw + 1) // 2) or (width | height) & 1:
            raise LibyuvError(f"not a 4:2:0 picture of {sw}x{sh}, or an odd size {width}x{height} to scale to")
        small = np.empty(width * height * 3 // 2, np.uint8)  # the scaled planes, one after the other
        at = small.ctypes.data
        cw, area = width // 2, width * height
        uv_at, v_at = at + area, at + area + area // 4
        if self._i420_scale(y.ctypes.data, y.strides[0], u.ctypes.data, u.strides[0], v.ctypes.data, v.strides[0],
                            sw, sh, at, width, uv_at, cw, v_at, cw, width, height, FILTER_BOX) != 0:
            raise LibyuvError(f"I420Scale refused {sw}x{sh} -> {width}x{height}")
        out = np.empty((height, width, 4), np.uint8)
        if self._i420_to_argb(at, width, uv_at, cw, v_at, cw, out.ctypes.data, width * 4, width, height) != 0:
            raise LibyuvError(f"I420ToARGB refused a {width}x{height} picture")
        return out


def is_fast_reduction(source: tuple[int, int], scaled: tuple[int, int]) -> bool:
    """True when ``scaled`` is ``source`` times one of FAST_REDUCTIONS exactly, in both directions."""
    return any(source[0] * n == scaled[0] * d and source[1] * n == scaled[1] * d for n, d in FAST_REDUCTIONS)


def _load() -> Libyuv | None:
    if os.environ.get("HALL_NO_LIBYUV") == "1":
        log.info("libyuv turned off (HALL_NO_LIBYUV=1): video is scaled and converted with OpenCV")
        return None
    name = ctypes.util.find_library("yuv") or "libyuv.so.0"
    try:
        return Libyuv(ctypes.CDLL(name))
    except (OSError, AttributeError) as exc:  # absent, or too old to have these functions
        log.warning("libyuv not found (%s): video is scaled and converted with OpenCV, at more CPU", exc)
        return None


LIBYUV: Libyuv | None = _load()
