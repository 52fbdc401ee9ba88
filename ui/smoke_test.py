"""`hall console --smoke-test`: proves an installed console works, end to end, on the machine it is on.

Offscreen (no display needed), in a throwaway data folder (the operator's own data and settings are not
touched), it runs, in order:

  qt            a QApplication on the offscreen platform (the bundle's Qt plugins load)
  hub           an embedded hub on a free loopback port: SQLite store, Alembic migrations, calls extension
  town          a simulated town duty desk (media.town_endpoint) that answers calls by itself
  main-window   the console's main window (ui.app) logged in to the embedded hub
  alert         a simulated source posts an alert over HTTP; the main window shows it
  call          the main window calls the town; the town answers; video flows both ways; hang up

and, underneath the window, the same path without Qt widgets so a failure can be placed:

  link-alert    a plain console connection (console.client.HubClient) receives the alert
  link-call     a plain console-side call (media.webrtc.OutgoingCall) to the town is answered, media flows

Each step prints PASS or FAIL with the reason; a step whose piece is not in this build fails and names
that piece. Exit status: 0 only when every step passed, else 1 (2 when a step hung and the watchdog
ended the run).
"""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import secrets
import shutil
import sys
import tempfile
import threading
import time
import traceback
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TIMEOUT_S = 30.0
WATCHDOG_S = 150.0  # the whole run; normally under 10 s
ALERT_TITLE = "Smoke test: water main burst at Bridge 3"


class StepFailed(Exception):
    """A step did not reach its goal; the message says what was missing."""


@dataclass
class Smoke:
    out: Callable[[str], None]
    data_dir: Path
    results: list[tuple[str, bool, str, float]] = field(default_factory=list)
    app: Any = None
    embedded: Any = None
    loop: Any = None            # media.webrtc.loop_thread.LoopThread for the town and the link
    town: Any = None
    town_id: str = ""
    user: str = "smoke"
    password: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    api_key: str = ""
    alert_id: int | None = None
    window: Any = None
    link: Any = None
    link_messages: list[dict[str, Any]] = field(default_factory=list)
    link_call: Any = None
    current: str = "start"

    def step(self, name: str, fn: Callable[[], str | None], *, needs: tuple[str, ...] = ()) -> bool:
        failed_needs = [n for n, ok, _, _ in self.results if n in needs and not ok]
        missing = [n for n in needs if n not in {r[0] for r in self.results}]
        if failed_needs or missing:
            reason = f"skipped: needs {', '.join(failed_needs + missing)}"
            self.results.append((name, False, reason, 0.0))
            self.out(f"FAIL {name:<12} {reason}")
            return False
        t0 = time.monotonic()
        self.current = name
        try:
            detail = fn() or ""
            ok = True
        except StepFailed as exc:
            ok, detail = False, str(exc)
        except Exception as exc:  # noqa: BLE001 - a smoke test reports every failure as a step result
            ok = False
            detail = f"{type(exc).__name__}: {exc}"
            if os.environ.get("HALL_SMOKE_DEBUG"):
                traceback.print_exc()
        elapsed = time.monotonic() - t0
        self.results.append((name, ok, detail, elapsed))
        self.out(f"{'PASS' if ok else 'FAIL'} {name:<12} {elapsed:5.1f} s  {detail}")
        return ok

    # ---- helpers -----------------------------------------------------------------------------------
    def pump(self, pred: Callable[[], Any], timeout: float, what: str) -> Any:
        """Waits for pred() to be truthy while the Qt event loop runs; fails naming `what`."""
        deadline = time.monotonic() + timeout
        while True:
            if self.app is not None:
                self.app.processEvents()
            value = pred()
            if value:
                return value
            if time.monotonic() > deadline:
                raise StepFailed(f"timed out after {timeout:.0f} s waiting for {what}")
            time.sleep(0.02)

    def on_loop(self, coro: Any, timeout: float = TIMEOUT_S) -> Any:
        return self.loop.call(coro, timeout)


