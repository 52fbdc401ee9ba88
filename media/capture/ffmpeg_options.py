"""Low-latency FFmpeg demuxer options for network and file sources (read with PyAV)."""

from __future__ import annotations

# Probing an RTSP stream by default takes ~1.1 s per camera (16 cameras: 18 s); the SDP already names
# the codec and its parameter sets, so no probing is needed. nobuffer/low_delay hand frames on at once.
FAST_OPEN = {"analyzeduration": "0", "probesize": "32", "fpsprobesize": "0"}
LOW_DELAY = {"fflags": "nobuffer", "flags": "low_delay"}


def rtsp_options(transport: str = "tcp") -> dict[str, str]:
    return {"rtsp_transport": transport, **FAST_OPEN, **LOW_DELAY}


def http_options() -> dict[str, str]:
    # MJPEG over HTTP needs a little probing to find the multipart boundary: keep FFmpeg's default size.
    return dict(LOW_DELAY)
