"""The first window: the connection state is visible and the console reconnects by itself."""

from __future__ import annotations

from typing import Any

import httpx

from tests.ui.conftest import wait_for


def test_reconnects_after_the_hub_restarts(qtbot: Any, tmp_path: Any, monkeypatch: Any) -> None:
    from console.config import HubConfig
    from console.domain.enums import Role
    from console.hub.hub import Hub
    from console.hub.server import EmbeddedHub
    from ui.app import open_main_window

    monkeypatch.setenv("HALL_DATA_DIR", str(tmp_path))
    first = EmbeddedHub(Hub(HubConfig(port=0))).start()
    port = first.port
    first.hub.auth.add_operator("duty1", "pw", Role.OPERATOR)
    key = first.hub.auth.add_api_key("src")
    window = open_main_window(first.ws_url, "duty1", "pw", language="en", optional_panels=False)
    qtbot.addWidget(window)
    window.show()
    # Each queued slot of a state change is its own event: wait for the label, not only the state.
    wait_for(qtbot, lambda: "Connected" in window.connection_label.text())
    assert window.bridge.state == "connected"
    first.stop()
    wait_for(qtbot, lambda: "Reconnecting" in window.connection_label.text())
    assert window.bridge.state == "reconnecting"

    second = EmbeddedHub(Hub(HubConfig(port=port)), port=port).start()
    try:
        wait_for(qtbot, lambda: window.bridge.state == "connected", timeout=30)
        reply = httpx.post(f"{second.http_url}/api/alerts", headers={"X-API-Key": key}, timeout=10,
                           json={"category": "other", "severity": "minor", "title": "after the restart"})
        alert_id = int(reply.json()["accepted"][0]["id"])
        wait_for(qtbot, lambda: window.shows_alert(alert_id))
    finally:
        window.close()
        window.bridge.shutdown()
        second.stop()
