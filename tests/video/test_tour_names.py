"""The tour selector names tours the way an operator reads them, in the operator's language; the tour
itself is still picked by its camera group id."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from console.domain.geography import Camera
from media.capture import StreamState
from ui.video import VideoWallPanel
from ui.video.tile import state_text

CAMERAS = [Camera("cam01", "Gate", "synthetic://cam01", "lh", groups=("all", "lh", "night-shift")),
           Camera("cam02", "Yard", "synthetic://cam02", "qs", groups=("all", "qs"))]
TOWNS = {"lh": "龙华镇", "qs": "青山街道"}


def tour_items(panel: VideoWallPanel) -> list[tuple[str, str]]:
    combo = panel.tour_combo
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def test_tour_selector_shows_readable_names_and_keeps_the_group_ids(qtbot: QtBot) -> None:
    panel = VideoWallPanel(CAMERAS, town_names=TOWNS)
    qtbot.addWidget(panel)
    try:
        assert tour_items(panel) == [("All cameras", "all"), ("龙华镇", "lh"), ("night-shift", "night-shift"),
                                     ("青山街道", "qs")]
        panel.tour_combo.setCurrentIndex(1)
        panel.on_tour_button()
        assert panel.tour.state == "running" and panel.tour.tour is not None
        assert panel.tour.tour.name == "lh"
        panel.set_cameras(CAMERAS[1:])  # a new list from the hub: the labels follow
        assert tour_items(panel) == [("All cameras", "all"), ("青山街道", "qs")]
    finally:
        panel.shutdown()


def test_tour_selector_and_tile_states_in_chinese(qtbot: QtBot) -> None:
    from ui.app import install_translators

    assert install_translators("zh_CN"), "run `make translations` (scripts/build_translations.py)"
    try:
        panel = VideoWallPanel(CAMERAS, town_names=TOWNS)
        qtbot.addWidget(panel)
        try:
            assert tour_items(panel)[:2] == [("全部摄像机", "all"), ("龙华镇", "lh")]
            # A tile's state, as its status label and banner say it.
            assert [state_text(s) for s in (StreamState.LIVE, StreamState.OFFLINE, StreamState.FROZEN)] == [
                "实时", "离线", "画面冻结"]
        finally:
            panel.shutdown()
    finally:
        install_translators("en")
