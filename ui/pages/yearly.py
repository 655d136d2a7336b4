"""Yearly work: mediation cases (Hòa giải), household and group titles
entered in bulk (Danh hiệu), funds and budgets (Quỹ, kinh phí), coordination
rules with their yearly reviews (Quy chế phối hợp), and the terms of the
tổ trưởng (Nhiệm kỳ)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import meeting_ops, terms, yearly_ops
from models.activity_listing import FunctionListing, MediationListing
from models.base import ModelError, context
from models.enums import GroupTitleKind, HouseholdTitleKind, MediationOutcome
from models.mediation import MediationCase
from models.text import format_date, format_int, format_money, format_percent

from ..forms import ask
from ..labels import label
from ..table_model import CENTER, OVERDUE_COLOR, Column
from . import forms
from .base import BasePage, ListPage

ALL_YEARS = "Tất cả các năm"
ENDING_SOON_COLOR = QColor(176, 96, 0)


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Lưu")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    buttons.rejected.connect(dialog.reject)
    return buttons


def _year_box(value: int | None = None) -> QSpinBox:
    box = QSpinBox()
    box.setRange(yearly_ops.FIRST_YEAR, dt.date.today().year + 1)
    box.setValue(value or dt.date.today().year)
    return box


def _enter_opens(page: ListPage, slot) -> None:
    page.watch(page.table.doubleClicked, lambda _index: slot())
    enter = QShortcut(QKeySequence(Qt.Key.Key_Return), page.table)
    enter.setContext(Qt.ShortcutContext.WidgetShortcut)
    enter.activated.connect(slot)


def _labelled(bar: QHBoxLayout, text: str, widget: QWidget, at: int | None = None) -> None:
    caption = QLabel(text)
    caption.setBuddy(widget)
    if at is None:
        bar.addWidget(caption)
        bar.addWidget(widget)
    else:
        bar.insertWidget(at, caption)
        bar.insertWidget(at + 1, widget)


# -- Hòa giải --------------------------------------------------------------------

class MediationDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, case: MediationCase | None = None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.case = case
        self.setWindowTitle("Sửa vụ việc hòa giải" if case else "Thêm vụ việc hòa giải")
        self.resize(560, 440)
        self.area = forms.choice_box((a.id, a.name) for a in yearly_ops.area_choices())
        self.opened_on = forms.date_edit(case.opened_on if case else self.today)
        self.parties = QLineEdit(case.parties if case else "")
        self.parties.setPlaceholderText("Ví dụ: Ông Nguyễn Văn A và bà Trần Thị B")
        self.subject = QPlainTextEdit(case.subject if case else "")
        self.subject.setTabChangesFocus(True)
        self.subject.setFixedHeight(80)
        self.mediators = QLineEdit(case.mediators if case else "")
        self.outcome = forms.choice_box((o, label(o)) for o in MediationOutcome)
        self.closed_on = forms.date_edit(case.closed_on if case and case.closed_on else self.today)
        form = QFormLayout(self)
        form.addRow("&Khu dân cư:", self.area)
        form.addRow("&Ngày tiếp nhận:", self.opened_on)
        form.addRow("Các &bên:", self.parties)
        form.addRow("Nội &dung vụ việc:", self.subject)
        form.addRow("Người hòa giải:", self.mediators)
        form.addRow("&Kết quả:", self.outcome)
        form.addRow("Ngày &kết thúc:", self.closed_on)
        buttons = _buttons(self)
        buttons.accepted.connect(self.save)
        form.addRow(buttons)
        self.fields = {"area": self.area, "opened_on": self.opened_on, "parties": self.parties,
                       "subject": self.subject, "closed_on": self.closed_on}
        if case is not None:
            forms.select_value(self.area, case.area_id)
            forms.select_value(self.outcome, MediationOutcome(case.outcome))
        self.outcome.currentIndexChanged.connect(lambda _i: self._closed_enabled())
        self._closed_enabled()

    def _closed_enabled(self) -> None:
        self.closed_on.setEnabled(self.outcome.currentData() is not MediationOutcome.PENDING)

    def save(self) -> None:
        try:
            yearly_ops.save_mediation(
                area=self.area.currentData(), opened_on=forms.from_qdate(self.opened_on), parties=self.parties.text(),
                subject=self.subject.toPlainText(), mediators=self.mediators.text(),
                outcome=self.outcome.currentData(),
                closed_on=forms.from_qdate(self.closed_on) if self.closed_on.isEnabled() else None,
                case=self.case.id if self.case else None, today=self.today)
        except ModelError as error:
            forms.show_error(self, error, self.fields)
            return
        self.accept()


class MediationPage(ListPage):
    title = "Hòa giải ở cơ sở"
    nav_title = "Hòa giải"
    noun = "vụ việc"
    search_hint = "Tìm theo tên các bên"
    stretch_column = 3
    columns = [
        Column("Ngày tiếp nhận"),
        Column("Khu dân cư"),
        Column("Các bên", width=260),
        Column("Nội dung"),
        Column("Người hòa giải", width=200),
        Column("Kết quả", align=CENTER),
        Column("Ngày kết thúc"),
    ]

    def __init__(self, parent=None):
        super().__init__(MediationListing(), parent)
        self.year_box = forms.choice_box([(None, ALL_YEARS)] + [
            (y, str(y)) for y in range(dt.date.today().year, dt.date.today().year - 10, -1)])
        bar, buttons = forms.toolbar(self, [("&Thêm vụ việc", "Ctrl+N", self.add_case),
                                            ("&Sửa", None, self.edit_selected),
                                            ("&Xóa", None, self.delete_selected)])
        self.delete_button = buttons[2]
        self.delete_button.setEnabled(not context.read_only)
        self.summary = QLabel()
        _labelled(bar, "&Năm:", self.year_box, 0)
        bar.addWidget(self.summary)
        self.layout_.insertLayout(2, bar)
        self.watch(self.year_box.currentIndexChanged, lambda _i: self.model.set_filters(year=self.year_box.currentData()))
        _enter_opens(self, self.edit_selected)

    def add_case(self) -> None:
        if MediationDialog(self).exec() == QDialog.DialogCode.Accepted:
            self.model.reload()

    def edit_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        case = yearly_ops.get_mediation(self.model.row(index.row())[-1])
        if case is not None and MediationDialog(self, case).exec() == QDialog.DialogCode.Accepted:
            self.model.reload()

    def delete_selected(self) -> None:
        """A case entered by mistake: asked first, then marked deleted."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        case = yearly_ops.get_mediation(self.model.row(index.row())[-1])
        if case is None:
            return
        if not ask(self, "Xóa vụ việc hòa giải",
                   f"Xóa vụ việc hòa giải nhập nhầm giữa {case.parties} (tiếp nhận ngày {format_date(case.opened_on)})?\n"
                   "Vụ việc sẽ không còn trong danh sách và trong số liệu báo cáo."):
            return
        try:
            yearly_ops.delete_mediation(case.id)
        except ModelError as error:
            QMessageBox.warning(self, "Không xóa được", error.message)
            return
        self.model.reload()


