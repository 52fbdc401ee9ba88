"""The queue's table: paints the dirty rows itself, cell by cell, with the row delegate's code.

QTableView's own paintEvent calls the delegate through the Python binding once per cell, wrapping a
style option, a painter and a model index for each call: ~1.5 ms of a ~5 ms repaint of 30 rows x
9 columns went to that alone, and the table repaints ~10 times a second while changes stream in.
Here one Python loop walks the dirty rows and columns and draws each cell with the same delegate
code (cached pixmaps, colours, elision), then the grid the way QTableView draws it. What this loop
does not cover (right-to-left, hidden or moved rows, an open editor) is left to QTableView.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QTableView, QWidget

from ui.queue.row_delegate import RowDelegate


class QueueTable(QTableView):
    def __init__(self, parent: QWidget | None = None, objectName: str = "") -> None:  # noqa: N803 - Qt's keyword
        super().__init__(parent, objectName=objectName)
        self.row_delegate: RowDelegate | None = None

    def set_row_delegate(self, delegate: RowDelegate) -> None:
        self.row_delegate = delegate
        self.setItemDelegate(delegate)

    def _paints_rows_itself(self) -> bool:
        rows = self.verticalHeader()
        return (self.row_delegate is not None and self.model() is not None and not self.isRightToLeft()
                and self.state() != QAbstractItemView.State.EditingState
                and rows.hiddenSectionCount() == 0 and not rows.sectionsMoved())

    def _selected_rows(self) -> list[tuple[int, int]] | None:
        """(top, bottom) of each selected block of whole rows; None if some cells alone are selected."""
        selection = self.selectionModel()
        if selection is None:
            return []
        last_column = self.model().columnCount() - 1
        blocks = []
        for block in selection.selection():
            if block.left() > 0 or block.right() < last_column:
                return None
            blocks.append((block.top(), block.bottom()))
        return blocks

    def paintEvent(self, event: QPaintEvent) -> None:
        selected_blocks = self._selected_rows() if self._paints_rows_itself() else None
        if selected_blocks is None:
            super().paintEvent(event)
            return
        delegate = self.row_delegate
        assert delegate is not None
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate.prepare(option)
        header = self.horizontalHeader()
        grid = 1 if self.showGrid() else 0
        row_count = self.model().rowCount()
        dirty = event.rect()
        # As QTableView: nothing is drawn right of the last column or below the last row.
        left = dirty.left()
        right = min(dirty.right(), header.length() - header.offset() - 1)
        top = dirty.top()
        bottom = min(dirty.bottom(), self.verticalHeader().length() - self.verticalHeader().offset() - 1)
        columns: list[tuple[int, int, int]] = []  # (column, x, width) of the dirty columns, in visual order
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            if header.isSectionHidden(column):
                continue
            x = header.sectionViewportPosition(column)
            width = header.sectionSize(column)
            if x + width > left and x <= right:
                columns.append((column, x, width))
        first = self.rowAt(top) if row_count else -1
        if not columns or first < 0 or top > bottom:
            return  # only the empty area: the viewport's background is already there
        last = self.rowAt(bottom)
        last = row_count - 1 if last < 0 else last
        height = self.rowHeight(first)  # rows have one fixed height (the panel sets it)
        y0 = self.rowViewportPosition(first)
        painter = QPainter(self.viewport())
        selected_rows = {row for top_row, bottom_row in selected_blocks
                         for row in range(max(top_row, first), min(bottom_row, last) + 1)}
        cells = [(column, x, width - grid) for column, x, width in columns]  # the grid takes a pixel
        paint_row = delegate.paint_row
        y = y0
        for row in range(first, last + 1):
            paint_row(painter, row, y, height - grid, cells, row in selected_rows)
            y += height
        if grid:
            hint = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
            colour = QColor.fromRgba(hint & 0xFFFFFFFF)
            lines: list[QRect] = [QRect(left, y, right - left + 1, 1)
                                  for y in range(y0 + height - 1, y0 + (last - first + 1) * height, height)]
            lines += [QRect(x + width - 1, top, 1, bottom - top + 1) for _column, x, width in columns]
            if self.gridStyle() == Qt.PenStyle.SolidLine:
                for line in lines:  # a one-pixel solid line is a fill: several times faster than a pen
                    painter.fillRect(line, colour)
            else:
                painter.setPen(QPen(colour, 1, self.gridStyle()))
                for line in lines:
                    painter.drawLine(line.topLeft(), line.bottomRight())
        painter.end()
