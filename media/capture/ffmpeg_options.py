"""Low-latency FFmpeg options for OpenCV captures, and a lock to apply them per open.

OpenCV reads FFmpeg's demuxer options from the environment variable OPENCV_FFMPEG_CAPTURE_OPTIONS
at each open, and opens captures one at a time anyway (an internal lock), so setting the variable and
opening under our own lock costs nothing and lets TCP and UDP streams differ.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

ENV = "OPENCV_FFMPEG_CAPTURE_OPTIONS"

# Probing an RTSP stream by default takes ~1.1 s per camera (16 cameras: 18 s); the SDP already names
# the codec and its parameter sets, so no probing is needed. nobuffer/low_delay hand frames on at once.
FAST_OPEN = "analyzeduration;0|probesize;32|fpsprobesize;0"
LOW_DELAY = "fflags;nobuffer|flags;low_delay"


def rtsp_options(transport: str = "tcp") -> str:
    return f"rtsp_transport;{transport}|{FAST_OPEN}|{LOW_DELAY}"


def http_options() -> str:
    # MJPEG over HTTP needs a little probing to find the multipart boundary: keep FFmpeg's default size.
    return LOW_DELAY


_open_lock = threading.Lock()


@contextmanager
def capture_options(options: str | None) -> Iterator[None]:
    """Sets the capture options for one open, restoring the variable afterwards."""
    with _open_lock:
        before = os.environ.get(ENV)
        if options is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = options
        try:
            yield
        finally:
            if before is None:
                os.environ.pop(ENV, None)
            else:
                os.environ[ENV] = before
