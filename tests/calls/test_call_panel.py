"""The console's call panel, offscreen, calling an aiortc town desk over the real hub: phases, remote and
local video painted, quality line, mute/camera off/share the scene, snapshot, hang up; a screenshot."""

from __future__ import annotations

import asyncio
import gc
import os
import threading
from pathlib import Path

import numpy as np
import pytest
from calls_kit import Hall

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

from media.town_endpoint import TownEndpoint  # noqa: E402
from media.webrtc.config import MediaConfig  # noqa: E402
from media.webrtc.loop_thread import LoopThread  # noqa: E402
from media.webrtc.signaling import WsSignaling  # noqa: E402
from ui.call import CallController, CallHistoryView, CallPanel  # noqa: E402

SCREENS = Path(__file__).resolve().parents[2] / "out" / "screens"
CFG = MediaConfig(width=640, height=360)


@pytest.fixture
def loop_thread():
    lt = LoopThread("test-call-loop")
    yield lt
    lt.stop()


def test_call_panel_full_call(qtbot, hall: Hall, loop_thread: LoopThread) -> None:
    received: list[np.ndarray] = []
    town = TownEndpoint(hall.http_url, hall.tokens["lh-1"], auto_answer_delay_s=0.5, config=CFG, label="Longhua",
                        on_frame=lambda img: received.append(img[100:260, 200:440].mean(axis=(0, 1))))
    loop_thread.call(town.start())

    controller: CallController | None = None

    def feed(msg: dict) -> None:
        if controller is not None:
            controller.feed(msg)

    link = WsSignaling(hall.ws_url + "/ws/console", {"type": "auth", "user": "alice", "password": "pw-alice"}, feed)
    loop_thread.call(link.connect())
    controller = CallController(loop_thread.loop, link.send, CFG, use_camera=False, use_microphone=False)
    panel = CallPanel(controller, town_names={"lh": "龙华镇 Longhua"})
    qtbot.addWidget(panel)
    panel.resize(1100, 760)
    panel.show()
    phases: list[str] = []
    controller.sig_phase.connect(lambda p, d: phases.append(p))
    snaps: list[tuple[int, bytes]] = []
    panel.sig_snapshot.connect(lambda a, png: snaps.append((a, png)))
    try:
        alert = {"id": 12, "title": "违法建设：12号摄像头 Illegal construction", "category": "illegal_construction",
                 "severity": "major", "address": "滨江路8号"}
        qtbot.waitUntil(lambda: "龙华镇 Longhua online" in panel.presence.text(), timeout=5_000)  # live presence
        assert controller.call_town(alert, "lh")
        assert not controller.call_town(alert, "lh")  # one call at a time
        qtbot.waitUntil(lambda: "connected" in phases, timeout=15_000)  # the queued signal reached the GUI
        assert phases[:4] == ["dialing", "ringing", "connecting", "connected"]
        assert "No camera or microphone" in panel.notice.text()
        qtbot.waitUntil(lambda: controller.audio_out.received_bytes > 48 * 4 * 200, timeout=5_000)  # 200 ms
        qtbot.waitUntil(lambda: panel.remote_view.painted > 10 and panel.local_view.painted > 3, timeout=10_000)
        qtbot.waitUntil(lambda: "RTT" in panel.quality.text() and "fps" in panel.quality.text(), timeout=5_000)
        assert panel.btn_hangup.isEnabled() and panel.btn_snapshot.isEnabled()

        # Camera off: the town receives black; back on: the card again.
        panel.btn_camera.click()
        qtbot.waitUntil(lambda: received and received[-1].max() < 12, timeout=5_000)
        panel.btn_camera.click()
        qtbot.waitUntil(lambda: received[-1].max() > 30, timeout=5_000)

        # Share the scene: the town sees the wall camera's frames (here a red picture), then ours again.
        scene = np.zeros((720, 1280, 3), np.uint8)
        scene[:] = (0, 0, 220)
        controller.set_scene_provider(lambda: (lambda: scene))
        panel.btn_share.click()
        qtbot.waitUntil(lambda: received[-1][2] > 180 and received[-1][0] < 40, timeout=5_000)
        assert panel.btn_share.text() == "Back to my camera"
        panel.btn_share.click()
        qtbot.waitUntil(lambda: received[-1][2] < 150, timeout=5_000)

        panel.btn_mute.click()
        assert panel.btn_mute.text() == "Unmute"

        qtbot.waitUntil(lambda: " ms" in panel.quality.text(), timeout=8_000)  # RTT after the first reports
        qtbot.wait(500)
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert panel.grab().save(str(SCREENS / "console_call_panel.png"))

        panel.btn_snapshot.click()
        assert snaps and snaps[0][0] == 12 and snaps[0][1][:8] == b"\x89PNG\r\n\x1a\n"

        panel.btn_hangup.click()
        qtbot.waitUntil(lambda: "ended" in phases, timeout=5_000)
        assert "hung up" in panel.status.text(), (panel.status.text(), phases)
        assert not panel.btn_hangup.isEnabled()
        loop_thread.call(asyncio.sleep(0.3))
        assert any(e[1] == "ended" and e[2]["reason"] == "normal" for e in town.events)

        # The call history view, from the hub's records.
        history = CallHistoryView({"lh": "龙华镇"})
        qtbot.addWidget(history)
        controller.sig_history.connect(history.set_calls)
        controller.request_history(12)
        qtbot.waitUntil(lambda: history.rowCount() == 1, timeout=5_000)
        assert [history.item(0, c).text() for c in (1, 2, 3, 4, 6)] == ["#12", "龙华镇", "alice", "lh-1", "normal"]
    finally:
        controller.shutdown()
        loop_thread.call(link.close())
        loop_thread.call(town.stop())


