"""A thin QAbstractTableModel over the plain QueueModel (napari style: Qt only adapts).

Changes arrive in bursts; they are buffered and applied in time-boxed slices so the GUI never
stalls for a whole frame, and the newest version of an alert wins inside a burst.
"""

from __future__ import annotations

import gc
import time
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QFont

from console.domain.alert import Alert
from console.domain.enums import Severity
from console.hub.gc_pacer import GcPacer
from ui import labels, theme
from ui.queue.queue_model import Column, QueueModel, QueueObserver, View, current_due

Index = QModelIndex | QPersistentModelIndex
AlertIdRole = Qt.ItemDataRole.UserRole + 1
_SLICE_S = 0.002  # work per event-loop turn when draining a burst of changes (a repaint follows it)
_PROGRESS_S = 0.05  # a long burst is repainted this often while it is applied
_NEAR_S = 15 * 60.0  # a deadline this close turns amber


_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ForegroundRole),
                    int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.FontRole),
                    int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.TextAlignmentRole), int(AlertIdRole)})
_SEVERITY_BRUSHES = {sev: QBrush(colour) for sev, colour in theme.SEVERITY_COLOURS.items()}
_RED, _AMBER, _FLASH = QBrush(theme.RED), QBrush(theme.AMBER), QBrush(theme.FLASH)
_BOLD = QFont()
_BOLD.setBold(True)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LAST_COLUMN = len(Column) - 1
_COALESCE_MS = 100  # changes are applied (and the table repainted) at most ~10 times a second


@lru_cache(maxsize=4096)
def _clock_text(minute: int) -> str:
    return time.strftime("%H:%M", time.localtime(minute * 60))


def format_span(seconds: float) -> str:
    seconds = int(abs(seconds))
    if seconds >= 86400:
        return f"{seconds // 86400}d {seconds % 86400 // 3600:02d}h"
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class _Observer(QueueObserver):
    def __init__(self, model: AlertTableModel) -> None:
        self.m = model

    def begin_reset(self) -> None:
        self.m.beginResetModel()

    def end_reset(self) -> None:
        self.m.endResetModel()

    def begin_insert(self, row: int) -> None:
        self.m.beginInsertRows(QModelIndex(), row, row)

    def end_insert(self) -> None:
        self.m.endInsertRows()

    def begin_remove(self, row: int) -> None:
        self.m.beginRemoveRows(QModelIndex(), row, row)

    def end_remove(self) -> None:
        self.m.endRemoveRows()

    def begin_move(self, src: int, dest: int) -> bool:
        return self.m.beginMoveRows(QModelIndex(), src, src, QModelIndex(), dest)

    def end_move(self) -> None:
        self.m.endMoveRows()

    def row_changed(self, row: int) -> None:
        # createIndex: index() would ask the Python rowCount/columnCount twice per call.
        m = self.m
        m.dataChanged.emit(m.createIndex(row, 0), m.createIndex(row, _LAST_COLUMN))

    def counts_changed(self) -> None:
        self.m.sig_counts_changed.emit()


