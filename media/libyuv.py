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

log = logging.getLogger(__name__)

# Reductions libyuv scales with a special SIMD routine (ScalePlaneDown2, Down4, Down34, Down38):
# (numerator, denominator) of the scale.
FAST_REDUCTIONS = ((1, 2), (1, 4), (3, 4), (3, 8))
FILTER_BOX = 3  # libyuv's FilterMode kFilterBox: the reductions above average whole source pixels

_P, _I = ctypes.c_void_p, ctypes.c_int

# A plane of a picture for libyuv: the address of its first pixel and its line stride in bytes. The caller
# vouches that the memory holds the picture's size (numpy arrays it made, or a decoded frame it holds).
Plane = tuple[int, int]
Planes = tuple[Plane, Plane, Plane]


class LibyuvError(RuntimeError):
    pass


class Libyuv:
    """The loaded library's functions used here. Thread-safe (the functions keep no state)."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self._nv12_to_argb = lib.NV12ToARGB
        self._nv12_to_argb.argtypes = [_P, _I, _P, _I, _P, _I, _I, _I]
        self._nv12_to_argb.restype = _I
        self._i420_scale = lib.I420Scale
        self._i420_scale.argtypes = [_P, _I, _P, _I, _P, _I, _I, _I, _P, _I, _P, _I, _P, _I, _I, _I, _I]
        self._i420_scale.restype = _I
        self._i420_to_argb = lib.I420ToARGB
        self._i420_to_argb.argtypes = [_P, _I, _P, _I, _P, _I, _P, _I, _I, _I]
        self._i420_to_argb.restype = _I
        # libyuv looks its CPU's SIMD up lazily in a global; doing it once here keeps threads from racing on it.
        lib.InitCpuFlags()

    def nv12_to_bgrx(self, y: Plane, uv: Plane, out: Plane, size: tuple[int, int]) -> None:
        """Converts an NV12 picture (its Y plane and its plane of U-V pairs) of ``size`` into BGRX with alpha
        255 (libyuv's "ARGB": the bytes B, G, R, A in memory, Qt's RGB32)."""
        if self._nv12_to_argb(*y, *uv, *out, *size) != 0:
            raise LibyuvError(f"NV12ToARGB refused a {size} picture")

    def scale_i420(self, source: Planes, source_size: tuple[int, int], out: Planes, size: tuple[int, int]) -> None:
        """Scales a 4:2:0 picture (its Y, U and V planes: addresses and line strides) of ``source_size`` into
        the planes ``out`` of ``size``, averaging; one call for the three planes."""
        (sy, sy_stride), (su, su_stride), (sv, sv_stride) = source
        (y, y_stride), (u, u_stride), (v, v_stride) = out
        if self._i420_scale(sy, sy_stride, su, su_stride, sv, sv_stride, *source_size, y, y_stride, u, u_stride,
                            v, v_stride, *size, FILTER_BOX) != 0:
            raise LibyuvError(f"I420Scale refused {source_size} -> {size}")

    def i420_to_bgrx(self, planes: Planes, out: Plane, size: tuple[int, int]) -> None:
        """Converts a 4:2:0 picture (Y, U and V planes) of ``size`` into BGRX (see ``nv12_to_bgrx``)."""
        (y, y_stride), (u, u_stride), (v, v_stride) = planes
        if self._i420_to_argb(y, y_stride, u, u_stride, v, v_stride, *out, *size) != 0:
            raise LibyuvError(f"I420ToARGB refused a {size} picture")


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
