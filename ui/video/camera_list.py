"""The camera list: cameras grouped by town, filterable, dragged onto wall tiles."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from console.domain.geography import Camera
from ui.video.mime import CAMERA_MIME, camera_mime

CAMERA_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CameraList(QTreeWidget):
    sig_camera_activated = Signal(str)  # double-click / Enter on a camera

    def __init__(self, cameras: list[Camera], parent: QWidget | None = None, *,
                 town_names: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraList")
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.town_names = town_names or {}
        self.itemActivated.connect(self.on_item_activated)
        self.set_cameras(cameras)

    def set_cameras(self, cameras: list[Camera]) -> None:
        self.clear()
        towns: dict[str, QTreeWidgetItem] = {}
        for cam in cameras:
            town = cam.town or ""
            if town not in towns:
                label = self.town_names.get(town, town) or self.tr("Other")
                towns[town] = QTreeWidgetItem(self, [label])
                towns[town].setFlags(Qt.ItemFlag.ItemIsEnabled)
            item = QTreeWidgetItem(towns[town], [cam.name])
            item.setData(0, CAMERA_ID_ROLE, cam.id)
            item.setToolTip(0, cam.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
        self.expandAll()

    def set_filter(self, text: str) -> None:
        text = text.strip().lower()
        for i in range(self.topLevelItemCount()):
            town = self.topLevelItem(i)
            shown = 0
            for j in range(town.childCount()):
                item = town.child(j)
                match = not text or text in item.text(0).lower() or text in str(item.data(0, CAMERA_ID_ROLE)).lower()
                item.setHidden(not match)
                shown += match
            town.setHidden(shown == 0)

    def item_for(self, camera_id: str) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            town = self.topLevelItem(i)
            for j in range(town.childCount()):
                if town.child(j).data(0, CAMERA_ID_ROLE) == camera_id:
                    return town.child(j)
        return None

    def mimeTypes(self) -> list[str]:
        return [CAMERA_MIME]

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:  # type: ignore[override]
        ids = [i.data(0, CAMERA_ID_ROLE) for i in items if i.data(0, CAMERA_ID_ROLE)]
        return camera_mime(ids[0] if ids else "")

    def on_item_activated(self, item: QTreeWidgetItem, column: int) -> None:
        camera_id = item.data(0, CAMERA_ID_ROLE)
        if camera_id:
            self.sig_camera_activated.emit(camera_id)
