"""Settings: language, hub URL and the alarm mute. Stored in QSettings (never a password)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

LANGUAGES = [("", "System / 跟随系统"), ("en", "English"), ("zh_CN", "简体中文")]


class SettingsDialog(QDialog):
    def __init__(self, muted: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings")
        self.setWindowTitle(self.tr("Settings"))
        settings = QSettings()
        self.language = QComboBox(self, objectName="language")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.value("ui/language", "")), 0))
        self.hub_url = QLineEdit(str(settings.value("hub/url", "")), self, objectName="hub_url")
        self.muted = QCheckBox(self.tr("Mute the critical-alert alarm for me"), self, objectName="muted")
        self.muted.setChecked(muted)
        note = QLabel(self.tr("Language and hub changes take effect the next time the console starts."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Hub URL:"), self.hub_url)
        form.addRow("", self.muted)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def save(self) -> None:
        settings = QSettings()
        settings.setValue("ui/language", self.language.currentData())
        if self.hub_url.text().strip():
            settings.setValue("hub/url", self.hub_url.text().strip())
