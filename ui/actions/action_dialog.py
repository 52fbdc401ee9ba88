"""One dialog for every action that needs input: reason/note text, town, deadline, satisfaction,
assignee or merge target. Opened non-modally (`open()`), so a refusal can reopen it with what the
operator typed still in it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.domain.enums import Satisfaction
from ui import labels


@dataclass
class DialogSpec:
    action: str
    title: str
    summary: str = ""  # which alert(s)
    text_label: str = ""  # empty: no text field
    text_required: bool = False
    towns: list[tuple[str, str]] | None = None  # (id, name); None: no town field
    town: str | None = None
    deadline: float | None = None  # feedback deadline shown (and editable) for dispatch
    satisfaction: bool = False
    allow_unsatisfied: bool = False
    operators: list[str] | None = None
    merge_targets: list[tuple[int, str]] | None = None
    error: str = ""  # why the last attempt was refused
    values: dict[str, Any] = field(default_factory=dict)  # what the operator typed before


class ActionDialog(QDialog):
    def __init__(self, spec: DialogSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.ids: list[int] = []  # the alerts it acts on (set by AlertActions)
        self.setObjectName(f"dialog_{spec.action}")
        self.setWindowTitle(spec.title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        if spec.summary:
            summary = QLabel(spec.summary, self)
            summary.setWordWrap(True)
            layout.addWidget(summary)
        self.error = QLabel(spec.error, self, objectName="error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #ff8a80; font-weight: bold;")
        self.error.setVisible(bool(spec.error))
        layout.addWidget(self.error)
        form = QFormLayout()
        layout.addLayout(form)
        values = spec.values

        self.town: QComboBox | None = None
        if spec.towns is not None:
            self.town = QComboBox(self, objectName="town")
            for town_id, name in spec.towns:
                self.town.addItem(name, town_id)
            wanted = values.get("town", spec.town)
            index = self.town.findData(wanted)
            self.town.setCurrentIndex(max(index, 0))
            form.addRow(self.tr("Town:"), self.town)

        self.deadline: QDateTimeEdit | None = None
        if spec.deadline is not None:
            self.deadline = QDateTimeEdit(self, objectName="deadline")
            self.deadline.setCalendarPopup(True)
            self.deadline.setDisplayFormat("yyyy-MM-dd HH:mm")
            due = values.get("feedback_due", spec.deadline)
            self.deadline.setDateTime(QDateTime.fromSecsSinceEpoch(int(due)))
            form.addRow(self.tr("Feedback due:"), self.deadline)

        self.satisfaction: QComboBox | None = None
        if spec.satisfaction:
            self.satisfaction = QComboBox(self, objectName="satisfaction")
            for value in Satisfaction:
                if value is Satisfaction.UNSATISFIED and not spec.allow_unsatisfied:
                    continue
                self.satisfaction.addItem(labels.satisfaction(value), str(value))
            index = self.satisfaction.findData(values.get("satisfaction"))
            self.satisfaction.setCurrentIndex(max(index, 0))
            form.addRow(self.tr("Citizen's satisfaction:"), self.satisfaction)

        self.operator: QComboBox | None = None
        if spec.operators is not None:
            self.operator = QComboBox(self, objectName="operator")
            self.operator.setEditable(True)
            self.operator.addItems(spec.operators)
            if values.get("assignee"):
                self.operator.setCurrentText(values["assignee"])
            form.addRow(self.tr("Operator:"), self.operator)

        self.target: QComboBox | None = None
        self.target_id: QSpinBox | None = None
        if spec.merge_targets is not None:
            self.target = QComboBox(self, objectName="target")
            self.target.setEditable(False)
            for alert_id, text in spec.merge_targets:
                self.target.addItem(f"#{alert_id}  {text}", alert_id)
            index = self.target.findData(values.get("into"))
            self.target.setCurrentIndex(max(index, 0))
            form.addRow(self.tr("Merge into:"), self.target)

        self.text: QPlainTextEdit | None = None
        if spec.text_label:
            self.text = QPlainTextEdit(self, objectName="text")
            self.text.setTabChangesFocus(True)
            self.text.setPlainText(values.get("text", ""))
            self.text.setFixedHeight(90)
            form.addRow(spec.text_label, self.text)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if self.text is not None:
            self.text.textChanged.connect(self._update_ok)
        self._update_ok()
        first = self.town or self.satisfaction or self.operator or self.target or self.text
        if self.text is not None and spec.text_required:
            first = self.text if self.town is None and self.satisfaction is None else first
        if first is not None:
            first.setFocus()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not (self.spec.text_required and self.text is not None
                           and not self.text.toPlainText().strip()))

    def set_text(self, text: str) -> None:
        assert self.text is not None
        self.text.setPlainText(text)

    def values(self) -> dict[str, Any]:
        """What the operator entered, in the dialog's own terms (kept when the hub refuses)."""
        out: dict[str, Any] = {}
        if self.text is not None:
            out["text"] = self.text.toPlainText()
        if self.town is not None:
            out["town"] = self.town.currentData()
        if self.deadline is not None:
            out["feedback_due"] = float(self.deadline.dateTime().toSecsSinceEpoch())
        if self.satisfaction is not None:
            out["satisfaction"] = self.satisfaction.currentData()
        if self.operator is not None:
            out["assignee"] = self.operator.currentText().strip()
        if self.target is not None:
            out["into"] = self.target.currentData()
        return out


def default_deadline(now: float | None = None, seconds: float = 2 * 3600) -> float:
    return (now or time.time()) + seconds
