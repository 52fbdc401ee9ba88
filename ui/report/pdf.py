"""Rendering the shift handover report: PDF bytes or file (QPdfWriter), and printing (QPrinter).

Chinese needs a CJK font: "Noto Sans CJK SC" (fonts-noto-cjk) is embedded in the PDF. Latin text and
digits come first from DejaVu Sans when it is installed: Noto CJK shapes digits with glyphs that
have no character mapping, and Qt's PDF writer then drops them from the extractable text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ui.report.pdf_text import fix_to_unicode
from ui.report.report_html import report_html, tr

CJK_FONT = "Noto Sans CJK SC"


LATIN_FONT = "DejaVu Sans"


def report_font(point_size: int = 9) -> QFont:
    installed = set(QFontDatabase.families())
    families = [f for f in (LATIN_FONT, CJK_FONT) if f in installed] or [QFont().defaultFamily()]
    font = QFont()
    font.setFamilies(families)
    font.setPointSize(point_size)
    return font


def report_document(data: dict[str, Any]) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(report_font())
    doc.setDefaultStyleSheet("h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 10px; } "
                             "h3 { font-size: 10pt; } th { font-weight: bold; } td, th { font-size: 8pt; }")
    doc.setHtml(report_html(data))
    return doc


def _layout_a4(device: QPdfWriter | QPrinter, margin_mm: float = 0.0) -> None:
    # QTextDocument.print_() adds its own 2 cm margin around an unpaginated document, so the page
    # layout adds none on PDF (a printer keeps its non-printable border on top).
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm),
                                     QPageLayout.Unit.Millimeter))


def render_pdf(data: dict[str, Any], path: str | Path | None = None) -> bytes:
    """The report as PDF bytes; also written to `path` if given (for saving with the shift)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(tr("Shift handover report"))
    writer.setCreator("Command Hall Console")
    writer.setResolution(300)
    _layout_a4(writer)
    report_document(data).print_(writer)
    del writer  # finishes the PDF into the buffer
    pdf = fix_to_unicode(bytes(buffer.data().data()), CJK_FONT)
    buffer.close()
    if path is not None:
        Path(path).write_bytes(pdf)
    return pdf


def print_report(data: dict[str, Any], parent: QWidget | None = None, printer: QPrinter | None = None) -> bool:
    """Asks for a printer (unless one is given) and prints; False when the user cancels."""
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        _layout_a4(printer)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(tr("Print shift handover report"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    report_document(data).print_(printer)
    return True
