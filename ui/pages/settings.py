"""Cài đặt: the home unit and files, backups, accounts, and the audit log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from models.listing import settings_info

from ..labels import label
from .accounts_tab import AccountsTab, AuditTab
from .backups_tab import BackupsTab
from .base import BasePage
from .yearly import TermSettingsTab


class GeneralTab(QWidget):
    def __init__(self, version: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.version = version
        layout = QVBoxLayout(self)
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
        layout.addLayout(form)
        note = QLabel("Đơn vị và cấp được chọn khi dùng chương trình lần đầu và không đổi được.")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)

    def load(self) -> None:
        info = settings_info()
        self.values["unit"].setText(info.unit_name)
        self.values["code"].setText(info.unit_code)
        self.values["level"].setText(label(info.level))
        self.values["path"].setText(info.database_path)
        self.values["schema"].setText(str(info.schema_version))
        self.values["version"].setText(self.version)


class SettingsPage(BasePage):
    title = "Cài đặt"

    def __init__(self, parent: QWidget | None = None, version: str = ""):
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.general = GeneralTab(version)
        self.backups = BackupsTab()
        self.accounts = AccountsTab()
        self.audit = AuditTab()
        self.tabs.addTab(self.general, "&Chung")
        self.tabs.addTab(self.backups, "&Sao lưu")
        self.tabs.addTab(self.accounts, "&Tài khoản")
        self.tabs.addTab(self.audit, "&Nhật ký thay đổi")
        self.terms = TermSettingsTab()
        self.tabs.addTab(self.terms, "Nhiệm &kỳ tổ trưởng")
        self.layout_.addWidget(self.tabs, 1)
        self.watch(self.tabs.currentChanged, self._load_tab)
        # Kept for tests and callers that read the general values directly.
        self.values = self.general.values

    def load(self) -> None:
        self.general.load()
        self._load_tab(self.tabs.currentIndex())

    def _load_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is not None and widget is not self.general:
            widget.load()
