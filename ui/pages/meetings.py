"""Sinh hoạt: group meetings, newest first; the meeting form with topics and
attendance ticked from the group's roster; who missed meetings in a row."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import meeting_ops as ops
from models.activity_listing import MeetingRegisterListing
from models.base import ModelError, context
from models.text import format_date, format_int

from ..forms import ask
from ..labels import label
from ..table_model import Column
from . import forms
from .base import ListPage

ID_INDEX = 7
ALL_YEARS = "Tất cả các năm"
NO_CHAIR = "(không ghi)"


class MeetingDialog(QDialog):
    """Add or edit one meeting. ``draft`` pre-fills it (a copy of the last
    meeting, or a saved one to edit)."""

    def __init__(self, parent: QWidget | None = None, draft: ops.MeetingDraft | None = None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.meeting_id = draft.meeting_id if draft else None
        self.setWindowTitle("Sửa buổi sinh hoạt" if self.meeting_id else "Thêm buổi sinh hoạt")
        self.resize(900, 640)
        self.saved_id: int | None = None

        self.group_box = forms.choice_box(((g.group_id, f"{g.name}") for g in ops.group_choices()), searchable=True)
        self.date = forms.date_edit(self.today)
        self.date.setMaximumDate(forms.to_qdate(self.today))
        self.place = QLineEdit()
        self.chair = forms.ChoiceBox()
        self.topics = forms.check_list()
        self.roster = forms.check_list()
        self.others = QSpinBox()
        self.others.setRange(0, 100_000)
        self.others.setSuffix(" người")
        self.minutes = QPlainTextEdit()
        self.minutes.setTabChangesFocus(True)
        self.summary = QLabel()
        self.summary.setObjectName("attendanceSummary")
        self.copy_button = QPushButton("&Sao chép buổi trước")
        self.copy_button.setToolTip("Điền sẵn địa điểm, người chủ trì, nội dung và người dự của buổi gần nhất")
        all_button = QPushButton("Chọn &tất cả")
        none_button = QPushButton("&Bỏ chọn")

        form = QFormLayout()
        form.addRow("&Tổ:", self.group_box)
        form.addRow("&Ngày sinh hoạt:", self.date)
        form.addRow("Địa đ&iểm:", self.place)
        form.addRow("&Chủ trì:", self.chair)
        form.addRow("Người dân &khác dự:", self.others)
        left = QVBoxLayout()
        left.addLayout(form)
        right = QVBoxLayout()
        for box, text, widget, stretch in (
                (left, "Nội dung sinh &hoạt:", self.topics, 1), (left, "Biên b&ản:", self.minutes, 1),
                (right, "Người &dự — thành viên, đảng viên phụ trách (phím cách để đánh dấu):", self.roster, 1)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            box.addWidget(caption)
            box.addWidget(widget, stretch)
        ticks = QHBoxLayout()
        ticks.addWidget(all_button)
        ticks.addWidget(none_button)
        ticks.addStretch(1)
        right.addLayout(ticks)
        right.addWidget(self.summary)
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        bottom = QHBoxLayout()
        bottom.addWidget(self.copy_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addLayout(bottom)
        self.fields = {"group": self.group_box, "held_on": self.date, "chair": self.chair, "topics": self.topics,
                       "present": self.roster, "other_attendees": self.others}

        self._roster_entries: list[ops.RosterEntry] = []
        self.group_box.currentIndexChanged.connect(lambda _i: self.refresh_lists())
        self.date.dateChanged.connect(lambda _d: self.refresh_lists())
        self.roster.itemChanged.connect(lambda _item: self.update_summary())
        self.others.valueChanged.connect(lambda _v: self.update_summary())
        all_button.clicked.connect(lambda: forms.set_all_checked(self.roster, True))
        none_button.clicked.connect(lambda: forms.set_all_checked(self.roster, False))
        self.copy_button.clicked.connect(self.copy_last)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        if draft is not None:
            self.apply(draft)
            self.group_box.setEnabled(self.meeting_id is None)
        else:
            self.refresh_lists(fixed_topics=True)

    # Filling ------------------------------------------------------------
    def group_id(self) -> int | None:
        return self.group_box.currentData()

    def apply(self, draft: ops.MeetingDraft) -> None:
        self.group_box.blockSignals(True)
        self.date.blockSignals(True)
        forms.select_value(self.group_box, draft.group_id)
        self.date.setDate(forms.to_qdate(draft.held_on))
        self.group_box.blockSignals(False)
        self.date.blockSignals(False)
        self.place.setText(draft.place)
        self.others.setValue(draft.other_attendees)
        self.minutes.setPlainText(draft.minutes)
        self.refresh_lists(topics=draft.topic_ids, present=draft.present_ids, chair=draft.chair_id)

    def refresh_lists(self, topics: list[int] | None = None, present: list[int] | None = None,
                      chair: int | None = None, fixed_topics: bool = False) -> None:
        gid = self.group_id()
        if gid is None:
            return
        held = forms.from_qdate(self.date)
        if topics is None and not fixed_topics:
            topics = forms.checked_values(self.topics)
        if present is None:
            present = forms.checked_values(self.roster)
        if chair is None:
            chair = self.chair.currentData()
        choices = ops.topic_choices(gid)
        if fixed_topics or (topics is not None and not topics):
            topics = [t.topic_id for t in choices if t.fixed]
        forms.fill_checks(self.topics, ((t.topic_id, t.name, t.topic_id in (topics or [])) for t in choices))
        self._roster_entries = ops.roster(gid, held)
        self.roster.blockSignals(True)
        forms.fill_checks(self.roster, ((e.person_id, self.roster_text(e), e.person_id in present)
                                        for e in self._roster_entries))
        self.roster.blockSignals(False)
        self.chair.clear()
        self.chair.addItem(NO_CHAIR, None)
        for e in self._roster_entries:
            self.chair.addItem(e.name, e.person_id)
        forms.select_value(self.chair, chair)
        self.update_summary()

    @staticmethod
    def roster_text(entry: ops.RosterEntry) -> str:
        role = label(entry.role) if entry.role else "Đảng viên phụ trách tổ"
        party = " · Đảng viên" if entry.is_party_member and entry.role else ""
        return f"{entry.name} — {role}{party}"

    def update_summary(self) -> None:
        ticked = set(forms.checked_values(self.roster))
        members = [e for e in self._roster_entries if e.role is not None]
        party = sum(1 for e in self._roster_entries if e.is_party_member and e.person_id in ticked)
        absent = sum(1 for e in members if e.person_id not in ticked)
        total = len(ticked) + self.others.value()
        self.summary.setText(f"Có mặt: {format_int(len(ticked))} · Đảng viên dự: {format_int(party)} · "
                             f"Vắng: {format_int(absent)} · Lượt người dự: {format_int(total)}")

    def copy_last(self) -> None:
        gid = self.group_id()
        if gid is None:
            return
        draft = ops.copy_last_meeting(gid, forms.from_qdate(self.date))
        self.apply(draft)

    # Saving -------------------------------------------------------------
    def save(self) -> None:
        try:
            meeting = ops.save_meeting(
                group=self.group_id(), held_on=forms.from_qdate(self.date), place=self.place.text(),
                chair=self.chair.currentData(), topics=forms.checked_values(self.topics),
                present=forms.checked_values(self.roster), other_attendees=self.others.value(),
                minutes=self.minutes.toPlainText(), meeting=self.meeting_id, today=self.today)
        except ModelError as error:
            forms.show_error(self, error, self.fields)
            return
        self.saved_id = meeting.id
        self.accept()


class AbsenteesDialog(QDialog):
    """Members who missed three (or more) meetings in a row in a period."""

    def __init__(self, parent: QWidget | None = None, year: int | None = None):
        super().__init__(parent)
        self.setWindowTitle("Vắng sinh hoạt nhiều buổi liên tiếp")
        self.resize(820, 520)
        year = year or dt.date.today().year
        self.first = forms.date_edit(dt.date(year, 1, 1))
        self.last = forms.date_edit(min(dt.date(year, 12, 31), dt.date.today()))
        self.runs = QSpinBox()
        self.runs.setRange(2, 12)
        self.runs.setValue(3)
        self.runs.setSuffix(" buổi")
        show = QPushButton("&Xem")
        bar = QHBoxLayout()
        for text, widget in (("&Từ ngày:", self.first), ("Đế&n ngày:", self.last), ("Vắng liên tiếp từ:", self.runs)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addWidget(show)
        bar.addStretch(1)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Họ và tên", "Tổ", "Số buổi vắng liên tiếp", "Buổi vắng gần nhất"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        show.clicked.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = ops.missed_in_a_row(first=forms.from_qdate(self.first), last=forms.from_qdate(self.last),
                                       in_a_row=self.runs.value())
        except ModelError as error:
            forms.show_error(self, error)
            return
        self.table.setRowCount(len(rows))
        for r, a in enumerate(rows):
            for c, text in enumerate((a.name, a.group_name, format_int(a.missed), format_date(a.last_missed))):
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.count.setText(f"{format_int(len(rows))} người")


class MeetingsPage(ListPage):
    title = "Sinh hoạt tổ"
    nav_title = "Sinh hoạt"
    noun = "buổi sinh hoạt"
    search_hint = "Tìm theo tên tổ"
    stretch_column = 1
    columns = [
        Column("Ngày"),
        Column("Tổ"),
        Column("Địa điểm"),
        Column("Chủ trì"),
        Column("Thành viên dự"),
        Column("Người dân khác"),
        Column("Lượt người dự"),
    ]

    def __init__(self, parent=None):
        super().__init__(MeetingRegisterListing(), parent)
        self.year_box = forms.ChoiceBox()
        self.year_box.setToolTip("Lọc theo năm")
        bar, self.buttons = forms.toolbar(self, [
            ("&Thêm buổi sinh hoạt", "Ctrl+N", self.add_meeting),
            ("&Sửa", None, self.edit_selected),
            ("&Xóa", None, self.delete_selected),
            ("Danh sách &vắng mặt", None, self.show_absentees_of_selected),
            ("Vắng &liên tiếp…", None, self.show_absentee_report),
        ])
        self.delete_button = self.buttons[2]
        self.delete_button.setEnabled(not context.read_only)
        caption = QLabel("&Năm:")
        caption.setBuddy(self.year_box)
        bar.insertWidget(0, caption)
        bar.insertWidget(1, self.year_box)
        self.layout_.insertLayout(2, bar)
        self.watch(self.table.doubleClicked, lambda _index: self.edit_selected())
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.edit_selected)
        self.watch(self.year_box.currentIndexChanged, lambda _i: self.apply_year())

    def load(self) -> None:
        self.year_box.blockSignals(True)
        self.year_box.clear()
        self.year_box.addItem(ALL_YEARS, None)
        for year in ops.meeting_years():
            self.year_box.addItem(str(year), year)
        self.year_box.blockSignals(False)
        super().load()

    def apply_year(self) -> None:
        self.model.set_filters(year=self.year_box.currentData())

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row(index.row())[ID_INDEX]

    def add_meeting(self) -> None:
        self.open_dialog(MeetingDialog(self))

    def edit_selected(self) -> None:
        mid = self.selected_id()
        if mid is None:
            return
        try:
            draft = ops.load_draft(mid)
        except ModelError as error:
            forms.show_error(self, error)
            return
        self.open_dialog(MeetingDialog(self, draft))

    def delete_selected(self) -> None:
        """A meeting entered by mistake: asked first, then marked deleted."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row(index.row())
        raised = ops.raised_at(row[ID_INDEX])
        kept = (f"\n{raised} kiến nghị nêu tại buổi này vẫn được giữ lại trong sổ kiến nghị." if raised else "")
        if not ask(self, "Xóa buổi sinh hoạt",
                   f"Xóa buổi sinh hoạt ngày {format_date(row[0])} của {row[1]}?\n"
                   "Buổi sinh hoạt sẽ không còn trong sổ và trong các số liệu báo cáo." + kept):
            return
        try:
            ops.delete_meeting(row[ID_INDEX])
        except ModelError as error:
            QMessageBox.warning(self, "Không xóa được", error.message)
            return
        self.model.reload()

    def open_dialog(self, dialog: MeetingDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.model.reload()

    def show_absentees_of_selected(self) -> None:
        mid = self.selected_id()
        if mid is None:
            return
        names = [e.name for e in ops.absentees(mid)]
        text = "\n".join(names) if names else "Không ai vắng."
        QMessageBox.information(self, "Vắng mặt buổi sinh hoạt", text)

    def show_absentee_report(self) -> None:
        AbsenteesDialog(self, self.year_box.currentData()).exec()

