"""The demo's cameras served over RTSP on loopback (as `hall demo` shows them), with screenshots."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from console.domain.geography import demo_district
from media.capture import StreamState
from media.rtsp_server import serve_demo_cameras
from tests.video.conftest import FAST_HEALTH, SCREENS
from ui.video import VideoWallPanel


def test_demo_cameras_play_over_rtsp_in_a_3x3_wall(qtbot: QtBot) -> None:
    district = demo_district()
    cameras = district.cameras[:9]
    demo = serve_demo_cameras(cameras)
    try:
        assert demo.server is not None and demo.server.running  # GStreamer is a test dependency
        assert all(c.url.startswith("rtsp://127.0.0.1:") and c.sub_url and c.sub_url.endswith("/sub")
                   for c in demo.cameras)
        assert [c.id for c in demo.cameras] == [c.id for c in cameras]
        panel = VideoWallPanel(demo.cameras, town_names={t.id: t.name for t in district.towns},
                               health_config=FAST_HEALTH, layout="9")
        qtbot.addWidget(panel)
        panel.resize(1400, 820)
        panel.show()
        try:
            tiles = panel.wall.visible_tiles()
            qtbot.waitUntil(lambda: all(t.state() is StreamState.LIVE and t.painted_frames > 25 for t in tiles),
                            timeout=15000)
            SCREENS.mkdir(parents=True, exist_ok=True)
            assert panel.grab().save(str(SCREENS / "demo_3x3.png"))
            panel.show_camera("cam05", maximize=True)
            tile = panel.wall.selected_tile()
            qtbot.waitUntil(lambda: tile.current_frame() is not None
                            and tile.current_frame().source_size == (1280, 720) and tile.painted_frames > 10,
                            timeout=10000)
            qtbot.wait(1200)
            assert panel.grab().save(str(SCREENS / "demo_maximized.png"))
        finally:
            panel.shutdown()
    finally:
        demo.close()
    assert not demo.server.running
