"""The wall as an operator sees it: live tiles from a real RTSP server, layouts, maximize, drag and drop,
patrol tours, snapshots; screenshots land in out/screens/."""

from __future__ import annotations

import time
from collections.abc import Iterator

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QDropEvent, QImage, QPainter, QRegion
from pytestqt.qtbot import QtBot

from media.capture import StreamState
from media.picture import is_nv12, nv12_to_bgrx
from media.rtsp_server import RtspServer
from tests.video.conftest import FAST_HEALTH, SCREENS, cameras_on
from ui.video import VideoWallPanel
from ui.video.mime import CAMERA_MIME
from ui.video.tile import BAND, OVERLAY_WAITS_FOR_FRAME_S, VideoTile

TOWNS = {"lh": "龙华镇", "qs": "青山街道", "hx": "河西街道"}


@pytest.fixture
def panel(qtbot: QtBot, rtsp: RtspServer) -> Iterator[VideoWallPanel]:
    p = VideoWallPanel(cameras_on(rtsp, 16), town_names=TOWNS, health_config=FAST_HEALTH, layout="9",
                       dwell_s=2, resume_after_s=1)
    qtbot.addWidget(p)
    p.resize(1280, 760)
    p.show()
    yield p
    p.shutdown()
    assert not any(t.stream for t in p.wall.tiles)


def tile_image(tile: VideoTile) -> np.ndarray:
    img = tile.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())
    return arr[:, : img.width() * 3].reshape(img.height(), img.width(), 3)


def wait_live(qtbot: QtBot, tiles: list[VideoTile], timeout: int = 8000) -> None:
    qtbot.waitUntil(lambda: all(t.state() is StreamState.LIVE and t.painted_frames > 3 for t in tiles),
                    timeout=timeout)


