"""The dark control-room look: Fusion, a low-glare palette, severity colours with a symbol each.

Severity never relies on colour alone: every level also has its own glyph and text.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from console.domain.enums import Severity

CJK_FONT = "Noto Sans CJK SC"

SEVERITY_COLOURS: dict[str, QColor] = {
    Severity.CRITICAL: QColor("#ff5252"),
    Severity.MAJOR: QColor("#ffab40"),
    Severity.MINOR: QColor("#64b5f6"),
    Severity.INFO: QColor("#9e9e9e"),
}
SEVERITY_GLYPHS: dict[str, str] = {
    Severity.CRITICAL: "\u25b2\u25b2",  # two triangles
    Severity.MAJOR: "\u25b2",
    Severity.MINOR: "\u25cf",
    Severity.INFO: "\u25cb",
}
AMBER = QColor("#ffb300")
RED = QColor("#ff5252")
FLASH = QColor("#7f1d1d")
MUTED_TEXT = QColor("#9aa4ad")


def dark_palette() -> QPalette:
    palette = QPalette()
    base, window, text = QColor("#15191d"), QColor("#1e2327"), QColor("#d8dee4")
    palette.setColor(QPalette.ColorRole.Window, window)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    palette.setColor(QPalette.ColorRole.Base, base)
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#1b2024"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, window)
    palette.setColor(QPalette.ColorRole.ToolTipText, text)
    palette.setColor(QPalette.ColorRole.PlaceholderText, MUTED_TEXT)
    palette.setColor(QPalette.ColorRole.Text, text)
    palette.setColor(QPalette.ColorRole.Button, QColor("#262c31"))
    palette.setColor(QPalette.ColorRole.ButtonText, text)
    palette.setColor(QPalette.ColorRole.BrightText, RED)
    palette.setColor(QPalette.ColorRole.Link, QColor("#64b5f6"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2d5a88"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#5f6870"))
    return palette


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setPalette(dark_palette())
    if CJK_FONT in QFontDatabase.families():
        font = QFont(CJK_FONT)
        font.setPointSize(max(app.font().pointSize(), 10))
        app.setFont(font)
