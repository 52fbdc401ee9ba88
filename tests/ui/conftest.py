"""A real embedded hub (SQLite in a temp folder) and main windows logged in to it, offscreen."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(scope="session", autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from console.config import HubConfig
    from console.domain.enums import Role
    from console.hub.hub import Hub
    from console.hub.server import EmbeddedHub

    saved = os.environ.get("HALL_DATA_DIR")
    os.environ["HALL_DATA_DIR"] = str(tmp_path_factory.mktemp("hall"))
    embedded = EmbeddedHub(Hub(HubConfig(port=0))).start()
    embedded.api_key = embedded.hub.auth.add_api_key("test-source")
    for name in ("duty1", "duty2"):
        embedded.hub.auth.add_operator(name, "pw", Role.OPERATOR)
    embedded.hub.auth.add_operator("lead", "pw", Role.SUPERVISOR)
    yield embedded
    embedded.stop()
    if saved is None:  # leave the environment as other test modules expect it
        os.environ.pop("HALL_DATA_DIR", None)
    else:
        os.environ["HALL_DATA_DIR"] = saved


_counter = iter(range(1, 10**9))


@pytest.fixture
def post(hub: Any) -> Callable[..., int]:
    """Posts one alert as a source over HTTP; returns its id."""
    def post_alert(**fields: Any) -> int:
        body = {"category": "other", "severity": "minor", "title": f"test alert {next(_counter)}",
                "town": None, **fields}
        reply = httpx.post(f"{hub.http_url}/api/alerts", json=body, headers={"X-API-Key": hub.api_key},
                           timeout=10)
        assert reply.status_code in (200, 201, 202), reply.text
        return int(reply.json()["accepted"][0]["id"])
    return post_alert


@pytest.fixture
def open_window(qtbot: Any, hub: Any) -> Iterator[Callable[..., Any]]:
    from ui.app import open_main_window

    windows: list[Any] = []

    def opener(user: str = "duty1", language: str = "en") -> Any:
        window = open_main_window(hub.ws_url, user, "pw", language=language, optional_panels=False)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.bridge.state == "connected", timeout=10_000)
        qtbot.waitUntil(lambda: bool(window.actions_.towns), timeout=10_000)
        windows.append(window)
        return window

    yield opener
    for window in windows:
        window.close()
        window.bridge.shutdown()


def wait_for(qtbot: Any, condition: Callable[[], Any], timeout: float = 20.0) -> None:
    # Generous: the hub commits with fsync and the build machine is often busy with other suites.
    qtbot.waitUntil(lambda: bool(condition()), timeout=int(timeout * 1000))


def now() -> float:
    return time.time()