# -- Danh hiệu ---------------------------------------------------------------------

class TitlesPage(BasePage):
    """Tick the households (or the area and its groups) that earned a title
    in a year, area by area, and save them at once."""

    title = "Danh hiệu hằng năm"
    nav_title = "Danh hiệu"

    KINDS: list[tuple[Any, str]] = [(k, label(k)) for k in HouseholdTitleKind] + [
        (k, f"Tổ, khu dân cư {label(k).lower()}") for k in GroupTitleKind]

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        bar = QHBoxLayout()
        self.year_box = _year_box(dt.date.today().year)
        self.area_box = forms.ChoiceBox()
        self.kind_box = forms.choice_box(self.KINDS)
        _labelled(bar, "&Năm:", self.year_box)
        _labelled(bar, "&Khu dân cư:", self.area_box)
        _labelled(bar, "&Danh hiệu:", self.kind_box)
        bar.addStretch(1)
        self.layout_.addLayout(bar)
        self.checks = forms.check_list()
        self.layout_.addWidget(self.checks, 1)
        bottom, (self.all_button, self.none_button, self.save_button) = forms.toolbar(self, [
            ("Chọn &tất cả", None, lambda: forms.set_all_checked(self.checks, True)),
            ("&Bỏ chọn", None, lambda: forms.set_all_checked(self.checks, False)),
            ("&Lưu", "Ctrl+S", self.save),
        ])
        self.summary = QLabel()
        bottom.insertWidget(0, self.summary)
        self.layout_.addLayout(bottom)
        for signal in (self.year_box.valueChanged, self.area_box.currentIndexChanged, self.kind_box.currentIndexChanged):
            self.watch(signal, lambda *_: self.refresh())
        self.watch(self.checks.itemChanged, lambda _item: self.update_summary())

    def load(self) -> None:
        self.area_box.blockSignals(True)
        for a in yearly_ops.area_choices():
            self.area_box.addItem(a.name, a.id)
        self.area_box.blockSignals(False)
        self.refresh()

    def household_kind(self) -> bool:
        return isinstance(self.kind_box.currentData(), HouseholdTitleKind)

    def refresh(self) -> None:
        area, year, kind = self.area_box.currentData(), self.year_box.value(), self.kind_box.currentData()
        if area is None:
            return
        self.checks.blockSignals(True)
        if self.household_kind():
            rows = yearly_ops.households_of_area(area, year, kind)
            forms.fill_checks(self.checks, ((h.head_id, f"{h.head_name} — {h.address}" if h.address else h.head_name,
                                             h.titled) for h in rows))
        else:
            rows = yearly_ops.group_titles_of_area(area, year, kind)
            forms.fill_checks(self.checks, (("area" if g.group_id is None else g.group_id,
                                             f"{g.name} (cả khu dân cư)" if g.group_id is None else g.name, g.titled)
                                            for g in rows))
        self.checks.blockSignals(False)
        self.update_summary()

    def update_summary(self) -> None:
        ticked = forms.checked_values(self.checks)
        if self.household_kind():
            whole, part, noun = self.checks.count(), len(ticked), "hộ"
        else:
            whole, part, noun = self.checks.count() - 1, len([t for t in ticked if t != "area"]), "tổ"
        self.summary.setText(f"Đạt danh hiệu: {format_int(part)}/{format_int(whole)} {noun} "
                             f"({format_percent(part, whole)})")

    def save(self) -> None:
        area, year, kind = self.area_box.currentData(), self.year_box.value(), self.kind_box.currentData()
        ticked = forms.checked_values(self.checks)
        try:
            if self.household_kind():
                added, withdrawn = yearly_ops.set_household_titles(area=area, year=year, kind=kind, heads=ticked)
            else:
                added, withdrawn = yearly_ops.set_group_titles(
                    area=area, year=year, kind=kind, groups=[t for t in ticked if t != "area"],
                    area_titled="area" in ticked)
        except ModelError as error:
            forms.show_error(self, error)
            return
        self.summary.setText(self.summary.text() + f" — đã lưu: thêm {format_int(added)}, bỏ {format_int(withdrawn)}")


