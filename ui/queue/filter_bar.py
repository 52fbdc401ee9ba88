"""The row of filters above the queue: category, severity, state, town, assignee and free text."""

from __future__ import annotations

import time

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QToolButton, QWidget

from console.domain.enums import Category, Severity, State
from ui import labels
from ui.queue.queue_model import Filters

_UNASSIGNED = "\x00unassigned"


class FilterBar(QWidget):
    sig_filters_changed = Signal(object)  # Filters

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self, objectName="search")
        self.search.setPlaceholderText(self.tr("Search title, town, address, #id  ( / )"))
        self.search.setClearButtonEnabled(True)
        self.category = self._combo(self.tr("All categories"), [(c, labels.category(c)) for c in Category])
        self.severity = self._combo(self.tr("All severities"), [(s, labels.severity(s)) for s in Severity])
        self.state = self._combo(self.tr("All states"), [(s, labels.state(s)) for s in State])
        self.town = self._combo(self.tr("All towns"), [])
        self.assignee = self._combo(self.tr("Anyone"), [])
        self.period: tuple[float, float] | None = None  # from the dashboard: a clicked hour or period
        self.period_button = QToolButton(self, objectName="period")
        self.period_button.setToolTip(self.tr("Click to drop the period filter"))
        self.period_button.clicked.connect(lambda: self.set_period(None))
        self.period_button.hide()
        self.clear = QToolButton(self, text=self.tr("Clear filters"))
        self.clear.clicked.connect(self.on_clear)
        for w in (self.search, self.category, self.severity, self.state, self.town, self.assignee,
                  self.period_button, self.clear):
            layout.addWidget(w)
        layout.setStretch(0, 3)
        # Typing is debounced: one refilter per pause, not one per key.
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.emit_filters)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.emit_filters)

    def _combo(self, any_text: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(any_text, None)
        for value, text in items:
            combo.addItem(text, str(value))
        combo.currentIndexChanged.connect(self.emit_filters)
        return combo

    def set_towns(self, towns: list[tuple[str, str]]) -> None:
        self._refill(self.town, towns)

    def set_assignees(self, names: list[str]) -> None:
        self._refill(self.assignee, [(_UNASSIGNED, self.tr("Unassigned"))] + [(n, n) for n in names])

    def _refill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        with QSignalBlocker(combo):
            while combo.count() > 1:
                combo.removeItem(1)
            for value, text in items:
                combo.addItem(text, value)
            found = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(found, 0))

    def filters(self) -> Filters:
        def one(combo: QComboBox) -> frozenset[str]:
            value = combo.currentData()
            return frozenset({value}) if value is not None else frozenset()
        who = self.assignee.currentData()
        return Filters(categories=one(self.category), severities=one(self.severity), states=one(self.state),
                       towns=one(self.town), assignee="" if who == _UNASSIGNED else who,
                       text=self.search.text(), received_from=self.period[0] if self.period else None,
                       received_to=self.period[1] if self.period else None)

    def set_period(self, period: tuple[float, float] | None, emit: bool = True) -> None:
        self.period = period
        if period is not None:
            start, end = (time.strftime("%m-%d %H:%M", time.localtime(t)) for t in period)
            self.period_button.setText(self.tr("Received %1 – %2  ✕").replace("%1", start).replace("%2", end))
        self.period_button.setVisible(period is not None)
        if emit:
            self.emit_filters()

    def emit_filters(self) -> None:
        self._debounce.stop()
        self.sig_filters_changed.emit(self.filters())

    def on_clear(self) -> None:
        self.set_period(None, emit=False)
        for combo in (self.category, self.severity, self.state, self.town, self.assignee):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(0)
        with QSignalBlocker(self.search):
            self.search.clear()
        self.emit_filters()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
