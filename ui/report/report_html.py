"""The shift handover report as HTML for a QTextDocument, in the application's language.

Input is the "shift_report" query's result (console.analytics.shift_report.shift_report_data plus
"tz" and "towns"). Every heading and label goes through QCoreApplication.translate("ShiftReport")
or ui.labels, so a Chinese console prints a Chinese report. No colours: the PDF is printed black
on white, and the on-screen preview follows the dark theme; overdue rows carry a ⚠ mark and bold.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from console.domain.enums import Category, Severity
from ui import labels
from ui.dashboard.panel import format_duration
from ui.dashboard.town_names import chinese_names


def tr(text: str) -> str:
    return QCoreApplication.translate("ShiftReport", text)


def _steps() -> dict[str, str]:
    return {"acknowledge": tr("Acknowledge"), "dispatch": tr("Dispatch"), "feedback": tr("Feedback")}


def _outcomes() -> dict[str, str]:
    return {"completed": tr("Completed"), "no_answer": tr("No answer"), "busy": tr("Busy"),
            "failed": tr("Failed"), "missed": tr("Missed"), "declined": tr("Declined"),
            "unknown": tr("Unknown")}


class _Fmt:
    def __init__(self, data: dict[str, Any]) -> None:
        self.zone = ZoneInfo(data.get("tz") or "Asia/Shanghai")
        self.towns: dict[str, list[str]] = data.get("towns") or {}
        self.chinese = chinese_names()

    def when(self, t: float | None, with_date: bool = True, short: bool = False) -> str:
        if t is None:
            return "\u2013"
        fmt = "%m-%d %H:%M" if short else ("%Y-%m-%d %H:%M" if with_date else "%H:%M")
        return datetime.fromtimestamp(t, self.zone).strftime(fmt)

    def town(self, town: str | None) -> str:
        if not town:
            return tr("(no town)")
        names = self.towns.get(town)
        return escape(names[0 if self.chinese else 1]) if names else escape(town)


def _table(headers: list[str], rows: list[list[str]], bold_rows: set[int] | None = None,
           widths: list[int] | None = None) -> str:
    head = "".join(f"<th align='left'{f' width={w}%' if widths else ''}>{h}</th>"
                   for h, w in zip(headers, widths or [0] * len(headers), strict=True))
    body = []
    for i, row in enumerate(rows):
        cells = "".join(f"<td>{'<b>' + c + '</b>' if bold_rows and i in bold_rows else c}</td>" for c in row)
        body.append(f"<tr>{cells}</tr>")
    return (f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _alert_rows(alerts: list[dict[str, Any]], f: _Fmt) -> tuple[list[list[str]], set[int]]:
    steps = _steps()
    rows, bold = [], set()
    for i, a in enumerate(alerts):
        due = f.when(a["due"], short=True) if a.get("due") else "\u2013"
        if a.get("overdue"):
            due = "\u26a0 " + due
            bold.add(i)
        rows.append([f"#{a['id']}", escape(a["title"]), labels.category(a["category"]),
                     labels.severity(a["severity"]), labels.state(a["state"]), f.town(a["town"]),
                     steps.get(a.get("next_step") or "", "\u2013"), due])
    return rows, bold


def report_html(data: dict[str, Any]) -> str:
    f = _Fmt(data)
    out: list[str] = []
    out.append(f"<h1>{tr('Shift handover report')}</h1>")
    operators = ", ".join(escape(o) for o in data.get("operators") or []) or "\u2013"
    out.append(
        f"<p>{tr('Shift')}: <b>{f.when(data['start'])} \u2013 {f.when(data['end'])}</b><br/>"
        f"{tr('Operators on duty')}: <b>{operators}</b><br/>"
        f"{tr('Report made at')}: {f.when(data['now'])}</p>")

    out.append(f"<h2>{tr('Summary')}</h2>")
    out.append(_table([tr("Received"), tr("Still open"), tr("Overdue"), tr("Calls")],
                      [[str(data["received_total"]), str(data["open_total"]), str(data["overdue_total"]),
                        str(data["calls_total"])]]))

    out.append(f"<h2>{tr('Alerts received, by category and severity')}</h2>")
    sevs = list(Severity)
    rows = []
    for c in Category:
        counts = data["received"].get(str(c), {})
        values = [counts.get(str(s), 0) for s in sevs]
        rows.append([labels.category(c)] + [str(v) for v in values] + [str(sum(values))])
    totals = [sum(data["received"].get(str(c), {}).get(str(s), 0) for c in Category) for s in sevs]
    rows.append([tr("Total")] + [str(v) for v in totals] + [str(sum(totals))])
    out.append(_table([tr("Category")] + [labels.severity(s) for s in sevs] + [tr("Total")], rows,
                      bold_rows={len(rows) - 1}))

    headers = [tr("ID"), tr("Title"), tr("Category"), tr("Severity"), tr("State"), tr("Town"),
               tr("Waiting for"), tr("Deadline")]
    widths = [9, 19, 12, 9, 11, 14, 11, 15]
    out.append(f"<h2>{tr('Still open')} ({data['open_total']})</h2>")
    if data["still_open"]:
        rows, bold = _alert_rows(data["still_open"], f)
        out.append(_table(headers, rows, bold, widths))
        if data["open_total"] > len(data["still_open"]):
            out.append(f"<p>{tr('… and %1 more').replace('%1', str(data['open_total'] - len(data['still_open'])))}</p>")
    else:
        out.append(f"<p>{tr('None.')}</p>")

    out.append(f"<h2>{tr('Overdue')} ({data['overdue_total']})</h2>")
    if data["overdue"]:
        rows, bold = _alert_rows(data["overdue"], f)
        out.append(_table(headers, rows, bold, widths))
    else:
        out.append(f"<p>{tr('None.')}</p>")

    outcomes = _outcomes()
    out.append(f"<h2>{tr('Calls made')} ({data['calls_total']})</h2>")
    if data["calls"]:
        summary = ", ".join(f"{outcomes.get(k, escape(k))}: {v}" for k, v in sorted(data["calls_by_outcome"].items()))
        out.append(f"<p>{summary}</p>")
        rows = [[f.when(c["at"], with_date=False), f.town(c["town"]), escape(c.get("caller") or ""),
                 f"#{c['alert_id']}" if c.get("alert_id") else "\u2013",
                 format_duration(c["duration_s"]) if c.get("duration_s") is not None else "\u2013",
                 outcomes.get(c.get("outcome") or "unknown", escape(str(c.get("outcome"))))]
                for c in data["calls"]]
        out.append(_table([tr("Time"), tr("Town"), tr("Caller"), tr("Alert"), tr("Duration"), tr("Outcome")], rows))
    else:
        out.append(f"<p>{tr('None.')}</p>")

    out.append(f"<h2>{tr('Notable incidents')}</h2>")
    if data["notable"]:
        for n in data["notable"]:
            out.append(f"<h3>#{n['id']} {escape(n['title'])} \u2014 {labels.severity(n['severity'])}, "
                       f"{f.town(n['town'])}, {labels.state(n['state'])}</h3>")
            items = []
            for e in n.get("timeline") or []:
                note = f": {escape(e['note'])}" if e.get("note") else ""
                items.append(f"<li>{f.when(e['at'], with_date=False)} {labels.action(e['action'])} "
                             f"({escape(e['actor'])}){note}</li>")
            out.append(f"<ul>{''.join(items)}</ul>" if items else f"<p>{tr('No recorded steps.')}</p>")
    else:
        out.append(f"<p>{tr('None.')}</p>")

    out.append(f"<h2>{tr('Notes for the next shift')}</h2>")
    notes = (data.get("notes") or "").strip()
    out.append(f"<p>{escape(notes).replace(chr(10), '<br/>') if notes else tr('None.')}</p>")
    return "<html><body>" + "\n".join(out) + "</body></html>"
