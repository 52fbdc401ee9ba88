"""Log in to a hub: URL, operator name, password. The URL and name are remembered, the password never."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget


class LoginDialog(QDialog):
    def __init__(self, hub_url: str = "", user: str = "", message: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("login")
        self.setWindowTitle(self.tr("Command Hall Console — log in"))
        self.url = QLineEdit(hub_url, self, objectName="hub_url")
        self.user = QLineEdit(user, self, objectName="user")
        self.password = QLineEdit(self, objectName="password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(message, self)
        self.message.setStyleSheet("color: #ff8a80;")
        self.message.setVisible(bool(message))
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Hub:"), self.url)
        form.addRow(self.tr("Operator:"), self.user)
        form.addRow(self.tr("Password:"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        (self.password if user else self.user).setFocus()

    def credentials(self) -> tuple[str, str, str]:
        return self.url.text().strip(), self.user.text().strip(), self.password.text()
