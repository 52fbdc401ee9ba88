"""Picking the town to call when the alert names none: every town with its live presence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget


class TownPicker(QDialog):
    def __init__(self, towns: dict[str, str], presence: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Call which town?"))
        self.list = QListWidget()
        status_text = {"online": self.tr("online"), "busy": self.tr("busy"), "offline": self.tr("offline")}
        for town_id, name in towns.items():
            status = presence.get(town_id, "offline")
            item = QListWidgetItem(f"{name}  ·  {status_text.get(status, status)}")
            item.setData(Qt.ItemDataRole.UserRole, town_id)
            if status != "online":
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def town(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    @classmethod
    def ask(cls, towns: dict[str, str], presence: dict[str, str], parent: QWidget | None = None) -> str | None:
        dialog = cls(towns, presence, parent)
        return dialog.town() if dialog.exec() == QDialog.DialogCode.Accepted else None
