"""DashboardPanel: the situation dashboard, fed by a fetch callable, refreshed by a timer.

Wiring (main window, with the hub bridge):

    panel = DashboardPanel(lambda args, done: bridge.query("dashboard", done, panel.show_error, **args))
    panel.sig_filter_requested.connect(queue.apply_dashboard_filter)
    bridge.sig_changes.connect(panel.on_alerts_changed)   # live: refresh soon after alerts change

`fetch(args, done)` gets the query args ({"period": "shift"|"today"|"7d"|"30d"|"custom", "start",
"end"}) and calls done(figures) now or later on the GUI thread; replies to superseded requests are
dropped. direct_fetch(engine) does the same against a store without a hub (demo, tests).

sig_filter_requested(dict) carries queue filter criteria, always with received_from/received_to
(the period or the clicked hour) plus one of: "category", "severity" with "open": True, "state",
or "town" ("" for alerts no town answers for).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from console.analytics.dashboard import OPEN_STATES, filter_for_bucket, filter_for_town
from console.domain.enums import Category, Role, Severity
from ui import labels
from ui.dashboard.bar_chart import BarChart
from ui.dashboard.colours import CATEGORY_COLOURS, STATE_COLOURS
from ui.dashboard.town_names import chinese_names
from ui.theme import SEVERITY_COLOURS

Figures = dict[str, Any]
Fetch = Callable[[dict[str, Any], Callable[[Figures], None]], None]
PERIODS = ("shift", "today", "7d", "30d", "custom")
TOWN_COLUMNS = 6


def direct_fetch(engine: Engine, clock: Callable[[], float] = time.time) -> Fetch:
    """A fetch that runs the hub's "dashboard" query in-process against a store."""
    from console.hub.dashboard_queries import q_dashboard
    from console.hub.identity import Identity

    who = Identity("local", Role.OPERATOR)

    def fetch(args: dict[str, Any], done: Callable[[Figures], None]) -> None:
        with engine.connect() as conn:
            done(q_dashboard(conn, who, {**args, "now": clock()}))

    return fetch


