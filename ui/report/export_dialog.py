"""Exporting the queue's current rows to CSV or XLSX, with translated headers and values.

For the queue:

    export_alerts(parent, rows)            # asks for columns, format and file; returns the path or None
    write_export(rows, path, fields=None)  # no dialog: the format follows the suffix (.csv / .xlsx)

`rows` are the visible alerts in view order (Alert objects or dicts); the queue's filters decide
which rows those are. Writing is console.analytics.export (CSV is UTF-8 with a BOM).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.analytics.export import DEFAULT_COLUMNS, write_csv, write_xlsx
from console.domain.enums import Category, Satisfaction, Severity, State
from ui import labels

ALL_FIELDS = [f for f, _ in DEFAULT_COLUMNS] + ["source", "description", "grid", "camera", "acked_at",
                                                "dispatched_at", "feedback_at", "bounce_count", "redo_count",
                                                "duplicate_count"]


def tr(text: str) -> str:
    return QCoreApplication.translate("Export", text)


def field_header(field: str) -> str:
    headers = {
        "id": tr("ID"), "received_at": tr("Received"), "category": tr("Category"), "severity": tr("Severity"),
        "state": tr("State"), "title": tr("Title"), "town": tr("Town"), "address": tr("Address"),
        "assignee": tr("Assignee"), "ack_due": tr("Acknowledge due"), "dispatch_due": tr("Dispatch due"),
        "feedback_due": tr("Feedback due"), "closed_at": tr("Closed"), "satisfaction": tr("Satisfaction"),
        "source": tr("Source"), "description": tr("Description"), "grid": tr("Grid"), "camera": tr("Camera"),
        "acked_at": tr("Acknowledged"), "dispatched_at": tr("Dispatched"), "feedback_at": tr("Feedback"),
        "bounce_count": tr("Bounces"), "redo_count": tr("Redos"), "duplicate_count": tr("Repeats"),
    }
    return headers.get(field, field)


def value_labels() -> dict[str, dict[str, str]]:
    return {
        "category": {str(c): labels.category(c) for c in Category},
        "severity": {str(s): labels.severity(s) for s in Severity},
        "state": {str(s): labels.state(s) for s in State},
        "satisfaction": {str(s): labels.satisfaction(s) for s in Satisfaction},
    }


def write_export(rows: Sequence[Any], path: str | Path, fields: Sequence[str] | None = None, *,
                 tz: str = "Asia/Shanghai") -> int:
    fields = list(fields or [f for f, _ in DEFAULT_COLUMNS])
    columns = [(f, field_header(f)) for f in fields]
    writer = write_xlsx if str(path).lower().endswith(".xlsx") else write_csv
    return writer(rows, path, columns, tz=tz, labels=value_labels())


class ExportDialog(QDialog):
    """Which columns, which format."""

    def __init__(self, parent: QWidget | None = None, fields: Sequence[str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export alerts"))
        chosen = set(fields or [f for f, _ in DEFAULT_COLUMNS])
        self.columns = QListWidget()
        for field in ALL_FIELDS:
            item = QListWidgetItem(field_header(field))
            item.setData(Qt.ItemDataRole.UserRole, field)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if field in chosen else Qt.CheckState.Unchecked)
            self.columns.addItem(item)
        self.format = QComboBox()
        self.format.addItem(self.tr("CSV (UTF-8, opens in Excel and WPS)"), "csv")
        self.format.addItem(self.tr("Excel workbook (.xlsx)"), "xlsx")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format)
        layout = QVBoxLayout(self)
        layout.addWidget(self.columns)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen_fields(self) -> list[str]:
        return [self.columns.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.columns.count())
                if self.columns.item(i).checkState() == Qt.CheckState.Checked]

    def chosen_format(self) -> str:
        return str(self.format.currentData())


def export_alerts(parent: QWidget | None, rows: Sequence[Any], *, fields: Sequence[str] | None = None,
                  tz: str = "Asia/Shanghai") -> Path | None:
    dialog = ExportDialog(parent, fields)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen_fields():
        return None
    suffix = dialog.chosen_format()
    name, _ = QFileDialog.getSaveFileName(parent, tr("Export alerts"), f"alerts.{suffix}",
                                          tr("CSV file (*.csv)") if suffix == "csv" else tr("Excel workbook (*.xlsx)"))
    if not name:
        return None
    path = Path(name if name.lower().endswith(f".{suffix}") else f"{name}.{suffix}")
    write_export(rows, path, dialog.chosen_fields(), tz=tz)
    return path