class AlertTableModel(QAbstractTableModel):
    sig_counts_changed = Signal()
    # True while a burst is applied over several event-loop turns: views may hold their repaint
    # until it is done (one repaint per burst, not one per slice); False when it is done.
    sig_applying = Signal(bool)

    def __init__(self, queue: QueueModel | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.queue = queue or QueueModel()
        self.queue.observer = _Observer(self)
        self.flashing: set[int] = set()  # ids of critical alerts that flash until acknowledged
        self.flash_on = False
        self._pending: dict[int, Alert] = {}
        self._applying_since: float | None = None  # perf_counter() when a held repaint began
        self._drain = QTimer(self, singleShot=True, interval=_COALESCE_MS, objectName="queue_drain")
        self._drain.timeout.connect(self._apply_pending)
        self._headers = self._header_texts()
        self.town_names: dict[str, str] = {}  # town id -> name in the operator's language
        # Young survivors are frozen every second so the cyclic GC never walks the whole queue
        # (a full pass over 100k alerts stalls the GUI for 50-100 ms); one real collection every
        # 10 minutes, when no changes are waiting, so cycles are not kept forever.
        self._gc = GcPacer(freeze_every_s=1.0, full_every_s=600.0)

    def _header_texts(self) -> list[str]:
        return [self.tr("Severity"), self.tr("Category"), self.tr("Title"), self.tr("Town"),
                self.tr("Received"), self.tr("Deadline"), self.tr("State"), self.tr("Assignee"),
                self.tr("Dupl.")]

    # ---- feeding
    def reset_alerts(self, alerts: list[Alert]) -> None:
        self._pending.clear()
        self._stop_applying()
        self.queue.reset(alerts)
        # The snapshot's objects live for the whole shift: take them out of the cyclic GC's sight.
        # Otherwise every full collection walks ~100k alerts and stalls the GUI for 100+ ms.
        gc.collect()
        gc.freeze()

    def add_changes(self, alerts: list[Alert]) -> None:
        for a in alerts:
            self._pending[a.id] = a
        if not self._drain.isActive():
            self._drain.start()

    def pending_changes(self) -> int:
        """Changes received but not applied yet."""
        return len(self._pending)

    def flush(self) -> None:
        """Applies every buffered change now (tests, before acting on a selection)."""
        while self._pending:
            self._apply_pending(budget=float("inf"))

    def _apply_pending(self, budget: float = _SLICE_S) -> None:
        start = time.perf_counter()
        pending = self._pending
        while pending and time.perf_counter() - start < budget:
            alert_id = next(iter(pending))
            self.queue.upsert(pending.pop(alert_id))
        if pending:  # the rest in the next event-loop turns, still in small slices
            self._drain.start(0)
            # A repaint costs about as much as a slice: hold it until the burst is applied, but
            # show a long burst's progress every _PROGRESS_S.
            if self._applying_since is None:
                self._applying_since = start
                self.sig_applying.emit(True)
            elif start - self._applying_since >= _PROGRESS_S:
                self._stop_applying()
        else:
            self._drain.setInterval(_COALESCE_MS)
            self._stop_applying()
            # Once per burst, not per slice: relaying out the tab texts costs as much as the slice.
            self.sig_counts_changed.emit()

    def _stop_applying(self) -> None:
        if self._applying_since is not None:
            self._applying_since = None
            self.sig_applying.emit(False)

    def alert(self, row: int) -> Alert:
        return self.queue.alert_at(row)

    def find_row(self, alert_id: int) -> int | None:
        return self.queue.row_of(alert_id)

    # ---- Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.queue.row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # A reset: the queue view keeps the selection by alert id across it.
        self.queue.sort(column, order == Qt.SortOrder.DescendingOrder)

    def set_view(self, view: View) -> None:
        self.queue.set_view(view)

    def refresh_deadlines(self) -> None:
        """Once a second: countdowns tick, Overdue fills, the flash toggles; GC pacing."""
        self._gc.after_batch()
        if not self._pending:
            self._gc.when_idle()
        self.queue.tick()
        n = self.rowCount()
        if n:
            self.dataChanged.emit(self.index(0, Column.RECEIVED), self.index(n - 1, Column.DEADLINE),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole])

    def set_flash(self, on: bool) -> None:
        self.flash_on = on
        for alert_id in list(self.flashing):
            row = self.find_row(alert_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1),
                                      [Qt.ItemDataRole.BackgroundRole])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Painting asks ~7 roles per cell: answer the unused ones before touching the alert.
        if role not in _ROLES or not index.isValid():
            return None
        role = Qt.ItemDataRole(role)
        a = self.queue.alert_at(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(a, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == Column.SEVERITY:
                return _SEVERITY_BRUSHES[a.severity]
            if col == Column.DEADLINE:
                due = current_due(a)
                if due is not None:
                    left = due - time.time()
                    if left < 0:
                        return _RED
                    if left < _NEAR_S:
                        return _AMBER
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.flash_on and a.id in self.flashing:
                return _FLASH
            return None
        if role == Qt.ItemDataRole.FontRole:
            if col in (Column.SEVERITY, Column.TITLE) and a.severity is Severity.CRITICAL and a.state.is_open:
                return _BOLD
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == Column.DEADLINE:
                due = current_due(a)
                return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(due)) if due else None
            if col == Column.TITLE:
                return a.title
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col == Column.DUPLICATES else None
        if role == AlertIdRole:
            return a.id
        return None

    def cell(self, row: int, col: int) -> tuple[str, QBrush | None, QBrush | None, bool, bool]:
        """Everything the row delegate paints for one cell, in one call."""
        return self.cell_of(self.queue.alert_at(row), col)

    def cell_of(self, a: Alert, col: int) -> tuple[str, QBrush | None, QBrush | None, bool, bool]:
        text = self._display(a, col)
        foreground: QBrush | None = None
        if col == Column.SEVERITY:
            foreground = _SEVERITY_BRUSHES[a.severity]
        elif col == Column.DEADLINE:
            due = current_due(a)
            if due is not None:
                left = due - time.time()
                foreground = _RED if left < 0 else _AMBER if left < _NEAR_S else None
        background = _FLASH if self.flash_on and a.id in self.flashing else None
        bold = col <= Column.TITLE and col != Column.CATEGORY and a.severity is Severity.CRITICAL \
            and a.state.is_open
        return text, foreground, background, bold, col == Column.DUPLICATES  # last: right-aligned

    def _display(self, a: Alert, col: int) -> str:
        if col == Column.SEVERITY:
            return f"{theme.SEVERITY_GLYPHS[a.severity]} {labels.severity(a.severity)}"
        if col == Column.CATEGORY:
            return labels.category(a.category)
        if col == Column.TITLE:
            return a.title
        if col == Column.TOWN:
            return self.town_names.get(a.town, a.town) if a.town else ""
        if col == Column.RECEIVED:
            age = time.time() - a.received_at
            return f"{_clock_text(int(a.received_at // 60))}  ({format_span(age)})"
        if col == Column.DEADLINE:
            due = current_due(a)
            if due is None:
                return ""
            left = due - time.time()
            return ("-" if left < 0 else "") + format_span(left)
        if col == Column.STATE:
            return labels.state(a.state)
        if col == Column.ASSIGNEE:
            return a.assignee or ""
        return str(a.duplicate_count) if a.duplicate_count else ""
