"""Exporting a list of alerts (the queue's current view) to CSV and XLSX.

API for the queue (rows are Alert objects or their to_dict() / store-row mappings):

    write_csv(rows, path, columns=None, *, tz="Asia/Shanghai", labels=None) -> int
    write_xlsx(rows, path, columns=None, *, tz="Asia/Shanghai", labels=None, sheet="alerts") -> int

`columns` is a list of field names or (field, header) pairs; None means DEFAULT_COLUMNS with
English headers. `labels` maps a field to {raw value: shown text} (e.g. translated categories).
Both return the number of data rows written.

CSV is UTF-8 with a BOM so spreadsheet programs detect the encoding and show Chinese correctly.
Times (fields ending in _at or _due) become local "YYYY-MM-DD HH:MM:SS" text in CSV and real
date-times in XLSX. Text cells that a spreadsheet would run as a formula (=, +, -, @) get a leading
apostrophe in CSV: alert titles come from citizens and from outside systems.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

DEFAULT_COLUMNS: list[tuple[str, str]] = [
    ("id", "ID"), ("received_at", "Received"), ("category", "Category"), ("severity", "Severity"),
    ("state", "State"), ("title", "Title"), ("town", "Town"), ("address", "Address"),
    ("assignee", "Assignee"), ("ack_due", "Acknowledge due"), ("dispatch_due", "Dispatch due"),
    ("feedback_due", "Feedback due"), ("closed_at", "Closed"), ("satisfaction", "Satisfaction"),
]
FIELD_HEADERS = dict(DEFAULT_COLUMNS)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Column = str | tuple[str, str]


def _columns(columns: Sequence[Column] | None) -> list[tuple[str, str]]:
    if columns is None:
        return list(DEFAULT_COLUMNS)
    return [c if isinstance(c, tuple) else (c, FIELD_HEADERS.get(c, c)) for c in columns]


def _as_mapping(row: Any) -> Mapping[str, Any]:
    if isinstance(row, Mapping):
        return row
    if hasattr(row, "to_dict"):
        return row.to_dict()
    if hasattr(row, "_mapping"):
        return row._mapping
    raise TypeError(f"cannot export a {type(row).__name__}")


def is_time_field(name: str) -> bool:
    return name.endswith("_at") or name.endswith("_due")


def cell_value(name: str, value: Any, zone: ZoneInfo, labels: Mapping[str, Mapping[str, str]] | None
               ) -> Any:
    """A field's value for a spreadsheet: local datetime for times, label for codes, JSON for lists."""
    if value is None:
        return None
    if is_time_field(name) and isinstance(value, int | float):
        return datetime.fromtimestamp(float(value), zone).replace(tzinfo=None, microsecond=0)
    if labels and name in labels:
        return labels[name].get(str(value), str(value))
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if hasattr(value, "value") and isinstance(value.value, str):  # StrEnum members: their wire value
        return value.value
    return value


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    return str(value)


def write_csv(rows: Iterable[Any], path: str | Path, columns: Sequence[Column] | None = None, *,
              tz: str = "Asia/Shanghai", labels: Mapping[str, Mapping[str, str]] | None = None) -> int:
    cols = _columns(columns)
    zone = ZoneInfo(tz)
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([header for _, header in cols])
        for row in rows:
            data = _as_mapping(row)
            writer.writerow([_csv_text(cell_value(f, data.get(f), zone, labels)) for f, _ in cols])
            count += 1
    return count


def write_xlsx(rows: Iterable[Any], path: str | Path, columns: Sequence[Column] | None = None, *,
               tz: str = "Asia/Shanghai", labels: Mapping[str, Mapping[str, str]] | None = None,
               sheet: str = "alerts") -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cols = _columns(columns)
    zone = ZoneInfo(tz)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.freeze_panes = "A2"
    for i, (field, _) in enumerate(cols):
        letter = _column_letter(i)
        ws.column_dimensions[letter].width = 20 if is_time_field(field) else (40 if field == "title" else 14)
    bold = Font(bold=True)
    header = []
    for _, text in cols:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    count = 0
    for row in rows:
        data = _as_mapping(row)
        out = []
        for field, _ in cols:
            value = cell_value(field, data.get(field), zone, labels)
            cell = WriteOnlyCell(ws, value=value)
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # openpyxl would store it as a formula
            out.append(cell)
        ws.append(out)
        count += 1
    wb.save(str(path))
    return count


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_csv(path: str | Path) -> list[dict[str, str]]:
    """Reads an exported CSV back (header -> text), BOM removed: for tests and re-imports."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))
