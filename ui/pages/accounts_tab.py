"""Cài đặt › Tài khoản and Nhật ký thay đổi: optional sign-in accounts with
roles, and the audit log (read-only)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget)

from models import auth
from models.audit import AuditListing
from models.base import ModelError
from models.enums import UserRole

from ..labels import label
from ..table_model import Column, ListingTableModel


class UserTableModel(QAbstractTableModel):
    HEADERS = ["Tên đăng nhập", "Họ và tên", "Vai trò", "Ngày tạo"]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.users = []

    def reload(self) -> None:
        self.beginResetModel()
        self.users = auth.list_users()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.users)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        u = self.users[index.row()]
        return [u.username, u.full_name, label(u.role), u.created_at.strftime("%d/%m/%Y")][index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class NewUserDialog(QDialog):
    def __init__(self, first: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Tạo tài khoản")
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox()
        roles = [UserRole.ADMIN] if first else list(UserRole)
        for role in roles:
            self.role.addItem(label(role), role)
        self.error = QLabel()
        self.error.setStyleSheet("color: #be1414")
        form.addRow("Tên đăng nhập:", self.username)
        form.addRow("Họ và tên:", self.full_name)
        form.addRow("Mật khẩu (ít nhất 8 ký tự):", self.password)
        form.addRow("Vai trò:", self.role)
        if first:
            form.addRow(QLabel("Tài khoản đầu tiên là tài khoản quản trị. Từ nay chương trình sẽ hỏi đăng nhập."))
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        try:
            auth.create_user(self.username.text(), self.password.text(), self.role.currentData(),
                             self.full_name.text())
        except ModelError as error:
            self.error.setText(error.message)
            return
        self.accept()


class AccountsTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.model = UserTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton("&Tạo tài khoản…")
        self.add_button.clicked.connect(self.add_user)
        row.addWidget(self.add_button)
        self.role_box = QComboBox()
        for role in UserRole:
            self.role_box.addItem(label(role), role)
        self.role_button = QPushButton("Đổi &vai trò")
        self.role_button.clicked.connect(self.change_role)
        row.addWidget(QLabel("Vai trò mới:"))
        row.addWidget(self.role_box)
        row.addWidget(self.role_button)
        row.addStretch(1)
        layout.addLayout(row)

    def load(self) -> None:
        self.model.reload()
        if auth.signin_required():
            self.note.setText("Vai trò: Quản trị (quản lý tài khoản), Cán bộ (nhập và sửa dữ liệu), "
                              "Xem (chỉ xem; số CCCD và điện thoại được che bớt).")
        else:
            self.note.setText("Chưa có tài khoản nào nên chương trình không hỏi đăng nhập. Tạo tài khoản quản trị "
                              "đầu tiên để bật đăng nhập và phân quyền.")
        admin = auth.current_role() is UserRole.ADMIN
        self.add_button.setEnabled(not auth.signin_required() or admin)
        self.role_button.setEnabled(admin)
        self.role_box.setEnabled(admin)

    def change_role(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, "Đổi vai trò", "Hãy chọn một tài khoản trong danh sách.")
            return
        user = self.model.users[rows[0].row()]
        try:
            auth.set_role(user.username, self.role_box.currentData())
        except ModelError as error:
            QMessageBox.warning(self, "Không đổi được vai trò", error.message)
            return
        self.load()

    def add_user(self) -> None:
        if NewUserDialog(first=not auth.signin_required(), parent=self).exec():
            self.load()


class AuditTab(QWidget):
    COLUMNS = [Column("Thời điểm", fmt=lambda v: v.strftime("%d/%m/%Y %H:%M:%S")), Column("Người thực hiện"),
               Column("Loại dữ liệu"), Column("Thao tác", fmt=lambda v: ACTIONS.get(v, v)), Column("Mã bản ghi"),
               Column("Thay đổi")]

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Lọc theo người thực hiện, loại dữ liệu hoặc thao tác")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = ListingTableModel(AuditListing(), self.COLUMNS, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Nhật ký chỉ để xem: không ai sửa hoặc xóa được."))
        self.search.textChanged.connect(self.model.set_search)

    def load(self) -> None:
        self.model.reload()
        self.table.resizeColumnsToContents()


ACTIONS = {"create": "Thêm", "update": "Sửa", "delete": "Xóa", "erase": "Xóa dữ liệu cá nhân",
           "access": "Trích xuất hồ sơ", "export": "Xuất danh sách", "signin": "Đăng nhập",
           "signin-failed": "Đăng nhập sai"}
