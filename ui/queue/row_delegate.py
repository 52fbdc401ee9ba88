"""A lean painter for queue cells: one Python call per cell instead of ~7 role look-ups + a style pass.

With 100,000 alerts streaming in, the table's repaint is what could stall the GUI; QStyledItemDelegate
asks the model for every role of every cell and draws through the style. This delegate reads the
row's alert once and draws plain text with the palette and our severity/deadline colours.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.queue.alert_table_model import AlertTableModel

_PAD = 6
# Plain ints: flag arithmetic on PySide6's Python enums costs microseconds per cell.
_SELECTED = QStyle.StateFlag.State_Selected.value
_LEFT = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value


class RowDelegate(QStyledItemDelegate):
    def __init__(self, model: AlertTableModel, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.model = model
        # Rendered cells by (text, size, font, colour): most cells repaint unchanged, and blitting a
        # small pixmap costs a fraction of shaping and rasterising CJK text again.
        self._cells: dict[tuple, QPixmap] = {}
        self._brushes: dict[int, QColor] = {}
        self._base: QColor | None = None  # palette colours, read at the first paint
        self._text = self._highlight = self._highlighted_text = QColor()

    def _render(self, text: str, width: int, height: int, font: QFont, colour: QColor, background: QColor,
                right: bool) -> QPixmap:
        """The whole cell, opaque: blitting it needs no blending and no separate background fill."""
        ratio = self.parent().devicePixelRatioF() if self.parent() is not None else 1.0
        pixmap = QPixmap(int(max(width, 1) * ratio), int(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(background)
        inner = width - 2 * _PAD
        metrics = QFontMetrics(font)
        if metrics.horizontalAdvance(text) > inner:  # only on a cache miss
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner)
        p = QPainter(pixmap)
        p.setFont(font)
        p.setPen(colour)
        p.drawText(QRect(_PAD, 0, inner, height), _RIGHT if right else _LEFT, text)
        p.end()
        return pixmap

    def _palette_colours(self, option: QStyleOptionViewItem) -> None:
        palette = option.palette
        self._base = palette.color(QPalette.ColorRole.Base)
        self._text = palette.color(QPalette.ColorRole.Text)
        self._highlight = palette.color(QPalette.ColorRole.Highlight)
        self._highlighted_text = palette.color(QPalette.ColorRole.HighlightedText)

    def _colour(self, brush: QBrush | None, default: QColor) -> QColor:
        if brush is None:
            return default
        colour = self._brushes.get(id(brush))  # the model's brushes are module constants
        if colour is None:
            colour = self._brushes[id(brush)] = brush.color()
        return colour

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        # Few calls per cell on purpose: each Python -> C++ call costs about a microsecond here.
        text, foreground, background, bold, align = self.model.cell(index.row(), index.column())
        if self._base is None:
            self._palette_colours(option)
        rect: QRect = option.rect
        if option.state.value & _SELECTED:
            back, colour = self._highlight, self._highlighted_text
        else:
            back, colour = self._colour(background, self._base), self._colour(foreground, self._text)
        key = (text, rect.width(), rect.height(), bold, id(colour), id(back), align)
        pixmap = self._cells.get(key)
        if pixmap is None:
            font = QFont(option.font)
            font.setBold(bold)
            pixmap = self._render(text, rect.width(), rect.height(), font, colour, back, align)
            if len(self._cells) > 6_000:
                self._cells.clear()
            self._cells[key] = pixmap
        painter.drawPixmap(rect.topLeft(), pixmap)