# -- Quỹ, kinh phí -----------------------------------------------------------------

def _parse_money(text: str) -> int:
    digits = text.replace(".", "").replace(" ", "").replace("đ", "").replace(",", "").strip()
    return int(digits) if digits else 0


class FundsPage(BasePage):
    """Target and amount raised for a fund by each group of an area in a
    year, and each group's operating budget; typed in the table."""

    title = "Quỹ, cuộc vận động và kinh phí hoạt động"
    nav_title = "Quỹ, kinh phí"
    HEADERS = ["Tổ", "Chỉ tiêu (đồng)", "Vận động được (đồng)", "Tỷ lệ", "Kinh phí hoạt động (đồng)"]

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        bar = QHBoxLayout()
        self.year_box = _year_box()
        self.fund_box = forms.ChoiceBox()
        self.area_box = forms.ChoiceBox()
        _labelled(bar, "&Năm:", self.year_box)
        _labelled(bar, "&Quỹ:", self.fund_box)
        _labelled(bar, "&Khu dân cư:", self.area_box)
        bar.addStretch(1)
        self.layout_.addLayout(bar)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(self.HEADERS)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.layout_.addWidget(self.table, 1)
        bottom, _ = forms.toolbar(self, [("Thêm &quỹ…", None, self.add_fund), ("&Lưu", "Ctrl+S", self.save)])
        self.summary = QLabel()
        bottom.insertWidget(0, self.summary)
        self.layout_.addLayout(bottom)
        for signal in (self.year_box.valueChanged, self.fund_box.currentIndexChanged, self.area_box.currentIndexChanged):
            self.watch(signal, lambda *_: self.refresh())

    def load(self) -> None:
        self.fill_funds()
        self.area_box.blockSignals(True)
        for a in yearly_ops.area_choices():
            self.area_box.addItem(a.name, a.id)
        self.area_box.blockSignals(False)
        self.refresh()

    def fill_funds(self, select: int | None = None) -> None:
        self.fund_box.blockSignals(True)
        self.fund_box.clear()
        for f in yearly_ops.fund_choices():
            self.fund_box.addItem(f.name, f.id)
        forms.select_value(self.fund_box, select)
        self.fund_box.blockSignals(False)

    def refresh(self) -> None:
        fund, area = self.fund_box.currentData(), self.area_box.currentData()
        if fund is None or area is None:
            self.table.setRowCount(0)
            return
        lines = yearly_ops.fund_lines(fund=fund, year=self.year_box.value(), area=area)
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            name = QTableWidgetItem(line.group_name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            name.setData(Qt.ItemDataRole.UserRole, line.group_id)
            share = QTableWidgetItem(format_percent(line.raised, line.target) if line.target else "")
            share.setFlags(share.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 3, share)
            for c, value in ((1, line.target), (2, line.raised), (4, line.budget)):
                item = QTableWidgetItem("" if value is None else format_int(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
            share.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        target, raised = sum(l.target for l in lines), sum(l.raised for l in lines)
        self.summary.setText(f"Cộng: chỉ tiêu {format_money(target)}, vận động được {format_money(raised)} "
                             f"({format_percent(raised, target)})")

    def add_fund(self) -> None:
        name, ok = QInputDialog.getText(self, "Thêm quỹ, cuộc vận động", "Tên quỹ, cuộc vận động:")
        if not ok:
            return
        try:
            fund = yearly_ops.create_fund(name=name)
        except ModelError as error:
            forms.show_error(self, error)
            return
        self.fill_funds(fund.id)
        self.refresh()

    def save(self) -> None:
        lines, budgets = [], []
        try:
            for r in range(self.table.rowCount()):
                gid = self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)
                target, raised = (_parse_money(self.table.item(r, c).text()) for c in (1, 2))
                budget_text = self.table.item(r, 4).text().strip()
                lines.append((gid, target, raised))
                budgets.append((gid, _parse_money(budget_text) if budget_text else None))
        except ValueError:
            QMessageBox.warning(self, forms.ERROR_TITLE, f"Dòng {r + 1}: số tiền chỉ gồm chữ số, ví dụ 2.000.000.")
            return
        try:
            yearly_ops.save_fund_lines(fund=self.fund_box.currentData(), year=self.year_box.value(), lines=lines)
            yearly_ops.set_budgets(year=self.year_box.value(), amounts=budgets)
        except ModelError as error:
            forms.show_error(self, error)
            return
        self.refresh()
        self.summary.setText(self.summary.text() + " — đã lưu")


# -- Quy chế phối hợp ----------------------------------------------------------------

def _rule_rows(only_due: bool = False) -> list[tuple]:
    return [(r.group_name, r.area_name, r.signed_on, r.leader_name, r.front_head_name,
             r.last_review_year, (r.review_due, r.review_late), r.rule_id)
            for r in yearly_ops.rules(only_due=only_due)]


def _review_state(flags: tuple[bool, bool]) -> str:
    due, late = flags
    if late:
        return "Bỏ sót rà soát năm trước"
    return "Chưa rà soát năm nay" if due else "Đã rà soát"


class RuleDialog(QDialog):
    """Add a coordination rule, or correct one (``rule``)."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None, rule: Any = None):
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.rule = rule
        self.setWindowTitle("Sửa quy chế phối hợp" if rule else "Thêm quy chế phối hợp")
        self.resize(560, 320)
        self.group = forms.choice_box(((g.group_id, g.name) for g in meeting_ops.group_choices(meeting_only=False)),
                                      searchable=True)
        self.signed_on = forms.date_edit(rule.signed_on if rule else self.today)
        self.leader = QLineEdit(rule.leader_name if rule else "")
        self.front_head = QLineEdit(rule.front_head_name if rule else "")
        self.note = QLineEdit(rule.note if rule else "Quy chế phối hợp giữa Tổ trưởng và Trưởng ban công tác Mặt trận")
        if rule is not None:
            forms.select_value(self.group, rule.group_id)
        form = QFormLayout(self)
        form.addRow("&Tổ:", self.group)
        form.addRow("&Ngày ký:", self.signed_on)
        form.addRow("Tổ t&rưởng ký:", self.leader)
        form.addRow("Trưởng ban &CTMT ký:", self.front_head)
        form.addRow("&Ghi chú:", self.note)
        buttons = _buttons(self)
        buttons.accepted.connect(self.save)
        form.addRow(buttons)
        self.fields = {"group": self.group, "signed_on": self.signed_on, "leader_name": self.leader,
                       "front_head_name": self.front_head}

    def save(self) -> None:
        try:
            yearly_ops.save_rule(group=self.group.currentData(), signed_on=forms.from_qdate(self.signed_on),
                                 leader_name=self.leader.text(), front_head_name=self.front_head.text(),
                                 note=self.note.text(), rule=self.rule.id if self.rule else None, today=self.today)
        except ModelError as error:
            forms.show_error(self, error, self.fields)
            return
        self.accept()


class ReviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, rule_id: int, group_name: str, today: dt.date | None = None):
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.rule_id = rule_id
        self.setWindowTitle(f"Rà soát quy chế phối hợp — {group_name}")
        self.year = _year_box(self.today.year)
        self.reviewed_on = forms.date_edit(self.today)
        self.note = QLineEdit("Rà soát, đánh giá thực hiện quy chế")
        form = QFormLayout(self)
        form.addRow("&Năm rà soát:", self.year)
        form.addRow("&Ngày rà soát:", self.reviewed_on)
        form.addRow("Nhận &xét:", self.note)
        buttons = _buttons(self)
        buttons.accepted.connect(self.save)
        form.addRow(buttons)

    def save(self) -> None:
        try:
            yearly_ops.add_review(rule=self.rule_id, year=self.year.value(),
                                  reviewed_on=forms.from_qdate(self.reviewed_on), note=self.note.text(),
                                  today=self.today)
        except ModelError as error:
            forms.show_error(self, error, {"year": self.year, "reviewed_on": self.reviewed_on})
            return
        self.accept()


class RulesPage(ListPage):
    title = "Quy chế phối hợp giữa Tổ trưởng và Trưởng ban công tác Mặt trận"
    nav_title = "Quy chế phối hợp"
    noun = "quy chế"
    search_hint = "Tìm theo tên tổ hoặc khu dân cư"
    stretch_column = 0
    columns = [
        Column("Tổ"),
        Column("Khu dân cư"),
        Column("Ngày ký"),
        Column("Tổ trưởng ký"),
        Column("Trưởng ban CTMT ký"),
        Column("Rà soát gần nhất", fmt=lambda y: "" if y is None else str(y), align=CENTER),
        Column("Tình trạng", fmt=_review_state),
    ]

    def __init__(self, parent=None):
        super().__init__(FunctionListing(_rule_rows, search_columns=(0, 1), filters=("only_due",)), parent)
        self.only_due = QCheckBox("Chỉ quy chế &đến hạn rà soát")
        bar, _ = forms.toolbar(self, [("&Thêm quy chế", "Ctrl+N", self.add_rule),
                                      ("&Sửa", None, self.edit_selected),
                                      ("&Rà soát…", None, self.review_selected)])
        bar.insertWidget(0, self.only_due)
        self.layout_.insertLayout(2, bar)
        self.watch(self.only_due.toggled, lambda on: self.model.set_filters(only_due=True if on else None))
        _enter_opens(self, self.review_selected)

    def row_color(self, row: tuple) -> QColor | None:
        due, late = row[6]
        return OVERDUE_COLOR if late else (ENDING_SOON_COLOR if due else None)

    def show_due(self) -> None:
        self.only_due.setChecked(True)

    def add_rule(self) -> None:
        if RuleDialog(self).exec() == QDialog.DialogCode.Accepted:
            self.model.reload()

    def edit_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        rule = yearly_ops.get_rule(self.model.row(index.row())[-1])
        if rule is not None and RuleDialog(self, rule=rule).exec() == QDialog.DialogCode.Accepted:
            self.model.reload()

    def review_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row(index.row())
        if ReviewDialog(self, row[-1], row[0]).exec() == QDialog.DialogCode.Accepted:
            self.model.reload()


# -- Nhiệm kỳ --------------------------------------------------------------------

STATUS_TEXT = {terms.TermStatus.SERVING: "Trong nhiệm kỳ", terms.TermStatus.ENDING_SOON: "Sắp hết nhiệm kỳ",
               terms.TermStatus.PAST_DUE: "Đã quá nhiệm kỳ"}
TERM_TEXT = {30: "2,5 năm", 60: "5 năm"}


def _term_rows(status: terms.TermStatus | None = None) -> list[tuple]:
    today = dt.date.today()
    return [(t.group_name, t.area_name, t.person_name, t.role, t.start_date, t.ends_on,
             t.days_left(today), t.status) for t in terms.terms(today, status=status)]


def _days_left(days: int | None) -> str:
    if days is None:
        return "Chưa rõ ngày bắt đầu"
    if days < 0:
        return f"Quá {format_int(-days)} ngày"
    return f"Còn {format_int(days)} ngày"


class TermSettingsBox(QWidget):
    """The length of a tổ trưởng's term in this province (also meant for Cài đặt)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = forms.choice_box((m, TERM_TEXT[m]) for m in terms.TERM_CHOICES)
        _labelled(layout, "Nhiệm kỳ tổ trưởng (theo quy định của tỉnh):", self.box)
        layout.addWidget(QLabel(f"Quyền tổ trưởng: tối đa {terms.INTERIM_MONTHS} tháng."))
        self.load()
        self.box.currentIndexChanged.connect(lambda _i: self.save())

    def load(self) -> None:
        self.box.blockSignals(True)
        forms.select_value(self.box, terms.term_months())
        self.box.blockSignals(False)

    def save(self) -> None:
        try:
            terms.set_term_months(self.box.currentData())
        except ModelError as error:
            forms.show_error(self, error)


class TermSettingsTab(QWidget):
    """The Nhiệm kỳ tab of Cài đặt."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.box = TermSettingsBox()
        layout.addWidget(self.box)
        note = QLabel("Độ dài nhiệm kỳ do tỉnh, thành phố quy định; chương trình dùng nó để báo tổ trưởng "
                      "sắp hết nhiệm kỳ (trước 90 ngày) hoặc đã quá nhiệm kỳ.")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)

    def load(self) -> None:
        self.box.load()


class TermsPage(ListPage):
    title = "Nhiệm kỳ tổ trưởng"
    nav_title = "Nhiệm kỳ"
    noun = "tổ trưởng"
    search_hint = "Tìm theo tên tổ, khu dân cư hoặc người"
    stretch_column = 0
    columns = [
        Column("Tổ"),
        Column("Khu dân cư"),
        Column("Họ và tên"),
        Column("Chức danh"),
        Column("Từ ngày"),
        Column("Hết nhiệm kỳ"),
        Column("Còn lại", fmt=_days_left, align=CENTER),
        Column("Tình trạng", fmt=lambda s: STATUS_TEXT[s]),
    ]

    def __init__(self, parent=None):
        super().__init__(FunctionListing(_term_rows, search_columns=(0, 1, 2), filters=("status",)), parent)
        self.settings = TermSettingsBox()
        self.status_box = forms.choice_box([(None, "Tất cả")] + [(s, STATUS_TEXT[s]) for s in
                                                                  (terms.TermStatus.ENDING_SOON, terms.TermStatus.PAST_DUE)])
        bar = QHBoxLayout()
        _labelled(bar, "&Hiện:", self.status_box)
        bar.addSpacing(24)
        bar.addWidget(self.settings)
        bar.addStretch(1)
        self.layout_.insertLayout(2, bar)
        self.watch(self.status_box.currentIndexChanged, lambda _i: self.model.set_filters(status=self.status_box.currentData()))
        self.watch(self.settings.box.currentIndexChanged, lambda _i: self.model.reload())

    def activate(self) -> None:
        # The term length may have been changed in Cài đặt.
        self.settings.load()
        if self.loaded:
            self.model.reload()
        super().activate()

    def row_color(self, row: tuple) -> QColor | None:
        status = row[7]
        if status is terms.TermStatus.PAST_DUE:
            return OVERDUE_COLOR
        return ENDING_SOON_COLOR if status is terms.TermStatus.ENDING_SOON else None

    def show_attention(self) -> None:
        forms.select_value(self.status_box, terms.TermStatus.PAST_DUE)

