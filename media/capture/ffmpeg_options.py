"""Low-latency FFmpeg demuxer options for network and file sources (read with PyAV)."""

from __future__ import annotations

# Probing an RTSP stream by default takes ~1.1 s per camera (16 cameras: 18 s); the SDP already names
# the codec and its parameter sets, so no probing is needed. nobuffer/low_delay hand frames on at once.
FAST_OPEN = {"analyzeduration": "0", "probesize": "32", "fpsprobesize": "0"}
LOW_DELAY = {"fflags": "nobuffer", "flags": "low_delay"}

# A connection or read that hangs this long fails, and the reader reconnects. FFmpeg enforces it in its
# own socket waits: PyAV's ``timeout=`` does it in an interrupt callback that takes the GIL each time
# FFmpeg polls (measured: ~30% of all thread switches of a 16-camera wall, each costing CPU).
IO_TIMEOUT_S = 3.0


def _microseconds(seconds: float) -> str:
    return str(int(seconds * 1_000_000))


def rtsp_options(transport: str = "tcp", io_timeout_s: float = IO_TIMEOUT_S) -> dict[str, str]:
    # "timeout": socket I/O of the RTSP connection (and how long UDP may stay silent), connecting included.
    return {"rtsp_transport": transport, "timeout": _microseconds(io_timeout_s), **FAST_OPEN, **LOW_DELAY}


def http_options(io_timeout_s: float = IO_TIMEOUT_S) -> dict[str, str]:
    # MJPEG over HTTP needs a little probing to find the multipart boundary: keep FFmpeg's default size.
    # rw_timeout bounds every read and the connection of any protocol under the demuxer.
    return {"rw_timeout": _microseconds(io_timeout_s), **LOW_DELAY}