def test_panel_shows_reconnecting_and_network_failure(qtbot, loop_thread: LoopThread) -> None:
    async def nowhere(msg: dict) -> None:
        pass

    controller = CallController(loop_thread.loop, nowhere, CFG, use_camera=False, use_microphone=False)
    controller.town_id = "lh"
    panel = CallPanel(controller, town_names={"lh": "龙华镇"})
    qtbot.addWidget(panel)
    panel.show()
    controller.sig_phase.emit("connected", {})
    controller.sig_remote_media.emit("reconnecting")
    assert panel.banner.isVisible() and "town's network" in panel.banner.text()
    controller.sig_phase.emit("reconnecting", {})
    assert panel.banner.isVisible() and "reconnecting" in panel.banner.text()
    assert panel.status.text() == "Network lost: reconnecting…"
    controller.sig_phase.emit("connected", {})
    assert not panel.banner.isVisible()
    controller.sig_phase.emit("ended", {"reason": "network_failure"})
    assert panel.status.text() == "Call ended: network failure"
    assert not panel.btn_hangup.isEnabled()


def test_town_picker_lists_towns_with_presence(qtbot) -> None:
    from ui.call import TownPicker

    picker = TownPicker({"lh": "龙华镇", "qs": "青山街道"}, {"lh": "busy", "qs": "online"})
    qtbot.addWidget(picker)
    assert [picker.list.item(i).text() for i in range(2)] == ["龙华镇  ·  busy", "青山街道  ·  online"]
    assert picker.town() is None
    picker.list.setCurrentRow(1)
    assert picker.town() == "qs"


def test_call_fails_cleanly_when_the_hub_is_unreachable(qtbot, loop_thread: LoopThread) -> None:
    async def broken(msg: dict) -> None:
        raise ConnectionError("not connected")

    controller = CallController(loop_thread.loop, broken, CFG, use_camera=False, use_microphone=False)
    panel = CallPanel(controller)
    qtbot.addWidget(panel)
    assert controller.call_town({"id": 1, "title": "x"}, "lh")
    qtbot.waitUntil(lambda: panel.status.text() == "Call ended: the hub cannot be reached", timeout=5_000)
    assert not controller.in_call


def test_wall_scene_provider_reads_the_selected_tiles_mailbox() -> None:
    from types import SimpleNamespace

    from media.frame_mailbox import FrameMailbox
    from ui.call.scene import wall_scene_provider

    tile = SimpleNamespace(stream=None)
    panel = SimpleNamespace(wall=SimpleNamespace(selected_tile=lambda: tile))
    provider = wall_scene_provider(panel)
    assert provider() is None  # an empty tile: nothing to share
    tile.stream = SimpleNamespace(mailbox=FrameMailbox())
    newest = provider()
    assert newest is not None and newest() is None
    img = np.zeros((180, 320, 4), np.uint8)
    tile.stream.mailbox.put(img)
    assert newest() is img


class WaitingController:
    """A controller whose messages to the hub wait on its loop thread until ``release`` is set, and the
    name of the thread it was freed on (a QObject freed on the loop thread crashes the process: seen, a
    segfault in a test run). What runs on the loop must never hold its last reference."""

    def __init__(self, name: str) -> None:
        self.loop_thread = LoopThread(name)
        self.release = threading.Event()
        self.freed_on: list[str] = []

        async def slow(msg: dict) -> None:
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 5)

        self.controller: CallController | None = CallController(self.loop_thread.loop, slow, CFG,
                                                                use_camera=False, use_microphone=False)
        self.controller.destroyed.connect(lambda: self.freed_on.append(threading.current_thread().name),
                                          Qt.ConnectionType.DirectConnection)

    def drop(self) -> None:
        self.controller = None
        gc.collect()

    def stop(self) -> None:
        self.release.set()
        self.loop_thread.stop()


def test_a_controller_dropped_while_its_request_is_on_the_loop_is_freed_on_the_gui_thread(qtbot) -> None:
    waiting = WaitingController("test-free-loop")
    try:
        assert waiting.controller is not None
        waiting.controller.request_presence()  # waits on the loop until released
        waiting.drop()
        waiting.release.set()
        waiting.loop_thread.call(asyncio.sleep(0.2))  # the request has finished by now
        assert waiting.freed_on == [threading.main_thread().name]
    finally:
        waiting.stop()


def test_a_controller_dropped_while_its_call_is_dialing_is_freed_on_the_gui_thread(qtbot) -> None:
    # The call and its invitation run on the loop thread: neither may hold the controller.
    waiting = WaitingController("test-free-call-loop")
    try:
        assert waiting.controller is not None
        assert waiting.controller.call_town({"id": 1, "title": "x"}, "lh")  # the invitation waits on the loop
        call = waiting.controller.call
        assert call is not None
        waiting.drop()
        assert waiting.freed_on == [threading.main_thread().name]  # freed at once, here: nothing else held it
        waiting.release.set()
        waiting.loop_thread.call(call.hangup())  # the call itself still ends cleanly
    finally:
        waiting.stop()
