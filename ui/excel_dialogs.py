"""Excel in and out from the screens: the import wizard and list export.

Reading, checking and writing run off the UI thread (ui.tasks) with a
progress bar and a cancel button.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exchange import excel_import as xi
from models.base import ModelError, context
from models.privacy import log_export
from reports.excel_lists import rows_of, write_list_xlsx
from reports.list_cli import LISTS

from .tasks import Task, TaskDialog

XLSX_FILTER = "Tệp Excel (*.xlsx)"
NOT_MAPPED = "— không lấy —"


def _import_now(path: str, kind: str, dry_run: bool, mapping: dict[str, int], progress=None, cancelled=None):
    from models.backups import take_backup
    from models.base import database

    if not dry_run:
        take_backup(database.obj.database, reason="import")
    return xi.run_import(path, kind, dry_run=dry_run, mapping=mapping, progress=progress, cancelled=cancelled)


class ImportDialog(QDialog):
    """Choose a sheet and a kind, check the column mapping, try, then import."""

    def __init__(self, kind: str = "people", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Nhập danh sách từ Excel")
        self.resize(720, 600)
        self.report: xi.ImportReport | None = None
        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.kind = QComboBox()
        for k in xi.KINDS:
            self.kind.addItem(xi.KIND_LABELS[k].capitalize(), k)
        self.kind.setCurrentIndex(xi.KINDS.index(kind))
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText("Chưa chọn tệp")
        browse = QPushButton("&Chọn tệp…")
        template = QPushButton("Lưu tệp &mẫu…")
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        row.addWidget(template)
        top.addRow("Loại danh sách", self.kind)
        top.addRow("Tệp Excel", row)
        layout.addLayout(top)
        self.found = QLabel()
        layout.addWidget(self.found)
        self.mapping_form = QFormLayout()
        box = QWidget()
        box.setLayout(self.mapping_form)
        layout.addWidget(box)
        self.result = QPlainTextEdit()
        self.result.setReadOnly(True)
        self.result.setPlaceholderText("Kết quả kiểm tra sẽ hiện ở đây: mỗi dòng không nhận được kèm lý do.")
        layout.addWidget(self.result, 1)
        buttons = QHBoxLayout()
        self.try_button = QPushButton("&Kiểm tra (không thay đổi dữ liệu)")
        self.import_button = QPushButton("&Nhập")
        close = QPushButton("Đóng")
        buttons.addStretch(1)
        for b in (self.try_button, self.import_button, close):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.try_button.setEnabled(False)
        self.import_button.setEnabled(False)
        browse.clicked.connect(self.choose)
        template.clicked.connect(self.save_template)
        self.kind.currentIndexChanged.connect(lambda _i: self.load(self.path.text()) if self.path.text() else None)
        self.try_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        close.clicked.connect(self.reject)
        self.combos: dict[str, QComboBox] = {}

    def current_kind(self) -> str:
        return self.kind.currentData()

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp Excel", "", XLSX_FILTER)
        if path:
            self.load(path)

    def save_template(self) -> None:
        kind = self.current_kind()
        path, _ = QFileDialog.getSaveFileName(self, "Lưu tệp mẫu", f"mau-{kind}.xlsx", XLSX_FILTER)
        if path:
            xi.write_template(kind, path)
            QMessageBox.information(self, "Đã lưu tệp mẫu", f"Đã lưu tệp mẫu {Path(path).name}.")

    def load(self, path: str) -> None:
        """Find the header and show the mapping for the user to correct."""
        self.path.setText(path)
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.combos.clear()
        self.result.clear()
        try:
            report = xi.inspect(path, self.current_kind())
        except ModelError as exc:
            self.found.setText(exc.message)
            self.try_button.setEnabled(False)
            self.import_button.setEnabled(False)
            return
        self.found.setText(f"Trang \u201c{report.sheet}\u201d: tiêu đề cột ở dòng {report.header_row}, "
                           f"{report.rows} dòng dữ liệu. Kiểm tra cột nào ứng với thông tin nào:")
        for f in xi.FIELDS[self.current_kind()]:
            box = QComboBox()
            box.addItem(NOT_MAPPED, None)
            for col, header in enumerate(report.headers):
                if header:
                    box.addItem(f"Cột {xi._letter(col)}: {header}", col)
            if f.key in report.mapping:
                box.setCurrentIndex(box.findData(report.mapping[f.key]))
            self.combos[f.key] = box
            self.mapping_form.addRow(f.header + (" (*)" if f.required else ""), box)
        self.try_button.setEnabled(True)
        self.import_button.setEnabled(False)  # after a clean check

    def mapping(self) -> dict[str, int]:
        return {k: box.currentData() for k, box in self.combos.items() if box.currentData() is not None}

    def run(self, dry_run: bool) -> None:
        task = Task(_import_now, self.path.text(), self.current_kind(), dry_run, self.mapping(), parent=self)
        text = "Đang kiểm tra từng dòng…" if dry_run else "Đang nhập (đã sao lưu trước khi nhập)…"
        dialog = TaskDialog("Nhập danh sách từ Excel", text, task, self)
        ok = dialog.run()
        if dialog.error is not None:
            message = dialog.error.message if isinstance(dialog.error, ModelError) else str(dialog.error)
            self.result.setPlainText(message)
            return
        if not ok:
            self.result.setPlainText("Đã hủy: không có gì thay đổi.")
            return
        self.report = report = dialog.result_value
        lines = [report.summary()] + [str(e) for e in report.errors]
        self.result.setPlainText("\n".join(lines))
        self.import_button.setEnabled(dry_run and not report.errors and not context.read_only)
        if not dry_run and report.applied:
            self.accept()


def export_list(parent: QWidget, kind: str, listing: Any, search: str, filters: dict[str, Any],
                total: int = 0) -> int | None:
    """Write the list as shown (filters, search, order) to .xlsx; people's
    data leave the program unencrypted, so ask why and log it."""
    title, columns = LISTS[kind]
    path, _ = QFileDialog.getSaveFileName(parent, "Xuất danh sách ra Excel", f"{kind}.xlsx", XLSX_FILTER)
    if not path:
        return None
    reason = ""
    personal = kind in ("people", "party-members")
    if personal:
        reason, ok = QInputDialog.getText(
            parent, "Xuất dữ liệu cá nhân",
            "Tệp Excel không được mã hóa: ai có tệp là đọc được thông tin cá nhân trong đó.\n"
            "Hãy ghi lý do xuất (được lưu vào nhật ký):")
        if not ok:
            return None
        if not reason.strip():
            QMessageBox.warning(parent, "Chưa ghi lý do", "Hãy ghi lý do xuất dữ liệu cá nhân.")
            return None

    def work(progress=None, cancelled=None) -> int:
        return write_list_xlsx(path, title, columns, rows_of(listing, search, filters, cancelled),
                               progress=lambda n: progress(n, max(total, n)) if progress else None,
                               cancelled=cancelled)

    dialog = TaskDialog("Xuất danh sách", f"Đang ghi {Path(path).name}…", Task(work, parent=parent), parent)
    if not dialog.run():
        if dialog.error is not None and not isinstance(dialog.error, InterruptedError):
            QMessageBox.warning(parent, "Không ghi được tệp", str(dialog.error))
        return None
    rows = dialog.result_value
    if personal:
        log_export(f"{kind}.xlsx", rows, reason)
    QMessageBox.information(parent, "Đã xuất danh sách", f"Đã ghi {rows:,} dòng vào {Path(path).name}.".replace(",", "."))
    return rows
