"""First start: choose the office's level and its unit from the official list."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from exchange.keys import MIN_PASSPHRASE, set_up_office
from models.base import ModelError
from models.enums import Level
from models.listing import search_words
from models.text import fold
from models.units import OfficialUnit, communes_of, provinces


def matches(name: str, query: str) -> bool:
    """Each word of the query starts a word of the name, marks ignored."""
    folded = f" {fold(name)}"
    return all(f" {word}" in folded for word in search_words(query))


class FirstStartDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Tổ Dân — Thiết lập lần đầu")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Chọn đơn vị sử dụng chương trình theo danh mục đơn vị hành chính từ ngày 01/07/2025. "
            "Sau khi chọn, đơn vị của cơ sở dữ liệu này không đổi được."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.commune_level = QRadioButton("Cấp xã (xã, phường, đặc khu)")
        self.province_level = QRadioButton("Cấp tỉnh (tỉnh, thành phố)")
        self.commune_level.setChecked(True)
        self.levels = QButtonGroup(self)
        self.levels.addButton(self.commune_level)
        self.levels.addButton(self.province_level)
        form.addRow("Cấp:", self.commune_level)
        form.addRow("", self.province_level)

        self.province = QComboBox()
        for unit in provinces():
            self.province.addItem(unit.full_name, unit)
        form.addRow("Tỉnh, thành phố:", self.province)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Gõ để lọc, ví dụ: phuc loi")
        self.filter.setClearButtonEnabled(True)
        self.commune = QComboBox()
        self.commune.setMinimumContentsLength(30)
        self.filter_label = QLabel("Tìm xã, phường:")
        self.commune_label = QLabel("Xã, phường, đặc khu:")
        form.addRow(self.filter_label, self.filter)
        form.addRow(self.commune_label, self.commune)
        layout.addLayout(form)

        # The office's keys for USB packages are made now, sealed with a
        # passphrase only the office knows (exchange.keys).
        keys_note = QLabel(
            "Chương trình tạo khóa để ký và mã hóa các gói dữ liệu gửi qua USB. Đặt mật khẩu bảo vệ khóa "
            f"(ít nhất {MIN_PASSPHRASE} ký tự) và ghi lại ở nơi an toàn: cần nó mỗi lần gửi hoặc nhận gói."
        )
        keys_note.setWordWrap(True)
        layout.addWidget(keys_note)
        keys_form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again = QLineEdit()
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        keys_form.addRow("Mật khẩu bảo vệ khóa:", self.passphrase)
        keys_form.addRow("Nhập lại mật khẩu:", self.passphrase_again)
        layout.addLayout(keys_form)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Đồng ý")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.province.currentIndexChanged.connect(self.fill_communes)
        self.filter.textChanged.connect(self.fill_communes)
        self.commune_level.toggled.connect(self.show_level)
        self.fill_communes()
        self.show_level()

    def level(self) -> Level:
        return Level.COMMUNE if self.commune_level.isChecked() else Level.PROVINCE

    def show_level(self) -> None:
        commune = self.level() is Level.COMMUNE
        for widget in (self.filter_label, self.filter, self.commune_label, self.commune):
            widget.setVisible(commune)

    def fill_communes(self) -> None:
        province: OfficialUnit | None = self.province.currentData()
        self.commune.clear()
        if province is None:
            return
        query = self.filter.text()
        for unit in communes_of(province.code):
            if matches(unit.name, query):
                self.commune.addItem(unit.full_name, unit)

    def select_commune(self, code: str) -> bool:
        """Pick a commune by its code among those shown; False if absent."""
        for i in range(self.commune.count()):
            if self.commune.itemData(i).code == code:
                self.commune.setCurrentIndex(i)
                return True
        return False

    def selected_unit(self) -> OfficialUnit | None:
        if self.level() is Level.PROVINCE:
            return self.province.currentData()
        return self.commune.currentData()

    def accept(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            QMessageBox.warning(self, "Chưa chọn đơn vị", "Hãy chọn xã, phường hoặc đặc khu của văn phòng.")
            return
        if self.passphrase.text() != self.passphrase_again.text():
            QMessageBox.warning(self, "Mật khẩu không khớp", "Hai lần nhập mật khẩu bảo vệ khóa không giống nhau.")
            return
        try:
            set_up_office(unit, self.level(), self.passphrase.text())
        except ModelError as error:
            QMessageBox.warning(self, "Không lưu được đơn vị", error.message)
            return
        super().accept()