def format_duration(seconds: float | None) -> str:
    """Compact, language-neutral: 45s, 12m, 3h 20m, 2d 4h; an en dash when there is no value."""
    if seconds is None:
        return "\u2013"
    s = int(round(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m {s % 60:02d}s" if s < 600 else f"{s // 60}m"
    if s < 86400:
        return f"{s // 3600}h {s % 3600 // 60:02d}m"
    return f"{s // 86400}d {s % 86400 // 3600}h"


def format_rate(rate: dict[str, Any]) -> str:
    return "\u2013" if rate.get("value") is None else f"{rate['value'] * 100:.1f}%"


class KpiTile(QFrame):
    """A big number with its caption; the tooltip explains what is counted."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("\u2013")
        font = self.value.font()
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, text: str, tooltip: str = "") -> None:
        self.value.setText(text)
        self.setToolTip(tooltip)


class DashboardPanel(QWidget):
    sig_filter_requested = Signal(dict)
    sig_refreshed = Signal(dict)

    def __init__(self, fetch: Fetch, parent: QWidget | None = None, *, refresh_ms: int = 30_000,
                 change_delay_ms: int = 2_000, tz: str = "Asia/Shanghai") -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._tz = ZoneInfo(tz)
        self._seq = 0
        self.figures: Figures | None = None

        self.period_box = QComboBox()
        for key, text in zip(PERIODS, (self.tr("This shift"), self.tr("Today"), self.tr("Last 7 days"),
                                       self.tr("Last 30 days"), self.tr("Custom…")), strict=True):
            self.period_box.addItem(text, key)
        self.period_box.currentIndexChanged.connect(self.on_period_changed)
        now = QDateTime.currentDateTime()
        self.from_edit = QDateTimeEdit(now.addDays(-1))
        self.to_edit = QDateTimeEdit(now)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setVisible(False)
            edit.editingFinished.connect(self.refresh)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export chart…"))
        self.export_button.clicked.connect(self.on_export_clicked)
        self.status = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period:")))
        bar.addWidget(self.period_box)
        bar.addWidget(self.from_edit)
        bar.addWidget(self.to_edit)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.export_button)

        self.tiles = {
            "received": KpiTile(self.tr("Received")),
            "open": KpiTile(self.tr("Open")),
            "overdue_open": KpiTile(self.tr("Overdue now")),
            "response": KpiTile(self.tr("Response rate")),
            "resolution": KpiTile(self.tr("Resolution rate")),
            "satisfaction": KpiTile(self.tr("Satisfaction rate")),
        }
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)

        self.per_hour = BarChart(self.tr("Alerts per hour by category"))
        self.per_hour.sig_bar_clicked.connect(self.on_hour_bar_clicked)
        self.by_severity = BarChart(self.tr("Open by severity"))
        self.by_severity.sig_bar_clicked.connect(self.on_severity_bar_clicked)
        self.by_state = BarChart(self.tr("Open by state"))
        self.by_state.sig_bar_clicked.connect(self.on_state_bar_clicked)
        self.charts = {"per_hour": self.per_hour, "open_by_severity": self.by_severity,
                       "open_by_state": self.by_state}

        self.times = QTableWidget(3, 2)
        self.times.setHorizontalHeaderLabels([self.tr("Median"), self.tr("P90")])
        self.times.setVerticalHeaderLabels([self.tr("To acknowledge"), self.tr("To dispatch"),
                                            self.tr("To close")])
        self.overdue = QTableWidget(3, 1)
        self.overdue.setHorizontalHeaderLabels([self.tr("Overdue")])
        self.overdue.setVerticalHeaderLabels([self.tr("Acknowledge late"), self.tr("Dispatch late"),
                                              self.tr("Feedback late")])
        for table in (self.times, self.overdue):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            table.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        side = QVBoxLayout()
        side.addWidget(self.times)
        side.addWidget(self.overdue)
        side_box = QWidget()
        side_box.setLayout(side)

        self.town_table = QTableWidget(0, TOWN_COLUMNS)
        self.town_table.setHorizontalHeaderLabels([
            self.tr("Town"), self.tr("Received"), self.tr("Open"), self.tr("Overdue"), self.tr("Bounced"),
            self.tr("Mean handling time")])
        self.town_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.town_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.town_table.verticalHeader().setVisible(False)
        self.town_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.town_table.cellClicked.connect(self.on_town_clicked)

        middle = QGridLayout()
        middle.addWidget(self.by_severity, 0, 0)
        middle.addWidget(self.by_state, 0, 1)
        middle.addWidget(side_box, 0, 2)
        middle.setColumnStretch(0, 3)
        middle.setColumnStretch(1, 3)
        middle.setColumnStretch(2, 2)
        middle_box = QWidget()
        middle_box.setLayout(middle)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.per_hour)
        split.addWidget(middle_box)
        split.addWidget(self.town_table)
        split.setSizes([300, 240, 260])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(tiles)
        layout.addWidget(split, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)
        # Alert changes arrive in bursts: one refresh per burst, a moment after it.
        self.change_timer = QTimer(self)
        self.change_timer.setSingleShot(True)
        self.change_timer.setInterval(change_delay_ms)
        self.change_timer.timeout.connect(self.refresh)

    # ---- fetching
    def query_args(self) -> dict[str, Any]:
        kind = self.period_box.currentData()
        args: dict[str, Any] = {"period": kind}
        if kind == "custom":
            args["start"] = self.from_edit.dateTime().toSecsSinceEpoch()
            args["end"] = self.to_edit.dateTime().toSecsSinceEpoch()
        return args

    @Slot()
    def refresh(self) -> None:
        args = self.query_args()
        if args["period"] == "custom" and args["end"] <= args["start"]:
            self.show_error(self.tr("The end of the period must be after its start."))
            return
        self._seq += 1
        seq = self._seq

        def done(figures: Figures) -> None:
            if seq == self._seq:  # a newer request superseded this one
                self.set_figures(figures)

        self._fetch(args, done)

    @Slot()
    @Slot(object)
    def on_alerts_changed(self, *_args: object) -> None:
        if self.isVisible() and not self.change_timer.isActive():
            self.change_timer.start()

    @Slot(object)
    def show_error(self, error: object) -> None:
        self.status.setText(self.tr("Could not refresh: %1").replace("%1", str(error)))

    def set_period(self, kind: str, start: float | None = None, end: float | None = None) -> None:
        if start is not None and end is not None:
            self.from_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(start)))
            self.to_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(end)))
        self.period_box.setCurrentIndex(PERIODS.index(kind))  # refreshes via on_period_changed

    @Slot(int)
    def on_period_changed(self, _index: int) -> None:
        custom = self.period_box.currentData() == "custom"
        self.from_edit.setVisible(custom)
        self.to_edit.setVisible(custom)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.timer.start()  # live only while visible: a hidden dashboard costs the hub nothing
        self.refresh()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self.timer.stop()
        self.change_timer.stop()
        super().hideEvent(event)

    # ---- drawing
    @Slot(dict)
    def set_figures(self, figures: Figures) -> None:
        self.figures = figures
        if figures.get("tz"):
            self._tz = ZoneInfo(figures["tz"])  # the hall's clock, as the hub resolved the period
        self._draw_tiles(figures)
        self._draw_per_hour(figures)
        sev = figures["open_by_severity"]
        self.by_severity.set_data(
            [(s, labels.severity(s), SEVERITY_COLOURS[s], [sev.get(s, 0) if i == n else 0 for n in range(4)])
             for i, s in enumerate(Severity)],
            tick_labels=[(i, labels.severity(s)) for i, s in enumerate(Severity)], show_legend=False)
        states = figures["open_by_state"]
        self.by_state.set_data(
            [(s, labels.state(s), STATE_COLOURS[s],
              [states.get(s, 0) if i == n else 0 for n in range(len(OPEN_STATES))])
             for i, s in enumerate(OPEN_STATES)],
            tick_labels=[(i, labels.state(s)) for i, s in enumerate(OPEN_STATES)], show_legend=False)
        for row, step in enumerate(("acknowledge", "dispatch", "close")):
            t = figures["times"][step]
            self._set_cell(self.times, row, 0, format_duration(t["median"]))
            self._set_cell(self.times, row, 1, format_duration(t["p90"]))
        for row, key in enumerate(("acknowledge", "dispatch", "feedback")):
            self._set_cell(self.overdue, row, 0, str(figures["overdue"][key]))
        self._draw_towns(figures)
        stamp = datetime.fromtimestamp(figures["now"], self._tz).strftime("%H:%M:%S")
        self.status.setText(self.tr("Updated %1").replace("%1", stamp))
        self.sig_refreshed.emit(figures)

    def _draw_tiles(self, f: Figures) -> None:
        self.tiles["received"].set(str(f["received"]))
        self.tiles["open"].set(str(f["open"]))
        self.tiles["overdue_open"].set(str(f["overdue"]["open"]),
                                       self.tr("Open alerts past a deadline they have not met"))
        tips = {
            "response": self.tr("Acknowledged within the deadline, of the alerts whose acknowledge step "
                                "can be judged"),
            "resolution": self.tr("Closed, of the alerts received (false alarms and merged left out)"),
            "satisfaction": self.tr("Satisfied or basically satisfied, of the hotline orders whose "
                                    "citizen was reached on the return visit"),
        }
        for key, tip in tips.items():
            r = f["rates"][key]
            self.tiles[key].set(format_rate(r), f"{tip}: {r['num']} / {r['den']}")

    def _draw_per_hour(self, f: Figures) -> None:
        pb = f["per_bucket"]
        starts = pb["starts"]
        n = len(starts)
        daily = pb["bucket_s"] >= 86400 or n > 48
        # Ticks on whole days for multi-day periods, every few hours within a day or two.
        step = 24 * -(-n // (24 * 8)) if daily else max(1, n // 12)
        ticks = []
        for i in range(0, n, step):
            local = datetime.fromtimestamp(starts[i], self._tz)
            ticks.append((i, local.strftime("%m-%d %H:%M" if daily else "%H:%M")))
        series = [(str(c), labels.category(c), CATEGORY_COLOURS[c], pb["categories"].get(str(c), [0] * n))
                  for c in Category]
        self.per_hour.set_data(series, ticks)

    def _draw_towns(self, f: Figures) -> None:
        rows = f["towns"]
        chinese = chinese_names()
        self.town_table.setRowCount(len(rows))
        for r, town in enumerate(rows):
            name = (town["name"] if chinese else town["name_en"]) if town["town"] else self.tr("(no town)")
            values = [name, str(town["received"]), str(town["open"]), str(town["overdue"]),
                      str(town["bounced"]), format_duration(town["mean_handling_s"])]
            for c, text in enumerate(values):
                self._set_cell(self.town_table, r, c, text, numeric=c > 0)
            self.town_table.item(r, 0).setData(Qt.ItemDataRole.UserRole, town["town"])

    @staticmethod
    def _set_cell(table: QTableWidget, row: int, col: int, text: str, numeric: bool = True) -> None:
        item = table.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            table.setItem(row, col, item)
        item.setText(text)
        if numeric:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    # ---- clicks -> queue filters
    def _period_bounds(self) -> dict[str, float]:
        assert self.figures is not None
        return {"received_from": self.figures["period"]["start"], "received_to": self.figures["period"]["end"]}

    @Slot(int, str)
    def on_hour_bar_clicked(self, index: int, category: str) -> None:
        if self.figures is not None:
            self.sig_filter_requested.emit(filter_for_bucket(self.figures, index, category))

    @Slot(int, str)
    def on_severity_bar_clicked(self, _index: int, severity: str) -> None:
        if self.figures is not None:
            self.sig_filter_requested.emit({"severity": severity, "open": True, **self._period_bounds()})

    @Slot(int, str)
    def on_state_bar_clicked(self, _index: int, state: str) -> None:
        if self.figures is not None:
            self.sig_filter_requested.emit({"state": state, **self._period_bounds()})

    @Slot(int, int)
    def on_town_clicked(self, row: int, _col: int) -> None:
        if self.figures is None:
            return
        town = self.town_table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        crit = filter_for_town(self.figures, town)
        crit["town"] = town  # "" = no responsible town
        self.sig_filter_requested.emit(crit)

    # ---- export
    def export_chart_png(self, path: str, chart: str = "per_hour") -> bool:
        """Saves one chart (per_hour, open_by_severity, open_by_state) as a PNG."""
        return self.charts[chart].grab().save(path, "PNG")

    @Slot()
    def on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart"), "alerts-per-hour.png",
                                              self.tr("PNG image (*.png)"))
        if path:
            self.export_chart_png(path)
