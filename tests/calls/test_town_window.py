"""The town desk's desktop window (offscreen) answering a call from the console over the real hub."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from calls_kit import ConsoleLink, Hall

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from media.webrtc.config import MediaConfig  # noqa: E402
from media.webrtc.loop_thread import LoopThread  # noqa: E402
from media.webrtc.outgoing import OutgoingCall  # noqa: E402
from media.webrtc.sources import SwitchableSource, SyntheticSource  # noqa: E402
from ui.call.town_window import TownWindow  # noqa: E402

SCREENS = Path(__file__).resolve().parents[2] / "out" / "screens"
CFG = MediaConfig(width=640, height=360)


@pytest.fixture
def loop_thread():
    lt = LoopThread("test-town-window")
    yield lt
    lt.stop()


def test_town_window_rings_answers_and_hangs_up(qtbot, hall: Hall, loop_thread: LoopThread) -> None:
    window = TownWindow(hall.http_url, hall.tokens["lh-2"], config=CFG, loop=loop_thread)
    qtbot.addWidget(window)
    window.start()
    window.show()
    assert "龙华镇" in window.town_label.text() and "lh-2" in window.town_label.text()
    qtbot.waitUntil(lambda: window.presence_label.text() == "online", timeout=5_000)

    op = ConsoleLink(hall, "alice", "pw-alice")
    loop_thread.call(op.link.connect())
    call = OutgoingCall(op, CFG, SwitchableSource(SyntheticSource(640, 360, "hall"), 640, 360))
    op.call = call
    try:
        loop_thread.call(call.invite("lh", {"id": 7, "title": "Hazmat truck stopped", "severity": "critical",
                                            "category": "hazmat_vehicle", "address": "Bridge 3"}))
        qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=5_000)
        assert "Hazmat truck stopped" in window.ring_card.text() and "Bridge 3" in window.ring_card.text()
        assert "Alice" in window.ring_title.text()
        window.btn_answer.click()
        qtbot.waitUntil(lambda: window.remote_view.painted > 10 and window.call_state.text() == "Connected",
                        timeout=15_000)
        qtbot.waitUntil(lambda: call.media.frames_in > 10, timeout=5_000)
        qtbot.waitUntil(lambda: window.local_view.painted > 2, timeout=5_000)
        qtbot.wait(1100)
        SCREENS.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(SCREENS / "town_window_in_call.png"))
        window.btn_hangup.click()
        qtbot.waitUntil(lambda: call.ended.is_set(), timeout=5_000)
        assert call.end_reason == "normal"
        qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5_000)
        assert window.last_end.text() == "Call ended: hung up"
    finally:
        loop_thread.call(call.hangup())
        loop_thread.call(op.link.close())
        window.shutdown()
