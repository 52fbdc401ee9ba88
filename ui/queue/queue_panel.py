"""The queue as the operator sees it: view tabs with counts, filters, and the table.

The selection is kept by alert id: rows arriving, moving or a re-sort never take it away.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QItemSelection, QItemSelectionModel, QRect, QSettings, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QHeaderView,
    QScrollBar,
    QStyle,
    QStyleOptionSlider,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from console.domain.alert import Alert
from ui.queue.alert_table_model import AlertIdRole, AlertTableModel
from ui.queue.filter_bar import FilterBar
from ui.queue.queue_model import Column, QueueModel, View
from ui.queue.queue_table import QueueTable
from ui.queue.row_delegate import RowDelegate

VIEWS = list(View)


class SteadyScrollBar(QScrollBar):
    """Repaints on a range change only when the handle moves on screen.

    Rows arriving change the range many times a second; with 100,000 rows one row is a hundredth
    of a pixel, yet every change repainted the bar (~1 ms in the Fusion style).
    """

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._painted: tuple[QRect, bool] | None = None  # the handle and scrollability last drawn

    def _looks(self) -> tuple[QRect, bool]:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        handle = self.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                             QStyle.SubControl.SC_ScrollBarSlider, self)
        return handle, self.maximum() > self.minimum()

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:
        if change == QAbstractSlider.SliderChange.SliderRangeChange and self._looks() == self._painted:
            return  # the same pixels: nothing to repaint
        super().sliderChange(change)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._painted = self._looks()
        super().paintEvent(event)


class QueuePanel(QWidget):
    sig_selection_changed = Signal(object)  # list[Alert]
    sig_activated = Signal(object)  # Alert (double click / Enter)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AlertTableModel(QueueModel(), self)
        self.tabs = QTabBar(self, objectName="view_tabs")
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for _ in VIEWS:
            self.tabs.addTab("")
        self.filter_bar = FilterBar(self)
        self.table = QueueTable(self, objectName="queue_table")
        self.table.setVerticalScrollBar(SteadyScrollBar(Qt.Orientation.Vertical, self.table))
        self.table.setModel(self.model)
        self.delegate = RowDelegate(self.model, self.table)
        self.table.set_row_delegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionsMovable(True)
        for col, width in zip(Column, (110, 110, 340, 110, 130, 90, 90, 90, 50), strict=True):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSortIndicator(Column.SEVERITY, Qt.SortOrder.AscendingOrder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table)

        self._selected_ids: list[int] = []
        self._current_id: int | None = None
        self._shown: tuple[list[int], int | None] | None = None  # what listeners last heard
        self._selecting = False  # select_ids() at work: listeners hear once, at its end
        self.tabs.setCurrentIndex(VIEWS.index(self.model.queue.view))  # the tab shows the model's view
        self.tabs.currentChanged.connect(self.on_tab_changed)
        self.filter_bar.sig_filters_changed.connect(self.on_filters_changed)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.table.selectionModel().currentChanged.connect(self.on_selection_changed)
        self.table.doubleClicked.connect(lambda index: self.sig_activated.emit(self.model.alert(index.row())))
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.sig_counts_changed.connect(self.update_tab_texts)
        self.model.sig_applying.connect(self.on_applying_changed)
        self.model.rowsInserted.connect(self._maybe_select_first)
        self.update_tab_texts()

    # ---- views
    def view_title(self, view: View) -> str:
        return {
            View.UNACKNOWLEDGED: self.tr("Unacknowledged"), View.CRITICAL: self.tr("Critical"),
            View.OVERDUE: self.tr("Overdue"), View.MINE: self.tr("Mine"), View.OPEN: self.tr("All open"),
            View.CLOSED_TODAY: self.tr("Closed today"),
        }[view]

    def update_tab_texts(self) -> None:
        queue = self.model.queue
        for i, view in enumerate(VIEWS):
            text = f"{self.view_title(view)} ({queue.count(view)})"
            if self.tabs.tabText(i) != text:
                self.tabs.setTabText(i, text)

    def set_view(self, view: View) -> None:
        self.tabs.setCurrentIndex(VIEWS.index(View(view)))
        if self.model.queue.view is not View(view):  # same index: the signal did not fire
            self.on_tab_changed(self.tabs.currentIndex())

    def current_view(self) -> View:
        return self.model.queue.view

    def on_tab_changed(self, index: int) -> None:
        self.model.set_view(VIEWS[index])

    def on_filters_changed(self, filters: object) -> None:
        self.model.queue.set_filters(filters)  # type: ignore[arg-type]

    def on_applying_changed(self, applying: bool) -> None:
        # Held while a burst of changes is applied in slices; enabling again repaints the rows once.
        self.table.viewport().setUpdatesEnabled(not applying)
        if not applying:
            # The view's own relayout (rows came and went) now, not in a later turn: one repaint.
            self.table.executeDelayedItemsLayout()

    # ---- selection by alert id
    def selected_alerts(self) -> list[Alert]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.alert(r) for r in rows]

    def current_alert(self) -> Alert | None:
        index = self.table.currentIndex()
        if index.isValid():
            return self.model.alert(index.row())
        selected = self.selected_alerts()
        return selected[0] if selected else None

    def select_ids(self, ids: list[int], current: int | None = None) -> None:
        sm = self.table.selectionModel()
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for alert_id in ids:
            row = self.model.find_row(alert_id)
            if row is not None:
                selection.select(self.model.index(row, 0), self.model.index(row, last))
        current = current if current is not None else (ids[0] if ids else None)
        row = self.model.find_row(current) if current is not None else None
        # Two steps for Qt (current row, then selection), one change for the listeners.
        self._selecting = True
        try:
            if row is not None:
                sm.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
                self.table.scrollTo(self.model.index(row, 0))
            sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._selecting = False
        self.on_selection_changed()

    def select_alert(self, alert_id: int) -> bool:
        self.model.flush()
        if self.model.find_row(alert_id) is None:
            return False
        self.select_ids([alert_id], alert_id)
        return True

    def _remember_selection(self) -> None:
        self._selected_ids = [a.id for a in self.selected_alerts()]
        current = self.table.currentIndex()
        self._current_id = self.model.alert(current.row()).id if current.isValid() else None

    def _restore_selection(self) -> None:
        if self._selected_ids:
            self.select_ids(self._selected_ids, self._current_id)
        self._maybe_select_first()
        self.on_selection_changed()

    def _maybe_select_first(self) -> None:
        # The keyboard always has a row to act on.
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def on_selection_changed(self, *_args: object) -> None:
        # Qt also reports a "change" when rows are inserted or removed around the selection (a few
        # times a second at 1,000 changes/s); listeners reload the detail pane and the camera, so
        # they hear only when the selected alerts or the current one really changed.
        if self._selecting:
            return
        alerts = self.selected_alerts()
        current = self.table.currentIndex()
        shown = ([a.id for a in alerts], self.model.alert(current.row()).id if current.isValid() else None)
        if shown == self._shown:
            return
        self._shown = shown
        self.sig_selection_changed.emit(alerts)

    def alert_id_at(self, row: int) -> int:
        return int(self.model.data(self.model.index(row, 0), AlertIdRole))

    # ---- persistence (Picard style: the widget saves its own state)
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("queue/header", self.table.horizontalHeader().saveState())
        settings.setValue("queue/view", str(self.current_view()))

    def restore_state(self, settings: QSettings) -> None:
        header = settings.value("queue/header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)
            h = self.table.horizontalHeader()
            self.model.sort(h.sortIndicatorSection(), h.sortIndicatorOrder())
        view = settings.value("queue/view", str(View.OPEN))
        try:
            self.set_view(View(str(view)))
        except ValueError:
            self.set_view(View.OPEN)
