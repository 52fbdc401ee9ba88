"""The drag-and-drop payload for a camera (camera list -> wall tile, tile -> tile)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData

CAMERA_MIME = "application/x-hall-camera-id"


def camera_mime(camera_id: str) -> QMimeData:
    data = QMimeData()
    data.setData(CAMERA_MIME, camera_id.encode())
    data.setText(camera_id)
    return data


def camera_from_mime(data: QMimeData) -> str | None:
    if data.hasFormat(CAMERA_MIME):
        return bytes(data.data(CAMERA_MIME).data()).decode() or None
    return None
