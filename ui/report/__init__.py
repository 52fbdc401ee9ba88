"""The shift handover report (HTML -> PDF / printer) and exports of the queue's rows."""

from ui.report.pdf import print_report, render_pdf
from ui.report.report_html import report_html

__all__ = ["print_report", "render_pdf", "report_html"]
