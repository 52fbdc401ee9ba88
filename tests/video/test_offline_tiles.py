"""An offline tile says why, in the operator's language, and shows no camera's password: a wrong password,
a wrong path, nothing listening, a camera that connects and sends no video. Real servers on loopback."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from console.domain.geography import Camera
from media.capture import StreamState
from media.capture.failure import Failure
from media.rtsp_server import RtspServer
from tests.video.conftest import FAST_HEALTH, SCREENS, cameras_on
from tests.video.rtsp_fakes import DenyingRtspServer, HungRtspServer
from ui.video import VideoWallPanel
from ui.video.tile import failure_text, state_text


def test_offline_tiles_say_why_without_passwords(qtbot: QtBot, rtsp: RtspServer) -> None:
    denied, hung = DenyingRtspServer("401 Unauthorized"), HungRtspServer("PLAY")
    expected = {
        "wrong-password": (f"rtsp://admin:Secret1@127.0.0.1:{denied.port}/cam", Failure.UNAUTHORIZED),
        "wrong-path": (rtsp.url("/no-such-camera").replace("rtsp://", "rtsp://admin:Secret1@"), Failure.NOT_FOUND),
        "nothing-listens": ("rtsp://127.0.0.1:9/cam", Failure.REFUSED),
        "no-video": (f"rtsp://127.0.0.1:{hung.port}/cam", Failure.NO_VIDEO),
    }
    cameras = [Camera(cid, cid, url, "lh") for cid, (url, _) in expected.items()] + cameras_on(rtsp, 1)
    panel = VideoWallPanel(cameras, health_config=FAST_HEALTH, layout="9")
    qtbot.addWidget(panel)
    panel.resize(1100, 700)
    panel.show()
    try:
        tiles = {t.camera.id: t for t in panel.wall.visible_tiles() if t.camera is not None}
        assert sorted(tiles) == sorted([*expected, "cam01"])
        tiles.pop("cam01")

        def reasons() -> dict[str, str]:
            return {cid: tile.failure_reason() for cid, tile in tiles.items()}

        want = {cid: failure_text(failure) for cid, (_, failure) in expected.items()}
        qtbot.waitUntil(lambda: reasons() == want, timeout=12000)  # the hung camera takes one I/O timeout
        for cid, tile in tiles.items():
            assert tile.state() is StreamState.OFFLINE
            assert tile.banner_text().startswith(state_text(StreamState.OFFLINE))
            tip = tile.toolTip()
            assert tip.startswith(want[cid]) and tile.stream is not None and tile.stream.health.error in tip
            assert "Secret1" not in tip and "Secret1" not in tile.stream.health.error
        assert "admin:***@" in tiles["wrong-path"].toolTip()  # the user name stays: it tells which account
        panel.grab().save(str(SCREENS / "wall_offline_reasons.png"))
        live = panel.wall.visible_tiles()[len(expected)]
        assert live.state() is StreamState.LIVE and live.failure_reason() == "" and live.toolTip() == ""
    finally:
        panel.shutdown()
        denied.close()
        hung.close()