# ---- steps -----------------------------------------------------------------------------------------
def _qt(s: Smoke) -> str:
    from PySide6.QtWidgets import QApplication

    s.app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "hall", "--smoke-test"])
    return f"platform {s.app.platformName()}, Qt {_qt_version()}"


def _qt_version() -> str:
    from PySide6 import QtCore

    return QtCore.qVersion()


def _hub(s: Smoke) -> str:
    from console.config import HubConfig
    from console.hub.calls import HubCalls
    from console.hub.hub import Hub
    from console.hub.server import EmbeddedHub

    config = HubConfig(host="127.0.0.1", port=0, database_url=f"sqlite:///{s.data_dir / 'smoke.db'}",
                       sqlite_synchronous="NORMAL", ice_servers=[], call_ring_timeout_s=20.0)
    hub = Hub(config)
    note = ""
    if not any(isinstance(e, HubCalls) for e in hub.extensions):  # every hub takes calls: say so if not
        raise RuntimeError("the hub has no calls extension: towns could not be called")
    s.embedded = EmbeddedHub(hub).start()
    hub.auth.add_operator(s.user, s.password, display_name="Smoke Test")
    s.api_key = hub.auth.add_api_key("smoke-source")
    if not hub.district.towns:
        raise StepFailed("the district has no towns to call")
    s.town_id = hub.district.towns[0].id
    return f"{s.embedded.http_url}, district '{hub.district.name}', {len(hub.district.towns)} towns{note}"


def _town(s: Smoke) -> str:
    from media.town_endpoint import TownEndpoint
    from media.webrtc.config import MediaConfig
    from media.webrtc.loop_thread import LoopThread

    note = _allow_loopback_ice_when_offline()
    token = s.embedded.hub.auth.add_town_token("smoke-desk", s.town_id)
    s.loop = LoopThread("smoke-loop")
    s.town = TownEndpoint(s.embedded.http_url, token, auto_answer_delay_s=0.3,
                          config=MediaConfig(width=320, height=240, fps=15), label=f"{s.town_id} desk")
    s.on_loop(s.town.start())
    return f"desk of town '{s.town_id}' online{note}"


def _allow_loopback_ice_when_offline() -> str:
    """aioice never offers 127.0.0.1 as a host candidate: on a machine whose only interface is loopback
    (an isolated build box) no call could connect. Only then, and only in this process, allow it."""
    from aioice import ice

    if ice.get_host_addresses(True, False) or ice.get_host_addresses(False, True):
        return ""
    original = ice.get_host_addresses

    def with_loopback(use_ipv4: bool, use_ipv6: bool) -> list[str]:
        return original(use_ipv4, use_ipv6) or (["127.0.0.1"] if use_ipv4 else [])

    ice.get_host_addresses = with_loopback
    return "; no network but loopback here: loopback ICE candidates allowed for this test"


