"""Cameras that are not on the wall still raise their camera fault: the panel's CameraWatch checks them and
feeds the same debounced monitor as the tiles; a camera moving off the wall keeps its raised fault."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from console.domain.geography import Camera
from media.camera_health import FaultPolicy
from media.capture import StreamState
from media.rtsp_server import RtspServer
from tests.video.conftest import FAST_HEALTH, Clips, RecordingSink, camera_mounts, cameras_on
from ui.video import VideoWallPanel

POLICY = FaultPolicy(raise_after_s=1.5, recover_after_s=1.0)
WATCH = {"watch_interval_s": 0.3, "watch_timeout_s": 0.5}


def camera_on(server: RtspServer, camera_id: str) -> Camera:
    """A camera served by ``server``'s /cam01 mounts (a server of its own: stopping it kills only this one)."""
    return Camera(camera_id, camera_id.upper(), server.url("/cam01/main"), "lh", server.url("/cam01/sub"),
                  groups=("all",))


def on_screen(panel: VideoWallPanel) -> list[str]:
    return [t.camera.id for t in panel.wall.visible_tiles() if t.camera is not None and t.stream is not None]


def test_offscreen_camera_raises_one_fault_after_the_debounce_and_recovers(qtbot: QtBot, clips: Clips,
                                                                         rtsp: RtspServer) -> None:
    sink = RecordingSink()
    with RtspServer(camera_mounts(clips, 1)) as own:
        shown = cameras_on(rtsp, 1)[0]
        hidden = camera_on(own, "yard")
        panel = VideoWallPanel([shown, hidden], health_config=FAST_HEALTH, layout="1", fault_sink=sink,
                               fault_policy=POLICY, **WATCH)
        qtbot.addWidget(panel)
        panel.show()
        try:
            qtbot.waitUntil(lambda: panel.wall.tiles[0].state() is StreamState.LIVE, timeout=8000)
            assert on_screen(panel) == ["cam01"]
            qtbot.waitUntil(lambda: panel.camera_watch.watched() == ["yard"], timeout=3000)
            qtbot.waitUntil(lambda: getattr(panel.camera_watch.verdict("yard"), "reachable", False), timeout=3000)
            qtbot.wait(2000)
            assert sink.raised == []
            stopped_at = time.time()
            own.stop()
            qtbot.waitUntil(lambda: len(sink.raised) == 1, timeout=8000)
            assert [(cid, kind) for cid, kind, _ in sink.raised] == [("yard", "offline")]
            assert sink.raised[0][2].timestamp() >= stopped_at - 0.5
            assert time.time() - stopped_at >= POLICY.raise_after_s  # debounced, not on the first bad probe
            verdict = panel.camera_watch.verdict("yard")
            assert verdict is not None and not verdict.reachable and "refused" in verdict.reason.lower()
            qtbot.wait(2500)
            assert len(sink.raised) == 1 and sink.recovered == []  # one fault while it stays down
            own.start()
            qtbot.waitUntil(lambda: len(sink.recovered) == 1, timeout=8000)
            assert [cid for cid, _ in sink.recovered] == ["yard"]
            assert len(sink.raised) == 1 and panel.fault_monitor.faulted() == {}
            assert on_screen(panel) == ["cam01"]  # all along: the watch, not a tile, saw it
        finally:
            panel.shutdown()
    assert not panel.camera_watch.running


def test_camera_moving_off_the_wall_keeps_its_raised_fault(qtbot: QtBot, clips: Clips, rtsp: RtspServer) -> None:
    sink = RecordingSink()
    with RtspServer(camera_mounts(clips, 1)) as own:
        moving = camera_on(own, "gate")
        other = cameras_on(rtsp, 1)[0]
        panel = VideoWallPanel([moving, other], health_config=FAST_HEALTH, layout="1", fault_sink=sink,
                               fault_policy=POLICY, **WATCH)
        qtbot.addWidget(panel)
        panel.show()
        try:
            tile = panel.wall.tiles[0]
            qtbot.waitUntil(lambda: tile.state() is StreamState.LIVE, timeout=8000)
            assert on_screen(panel) == ["gate"]
            own.stop()
            qtbot.waitUntil(lambda: len(sink.raised) == 1, timeout=8000)  # seen by the tile's stream
            assert sink.raised[0][:2] == ("gate", "offline")
            panel.show_camera("cam01", maximize=False, slot=0)  # the operator puts another camera there
            qtbot.waitUntil(lambda: on_screen(panel) == ["cam01"], timeout=3000)
            qtbot.waitUntil(lambda: getattr(panel.camera_watch.verdict("gate"), "reachable", None) is False,
                            timeout=3000)
            qtbot.wait(int(POLICY.raise_after_s * 1000) + 1500)
            assert len(sink.raised) == 1  # still the first fault, not a second one from the watch
            assert panel.fault_monitor.faulted() == {"gate": "offline"}
            own.start()
            qtbot.waitUntil(lambda: len(sink.recovered) == 1, timeout=8000)
            assert [cid for cid, _ in sink.recovered] == ["gate"]
            qtbot.wait(1500)
            assert len(sink.raised) == 1 and len(sink.recovered) == 1
            assert panel.fault_monitor.faulted() == {}
        finally:
            panel.shutdown()


def test_a_camera_removed_from_the_list_is_no_longer_watched(qtbot: QtBot, rtsp: RtspServer) -> None:
    cams = cameras_on(rtsp, 2)
    panel = VideoWallPanel(cams, health_config=FAST_HEALTH, layout="1", fault_policy=POLICY, **WATCH)
    qtbot.addWidget(panel)
    panel.show()
    try:
        qtbot.waitUntil(lambda: "cam02" in panel.fault_monitor.watched(), timeout=8000)
        panel.set_cameras(cams[:1])
        qtbot.waitUntil(lambda: "cam02" not in panel.fault_monitor.watched(), timeout=3000)
        assert panel.camera_watch.verdict("cam02") is None
    finally:
        panel.shutdown()
