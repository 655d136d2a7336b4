"""Kiến nghị: residents' recommendations, newest first; overdue ones in red.
A form to raise or correct one, and one to move it to its next state with
its dated history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import meeting_ops
from models import recommendation_ops as ops
from models.activity_listing import RecommendationRegisterListing
from models.base import ModelError, context
from models.enums import RecommendationState
from models.recommendations import Recommendation
from models.text import format_date

from ..forms import ask
from ..labels import OVERDUE, label
from ..table_model import CENTER, OVERDUE_COLOR, Column
from . import forms
from .base import ListPage

OVERDUE_INDEX = 7
ID_INDEX = 8
NONE = "(không ghi)"
ALL_STATES = "Mọi tình trạng"


def _text_box(text: str = "", height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class RecommendationDialog(QDialog):
    """Raise a recommendation, or correct one (its state changes elsewhere)."""

    def __init__(self, parent: QWidget | None = None, rec: Recommendation | None = None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.rec = rec
        self.saved_id: int | None = None
        self.setWindowTitle("Sửa kiến nghị" if rec else "Thêm kiến nghị, đề xuất")
        self.resize(640, 520)
        self.group_box = forms.choice_box([(None, "(không thuộc tổ nào)")] + [
            (g.group_id, g.name) for g in meeting_ops.group_choices(meeting_only=False)], searchable=True)
        self.meeting_box = forms.ChoiceBox()
        self.raised_on = forms.date_edit(rec.raised_on if rec else self.today)
        self.raised_on.setMaximumDate(forms.to_qdate(self.today))
        self.raised_by = forms.ChoiceBox()
        self.category = forms.choice_box(ops.category_choices())
        self.content = _text_box(rec.content if rec else "", 90)
        self.forwarded_to = QLineEdit(rec.forwarded_to if rec else "")
        self.forwarded_to.setPlaceholderText("Ví dụ: UBND phường, Công an phường")
        self.has_due = QCheckBox("Có &hạn giải quyết")
        self.due_on = forms.date_edit(rec.due_on if rec and rec.due_on else self.today + dt.timedelta(days=30))
        form = QFormLayout(self)
        form.addRow("&Tổ:", self.group_box)
        form.addRow("Nêu tại &buổi sinh hoạt:", self.meeting_box)
        form.addRow("&Ngày nêu:", self.raised_on)
        form.addRow("Người &nêu:", self.raised_by)
        form.addRow("&Lĩnh vực:", self.category)
        form.addRow("Nội &dung:", self.content)
        form.addRow("&Chuyển đến:", self.forwarded_to)
        form.addRow(self.has_due, self.due_on)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        form.addRow(buttons)
        self.fields = {"group": self.group_box, "meeting": self.meeting_box, "raised_on": self.raised_on,
                       "raised_by": self.raised_by, "category": self.category, "content": self.content,
                       "forwarded_to": self.forwarded_to, "due_on": self.due_on}
        self.has_due.toggled.connect(self.due_on.setEnabled)
        self.has_due.setChecked(rec is None or rec.due_on is not None)
        self.due_on.setEnabled(self.has_due.isChecked())
        self.group_box.currentIndexChanged.connect(lambda _i: self.refresh_group())
        self.meeting_box.currentIndexChanged.connect(lambda _i: self.meeting_chosen())
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        if rec is not None:
            forms.select_value(self.group_box, rec.group_id)
            forms.select_value(self.category, rec.category_id)
            self.meeting_box.setEnabled(False)
        self.refresh_group(rec.raised_by_id if rec else None, rec.meeting_id if rec else None)

    def refresh_group(self, raised_by: int | None = None, meeting: int | None = None) -> None:
        gid = self.group_box.currentData()
        self.meeting_box.blockSignals(True)
        self.meeting_box.clear()
        self.meeting_box.addItem(NONE, None)
        self.raised_by.clear()
        self.raised_by.addItem(NONE, None)
        if gid is not None:
            for mid, held in meeting_ops.recent_meetings(gid):
                self.meeting_box.addItem(f"Ngày {format_date(held)}", mid)
            for entry in meeting_ops.roster(gid, forms.from_qdate(self.raised_on)):
                self.raised_by.addItem(entry.name, entry.person_id)
        forms.select_value(self.meeting_box, meeting)
        forms.select_value(self.raised_by, raised_by)
        if self.raised_by.currentData() != raised_by and raised_by is not None and self.rec is not None:
            self.raised_by.addItem(self.rec.raised_by.full_name, raised_by)
            forms.select_value(self.raised_by, raised_by)
        self.meeting_box.blockSignals(False)

    def meeting_chosen(self) -> None:
        text = self.meeting_box.currentText()
        if self.meeting_box.currentData() is not None and text.startswith("Ngày "):
            day = dt.datetime.strptime(text[5:], "%d/%m/%Y").date()
            self.raised_on.setDate(forms.to_qdate(day))

    def save(self) -> None:
        values = {
            "content": self.content.toPlainText(), "category": self.category.currentData(),
            "raised_on": forms.from_qdate(self.raised_on), "group": self.group_box.currentData(),
            "raised_by": self.raised_by.currentData(), "forwarded_to": self.forwarded_to.text(),
            "due_on": forms.from_qdate(self.due_on) if self.has_due.isChecked() else None, "today": self.today,
        }
        try:
            if self.rec is None:
                rec = ops.create_recommendation(meeting=self.meeting_box.currentData(), **values)
            else:
                rec = ops.update_recommendation(self.rec.id, **values)
        except ModelError as error:
            forms.show_error(self, error, self.fields)
            return
        self.saved_id = rec.id
        self.accept()


class StateDialog(QDialog):
    """Move a recommendation to one of the states allowed after its current one."""

    def __init__(self, parent: QWidget | None, rec: Recommendation, today: dt.date | None = None):
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.rec = rec
        self.setWindowTitle("Chuyển trạng thái kiến nghị")
        self.resize(640, 560)
        state = RecommendationState(rec.state)
        layout = QVBoxLayout(self)
        due = f" · Hạn giải quyết: {format_date(rec.due_on)}" if rec.due_on else ""
        head = QLabel(f"<b>{rec.content}</b><br>Ngày nêu: {format_date(rec.raised_on)}{due}"
                      f"<br>Tình trạng hiện nay: {label(state)}"
                      + (f" · <span style='color:#be1414'>{OVERDUE}</span>" if ops.is_overdue(rec, self.today) else ""))
        head.setWordWrap(True)
        layout.addWidget(head)
        self.history = QTableWidget(0, 3)
        self.history.setHorizontalHeaderLabels(["Ngày", "Tình trạng", "Ghi chú"])
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setStretchLastSection(True)
        entries = ops.history(rec.id)
        self.history.setRowCount(len(entries))
        for r, h in enumerate(entries):
            for c, text in enumerate((format_date(h.on_date), label(h.state), h.note)):
                self.history.setItem(r, c, QTableWidgetItem(text))
        self.history.resizeColumnsToContents()
        layout.addWidget(QLabel("Quá trình xử lý:"))
        layout.addWidget(self.history, 1)
        self.next_box = forms.choice_box((s, label(s)) for s in ops.next_states(state))
        self.on_date = forms.date_edit(self.today)
        self.on_date.setMaximumDate(forms.to_qdate(self.today))
        self.forwarded_to = QLineEdit(rec.forwarded_to)
        self.answer = _text_box(rec.answer)
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow("Chuyển &sang:", self.next_box)
        form.addRow("&Ngày:", self.on_date)
        form.addRow("&Chuyển đến:", self.forwarded_to)
        form.addRow("Nội dung &trả lời, kết quả:", self.answer)
        form.addRow("&Ghi chú:", self.note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        layout.addWidget(buttons)
        self.fields = {"state": self.next_box, "on_date": self.on_date, "forwarded_to": self.forwarded_to,
                       "answer": self.answer}
        if not self.next_box.count():
            self.next_box.addItem("Kiến nghị đã kết thúc", None)
            for w in (self.next_box, self.on_date, self.forwarded_to, self.answer, self.note):
                w.setEnabled(False)
            buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.next_box.setFocus()

    def save(self) -> None:
        try:
            ops.change_state(self.rec.id, self.next_box.currentData(), on_date=forms.from_qdate(self.on_date),
                             note=self.note.text(), answer=self.answer.toPlainText(),
                             forwarded_to=self.forwarded_to.text(), today=self.today)
        except ModelError as error:
            forms.show_error(self, error, self.fields)
            return
        self.accept()


class RecommendationsPage(ListPage):
    title = "Kiến nghị, đề xuất"
    nav_title = "Kiến nghị"
    noun = "kiến nghị"
    search_hint = "Tìm theo tên tổ"
    stretch_column = 3
    columns = [
        Column("Ngày nêu"),
        Column("Tổ", width=190),
        Column("Lĩnh vực", width=130),
        Column("Nội dung"),
        Column("Chuyển đến", width=150),
        Column("Hạn giải quyết", width=100),
        Column("Tình trạng", width=170),
        Column("Quá hạn", fmt=lambda late: OVERDUE if late else "", align=CENTER),
    ]

    def __init__(self, parent=None):
        super().__init__(RecommendationRegisterListing(), parent)
        self.state_box = forms.choice_box([(None, ALL_STATES)] + [(s, label(s)) for s in RecommendationState])
        self.overdue_only = QCheckBox("Chỉ kiến nghị &quá hạn")
        bar, self.buttons = forms.toolbar(self, [
            ("&Thêm kiến nghị", "Ctrl+N", self.add_recommendation),
            ("&Sửa", None, self.edit_selected),
            ("&Chuyển trạng thái…", "Ctrl+T", self.change_selected_state),
            ("&Xóa", None, self.delete_selected),
        ])
        self.delete_button = self.buttons[3]
        self.delete_button.setEnabled(not context.read_only)
        caption = QLabel("Tình t&rạng:")
        caption.setBuddy(self.state_box)
        for i, w in enumerate((caption, self.state_box, self.overdue_only)):
            bar.insertWidget(i, w)
        self.layout_.insertLayout(2, bar)
        self.watch(self.state_box.currentIndexChanged, lambda _i: self.apply_filters())
        self.watch(self.overdue_only.toggled, lambda _on: self.apply_filters())
        self.watch(self.table.doubleClicked, lambda _index: self.change_selected_state())
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.change_selected_state)

    def row_color(self, row: tuple) -> QColor | None:
        return OVERDUE_COLOR if row[OVERDUE_INDEX] else None

    def apply_filters(self) -> None:
        self.model.set_filters(state=self.state_box.currentData(), overdue=True if self.overdue_only.isChecked() else None)

    def show_overdue(self) -> None:
        """Called from the dashboard: list the overdue ones."""
        self.overdue_only.setChecked(True)

    def selected(self) -> Recommendation | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return ops.get_recommendation(self.model.row(index.row())[ID_INDEX])

    def add_recommendation(self) -> None:
        if RecommendationDialog(self).exec() == QDialog.DialogCode.Accepted:
            self.model.reload()

    def edit_selected(self) -> None:
        rec = self.selected()
        if rec is not None and RecommendationDialog(self, rec).exec() == QDialog.DialogCode.Accepted:
            self.model.reload()

    def change_selected_state(self) -> None:
        rec = self.selected()
        if rec is not None and StateDialog(self, rec).exec() == QDialog.DialogCode.Accepted:
            self.model.reload()

    def delete_selected(self) -> None:
        """A recommendation entered by mistake: asked first, then marked deleted."""
        rec = self.selected()
        if rec is None:
            return
        if not ask(self, "Xóa kiến nghị",
                   f"Xóa kiến nghị nhập nhầm “{rec.content}” (ngày nêu {format_date(rec.raised_on)})?\n"
                   "Kiến nghị và quá trình xử lý của nó sẽ không còn trong danh sách và báo cáo."):
            return
        try:
            ops.delete_recommendation(rec.id)
        except ModelError as error:
            QMessageBox.warning(self, "Không xóa được", error.message)
            return
        self.model.reload()