def _post_alert(s: Smoke) -> int:
    body = json.dumps({"category": _a_category(), "severity": "critical", "title": ALERT_TITLE,
                       "town": s.town_id, "address": "Bridge 3", "source_ref": "smoke-1"}).encode()
    request = urllib.request.Request(f"{s.embedded.http_url}/api/alerts", data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {s.api_key}"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback hub
        reply = json.loads(response.read())
    return int(reply["accepted"][0]["id"])


def _a_category() -> str:
    from console.domain.enums import Category

    return str(next(iter(Category)))


def _main_window(s: Smoke) -> str:
    """The console's main window against the embedded hub. Needs ui.app (the UI engineer's module)."""
    try:
        app_module = importlib.import_module("ui.app")
    except ModuleNotFoundError as exc:
        raise StepFailed(f"the main window is not in this build: cannot import ui.app ({exc})") from None
    opener = getattr(app_module, "open_main_window", None)
    if opener is None:
        raise StepFailed("ui.app has no open_main_window(hub_url, user, password) for the smoke test to use")
    s.window = opener(s.embedded.ws_url, s.user, s.password)
    s.window.show()
    s.pump(lambda: s.window.isVisible(), 10, "the main window to show")
    return f"{type(s.window).__name__} shown"


def _alert(s: Smoke) -> str:
    if s.alert_id is None:
        s.alert_id = _post_alert(s)
    shows = getattr(s.window, "shows_alert", None)
    if shows is None:
        raise StepFailed(f"alert #{s.alert_id} posted, but the main window has no shows_alert(alert_id) "
                         "to check that it appeared")
    s.pump(lambda: shows(s.alert_id), TIMEOUT_S, f"alert #{s.alert_id} in the main window")
    return f"alert #{s.alert_id} shown in the main window"


def _call(s: Smoke) -> str:
    place = getattr(s.window, "smoke_call", None)
    if place is None:
        raise StepFailed("the main window has no smoke_call(alert_id, town) to place a call from the UI")
    result = place(s.alert_id, s.town_id)
    status = s.pump(lambda: result.status(), TIMEOUT_S, f"the call to '{s.town_id}' to be answered")
    if status != "answered":
        raise StepFailed(f"the call to '{s.town_id}' ended without an answer: {status}")
    answered_at = time.monotonic()
    # The window hangs up once answered (smoke_call's contract): the desk must be free again.
    s.pump(lambda: result.status() and s.town.call_id is None, 15, "the town's desk to be free after the hangup")
    return f"call to '{s.town_id}' answered by the town, hung up in {time.monotonic() - answered_at:.1f} s"


def _link_alert(s: Smoke) -> str:
    from console.client.hub_client import HubClient, Listener

    async def connect() -> None:
        s.link = HubClient(s.embedded.ws_url, s.user, s.password,
                           Listener(on_message=_route_link_message(s)), backoff_max_s=1.0)
        s.link.start()
        await s.link.wait_connected(10)

    s.on_loop(connect())
    if s.alert_id is None:
        s.alert_id = _post_alert(s)
    alert = s.pump(lambda: s.link.book.get(s.alert_id), TIMEOUT_S, f"alert #{s.alert_id} on the console link")
    if alert.title != ALERT_TITLE:
        raise StepFailed(f"alert #{s.alert_id} arrived with the wrong title: {alert.title!r}")
    return f"alert #{s.alert_id} received by HubClient"


def _route_link_message(s: Smoke) -> Callable[[dict[str, Any]], None]:
    def on_message(message: dict[str, Any]) -> None:  # on the loop thread
        s.link_messages.append(message)
        call = s.link_call
        if call is not None and str(message.get("type", "")).startswith("call."):
            asyncio.ensure_future(call.on_message(message))

    return on_message


def _link_call(s: Smoke) -> str:
    from media.webrtc.config import IceServer, MediaConfig
    from media.webrtc.outgoing import OutgoingCall
    from media.webrtc.sources import SwitchableSource, SyntheticSource

    ice = next((m.get("ice_servers") for m in s.link_messages if m.get("type") == "call.config"), [])
    config = MediaConfig(width=320, height=240, fps=15,
                         ice_servers=tuple(IceServer.from_dict(x) for x in ice or []))
    s.pump(lambda: any(m.get("type") == "presence.update" and m.get("town") == s.town_id
                       and m.get("status") == "online" for m in s.link_messages)
           or _town_online_in_snapshot(s), 10, f"town '{s.town_id}' to be online")

    async def invite() -> Any:
        call = OutgoingCall(s.link, config, SwitchableSource(SyntheticSource(320, 240, "hall"), 320, 240))
        s.link_call = call
        await call.invite(s.town_id, {"id": s.alert_id, "title": ALERT_TITLE})
        return call

    call = s.on_loop(invite())
    s.pump(lambda: "answered" in call.times or call.ended.is_set(), TIMEOUT_S, "the town to answer")
    if call.ended.is_set():
        raise StepFailed(f"the call ended before an answer: {call.end_reason}")
    s.pump(lambda: call.media.frames_in > 0 or call.ended.is_set(), TIMEOUT_S, "video from the town")
    if call.ended.is_set():
        raise StepFailed(f"the call ended before any video arrived: {call.end_reason}")
    town_media = s.town.media
    s.pump(lambda: (town_media is not None and town_media.frames_in > 0) or call.ended.is_set(), TIMEOUT_S,
           "video from the hall at the town")
    setup_ms = (call.times["answered"] - call.times["invite"]) * 1000
    s.on_loop(call.hangup())
    s.pump(lambda: any(m.get("type") == "call.ended" for m in s.link_messages) or call.ended.is_set(), 10,
           "the hangup")
    return f"answered in {setup_ms:.0f} ms, {call.media.frames_in} frames in, hung up"


def _town_online_in_snapshot(s: Smoke) -> bool:
    for m in s.link_messages:
        if m.get("type") in ("presence.snapshot", "presence.state"):
            towns = m.get("towns") or {}
            entry = towns.get(s.town_id) if isinstance(towns, dict) else None
            if entry and (entry == "online" or (isinstance(entry, dict) and entry.get("status") == "online")):
                return True
    return False


def _shutdown(s: Smoke) -> None:
    if s.window is not None:
        try:
            s.window.close()
        except Exception:  # noqa: BLE001
            pass
    if s.loop is not None:
        for thing, method in ((s.link_call, "hangup"), (s.link, "close"), (s.town, "stop")):
            if thing is not None:
                try:
                    s.on_loop(getattr(thing, method)(), 10)
                except Exception:  # noqa: BLE001
                    pass
        s.loop.stop()
    if s.embedded is not None:
        s.embedded.stop()


def run_smoke_test(out: Callable[[str], None] | None = None) -> int:
    """Runs every step (see the module docstring); returns 0 when all passed, 1 otherwise."""
    emit = out or (lambda line: print(line, flush=True))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data_dir = Path(tempfile.mkdtemp(prefix="hall-smoke-"))
    os.environ["HALL_DATA_DIR"] = str(data_dir)  # nothing of the operator's is read or written
    frozen = getattr(sys, "frozen", False)
    emit(f"hall console --smoke-test ({'installed bundle ' + sys.executable if frozen else 'from source'})")
    s = Smoke(out=emit, data_dir=data_dir)
    t0 = time.monotonic()

    def stuck() -> None:  # a step blocked inside a call that never returns: no timeout of ours fires
        emit(f"FAIL {s.current:<12} stuck: no progress after {WATCHDOG_S:.0f} s; smoke test aborted")
        os._exit(2)

    watchdog = threading.Timer(WATCHDOG_S, stuck)
    watchdog.daemon = True
    watchdog.start()
    try:
        s.step("qt", lambda: _qt(s))
        s.step("hub", lambda: _hub(s))
        s.step("town", lambda: _town(s), needs=("hub",))
        s.step("main-window", lambda: _main_window(s), needs=("qt", "hub"))
        s.step("alert", lambda: _alert(s), needs=("main-window",))
        s.step("call", lambda: _call(s), needs=("alert", "town"))
        s.step("link-alert", lambda: _link_alert(s), needs=("hub", "town"))
        s.step("link-call", lambda: _link_call(s), needs=("link-alert", "town"))
    finally:
        s.current = "shutdown"
        _shutdown(s)
        watchdog.cancel()
        shutil.rmtree(data_dir, ignore_errors=True)
    failed = [name for name, ok, _, _ in s.results if not ok]
    total = time.monotonic() - t0
    if failed:
        emit(f"smoke test FAILED in {total:.1f} s: {', '.join(failed)}")
        return 1
    emit(f"smoke test passed in {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(run_smoke_test())
