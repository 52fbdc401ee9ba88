"""CSV (UTF-8 with BOM) and XLSX exports of a list of alerts: round trips."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
from dashboard_dataset import ALERTS, T0

from console.analytics.export import read_csv, write_csv, write_xlsx
from console.domain.alert import Alert

ROWS = [dict(ALERTS[0]), dict(ALERTS[1], title='=HYPERLINK("x"), 共享单车 "占道"\n第二行')]


def test_csv_round_trip_with_bom_and_chinese(tmp_path: Path) -> None:
    path = tmp_path / "queue.csv"
    n = write_csv(ROWS, path, ["id", ("title", "标题"), "category", "received_at", "closed_at"],
                  labels={"category": {"hazmat_vehicle": "危化品车辆"}})
    assert n == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbfID,")
    back = read_csv(path)
    assert list(back[0]) == ["ID", "标题", "Category", "Received", "Closed"]
    assert back[0]["ID"] == "1" and back[0]["标题"] == "危化品车辆超速"
    assert back[0]["Category"] == "危化品车辆" and back[1]["Category"] == "hotline_order"
    # T0 + 10 min in Shanghai (UTC+8); T0 is 2023-11-14 22:00 UTC.
    assert back[0]["Received"] == "2023-11-15 06:10:00"
    # A text that a spreadsheet would run as a formula is defused; quotes, commas, newlines survive.
    assert back[1]["标题"] == '\'=HYPERLINK("x"), 共享单车 "占道"\n第二行'


def test_csv_from_alert_objects(tmp_path: Path) -> None:
    alert = Alert(id=7, source="s", category="hotline_order", severity="minor", title="路灯不亮",
                  received_at=T0, occurred_at=T0, town="lh")  # type: ignore[arg-type]
    path = tmp_path / "a.csv"
    write_csv([Alert.from_dict(alert.to_dict())], path, ["id", "title", "town", "state"])
    assert read_csv(path) == [{"ID": "7", "Title": "路灯不亮", "Town": "lh", "State": "new"}]


def test_xlsx_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "queue.xlsx"
    assert write_xlsx(ROWS, path, ["id", "title", "received_at", "satisfaction"]) == 2
    ws = openpyxl.load_workbook(path).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0] == ["ID", "Title", "Received", "Satisfaction"]
    assert values[1] == [1, "危化品车辆超速", datetime(2023, 11, 15, 6, 10), None]
    assert values[2][1].startswith('=HYPERLINK')  # kept as text, not a formula
    assert ws.cell(3, 2).data_type == "s"
    assert values[2][3] == "satisfied"


def test_write_export_translates_headers_and_values(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.report.export_dialog import ExportDialog, write_export

    path = tmp_path / "q.csv"
    assert write_export(ROWS, path, ["id", "category", "severity", "state"]) == 2
    assert read_csv(path)[0] == {"ID": "1", "Category": "Hazmat vehicle", "Severity": "Critical",
                                 "State": "Closed"}
    xlsx = tmp_path / "q.xlsx"
    assert write_export(ROWS, xlsx, ["title", "town"]) == 2
    assert openpyxl.load_workbook(xlsx).active.cell(2, 1).value == "危化品车辆超速"
    dialog = ExportDialog(fields=["id", "title"])
    assert dialog.chosen_fields() == ["id", "title"] and dialog.chosen_format() == "csv"
