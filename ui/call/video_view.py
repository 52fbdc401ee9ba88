"""Paints the newest frame of a FrameMailbox, polled by a GUI timer (never a signal per frame)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from media.frame_mailbox import Frame, FrameMailbox


def fit(src: tuple[int, int], dst: tuple[int, int]) -> tuple[int, int]:
    sw, sh = src
    dw, dh = dst
    if sw <= 0 or sh <= 0:
        return dw, dh
    scale = min(dw / sw, dh / sh)
    return max(1, int(sw * scale)), max(1, int(sh * scale))


class VideoView(QWidget):
    def __init__(self, mailbox: FrameMailbox, parent: QWidget | None = None, poll_hz: int = 50,
                 placeholder: str = "") -> None:
        super().__init__(parent)
        self.mailbox = mailbox
        self.placeholder = placeholder
        self._frame: Frame | None = None
        self._image: QImage | None = None
        self._array: np.ndarray | None = None  # keeps the QImage's memory alive
        self.painted = 0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.on_poll)
        self._timer.start(1000 // poll_hz)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def on_poll(self) -> None:
        frame = self.mailbox.newer_than(self._frame.seq if self._frame else 0)
        if frame is None:
            return
        arr = np.ascontiguousarray(frame.image)
        self._array = arr
        self._image = QImage(arr.data, arr.shape[1], arr.shape[0], arr.strides[0], QImage.Format.Format_BGR888)
        self._frame = frame
        self.update()

    def clear(self) -> None:
        self._frame = self._image = self._array = None
        self.mailbox.clear()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        rect = self.rect()
        p.fillRect(rect, QColor(12, 14, 18))
        if self._image is not None:
            w, h = fit((self._image.width(), self._image.height()), (rect.width(), rect.height()))
            p.drawImage(QRect((rect.width() - w) // 2, (rect.height() - h) // 2, w, h), self._image)
            self.painted += 1
        elif self.placeholder:
            p.setPen(QColor(150, 160, 170))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.placeholder)
        p.end()
