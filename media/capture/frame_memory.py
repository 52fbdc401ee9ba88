"""Keeps the memory of freed video pictures in the process instead of handing it back to the OS.

Every decoded frame is converted into a new picture-sized buffer (PyAV allocates it; 2 MB for a 960x540
tile). glibc returns such buffers to the OS when they are freed (munmap, or trimming the thread's
heap), so the next frame's buffer page-faults again: measured on a 2x2 wall of 720p streams, ~340 page
faults a frame and 11% of the wall's CPU. Raising the two thresholds lets freed buffers be reused.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading

# glibc's mallopt() parameters (malloc.h)
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
# Pictures up to this size come from the heap (a 1080p BGRX picture is 8 MB; a 4K snapshot is mmapped).
MMAP_THRESHOLD = 16 << 20
# A thread's heap keeps up to this much free memory at its top before giving it back.
TRIM_THRESHOLD = 64 << 20

_lock = threading.Lock()
_done: bool | None = None


def keep_frame_buffers() -> bool:
    """Sets the thresholds once per process (glibc only; elsewhere a no-op). True when they are set."""
    global _done
    with _lock:
        if _done is None:
            _done = _set_thresholds()
        return _done


def _set_thresholds() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
