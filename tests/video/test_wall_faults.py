"""The server dies and comes back: the operator sees it on the tile, one camera fault is raised after the
debounce and recovered on the same camera, and the GUI never stalls."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from media.camera_health import FaultPolicy
from media.capture import StreamState
from media.capture.failure import Failure, classify
from media.rtsp_server import RtspServer
from tests.video.conftest import FAST_HEALTH, SCREENS, Clips, RecordingSink, camera_mounts, cameras_on
from ui.video import VideoWallPanel
from ui.video.tile import state_text


def test_server_restart_offline_fault_then_recovery(qtbot: QtBot, clips: Clips) -> None:
    sink = RecordingSink()
    with RtspServer(camera_mounts(clips, 4)) as server:
        panel = VideoWallPanel(cameras_on(server, 4), health_config=FAST_HEALTH, layout="4", fault_sink=sink,
                               fault_policy=FaultPolicy(raise_after_s=2.0, recover_after_s=1.0))
        qtbot.addWidget(panel)
        panel.resize(960, 600)
        panel.show()
        try:
            tiles = panel.wall.visible_tiles()
            qtbot.waitUntil(lambda: all(t.state() is StreamState.LIVE for t in tiles), timeout=8000)
            qtbot.wait(1500)
            assert sink.raised == []
            stopped_at = time.time()
            server.stop()
            qtbot.waitUntil(lambda: all(t.state() is StreamState.OFFLINE for t in tiles), timeout=8000)
            qtbot.waitUntil(lambda: len(sink.raised) == 4, timeout=6000)
            assert sorted(cid for cid, _, _ in sink.raised) == ["cam01", "cam02", "cam03", "cam04"]
            assert {kind for _, kind, _ in sink.raised} == {"offline"}
            assert all(since.timestamp() >= stopped_at - 0.5 for _, _, since in sink.raised)
            # Each fault says why: by then the readers' retries find nothing listening.
            assert {classify(reason) for reason in sink.reasons.values()} == {Failure.REFUSED}
            assert set(sink.causes.values()) == {Failure.REFUSED.value}
            # What the operator sees: the tiles say offline; the GUI keeps painting.
            panel.grab().save(str(SCREENS / "wall_offline.png"))
            assert all(t.state() is StreamState.OFFLINE for t in tiles)
            assert all(t.status_text() == state_text(StreamState.OFFLINE) for t in tiles)
            assert all(t.banner_text().startswith(state_text(StreamState.OFFLINE)) for t in tiles)
            qtbot.wait(2500)
            assert len(sink.raised) == 4  # still one fault per camera while it stays down
            server.start()
            qtbot.waitUntil(lambda: all(t.state() is StreamState.LIVE for t in tiles), timeout=10000)
            qtbot.waitUntil(lambda: len(sink.recovered) == 4, timeout=5000)
            assert sorted(cid for cid, _ in sink.recovered) == ["cam01", "cam02", "cam03", "cam04"]
            assert len(sink.raised) == 4 and panel.fault_monitor.faulted() == {}
        finally:
            panel.shutdown()


def test_frozen_camera_raises_a_frozen_fault(qtbot: QtBot, rtsp: RtspServer) -> None:
    sink = RecordingSink()
    cams = cameras_on(rtsp, 2)
    frozen = cams[1].__class__(**{**cams[1].to_dict(), "url": rtsp.url("/frozen"), "sub_url": None})
    panel = VideoWallPanel([cams[0], frozen], health_config=FAST_HEALTH, layout="4", fault_sink=sink,
                           fault_policy=FaultPolicy(raise_after_s=1.0, recover_after_s=1.0))
    qtbot.addWidget(panel)
    panel.show()
    try:
        qtbot.waitUntil(lambda: len(sink.raised) == 1, timeout=8000)
        assert sink.raised[0][:2] == ("cam02", "frozen")
        tile = panel.wall.tiles[1]
        assert tile.state() is StreamState.FROZEN and tile.current_frame() is not None
        assert panel.wall.tiles[0].state() is StreamState.LIVE
    finally:
        panel.shutdown()
