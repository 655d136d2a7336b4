"""Khen thưởng: commendation decisions, newest first. A new decision is
entered in ``DecisionDialog``; a saved one opens to be read. For the selected
decision the page writes its certificates (one page per recipient, with the
office's emblem if it has one) and the list attached to it, in the
background with progress and cancel."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from models import commendation_ops as ops
from models.base import ModelError, context
from models.text import fold, format_date, format_int

from ..forms import ERROR_STYLE, ask
from ..table_model import Column
from ..tasks import run_writing
from . import forms
from .base import ListPage
from .decision_dialog import DecisionDialog, LogoPicker, remember_logo

NUMBER_INDEX, DATE_INDEX, COUNT_INDEX, ID_INDEX = 0, 1, 4, 5
LIST_FILTERS = {"PDF (*.pdf)": ".pdf", "Word (*.docx)": ".docx", "Excel (*.xlsx)": ".xlsx"}


def file_stem(number: str) -> str:
    """'125/QĐ-UBND' -> '125-qd-ubnd', for a file name."""
    return re.sub(r"[^a-z0-9]+", "-", fold(number)).strip("-") or "quyet-dinh"


class CertificateOptions(QDialog):
    """Before the file is chosen: what will be printed, and the emblem."""

    def __init__(self, number: str, signed_on: Any, recipients: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("In giấy khen")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        head = QLabel(
            f"Quyết định số <b>{number}</b> ngày {format_date(signed_on)}: "
            f"{format_int(recipients)} giấy khen, mỗi người, tập thể một trang A4 ngang.")
        head.setWordWrap(True)
        layout.addWidget(head)
        form = QFormLayout()
        self.logo = LogoPicker()
        self.logo.load()
        caption = QLabel("Hình &biểu trưng:")
        caption.setBuddy(self.logo.path)
        form.addRow(caption, self.logo)
        hint = QLabel("Hình do cơ quan cung cấp (PNG, JPEG), in ở đầu mỗi giấy khen; để trống nếu không in hình.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        form.addRow("", hint)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Chọn nơi lưu tệp PDF…")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def try_accept(self) -> None:
        problem = self.logo.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            self.logo.path.setFocus()
            return
        self.accept()


class CommendationsPage(ListPage):
    title = "Thi đua, khen thưởng"
    nav_title = "Khen thưởng"
    noun = "quyết định"
    search_hint = "Tìm theo số quyết định hoặc người ký"
    stretch_column = 2
    columns = [
        Column("Số quyết định"),
        Column("Ngày ký"),
        Column("Hình thức khen thưởng"),
        Column("Người ký"),
        Column("Số người, tập thể được khen"),
    ]

    def __init__(self, parent=None):
        super().__init__(ops.DecisionPageListing(), parent)
        self.last_saved: Path | None = None
        bar, self.buttons = forms.toolbar(self, [
            ("Quyết định &mới…", "Ctrl+N", self.new_decision),
            ("&Xem", None, self.open_selected),
            ("In &giấy khen…", "Ctrl+P", self.print_certificates),
            ("&Danh sách khen thưởng…", None, self.save_list),
        ])
        self.new_button, self.view_button, self.certificates_button, self.list_button = self.buttons
        self.new_button.setEnabled(not context.read_only)
        self.layout_.insertLayout(2, bar)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.layout_.addWidget(self.status)
        self.watch(self.table.doubleClicked, lambda _index: self.open_selected())
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.open_selected)
        self.watch(self.model.modelReset, self.update_buttons)
        self.watch(self.table.selectionModel().currentRowChanged, lambda *_a: self.update_buttons())
        self.update_buttons()

    # -- selection ------------------------------------------------------------------------

    def load(self) -> None:
        super().load()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def selected_id(self) -> int | None:
        row = self.current_row()
        return row[ID_INDEX] if row is not None else None

    def select_id(self, decision_id: int) -> None:
        for i in range(self.model.rowCount()):
            if self.model.row(i)[ID_INDEX] == decision_id:
                self.table.selectRow(i)
                return

    def update_buttons(self) -> None:
        chosen = self.current_row() is not None
        for button in (self.view_button, self.certificates_button, self.list_button):
            button.setEnabled(chosen)

    def _selected_decision(self):
        decision_id = self.selected_id()
        if decision_id is None:
            self.status.setText("Chọn một quyết định trong danh sách trước.")
            return None
        try:
            return ops.get_decision(decision_id)
        except ModelError as error:
            forms.show_error(self, error)
            return None

    # -- the decision -----------------------------------------------------------------------

    def new_decision(self) -> None:
        if context.read_only:
            return
        dialog = DecisionDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            decision = dialog.result_value
            self.model.reload()
            self.select_id(decision.id)
            self.status.setText(f"Đã lưu Quyết định số {decision.number}.")

    def open_selected(self) -> None:
        decision_id = self.selected_id()
        if decision_id is not None:
            DecisionDialog(self, decision_id).exec()

    # -- documents --------------------------------------------------------------------------

    def _run(self, title: str, text: str, fn: Callable[..., Any], cancellable: bool = True) -> Any:
        return run_writing(self, self.status, title, text, fn, cancellable=cancellable)

    def _offer_open(self, path: Path, what: str) -> None:
        self.last_saved = path
        self.status.setText(f"Đã lưu {what} vào {path}.")
        if ask(self, "Đã lưu", f"Đã lưu {what} vào {path}.\nMở tệp ngay để xem và in?"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def print_certificates(self) -> None:
        decision = self._selected_decision()
        if decision is None:
            return
        count = self.current_row()[COUNT_INDEX]  # type: ignore[index]
        if not count:
            self.status.setText(f"Quyết định số {decision.number} chưa có ai được khen thưởng: không có giấy khen để in.")
            return
        options = CertificateOptions(decision.number, decision.signed_on, count, self)
        if options.exec() != QDialog.DialogCode.Accepted:
            return
        logo = options.logo.value()
        start = str(Path.home() / f"giay-khen-{file_stem(decision.number)}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, "Lưu giấy khen", start, "PDF (*.pdf)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"

        from reports.certificates import write_certificates

        def write(progress=None, cancelled=None) -> int:
            return write_certificates(decision, path, progress=progress, cancel=cancelled, logo=logo)

        pages = self._run("In giấy khen", f"Đang ghi {format_int(count)} giấy khen vào {Path(path).name}…", write)
        if pages is not None:
            remember_logo(logo)
            self._offer_open(Path(path), f"{format_int(pages)} giấy khen")

    def save_list(self) -> None:
        decision = self._selected_decision()
        if decision is None:
            return
        start = str(Path.home() / f"danh-sach-khen-thuong-{file_stem(decision.number)}.pdf")
        path, chosen = QFileDialog.getSaveFileName(self, "Lưu danh sách khen thưởng", start,
                                                   ";;".join(LIST_FILTERS))
        if not path:
            return
        suffix = Path(path).suffix.lower()
        if suffix not in LIST_FILTERS.values():
            path += LIST_FILTERS.get(chosen, ".pdf")

        from reports.commendation_list import write_commendation_list

        def write() -> Path:
            return write_commendation_list(decision, path)

        done = self._run("Danh sách khen thưởng", f"Đang ghi {Path(path).name}…", write, cancellable=False)
        if done is not None:
            self._offer_open(Path(done), "danh sách khen thưởng")
