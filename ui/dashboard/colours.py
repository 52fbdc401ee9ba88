"""Chart colours that read on the dark control-room background (mid-saturation, no pure white)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from console.domain.enums import Category, State

CATEGORY_COLOURS: dict[str, QColor] = {
    Category.HAZMAT_VEHICLE: QColor("#ef6c57"),
    Category.ILLEGAL_CONSTRUCTION: QColor("#ba68c8"),
    Category.HOTLINE_ORDER: QColor("#4fa3e0"),
    Category.CAMERA_FAULT: QColor("#4db6ac"),
    Category.OTHER: QColor("#b0a36f"),
}
STATE_COLOURS: dict[str, QColor] = {
    State.NEW: QColor("#ef6c57"),
    State.ACKNOWLEDGED: QColor("#ffb74d"),
    State.DISPATCHED: QColor("#4fa3e0"),
    State.SIGNED: QColor("#7986cb"),
    State.HANDLED: QColor("#81c784"),
}
AXIS_TEXT = QColor("#9aa4ad")
PLOT_BACKGROUND = QColor("#15191d")