def test_3x3_wall_shows_nine_live_sub_streams(qtbot: QtBot, panel: VideoWallPanel) -> None:
    wall = panel.wall
    tiles = wall.visible_tiles()
    assert len(tiles) == 9 and wall.assignment() == [f"cam{i:02d}" for i in range(1, 10)]
    wait_live(qtbot, tiles)
    assert all(t.url and t.url.endswith("/sub") for t in tiles)
    assert all(t.stream is None for t in wall.tiles[9:])  # not on screen: no stream
    qtbot.wait(300)
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SCREENS / "wall_3x3.png"))
    for tile in tiles:
        pixels = tile_image(tile)
        h = pixels.shape[0]
        middle = pixels[h // 4: 3 * h // 4]
        assert middle.std() > 10  # a picture, not an empty dark tile
        frame = tile.current_frame()
        assert frame is not None and frame.source_size == (640, 360)
        # Frames are scaled to the tile on the reader thread: painting is a plain copy.
        assert abs(frame.image.shape[1] - tile.width()) <= tile.width() * 0.05


def rgb32(image: QImage) -> np.ndarray:
    """A 32-bit QImage's pixels as H x W x 4 (B, G, R, X), a copy."""
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return arr[:, : image.width() * 4].reshape(image.height(), image.width(), 4).copy()


def shown_size(picture: int, tile: int) -> int:
    """How much of a picture's width (or height) an unscaled tile shows: all of it, or, a little larger than
    the tile, an even cut of its middle (4:2:0 pixels share colour in pairs)."""
    return picture if picture <= tile else tile & ~1


def picture_rect(tile: VideoTile) -> tuple[int, int, int, int]:
    """Where the tile shows its current frame, unscaled and centred: x, y, width, height (tile coordinates)."""
    frame = tile.current_frame()
    assert frame is not None
    w, h = shown_size(frame.size[0], tile.width()), shown_size(frame.size[1], tile.height())
    return (tile.width() - w) // 2, (tile.height() - h) // 2, w, h


def shown_pixels(tile: VideoTile) -> np.ndarray:
    """The part of the tile's current NV12 frame it shows (its middle, cut at even offsets), as BGRX."""
    frame = tile.current_frame()
    assert frame is not None
    _, _, w, h = picture_rect(tile)
    left, top = (frame.size[0] - w) // 2 & ~1, (frame.size[1] - h) // 2 & ~1
    return nv12_to_bgrx(frame.image)[top:top + h, left:left + w]


def big_live_tiles(qtbot: QtBot, panel: VideoWallPanel) -> list[VideoTile]:
    """A 2x2 wall of main streams, live: pictures large enough to be handed to the tiles as NV12."""
    panel.set_layout("4")
    tiles = panel.wall.visible_tiles()

    def nv12_painted() -> bool:
        frames = [t.current_frame() for t in tiles]
        return all(f is not None and is_nv12(f.image) and f.source_size == (1280, 720) for f in frames)

    qtbot.waitUntil(nv12_painted, timeout=8000)
    counts = [t.painted_frames for t in tiles]
    qtbot.waitUntil(lambda: all(t.painted_frames > c + 2 for t, c in zip(tiles, counts, strict=True)), timeout=8000)
    return tiles


def test_tiles_convert_4_2_0_frames_straight_into_the_window(qtbot: QtBot, panel: VideoWallPanel,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    direct: list[bool] = []
    convert = VideoTile._convert_into_window
    monkeypatch.setattr(VideoTile, "_convert_into_window", lambda *a: direct.append(convert(*a)) or direct[-1])
    tiles = big_live_tiles(qtbot, panel)
    # A tile keeps where it converts into the window from frame to frame: a larger window (new pixels,
    # tiles elsewhere and larger) must get frames converted into its own pixels, not the old ones.
    for size in (None, (2138, 1110)):
        if size is not None:
            before = [picture_rect(t) for t in tiles]
            panel.resize(*size)
            # The readers scale to the larger tiles: new pictures, in new places.
            qtbot.waitUntil(lambda old=before: all(picture_rect(t)[2] > o[2] for t, o in zip(tiles, old, strict=True)),
                            timeout=8000)
            counts = [t.painted_frames for t in tiles]
            qtbot.waitUntil(lambda c0=counts: all(t.painted_frames > c + 2 for t, c in zip(tiles, c0, strict=True)),
                            timeout=8000)
        assert direct and all(direct)
        if size is not None:  # 960x540 (3/4 of 720p, cheap to scale) in 956-wide tiles: the middle, cut at x=2
            assert all(picture_rect(t)[2] == 956 < t.current_frame().size[0] for t in tiles), [t.width() for t in tiles]
        # The window's pixels as last painted (the offscreen screen reads its backing store: no repaint).
        window = panel.window()
        shown = rgb32(window.screen().grabWindow(window.winId()).toImage())
        for tile in tiles:
            frame = tile.current_frame()
            assert frame is not None and is_nv12(frame.image)
            x, y, w, h = picture_rect(tile)
            origin = tile.mapTo(window, QPoint(x, y))
            # Between the overlay's label rows (and inside the selection frame): the frame as OpenCV converts it.
            rows, cols = slice(BAND, h - BAND), slice(2, w - 2)
            got = shown[origin.y():origin.y() + h, origin.x():origin.x() + w]
            assert np.array_equal(got[rows, cols, :3], shown_pixels(tile)[rows, cols, :3]), (size, tile.index)
            # Below the picture (a bar, or the line an even-sized picture leaves), above the bottom labels' row:
            # black.
            bottom = tile.mapTo(window, QPoint(0, tile.height() - BAND)).y()
            assert not shown[origin.y() + h:bottom, origin.x() + 2:origin.x() + w - 2, :3].any()


def test_a_tile_converts_into_the_pixels_it_paints_now(qtbot: QtBot, panel: VideoWallPanel) -> None:
    # A tile keeps where it converts frames into its window from one frame to the next. Painted into other
    # pixels with the tile in the same place (the wall moved to a full-screen window on another monitor), it
    # must convert into those, not into the pixels it painted before.
    tile = big_live_tiles(qtbot, panel)[0]
    panel.wall._timer.stop()  # the frame stays the same
    frame = tile.current_frame()
    assert frame is not None
    expected = shown_pixels(tile)
    x, y, w, h = picture_rect(tile)
    targets = []  # kept alive: a wrong conversion must not write into freed pixels
    for _ in range(3):
        target = QImage(tile.size(), QImage.Format.Format_RGB32)
        target.fill(QColor(255, 0, 255))
        targets.append(target)
        painter = QPainter(target)
        tile._paint(painter, QRegion(tile.rect()))
        painter.end()
        got = rgb32(target)[y + BAND:y + h - BAND, x + 2:x + w - 2, :3]
        assert np.array_equal(got, expected[BAND:h - BAND, 2:w - 2, :3]), len(targets)


def test_a_partial_repaint_of_a_tile_changes_only_its_region(qtbot: QtBot, panel: VideoWallPanel) -> None:
    tile = big_live_tiles(qtbot, panel)[0]
    frame = tile.current_frame()
    assert frame is not None
    x, y, w, h = picture_rect(tile)
    expected = shown_pixels(tile)
    # Into a 32-bit image, as into a window: the left half repainted; the right half keeps its magenta.
    target = QImage(tile.size(), QImage.Format.Format_RGB32)
    target.fill(QColor(255, 0, 255))
    tile.render(target, QPoint(0, 0), QRegion(0, 0, tile.width() // 2, tile.height()))
    got = rgb32(target)
    half = tile.width() // 2
    assert (got[:, half:, :3] == (255, 0, 255)).all()
    rows = slice(BAND, h - BAND)
    assert np.array_equal(got[y + BAND:y + h - BAND, x + 2:half, :3], expected[rows, 2:half - x, :3])
    # The whole tile: all of the picture.
    tile.render(target)
    assert np.array_equal(rgb32(target)[y + BAND:y + h - BAND, x + 2:x + w - 2, :3], expected[rows, 2:w - 2, :3])


def test_live_tiles_paint_each_frame_once_and_their_clock_still_ticks(qtbot: QtBot, panel: VideoWallPanel,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The clock label changes every second. While frames flow, the next frame paints it: the
    # same picture is never converted and painted a second time for the clock alone.
    painted: list[tuple[int, int, object]] = []  # tile, frame, the second the labels were drawn for
    paint = VideoTile._paint

    def recording(tile: VideoTile, p: object, region: QRegion) -> None:
        paint(tile, p, region)
        frame = tile.current_frame()
        if frame is not None:
            painted.append((tile.index, frame.seq, tile._v.overlay_key[2]))

    def clocks() -> list[np.ndarray]:  # each tile's clock label as the window shows it (no repaint)
        window = panel.window()
        shown = rgb32(window.screen().grabWindow(window.winId()).toImage())
        corners = [tile.mapTo(window, QPoint(0, tile.height() - BAND)) for tile in tiles]
        return [shown[c.y():c.y() + BAND, c.x():c.x() + 60, :3] for c in corners]

    tiles = panel.wall.visible_tiles()
    wait_live(qtbot, tiles)
    monkeypatch.setattr(VideoTile, "_paint", recording)
    counts = [t.painted_frames for t in tiles]
    before = clocks()
    qtbot.wait(2600)
    for tile, count in zip(tiles, counts, strict=True):
        seqs = [seq for index, seq, _ in painted if index == tile.index]
        assert len(seqs) > 25 and len(seqs) == len(set(seqs)), tile.index  # every paint a new frame
        assert tile.painted_frames - count == len(seqs)
        # The clock on its labels moved on with the frames (2.6 s: at least two new seconds).
        seconds = {second for index, _, second in painted if index == tile.index}
        assert len(seconds) >= 3, (tile.index, seconds)
    # ... in the window too: each clock label (here on the black bar under a letterboxed picture, which
    # a new frame alone does not repaint) shows another time.
    assert all(not np.array_equal(old, new) for old, new in zip(before, clocks(), strict=True))


def test_an_overlay_change_waits_for_the_next_frame_unless_frames_stopped(qtbot: QtBot, panel: VideoWallPanel) -> None:
    tile = panel.wall.visible_tiles()[0]
    wait_live(qtbot, [tile])
    panel.wall._timer.stop()  # the test polls the tile itself

    def seq() -> int:
        frame = tile.current_frame()
        return frame.seq if frame is not None else 0

    for _ in range(20):  # a frame may land between two polls: then try again
        qtbot.waitUntil(lambda: tile.poll(time.monotonic(), overlay=False), timeout=2000)  # a new frame
        before = seq()
        tile.selected = not tile.selected  # an input of the overlay changed, as the clock does every second
        repainted = tile.poll(time.monotonic(), overlay=True)
        if seq() == before:
            break
    assert seq() == before and not repainted  # frames flow: the next one paints the overlay
    # No frame taken for longer than a frame's time (a stalled stream): the overlay is painted on its own.
    assert tile.poll(time.monotonic() + OVERLAY_WAITS_FOR_FRAME_S + 0.05, overlay=True)


@pytest.mark.parametrize(("layout", "count", "stream"), [("1", 1, "main"), ("4", 4, "main"),
                                                         ("16", 16, "sub"), ("1+5", 6, "sub")])
def test_layouts_open_only_the_streams_on_screen(qtbot: QtBot, panel: VideoWallPanel, layout: str, count: int,
                                                 stream: str) -> None:
    panel.set_layout(layout)
    wall = panel.wall
    assert wall.layout_name == layout and wall.slot_count == count
    visible = wall.visible_tiles()
    assert [t.isVisible() for t in wall.tiles].count(True) == count
    assert sum(1 for t in wall.tiles if t.stream) == count
    expected = [stream] * count
    if layout == "1+5":
        expected[0] = "main"  # the big tile of 1+5 is enlarged: main stream
        assert visible[0].width() > 1.8 * visible[1].width()
    assert [t.url.rsplit("/", 1)[1] for t in visible] == expected  # type: ignore[union-attr]
    wait_live(qtbot, visible, 10000)


def test_double_click_maximizes_on_the_main_stream_and_back(qtbot: QtBot, panel: VideoWallPanel) -> None:
    wall = panel.wall
    wait_live(qtbot, wall.visible_tiles())
    tile = wall.tiles[4]
    qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton)
    assert wall.maximized_slot == 4 and wall.visible_tiles() == [tile]
    assert tile.url and tile.url.endswith("/cam05/main")
    assert sum(1 for t in wall.tiles if t.stream) == 1  # the other tiles' streams are closed
    qtbot.waitUntil(lambda: tile.current_frame() is not None and tile.current_frame().source_size == (1280, 720),
                    timeout=8000)
    assert tile.width() > 1000
    qtbot.wait(300)
    assert panel.grab().save(str(SCREENS / "wall_maximized.png"))
    qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton)
    assert wall.maximized_slot == -1 and len(wall.visible_tiles()) == 9
    assert tile.url and tile.url.endswith("/cam05/sub")
    wait_live(qtbot, wall.visible_tiles())


def test_drop_a_camera_from_the_list_onto_a_tile(qtbot: QtBot, panel: VideoWallPanel) -> None:
    item = panel.camera_list.item_for("cam14")
    assert item is not None
    data = panel.camera_list.mimeData([item])
    assert data.hasFormat(CAMERA_MIME)
    target = panel.wall.tiles[2]
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    target.dropEvent(event)
    assert panel.wall.assignment()[2] == "cam14" and panel.wall.selected_slot == 2
    wait_live(qtbot, [target])
    assert target.camera is not None and target.camera.name == "Camera 14"
    junk = QMimeData()
    junk.setText("not a camera")
    target.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, junk, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))
    assert panel.wall.assignment()[2] == "cam14"


def test_patrol_tour_cycles_pages_steps_by_key_and_pauses_for_the_operator(qtbot: QtBot,
                                                                           panel: VideoWallPanel) -> None:
    wall = panel.wall
    panel.set_layout("4")
    panel.start_tour("all")
    assert panel.tour.state == "running"
    assert wall.assignment() == ["cam01", "cam02", "cam03", "cam04"]
    qtbot.waitUntil(lambda: wall.assignment()[0] == "cam05", timeout=4000)  # dwell 2 s
    wall.setFocus()
    qtbot.keyClick(wall, Qt.Key.Key_PageDown)
    assert wall.assignment()[0] == "cam09"
    assert panel.tour.state == "paused"  # the operator is at the wall
    qtbot.keyClick(wall, Qt.Key.Key_PageUp)
    qtbot.keyClick(wall, Qt.Key.Key_PageUp)
    assert wall.assignment()[0] == "cam01"
    qtbot.keyClick(wall, Qt.Key.Key_PageUp)
    assert wall.assignment()[0] == "cam13"  # wraps around
    assert "4/4" in panel.tour_status.text()
    qtbot.waitUntil(lambda: panel.tour.state == "running", timeout=3000)  # resumes after 1 s quiet
    assert wall.assignment()[0] == "cam01"
    panel.tour.stop()
    assert panel.tour_button.text() == panel.tr("Start tour")


def test_snapshot_key_emits_the_selected_tiles_frame_as_png(qtbot: QtBot, panel: VideoWallPanel) -> None:
    wall = panel.wall
    wait_live(qtbot, wall.visible_tiles())
    qtbot.mouseClick(wall.tiles[1], Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    assert wall.selected_slot == 1
    with qtbot.waitSignal(panel.sig_snapshot, timeout=2000) as blocker:
        qtbot.keyClick(wall, Qt.Key.Key_F9)
    camera_id, png = blocker.args
    assert camera_id == "cam02"
    picture = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
    assert picture.shape == (360, 640, 3)  # the sub-stream's full resolution, not the tile's
    assert picture.std() > 10


def test_show_camera_for_a_selected_alert(qtbot: QtBot, panel: VideoWallPanel) -> None:
    wall = panel.wall
    with qtbot.waitSignal(panel.sig_camera_selected) as blocker:
        panel.show_camera("cam12", maximize=True)
    assert blocker.args == ["cam12"]
    assert wall.maximized_slot == wall.selected_slot and wall.selected_tile().camera.id == "cam12"
    assert wall.selected_tile().url.endswith("/cam12/main")
    slot = panel.show_camera("cam03", maximize=False, slot=7)
    assert slot == 7 and wall.maximized_slot == -1 and wall.assignment()[7] == "cam03"
    wait_live(qtbot, [wall.tiles[7]])
    assert panel.show_camera("removed-at-the-hub") is None
    assert wall.assignment()[7] == "cam03"


def test_full_screen_moves_the_wall_to_its_own_window_and_back(qtbot: QtBot, panel: VideoWallPanel) -> None:
    panel.show_full_screen(0)
    assert panel.is_full_screen and panel.wall.window() is not panel.window()
    qtbot.keyClick(panel.wall, Qt.Key.Key_Escape)
    assert not panel.is_full_screen and panel.wall.window() is panel.window()


def test_streams_close_while_the_wall_is_hidden_and_reopen_when_shown(qtbot: QtBot,
                                                                      panel: VideoWallPanel) -> None:
    wall = panel.wall
    wait_live(qtbot, wall.visible_tiles())
    panel.hide()  # e.g. the operator switched to another tab
    qtbot.wait(300)
    assert sum(1 for t in wall.tiles if t.stream) == 9  # a short glance away keeps them
    qtbot.waitUntil(lambda: not any(t.stream for t in wall.tiles), timeout=4000)
    panel.show()
    assert sum(1 for t in wall.tiles if t.stream) == 9
    wait_live(qtbot, wall.visible_tiles())


def test_cameras_arriving_later_fill_the_wall_and_the_tours(qtbot: QtBot, rtsp: RtspServer) -> None:
    panel = VideoWallPanel([], health_config=FAST_HEALTH, layout="4")  # the hub has not answered yet
    qtbot.addWidget(panel)
    panel.show()
    try:
        assert panel.wall.assignment() == [None] * 4 and panel.tour_combo.count() == 0
        assert all(t.banner_text() == t.tr("Drop a camera here") for t in panel.wall.visible_tiles())
        panel.set_cameras(cameras_on(rtsp, 6))
        assert panel.wall.assignment() == ["cam01", "cam02", "cam03", "cam04"]
        combo = panel.tour_combo
        assert [combo.itemData(i) for i in range(combo.count())] == ["all", "group1", "group2"]
        assert [combo.itemText(i) for i in range(combo.count())] == ["All cameras", "group1", "group2"]
        wait_live(qtbot, panel.wall.visible_tiles())
        panel.set_cameras(cameras_on(rtsp, 6)[2:])  # cam01 and cam02 removed at the hub
        assert panel.wall.assignment() == ["cam05", "cam06", "cam03", "cam04"]
    finally:
        panel.shutdown()


def test_a_tile_on_a_scaled_screen_gets_bgrx_pictures_from_its_reader(qtbot: QtBot, panel: VideoWallPanel) -> None:
    tile = big_live_tiles(qtbot, panel)[0]
    # Painted at twice the pixels (as on a 200% screen): it cannot convert into those 1:1, draws the
    # picture scaled instead, and from then on its reader converts (BGRX) as it does for small pictures.
    target = QImage(tile.size() * 2, QImage.Format.Format_RGB32)
    target.setDevicePixelRatio(2)
    target.fill(QColor(255, 0, 255))
    tile.render(target)
    shown = rgb32(target)
    assert not (shown[..., :3] == (255, 0, 255)).all(axis=-1).any()  # every pixel painted
    assert tile.stream is not None and not tile.stream.tile_converts
    qtbot.waitUntil(lambda: (f := tile.current_frame()) is not None and f.image.shape[2:] == (4,), timeout=4000)
