"""A pyqtgraph bar chart (plain or stacked) whose bars can be clicked.

x is the bar index; each series stacks on the ones before it. A click on a bar segment emits
sig_bar_clicked(index, series key); bar_at() does the hit test, so tests can check it directly.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.dashboard.colours import AXIS_TEXT, PLOT_BACKGROUND

BAR_WIDTH = 0.8


class BarChart(QWidget):
    sig_bar_clicked = Signal(int, str)

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(background=PLOT_BACKGROUND)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(y=True, alpha=0.15)
        item = self.plot.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setTextPen(pg.mkPen(AXIS_TEXT))
            axis.setPen(pg.mkPen(AXIS_TEXT))
        self.set_title(title)
        # One row at the top right, so the legend never hides the bars it explains.
        self.legend = item.addLegend(offset=(-8, 2), labelTextColor=AXIS_TEXT, colCount=6,
                                     brush=pg.mkBrush(21, 25, 29, 220))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self._series: list[tuple[str, list[float]]] = []
        self._items: list[pg.BarGraphItem] = []
        self.plot.scene().sigMouseClicked.connect(self.on_scene_clicked)

    def set_title(self, title: str) -> None:
        self.plot.setTitle(title, color=AXIS_TEXT.name(), size="10pt")

    def set_data(self, series: list[tuple[str, str, QColor, list[float]]],
                 tick_labels: list[tuple[int, str]] | None = None, show_legend: bool = True) -> None:
        """series: (key, legend label, colour, heights per bar); drawn stacked in that order."""
        for item in self._items:
            self.plot.removeItem(item)
        self._items.clear()
        self.legend.clear()
        self._series = [(key, [float(v) for v in values]) for key, _, _, values in series]
        n = max((len(v) for _, _, _, v in series), default=0)
        base = [0.0] * n
        for key, label, colour, values in series:
            heights = [float(v) for v in values] + [0.0] * (n - len(values))
            item = pg.BarGraphItem(x=list(range(n)), height=heights, y0=list(base), width=BAR_WIDTH,
                                   brush=pg.mkBrush(colour), pen=pg.mkPen(None))
            item.setObjectName(key)
            self.plot.addItem(item)
            self._items.append(item)
            if show_legend and any(heights):
                self.legend.addItem(item, label)
            base = [b + h for b, h in zip(base, heights, strict=True)]
        top = max(base, default=0.0)
        self.plot.setXRange(-0.6, max(n, 1) - 0.4, padding=0)
        # Headroom for the legend row above the tallest bar.
        self.plot.setYRange(0, max(top * (1.25 if show_legend else 1.08), 1.0), padding=0)
        if tick_labels is not None:
            self.plot.getPlotItem().getAxis("bottom").setTicks([tick_labels])

    def bar_at(self, x: float, y: float) -> tuple[int, str] | None:
        """The (bar index, series key) under a point in data coordinates, or None."""
        index = round(x)
        if abs(x - index) > BAR_WIDTH / 2 or y < 0:
            return None
        base = 0.0
        for key, values in self._series:
            height = values[index] if 0 <= index < len(values) else 0.0
            if height > 0 and base <= y < base + height:
                return index, key
            base += height
        return None

    def data_to_widget(self, x: float, y: float) -> QPointF:
        """Where a data point is on the PlotWidget (for tests that click a bar)."""
        view = self.plot.getPlotItem().vb
        scene_point = view.mapViewToScene(QPointF(x, y))
        return QPointF(self.plot.mapFromScene(scene_point))

    def on_scene_clicked(self, event) -> None:  # type: ignore[no-untyped-def]
        view = self.plot.getPlotItem().vb
        if not view.sceneBoundingRect().contains(event.scenePos()):
            return
        point = view.mapSceneToView(event.scenePos())
        hit = self.bar_at(point.x(), point.y())
        if hit is not None:
            self.sig_bar_clicked.emit(*hit)
