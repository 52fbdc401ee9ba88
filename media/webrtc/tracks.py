"""aiortc tracks of a call: a paced video track reading a source (with an optional burned counter) and a
mutable audio track that sends silence when muted or when there is no microphone."""

from __future__ import annotations

import asyncio
import fractions
import time
from collections.abc import Callable

import cv2
import numpy as np
from aiortc.mediastreams import AudioStreamTrack, MediaStreamTrack
from av import AudioFrame, VideoFrame

from media.webrtc import counter
from media.webrtc.sources import VideoSource

VIDEO_CLOCK = 90000


class OutgoingVideoTrack(MediaStreamTrack):
    kind = "video"

    def __init__(self, source: VideoSource, fps: int = 30, burn_counter: bool = False,
                 preview: Callable[[np.ndarray], None] | None = None):
        super().__init__()
        self.source = source
        self.preview = preview  # the local picture as sent (the call panel's small view)
        self.fps = fps
        self.burn_counter = burn_counter
        self.sent = 0
        self._start: float | None = None

    async def recv(self) -> VideoFrame:
        if self.readyState != "live":
            from aiortc.mediastreams import MediaStreamError

            raise MediaStreamError
        if self._start is None:
            self._start = time.monotonic()
        else:  # pace to the frame clock, never drift
            wait = self._start + self.sent / self.fps - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
        img = self.source.read()
        if img is None:
            img = np.zeros((720, 1280, 3), np.uint8)
        if self.preview is not None:
            self.preview(img)
        if self.burn_counter:
            img = img.copy()
            counter.burn(img, self.sent)
        # OpenCV's BGR->I420 is ~3.5x faster than the encoder's own reformat of a bgr24 frame (720p: 3.7 vs 13 ms).
        h, w = img.shape[:2]
        if w % 2 == 0 and h % 2 == 0:
            frame = VideoFrame.from_ndarray(cv2.cvtColor(img, cv2.COLOR_BGR2YUV_I420), format="yuv420p")
        else:
            frame = VideoFrame.from_ndarray(img, format="bgr24")
        frame.pts = int(self.sent * VIDEO_CLOCK / self.fps)
        frame.time_base = fractions.Fraction(1, VIDEO_CLOCK)
        self.sent += 1
        return frame


class MutableAudioTrack(AudioStreamTrack):
    """Microphone audio (from a relay subscription) or silence; `muted` switches to silence at once."""

    def __init__(self, inner: MediaStreamTrack | None = None):
        super().__init__()
        self.inner = inner
        self.muted = False

    async def recv(self):  # type: ignore[override]
        if self.inner is not None and self.inner.readyState == "live":
            frame = await self.inner.recv()
            if not self.muted:
                return frame
            # A new silent frame with the same timing: the relay hands this very frame to every
            # connection of the call (an old and a renegotiated one), whose encoders may be reading it
            # on executor threads; zeroing it in place would write under them.
            silent = AudioFrame(format=frame.format.name, layout=frame.layout.name, samples=frame.samples)
            for plane in silent.planes:
                plane.update(bytes(plane.buffer_size))
            silent.pts, silent.sample_rate, silent.time_base = frame.pts, frame.sample_rate, frame.time_base
            return silent
        return await super().recv()  # aiortc's paced silence

    def stop(self) -> None:
        if self.inner is not None:
            self.inner.stop()
        super().stop()
