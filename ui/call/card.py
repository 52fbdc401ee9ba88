"""The card a workstation without a camera sends: rendered with Qt so Chinese titles show (OpenCV's
text cannot); the media side adds the running clock."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter


def render_card(width: int, height: int, title: str, lines: list[str]) -> np.ndarray:
    img = QImage(width, height, QImage.Format.Format_BGR888)
    img.fill(QColor(20, 40, 60))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    s = height / 720
    p.fillRect(QRect(0, 0, int(16 * s), height), QColor(230, 160, 30))
    font = QFont("Noto Sans CJK SC")
    font.setPixelSize(int(54 * s))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor(255, 255, 255))
    p.drawText(QRect(int(70 * s), int(180 * s), width - int(140 * s), int(200 * s)),
               int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap), title)
    font.setPixelSize(int(32 * s))
    font.setBold(False)
    p.setFont(font)
    p.setPen(QColor(200, 210, 220))
    for i, line in enumerate(lines):
        p.drawText(int(70 * s), int((430 + i * 48) * s), line)
    p.end()
    ptr = img.constBits()
    arr = np.frombuffer(ptr, np.uint8, img.sizeInBytes()).reshape(height, img.bytesPerLine())
    return arr[:, :width * 3].reshape(height, width, 3).copy()
