"""A network or file source read with PyAV (FFmpeg's libraries, as aiortc already ships them).

Why not OpenCV's capture here: it converts every decoded picture to BGR at the size the stream opened
with, then the reader scales it again for its tile. PyAV hands over the decoder's own 4:2:0 picture:
for a tile it is scaled as 4:2:0 (NV12) and painted from that (media/picture.py), or, tagged BT.709 or full
range, scaled and converted to BGRX in one step by swscale; a camera that changes resolution mid-stream
keeps its true size (OpenCV's capture stretched it to the old one); the full picture is converted only
for a snapshot.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import av
import av.error
import numpy as np
from av.video.frame import VideoFrame
from av.video.reformatter import Interpolation, VideoReformatter

from media.capture import nv12_scaler
from media.capture.bgr_source import Fit, exact_reduction
from media.capture.ffmpeg_options import IO_TIMEOUT_S

# Opening (connecting, RTSP's DESCRIBE/SETUP/PLAY and the first packets) may take this long at most.
OPEN_TIMEOUT_S = 4.0
# An open that took this long and still knows no picture size ended on a timeout of a silent stream.
SILENT_OPEN_S = min(IO_TIMEOUT_S, OPEN_TIMEOUT_S)
# Damaged packets a stream may send in a row before the reader gives up and reconnects.
MAX_BAD_PACKETS = 50
# Tile pictures at least this large are handed over as NV12, smaller ones as BGRX (see read_scaled).
# Measured here, CPU a painted frame as 4:2:0 against BGRX: a 4x4 grid of 320x180 pictures (58k pixels)
# +5%, a 3x3 grid of 424x238 (101k) -4%, a 2x2 wall of 958x538 (515k) -5 to -10%: the picture crosses
# between threads at 12 bits a pixel instead of 32, which pays once it no longer sits in the caches. With
# libyuv converting, the 4x4 grid measured the same either way (3 alternating pairs, within 3%).
NV12_MIN_PIXELS = 80_000
# FFmpeg aligns picture lines to 64 bytes: 16 BGRX pixels.
LINE_PIXELS = 16


class AvSourceError(Exception):
    pass


class AvSource:
    """Demuxes and decodes one stream on the caller's thread; a network call may block up to its I/O timeout.

    ``loop`` plays a file at its own rate from the start again at its end (demo and test cameras)."""

    def __init__(self, url: str, options: dict[str, str], *, loop: bool = False) -> None:
        self.url = url
        self._options = options
        self._loop = loop
        self._reformatter = VideoReformatter()
        self._last: VideoFrame | None = None
        self._open()

    def _open(self) -> None:
        started = time.monotonic()
        try:
            # PyAV's deadline bounds the whole open (connecting, DESCRIBE/SETUP/PLAY, the first packets)
            # however data trickles in; FFmpeg's I/O timeout only bounds each silent wait. None for reads:
            # PyAV would take the GIL on every poll of every read (see ffmpeg_options.IO_TIMEOUT_S).
            self._container = av.open(self.url, options=self._options, timeout=(OPEN_TIMEOUT_S, None))
        except (av.error.FFmpegError, OSError) as exc:
            raise AvSourceError(f"cannot open {self.url!r}: {exc}") from exc
        if not self._container.streams.video:
            self._container.close()
            raise AvSourceError(f"no video in {self.url!r}")
        stream = self._container.streams.video[0]
        if not stream.codec_context.width and time.monotonic() - started >= SILENT_OPEN_S:
            # The handshake went through, then the stream stayed silent until a timeout ended the open: no
            # picture size is known (seen here from a server that answered PLAY and sent nothing). Reading on
            # would wait out FFmpeg's I/O timeout once or twice more, the tile saying "connecting" for up to
            # 10 s; failing now retries sooner. An open that returned quickly without the size is a camera
            # whose SDP lacks the parameter sets, joined between keyframes: its video comes, it is read on.
            self._container.close()
            raise AvSourceError(f"no picture from {self.url!r}: the stream opened but sent no video")
        # One decode thread: FFmpeg's frame threading holds ~40 ms of frames per stream.
        stream.thread_type = "NONE"
        stream.thread_count = 1
        self._stream = stream
        rate = stream.average_rate or stream.guessed_rate
        self._period = 1.0 / float(rate) if self._loop and rate and 1 <= float(rate) <= 120 else 0.0
        self._next_at = time.monotonic()
        self._frames: Iterator[VideoFrame] = self._decode()

    def _decode(self) -> Iterator[VideoFrame]:
        bad = 0
        for packet in self._container.demux(self._stream):  # demuxer errors end it: the reader reconnects
            try:
                frames = self._stream.codec_context.decode(packet)
            except av.error.InvalidDataError:
                bad += 1  # a damaged packet: the decoder conceals it and carries on
                if bad > MAX_BAD_PACKETS:
                    return
                continue
            bad = 0
            yield from frames

    def _next_frame(self) -> VideoFrame | None:
        try:
            frame = next(self._frames, None)
            if frame is None and self._loop:
                self._container.seek(0)
                self._stream.codec_context.flush_buffers()
                self._frames = self._decode()
                frame = next(self._frames, None)
        except (av.error.FFmpegError, OSError):
            return None  # timeout, connection reset, end of a live stream: the reader reconnects
        if frame is not None and self._period:
            delay = self._next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self._next_at = max(self._next_at + self._period, time.monotonic() - self._period)
        return frame

    # -- VideoSource
    def grab(self) -> bool:
        frame = self._next_frame()
        if frame is not None:
            self._last = frame
        return frame is not None

    def read(self) -> np.ndarray | None:
        got = self.read_scaled(None, for_tile=False)
        return got[0] if got is not None else None

    def read_scaled(self, fit: Fit | None, for_tile: bool,
                    nv12: bool = False) -> tuple[np.ndarray, tuple[int, int]] | None:
        """The next frame scaled to ``fit(its size)``: BGR, or for a tile BGRX, or NV12 for a tile that
        converts it itself (``nv12``: large BT.601 4:2:0 pictures); with the picture's own size. None when
        the stream failed."""
        frame = self._next_frame()
        if frame is None:
            return None
        self._last = frame
        size = (frame.width, frame.height)
        width, height = fit(size) if fit is not None else size
        if for_tile and nv12_scaler.accepts(frame):
            if nv12 and width * height >= NV12_MIN_PIXELS:
                return nv12_scaler.scale_nv12(frame, width, height), size
            # A small picture stays in the caches: converted here it costs the wall less than the tile's
            # converting it into the window does (and the tile shows its middle when it is a little larger).
            return nv12_scaler.scale_to_bgrx(frame, width, height), size
        pad = -width % LINE_PIXELS
        if for_tile and pad and width + pad <= width * 1.01:
            # A width FFmpeg pads to its line alignment would need a copy to become one contiguous
            # picture (2 MB a frame for a 958-wide tile): widen by < 1% instead (958 -> 960), an
            # invisible change of aspect.
            width += pad
        # Exact reductions average whole pixels (area); other sizes: bilinear. One thread: swscale's
        # default starts a pool per context and wakes it for every picture (~3 thread switches a frame).
        exact = exact_reduction(size, (width, height)) > 0
        out = self._reformatter.reformat(frame, width, height, "bgra" if for_tile else "bgr24",
                                         interpolation=Interpolation.AREA if exact else Interpolation.BILINEAR,
                                         threads=1)
        image = out.to_ndarray()
        if not image.flags.c_contiguous:  # padded lines: Qt paints from one contiguous buffer
            image = np.ascontiguousarray(image)
        return image, size

    def last_picture(self) -> Callable[[], np.ndarray | None]:
        """Converts the last decoded picture to full-resolution BGR when called (snapshots only; any thread)."""
        last = self._last
        return lambda: last.to_ndarray(format="bgr24") if last is not None else None

    def close(self) -> None:
        self._last = None
        try:
            self._container.close()
        except av.error.FFmpegError:
            pass
