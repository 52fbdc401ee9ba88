"""The call history view: every call of an alert (or the latest calls), as the hub recorded them.

    view = CallHistoryView(town_names)
    controller.sig_history.connect(view.set_calls)
    controller.request_history(alert_id)     # or None for the latest calls
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget


class CallHistoryView(QTableWidget):
    def __init__(self, town_names: dict[str, str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(0, 7, parent)
        self.town_names = dict(town_names or {})
        self.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Alert"), self.tr("Town"), self.tr("Caller"),
                                        self.tr("Answered by"), self.tr("Duration"), self.tr("Ended")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def set_calls(self, calls: list[dict[str, Any]]) -> None:
        self.setRowCount(len(calls))
        for row, c in enumerate(calls):
            dur = c.get("duration_s")
            values = [
                time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(c.get("invited_at") or 0)),
                f"#{c['alert_id']}" if c.get("alert_id") is not None else "",
                self.town_names.get(c.get("town", ""), c.get("town", "")),
                c.get("caller") or "",
                c.get("answered_by") or "",
                f"{int(dur) // 60:02d}:{int(dur) % 60:02d}" if dur is not None else "",
                c.get("end_reason") or self.tr("in progress"),
            ]
            for col, text in enumerate(values):
                self.setItem(row, col, QTableWidgetItem(str(text)))
