"""The other engineers' panels embedded in the main window: video wall, call, dashboard."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.ui.conftest import wait_for


@contextmanager
def window_with_panels(qtbot: Any, hub: Any) -> Iterator[Any]:
    """The main window with the video wall, call and dashboard panels, connected to the hub."""
    pytest.importorskip("ui.video")
    from ui.app import open_main_window

    window = open_main_window(hub.ws_url, "duty1", "pw", language="en", optional_panels=True)
    qtbot.addWidget(window)
    window.show()
    try:
        wait_for(qtbot, lambda: window.bridge.state == "connected")
        wait_for(qtbot, lambda: window.video_panel is not None)
        yield window
    finally:
        window.close()
        window.bridge.shutdown()


def test_panels_embedded_and_wired(qtbot: Any, hub: Any, post: Any) -> None:
    with window_with_panels(qtbot, hub) as window:
        assert {"video", "dashboard", "call"} <= set(window.panels)
        # "Call town" sits right after "Dispatch" in the toolbar and the menu.
        names = [a.objectName() for a in window.toolbar.actions()]
        assert names[names.index("action_dispatch") + 1] == "action_call"
        menu = [a.objectName() for a in window.alert_menu.actions() if a.objectName()]
        assert menu[menu.index("action_dispatch") + 1] == "action_call"
        # Selecting an alert with a camera shows that camera on the wall.
        shown: list[tuple[str, bool]] = []
        original = window.video_panel.show_camera
        window.video_panel.show_camera = lambda cid, maximize=True, slot=None: shown.append((cid, maximize)) \
            or original(cid, maximize, slot)
        alert_id = post(title="Wall follows the queue", category="illegal_construction", town="lh", camera="cam02")
        wait_for(qtbot, lambda: window.shows_alert(alert_id))
        window.queue.set_view("open")
        window.queue.select_alert(alert_id)
        wait_for(qtbot, lambda: ("cam02", False) in shown)
        assert window.actions_.actions["call"].isEnabled()


def test_export_and_shift_report_from_the_file_menu(qtbot: Any, open_window: Any, post: Any,
                                                     monkeypatch: Any) -> None:
    report = pytest.importorskip("ui.report.export_dialog")
    window = open_window()
    alert_id = post(title="Export me", category="other", town="lh")
    wait_for(qtbot, lambda: window.shows_alert(alert_id))
    window.queue.set_view("open")
    exported: list[list[Any]] = []
    monkeypatch.setattr(report, "export_alerts", lambda parent, rows, **kw: exported.append(list(rows)))
    window.act_export.trigger()
    assert [a.id for a in exported[0]] == window.queue.model.queue.visible_ids()
    window.act_report.trigger()
    dialog = window.shift_report_dialog
    wait_for(qtbot, lambda: dialog.isVisible() and dialog.data is not None)
    dialog.close()


def test_a_camera_changed_at_the_hub_reaches_the_wall_and_its_fault_reports(qtbot: Any, hub: Any) -> None:
    from console.domain.geography import Camera

    with window_with_panels(qtbot, hub) as window:
        panel = window.video_panel
        tile = next(t for t in panel.wall.visible_tiles() if t.camera is not None)
        old = tile.camera
        # The district as the hub sends it again, with this camera renamed and moved to another address.
        moved = Camera(old.id, old.name + " (new pole)", old.url + "&moved=1", old.town,
                       (old.sub_url or old.url) + "&moved=1", old.lat, old.lon, old.groups)
        cameras = [moved if c.id == old.id else c for c in window.cameras]
        towns = [{"id": k, "name": v} for k, v in window.town_names().items()]
        window._on_district({"towns": towns, "cameras": [c.to_dict() for c in cameras]})
        assert tile.camera == moved and tile.url is not None and tile.url.endswith("&moved=1")
        assert panel.fault_monitor.sink.camera_names[old.id] == moved.name
        # The same district again (a reconnect) leaves the open stream as it is.
        stream = tile.stream
        window._on_district({"towns": towns, "cameras": [c.to_dict() for c in cameras]})
        assert tile.stream is stream
