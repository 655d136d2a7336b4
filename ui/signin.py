"""The sign-in dialog, shown at start once an administrator has created accounts."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from models import auth
from models.base import ModelError


class SignInDialog(QDialog):
    def __init__(self, unit_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Đăng nhập Tổ Dân")
        form = QFormLayout(self)
        if unit_name:
            form.addRow(QLabel(f"<b>{unit_name}</b>"))
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #be1414")
        self.error.setWordWrap(True)
        form.addRow("Tên đăng nhập:", self.username)
        form.addRow("Mật khẩu:", self.password)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Đăng nhập")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Thoát")
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def try_sign_in(self) -> None:
        try:
            auth.authenticate(self.username.text(), self.password.text())
        except ModelError as error:
            self.error.setText(error.message)
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()
