"""The shift handover report rendered to PDF: extracted text in English and in Chinese; printing; the
dialog's hand-over saves the report with the shift and the next shift opens it."""

from __future__ import annotations

import base64
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dashboard_dataset import NOW, T0, load
from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import Engine

from console.domain.enums import Role
from console.hub.dashboard_queries import q_last_shift_report, q_save_shift_report, q_shift_report
from console.hub.identity import Identity
from ui import labels
from ui.report import print_report, render_pdf
from ui.report.dialog import ShiftReportDialog
from ui.report.translations_zh import ZH_CN, DictTranslator

OP = Identity("zhangwei", Role.OPERATOR)
NOTES = "注意：东桥镇危化品罐车偏离路线，继续跟踪。\nWatch camera 12."


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as poppler's pdftotext extracts it (what copy-paste and search see)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout


@pytest.fixture
def report_data(sqlite_engine: Engine) -> dict[str, Any]:
    load(sqlite_engine)
    with sqlite_engine.connect() as conn:
        return q_shift_report(conn, OP, {"start": T0, "end": T0 + 4 * 3600, "now": NOW,
                                         "operators": ["张伟", "liqiang"], "notes": NOTES})


@pytest.fixture
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    table = dict(ZH_CN)
    table.update({("Labels", "Hazmat vehicle"): "危化品车辆", ("Labels", "Critical"): "特急",
                  ("Labels", "Acknowledged"): "已确认", ("Labels", "Bounced back"): "退单"})
    translator = DictTranslator(table)
    QCoreApplication.installTranslator(translator)
    labels.reset()
    yield
    QCoreApplication.removeTranslator(translator)
    labels.reset()


def test_english_pdf_text(qapp, report_data: dict[str, Any], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = render_pdf(report_data, tmp_path / "r.pdf")
    assert pdf.startswith(b"%PDF") and (tmp_path / "r.pdf").read_bytes() == pdf
    text = pdf_text(pdf)
    assert "Shift handover report" in text
    # T0 is 2023-11-14 22:00 UTC: 06:00 in Shanghai.
    assert "2023-11-15 06:00 – 2023-11-15 10:00" in text
    assert "Operators on duty: 张伟, liqiang" in text
    assert "Still open (5)" in text and "Overdue (4)" in text and "Calls made (2)" in text
    assert "危化品车辆超速" in text  # 车 extracts as 车, not the radical ⻋
    assert "⻋" not in text
    assert "Longhua Town" in text and "No answer: 1" in text
    assert "罐车已驶回核定路线" in text  # a timeline note of notable incident #1
    assert "东桥镇危化品罐车偏离路线" in text and "Watch camera 12." in text


def test_chinese_pdf_text(qapp, chinese: None, report_data: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    text = pdf_text(render_pdf(report_data))
    assert "值班交接班报告" in text
    assert "仍未办结 (5)" in text and "已超时 (4)" in text and "本班通话 (2)" in text
    assert "交接事项" in text and "重点事件" in text
    assert "龙华镇" in text and "危化品车辆" in text and "特急" in text
    assert "无人接听: 1" in text
    assert "Shift handover report" not in text


def test_print_to_a_pdf_printer(qapp, report_data: dict[str, Any], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_report(report_data, printer=printer)
    del printer
    # Printing goes straight to the printer (no text clean-up), so compare words only.
    words = pdf_text((tmp_path / "printed.pdf").read_bytes()).split()
    assert words[:3] == ["Shift", "handover", "report"] and "Longhua" in words


def test_dialog_hands_over_and_next_shift_opens_it(qtbot, sqlite_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    load(sqlite_engine)

    def call(fn):  # type: ignore[no-untyped-def]
        def run(args: dict[str, Any], done) -> None:  # type: ignore[no-untyped-def]
            with sqlite_engine.begin() as conn:  # the hub commits after a query
                done(fn(conn, OP, {**args, "now": NOW}))
        return run

    saved: list[int] = []
    dialog = ShiftReportDialog(call(q_shift_report), call(q_save_shift_report), call(q_last_shift_report),
                               operators=["zhangwei"], start=T0, end=T0 + 4 * 3600)
    qtbot.addWidget(dialog)
    dialog.sig_saved.connect(saved.append)
    assert dialog.previous is None and dialog.data is not None and dialog.data["open_total"] == 5
    dialog.notes.setPlainText(NOTES)
    dialog.on_hand_over()
    assert len(saved) == 1
    nxt = ShiftReportDialog(call(q_shift_report), last=call(q_last_shift_report), start=T0 + 4 * 3600,
                            end=T0 + 8 * 3600)
    qtbot.addWidget(nxt)
    assert nxt.previous is not None and nxt.previous["id"] == saved[0] and nxt.previous["notes"] == NOTES
    assert "东桥镇危化品罐车" in nxt.previous_label.text()
    text = pdf_text(base64.b64decode(nxt.previous["pdf_b64"]))
    assert "Watch camera 12." in text and "Still open (5)" in text
