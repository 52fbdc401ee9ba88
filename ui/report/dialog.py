"""ShiftReportDialog: the outgoing shift reviews the report, types notes, saves, prints, hands over.

Wiring (main window, with the hub bridge):

    dialog = ShiftReportDialog(
        fetch=lambda args, done: bridge.query("shift_report", done, **args),
        save=lambda args, done: bridge.query("save_shift_report", done, **args),
        last=lambda args, done: bridge.query("last_shift_report", done, **args),
        operators=[bridge.user], parent=window)
    dialog.show()

fetch/save/last take (args, done) and call done(result) now or later on the GUI thread. On open the
dialog shows the previous shift's notes (last_shift_report), so the incoming shift reads them.
"""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.report.pdf import print_report, render_pdf, report_font
from ui.report.report_html import report_html

Call = Callable[[dict[str, Any], Callable[[Any], None]], None]


class ShiftReportDialog(QDialog):
    sig_saved = Signal(int)

    def __init__(self, fetch: Call, save: Call | None = None, last: Call | None = None, *,
                 operators: list[str] | None = None, start: float | None = None, end: float | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shift handover report"))
        self._fetch, self._save, self._last = fetch, save, last
        self._bounds = {"start": start, "end": end} if start is not None and end is not None else {}
        self.data: dict[str, Any] | None = None
        self.previous: dict[str, Any] | None = None

        self.operators = QLineEdit(", ".join(operators or []))
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("What the next shift must know…"))
        self.notes.setMaximumHeight(120)
        self.previous_label = QLabel()
        self.previous_label.setWordWrap(True)
        self.previous_button = QPushButton(self.tr("Open previous report"))
        self.previous_button.setEnabled(False)
        self.previous_button.clicked.connect(self.on_open_previous)
        self.preview = QTextBrowser()
        self.preview.document().setDefaultFont(report_font(10))
        self.status = QLabel()

        form = QFormLayout()
        form.addRow(self.tr("Operators on duty:"), self.operators)
        form.addRow(self.tr("Notes for the next shift:"), self.notes)
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("Update preview"), self.refresh), (self.tr("Save PDF…"), self.on_save_pdf),
                           (self.tr("Print…"), self.on_print), (self.tr("Hand over (save with shift)"),
                                                                 self.on_hand_over)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.hand_over_button = buttons.itemAt(3).widget()
        self.hand_over_button.setEnabled(save is not None)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        previous = QHBoxLayout()
        previous.addWidget(self.previous_label, 1)
        previous.addWidget(self.previous_button)

        layout = QVBoxLayout(self)
        layout.addLayout(previous)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.resize(900, 800)
        if last is not None:
            last({"include_pdf": True}, self.on_previous_loaded)
        self.refresh()

    def args(self) -> dict[str, Any]:
        ops = [o.strip() for o in self.operators.text().replace("，", ",").split(",") if o.strip()]
        return {**self._bounds, "operators": ops, "notes": self.notes.toPlainText()}

    @Slot()
    def refresh(self) -> None:
        self._fetch(self.args(), self.on_data)

    @Slot(object)
    def on_data(self, data: dict[str, Any]) -> None:
        self.data = data
        self._bounds = {"start": data["start"], "end": data["end"]}  # keep the shift fixed from now on
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(report_html(data))
        self.preview.verticalScrollBar().setValue(scroll)

    @Slot(object)
    def on_previous_loaded(self, report: dict[str, Any] | None) -> None:
        self.previous = report
        if not report:
            self.previous_label.setText(self.tr("No earlier report."))
            return
        notes = report.get("notes") or self.tr("(no notes)")
        self.previous_label.setText(self.tr("Previous shift (%1): %2")
                                    .replace("%1", ", ".join(report.get("operators") or []))
                                    .replace("%2", notes))
        self.previous_button.setEnabled(bool(report.get("pdf_b64")))

    @Slot()
    def on_open_previous(self) -> None:
        if not self.previous or not self.previous.get("pdf_b64"):
            return
        path = Path(tempfile.gettempdir()) / f"shift-report-{self.previous['id']}.pdf"
        path.write_bytes(base64.b64decode(self.previous["pdf_b64"]))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def current_pdf(self) -> bytes:
        assert self.data is not None
        return render_pdf({**self.data, **self.args()})

    @Slot()
    def on_save_pdf(self) -> None:
        if self.data is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save report as PDF"), "shift-report.pdf",
                                              self.tr("PDF document (*.pdf)"))
        if name:
            Path(name).write_bytes(self.current_pdf())

    @Slot()
    def on_print(self) -> None:
        if self.data is not None:
            print_report({**self.data, **self.args()}, self)

    @Slot()
    def on_hand_over(self) -> None:
        if self.data is None or self._save is None:
            return
        args = self.args()
        payload = {"start": self.data["start"], "end": self.data["end"], "operators": args["operators"],
                   "notes": args["notes"], "pdf_b64": base64.b64encode(self.current_pdf()).decode("ascii")}
        self.status.setText(self.tr("Saving…"))
        self._save(payload, self.on_saved)

    @Slot(object)
    def on_saved(self, result: dict[str, Any]) -> None:
        self.status.setText(self.tr("Saved with the shift."))
        self.sig_saved.emit(int(result["id"]))
