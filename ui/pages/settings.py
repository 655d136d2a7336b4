"""Cài đặt: the home unit, level, database file and schema version (read-only for now)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from models.listing import settings_info

from ..labels import label
from .base import BasePage


class SettingsPage(BasePage):
    title = "Cài đặt"

    def __init__(self, parent: QWidget | None = None, version: str = ""):
        super().__init__(parent)
        self.version = version
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(10)
        self.values: dict[str, QLabel] = {}
        for key, caption in [
            ("unit", "Đơn vị"),
            ("code", "Mã đơn vị"),
            ("level", "Cấp"),
            ("path", "Tệp cơ sở dữ liệu"),
            ("schema", "Phiên bản cấu trúc dữ liệu"),
            ("version", "Phiên bản chương trình"),
        ]:
            value = QLabel("")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.values[key] = value
            form.addRow(f"{caption}:", value)
        self.layout_.addLayout(form)
        note = QLabel("Đơn vị và cấp được chọn khi dùng chương trình lần đầu và không đổi được.")
        note.setWordWrap(True)
        self.layout_.addWidget(note)
        self.layout_.addStretch(1)

    def load(self) -> None:
        info = settings_info()
        self.values["unit"].setText(info.unit_name)
        self.values["code"].setText(info.unit_code)
        self.values["level"].setText(label(info.level))
        self.values["path"].setText(info.database_path)
        self.values["schema"].setText(str(info.schema_version))
        self.values["version"].setText(self.version)
