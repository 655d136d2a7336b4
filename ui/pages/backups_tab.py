"""Cài đặt › Sao lưu: the backups beside the database, a backup now or to a
USB stick, and restoring one in a single action."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from models import backups
from models.base import database
from models.text import format_int

from ..tasks import Task, TaskDialog

REASON_LABELS = {
    "close": "Khi đóng chương trình",
    "import": "Trước khi nhập gói dữ liệu",
    "restore": "Trước khi khôi phục",
    "migrate": "Trước khi nâng cấp",
    "manual": "Do người dùng tạo",
}


def size_text(size: int) -> str:
    return f"{format_int(max(1, round(size / 1024 / 1024)))} MB" if size >= 1024 * 1024 else \
        f"{format_int(max(1, round(size / 1024)))} KB"


class BackupTableModel(QAbstractTableModel):
    HEADERS = ["Thời điểm", "Lý do", "Dung lượng", "Tệp"]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[backups.Backup] = []

    def reload(self, db_path: Path) -> None:
        self.beginResetModel()
        self.items = backups.list_backups(db_path)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        b = self.items[index.row()]
        return [b.taken_at.strftime("%d/%m/%Y %H:%M:%S"), REASON_LABELS.get(b.reason, b.reason),
                size_text(b.size), b.path.name][index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class BackupsTab(QWidget):
    restored = Signal()  # the database content was replaced: the window must reload

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        note = QLabel("Chương trình tự sao lưu khi đóng (nếu có thay đổi), trước khi nhập dữ liệu, khôi phục "
                      "hoặc nâng cấp. Giữ 10 bản gần nhất, rồi mỗi ngày một bản trong một tháng, mỗi tháng "
                      "một bản trong một năm.")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.folder_label)
        self.model = BackupTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton("&Sao lưu ngay")
        self.export_button = QPushButton("Sao lưu ra &tệp (USB)…")
        self.restore_button = QPushButton("&Khôi phục bản đã chọn…")
        for b in (self.backup_button, self.export_button, self.restore_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.backup_button.clicked.connect(self.backup_now)
        self.export_button.clicked.connect(self.backup_to_file)
        self.restore_button.clicked.connect(self.restore_selected)

    @property
    def db_path(self) -> Path:
        return Path(database.obj.database)

    def load(self) -> None:
        self.folder_label.setText(f"Thư mục sao lưu: {backups.backup_folder(self.db_path)}")
        self.model.reload(self.db_path)

    def _run(self, text: str, fn, *args) -> object | None:
        dialog = TaskDialog("Sao lưu", text, Task(fn, *args, parent=self), self, cancellable=False)
        if not dialog.run():
            QMessageBox.critical(self, "Không sao lưu được", getattr(dialog.error, "message", str(dialog.error)))
            return None
        return dialog.result_value

    def backup_now(self) -> None:
        path = self.db_path

        def work(progress):
            return backups.take_backup(path, "manual", progress=progress)

        if self._run("Đang sao lưu cơ sở dữ liệu…", work):
            self.load()

    def backup_to_file(self) -> None:
        target, _ = QFileDialog.getSaveFileName(self, "Sao lưu ra tệp", str(Path.home() / f"{self.db_path.stem}-sao-luu.todan"),
                                                "Cơ sở dữ liệu Tổ Dân (*.todan)")
        if not target:
            return
        from models.db import backup_to

        def work(progress):
            return backup_to(target, progress)

        if self._run("Đang sao lưu ra tệp…", work):
            QMessageBox.information(self, "Đã sao lưu", f"Đã sao lưu vào {target}.")

    def selected(self) -> backups.Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.items[rows[0].row()] if rows else None

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            QMessageBox.information(self, "Khôi phục", "Hãy chọn một bản sao lưu trong danh sách.")
            return
        answer = QMessageBox.question(
            self, "Khôi phục",
            f"Khôi phục dữ liệu như lúc {chosen.taken_at.strftime('%H:%M ngày %d/%m/%Y')}?\n\n"
            "Dữ liệu hiện tại sẽ được sao lưu trước, nên có thể lấy lại nếu cần.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            backups.restore(self.db_path, chosen.path)
        except Exception as error:  # shown to the user; nothing was changed
            QMessageBox.critical(self, "Không khôi phục được", getattr(error, "message", str(error)))
            return
        QMessageBox.information(self, "Đã khôi phục", "Đã khôi phục dữ liệu. Cửa sổ sẽ được mở lại.")
        self.restored.emit()
