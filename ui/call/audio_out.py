"""Plays the town's audio on the console's default speaker (QAudioSink, push mode).

PCM chunks arrive on the asyncio thread into a bounded queue; a GUI timer writes what the sink can
take. Backlog beyond `max_ms` is dropped: late audio is worse than a small gap in a live call.
"""

from __future__ import annotations

import collections
import threading

from PySide6.QtCore import QObject, QTimer
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices

BYTES_PER_MS = 48 * 2 * 2  # 48 kHz, stereo, s16


class AudioOut(QObject):
    def __init__(self, parent: QObject | None = None, max_ms: int = 200) -> None:
        super().__init__(parent)
        self._chunks: collections.deque[bytes] = collections.deque()
        self._queued = 0
        self._lock = threading.Lock()
        self._max = max_ms * BYTES_PER_MS
        self.dropped_bytes = 0
        self.received_bytes = 0
        self._sink: QAudioSink | None = None
        self._io = None
        device = QMediaDevices.defaultAudioOutput()
        self.available = not device.isNull()
        if self.available:
            fmt = QAudioFormat()
            fmt.setSampleRate(48000)
            fmt.setChannelCount(2)
            fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
            self._sink = QAudioSink(device, fmt, self)
            self._sink.setBufferSize(60 * BYTES_PER_MS)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.on_pump)

    def push(self, pcm: bytes) -> None:
        """Any thread."""
        with self._lock:
            self.received_bytes += len(pcm)
            self._chunks.append(pcm)
            self._queued += len(pcm)
            while self._queued > self._max and self._chunks:
                old = self._chunks.popleft()
                self._queued -= len(old)
                self.dropped_bytes += len(old)

    def start(self) -> None:
        with self._lock:
            self._chunks.clear()
            self._queued = 0
        if self._sink is not None and self._io is None:
            self._io = self._sink.start()
        self._timer.start(10)

    def stop(self) -> None:
        self._timer.stop()
        if self._sink is not None:
            self._sink.stop()
        self._io = None

    def on_pump(self) -> None:
        with self._lock:
            if self._io is None or self._sink is None:
                self._chunks.clear()  # no speaker: keep nothing
                self._queued = 0
                return
            free = self._sink.bytesFree()
            out = bytearray()
            while self._chunks and len(out) + len(self._chunks[0]) <= free:
                chunk = self._chunks.popleft()
                self._queued -= len(chunk)
                out += chunk
        if out:
            self._io.write(bytes(out))
