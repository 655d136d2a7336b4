"""Detail forms of the registers: a person, a group and its members, a party member."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import details, registers
from models.base import ModelError, context
from models.enums import AreaKind, Gender, Role
from models.fields import DATE_HINT, parse_day
from models.listing import PersonListing
from models.text import format_date

from .forms import FormDialog, combo, run_op
from .labels import label

GENDERS = [(g.value, label(g)) for g in Gender]
ROLES = [(r.value, label(r)) for r in Role]


def _day(text: str, what: str, field: str, required: bool = False) -> dt.date | None:
    try:
        value = parse_day(text, what)
    except ValueError as exc:
        raise ModelError(str(exc), field=field) from None
    if value is None and required:
        raise ModelError(f"{what} không được để trống.", field=field)
    return value


class PersonDialog(FormDialog):
    def __init__(self, person_id: int | None = None, parent: QWidget | None = None):
        super().__init__("Sửa thông tin người dân" if person_id else "Thêm người dân", parent)
        self.person_id = person_id
        v = details.person_form(person_id) if person_id else {}
        self.line("full_name", "Họ và tên (*)", v.get("full_name", ""), "ví dụ: Nguyễn Thị Hải Yến")
        self.add("gender", "Giới tính", combo(GENDERS, v.get("gender") or None))
        self.line("birth", "Ngày sinh", v.get("birth", ""), "14/05/1978, hoặc chỉ năm sinh: 1955")
        self.line("id_number", "Số CCCD", v.get("id_number", ""), "12 chữ số (CMND cũ: 9 chữ số)")
        self.line("phone", "Điện thoại", v.get("phone", ""), "0912345678")
        self.add("area_id", "Khu dân cư", combo(details.area_choices(), v.get("area_id")))
        self.line("address", "Địa chỉ", v.get("address", ""))
        self.line("ethnicity", "Dân tộc", v.get("ethnicity", "Kinh"))
        self.line("religion", "Tôn giáo", v.get("religion", ""))
        self.line("occupation", "Nghề nghiệp", v.get("occupation", ""))
        if context.read_only:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def submit(self) -> Any:
        values = {k: self.value(k) for k in self.fields}
        return registers.save_person(person_id=self.person_id, **values)


class GroupDialog(FormDialog):
    def __init__(self, group_id: int | None = None, parent: QWidget | None = None):
        super().__init__("Sửa tổ" if group_id else "Thêm tổ", parent)
        self.group_id = group_id
        v = details.group_form(group_id) if group_id else {}
        self.line("name", "Tên tổ (*)", v.get("name", ""), "ví dụ: Tổ dân phố số 5")
        self.add("area", "Khu dân cư (*)", combo(details.area_choices(), v.get("area_id")))
        self.add("group_type", "Loại tổ (*)", combo(details.group_type_choices(), v.get("group_type_id")))
        self.line("founded_on", "Ngày thành lập", format_date(v.get("founded_on")), DATE_HINT)

    def submit(self) -> Any:
        return registers.save_group(
            group_id=self.group_id, name=self.value("name"), area_id=self.value("area"),
            group_type_id=self.value("group_type"),
            founded_on=_day(self.value("founded_on"), "Ngày thành lập", "founded_on"))


class GrowingFormDialog(FormDialog):
    """A small form that grows to show a long error under a field (a
    word-wrapped label only gets its height through height-for-width)."""

    def show_errors(self, errors: dict[str, str]) -> None:
        super().show_errors(errors)
        layout = self.layout()
        layout.invalidate()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)


class AreaDialog(GrowingFormDialog):
    """Add a residential area, or correct one (name, kind, head of the Front
    work committee)."""

    def __init__(self, parent: QWidget | None = None, area_id: int | None = None):
        super().__init__("Sửa khu dân cư" if area_id else "Thêm khu dân cư", parent)
        self.area_id = area_id
        v = registers.area_form(area_id) if area_id else {}
        self.line("name", "Tên khu dân cư (*)", v.get("name", ""), "ví dụ: Khu phố 3, Thôn Đông")
        self.add("kind", "Loại", combo([(k.value, label(k)) for k in AreaKind], v.get("kind", AreaKind.KHU_PHO.value),
                                        empty=None))
        self.line("front_head_name", "Trưởng ban công tác Mặt trận", v.get("front_head_name", ""),
                  "họ và tên, ví dụ: Trần Văn Bình")
        if context.read_only:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def submit(self) -> Any:
        return registers.save_area(area_id=self.area_id, name=self.value("name"), kind=self.value("kind"),
                                   front_head_name=self.value("front_head_name"))


class AreasDialog(QDialog):
    """The residential areas: add, correct, dissolve."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Khu dân cư")
        self.resize(820, 460)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Tên khu dân cư", "Loại", "Trưởng ban công tác Mặt trận",
                                              "Số tổ đang hoạt động", "Tình trạng"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(110)
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.add_button = QPushButton("&Thêm…")
        self.edit_button = QPushButton("&Sửa…")
        self.dissolve_button = QPushButton("&Giải thể…")
        for b in (self.add_button, self.edit_button, self.dissolve_button):
            bar.addWidget(b)
            b.setEnabled(not context.read_only)
        bar.addStretch(1)
        layout.addLayout(bar)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add_area)
        self.edit_button.clicked.connect(self.edit_area)
        self.dissolve_button.clicked.connect(self.dissolve_area)
        self.table.doubleClicked.connect(lambda _index: self.edit_area())
        self.table.itemSelectionChanged.connect(self.update_buttons)
        self.changed = False
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        self.rows = registers.area_rows()
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            status = f"Đã giải thể ngày {format_date(r.dissolved_on)}" if r.dissolved_on else "Đang hoạt động"
            values = [r.name, label(r.kind), r.front_head_name, str(r.active_groups), status]
            for j, text in enumerate(values):
                item = QTableWidgetItem(text)
                if j == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if r.dissolved_on:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(i, j, item)
            if r.area_id == select:
                self.table.selectRow(i)
        self.update_buttons()

    def current(self) -> registers.AreaRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectedItems() else None

    def update_buttons(self) -> None:
        area = self.current()
        writable = not context.read_only
        self.edit_button.setEnabled(writable and area is not None)
        self.dissolve_button.setEnabled(writable and area is not None and area.dissolved_on is None)

    def add_area(self) -> None:
        dialog = AreaDialog(self)
        if dialog.exec():
            self.changed = True
            self.refresh(dialog.result_value.id)

    def edit_area(self) -> None:
        area = self.current()
        if area is not None and not context.read_only and AreaDialog(self, area.area_id).exec():
            self.changed = True
            self.refresh(area.area_id)

    def dissolve_area(self) -> None:
        area = self.current()
        if area is None:
            return
        dialog = DateDialog(f"Giải thể {area.name}", "Ngày giải thể",
                            lambda day: registers.dissolve_area(area_id=area.area_id, on=day), self, field="on")
        if dialog.exec():
            self.changed = True
            self.refresh(area.area_id)


class PersonPicker(QWidget):
    """Search box and a short list of matching people (the word index)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Gõ họ tên để tìm, ví dụ: nguyen thi hai yen")
        self.results = QListWidget()
        self.results.setMaximumHeight(150)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(lambda: self.results.setFocus())
        self.listing = PersonListing()

    def refresh(self, text: str) -> None:
        self.results.clear()
        if not text.strip():
            return
        for row in self.listing.fetch(0, 30, text):
            item = QListWidgetItem(f"{row[0]} — {row[2] or 'không rõ năm sinh'} — {row[5]}")
            item.setData(Qt.ItemDataRole.UserRole, row[-1])
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def person_id(self) -> int | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class MemberDialog(FormDialog):
    """Add a member to a group; a new tổ trưởng ends the previous one's term."""

    def __init__(self, group_id: int, parent: QWidget | None = None):
        super().__init__("Thêm thành viên tổ", parent)
        self.group_id = group_id
        self.picker = PersonPicker()
        self.add("person", "Người dân (*)", self.picker)
        self.add("role", "Vai trò", combo(ROLES, Role.MEMBER.value, empty=None))
        self.line("start_date", "Từ ngày", format_date(dt.date.today()), DATE_HINT)
        self.line("end_date", "Đến ngày", "", "để trống nếu chưa định; quyền tổ trưởng: tối đa 6 tháng")

    def submit(self) -> Any:
        person_id = self.picker.person_id()
        if person_id is None:
            raise ModelError("Hãy tìm và chọn một người trong danh sách.", field="person")
        return registers.add_member(group_id=self.group_id, person_id=person_id, role=self.value("role"),
                                    start_date=_day(self.value("start_date"), "Ngày bắt đầu", "start_date", True),
                                    end_date=_day(self.value("end_date"), "Ngày kết thúc", "end_date"))


class DateDialog(GrowingFormDialog):
    """One date to enter; ``field`` is the name the operation gives it in
    its errors, so that they show under the date."""

    def __init__(self, title: str, what: str, action: Any, parent: QWidget | None = None, field: str = "day"):
        super().__init__(title, parent)
        self.setMinimumWidth(520)
        self.what, self.action, self.key = what, action, field
        self.line(field, what, format_date(dt.date.today()), DATE_HINT)

    def submit(self) -> Any:
        return self.action(_day(self.value(self.key), self.what, self.key, True))


class EndAssignmentDialog(GrowingFormDialog):
    """End a party member's care of a group: choose the assignment, enter the day."""

    def __init__(self, *, party_member_id: int | None = None, group_id: int | None = None,
                 assignment_id: int | None = None, parent: QWidget | None = None):
        super().__init__("Kết thúc phân công phụ trách tổ", parent)
        self.setMinimumWidth(640)
        today = dt.date.today()
        self.open = [a for a in details.assignments(group_id=group_id, party_member_id=party_member_id)
                     if a.end is None or a.end > today]
        choices = [(a.assignment_id, f"{a.party_member} — {a.group_name} (từ {format_date(a.start)})")
                   for a in self.open]
        self.add("assignment", "Phân công (*)", combo(choices, assignment_id, empty=None if choices else "— không có —"))
        self.line("end_date", "Ngày kết thúc (*)", format_date(today), DATE_HINT)

    def submit(self) -> Any:
        assignment_id = self.value("assignment")
        if assignment_id is None:
            raise ModelError("Không có phân công nào đang thực hiện để kết thúc.", field="assignment")
        return registers.end_assignment(assignment_id=assignment_id,
                                        end_date=_day(self.value("end_date"), "Ngày kết thúc", "end_date", True))


class GroupDetailDialog(QDialog):
    """A group's members with their roles and dates, and its party members."""

    def __init__(self, group_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.group_id = group_id
        form = details.group_form(group_id)
        self.setWindowTitle(f"Tổ: {form['name']}")
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        layout.addWidget(self.heading)
        self.members = QTableWidget(0, 5)
        self.members.setHorizontalHeaderLabels(["Họ và tên", "Vai trò", "Từ ngày", "Đến ngày", "Đảng viên"])
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.verticalHeader().setVisible(False)
        self.members.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.members, 1)
        bar = QHBoxLayout()
        self.add_button = QPushButton("&Thêm thành viên…")
        self.end_button = QPushButton("&Kết thúc nhiệm vụ…")
        self.dissolve_button = QPushButton("&Giải thể tổ…")
        for b in (self.add_button, self.end_button, self.dissolve_button):
            bar.addWidget(b)
            b.setEnabled(not context.read_only)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(QLabel("Đảng viên phụ trách tổ:"))
        self.carers = QListWidget()
        self.carers.setMaximumHeight(110)
        layout.addWidget(self.carers)
        carer_bar = QHBoxLayout()
        self.end_assignment_button = QPushButton("Kết thúc &phân công…")
        self.end_assignment_button.setEnabled(not context.read_only)
        carer_bar.addWidget(self.end_assignment_button)
        carer_bar.addStretch(1)
        layout.addLayout(carer_bar)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add_member)
        self.end_button.clicked.connect(self.end_member)
        self.dissolve_button.clicked.connect(self.dissolve)
        self.end_assignment_button.clicked.connect(self.end_assignment)
        self.refresh()

    def refresh(self) -> None:
        form = details.group_form(self.group_id)
        status = (f"đã giải thể ngày {format_date(form['dissolved_on'])}" if form["dissolved_on"]
                  else "đang hoạt động")
        self.heading.setText(f"<b>{form['name']}</b> — thành lập {format_date(form['founded_on']) or 'không rõ'}, {status}")
        self.dissolve_button.setEnabled(form["dissolved_on"] is None and not context.read_only)
        self.rows = details.group_members(self.group_id)
        self.members.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            values = [r.name, label(r.role), format_date(r.start), format_date(r.end), "Có" if r.party else ""]
            for j, text in enumerate(values):
                item = QTableWidgetItem(text)
                if not r.serving:
                    item.setForeground(Qt.GlobalColor.gray)
                self.members.setItem(i, j, item)
        self.members.resizeColumnsToContents()
        self.carers.clear()
        for a in details.assignments(group_id=self.group_id):
            until = f" đến {format_date(a.end)}" if a.end else ""
            item = QListWidgetItem(f"{a.party_member} — từ {format_date(a.start)}{until}")
            item.setData(Qt.ItemDataRole.UserRole, a.assignment_id)
            if a.end is not None and a.end <= dt.date.today():
                item.setForeground(Qt.GlobalColor.gray)
            self.carers.addItem(item)

    def add_member(self) -> None:
        if MemberDialog(self.group_id, self).exec():
            self.refresh()

    def end_member(self) -> None:
        row = self.members.currentRow()
        if row < 0:
            return
        m = self.rows[row]
        dialog = DateDialog(f"Kết thúc nhiệm vụ của {m.name}", "Ngày kết thúc",
                            lambda day: registers.end_membership(membership_id=m.membership_id, end_date=day), self,
                            field="end_date")
        if dialog.exec():
            self.refresh()

    def end_assignment(self) -> None:
        item = self.carers.currentItem()
        chosen = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if EndAssignmentDialog(group_id=self.group_id, assignment_id=chosen, parent=self).exec():
            self.refresh()

    def dissolve(self) -> None:
        dialog = DateDialog("Giải thể tổ", "Ngày giải thể",
                            lambda day: registers.dissolve_group(group_id=self.group_id, on=day), self, field="on")
        if dialog.exec():
            self.refresh()


class PartyMemberDialog(FormDialog):
    def __init__(self, party_member_id: int | None = None, parent: QWidget | None = None):
        super().__init__("Sửa đảng viên" if party_member_id else "Thêm đảng viên", parent)
        self.party_member_id = party_member_id
        v = details.party_member_form(party_member_id) if party_member_id else {}
        self.person_id = v.get("person_id")
        if party_member_id:
            self.add("person", "Họ và tên", QLabel(v["person_name"]))
        else:
            self.picker = PersonPicker()
            self.add("person", "Người dân (*)", self.picker)
        self.line("card_number", "Số thẻ đảng viên", v.get("card_number", ""))
        self.line("admitted_on", "Ngày vào Đảng", v.get("admitted_on", ""), DATE_HINT)
        self.line("official_on", "Ngày chính thức", v.get("official_on", ""), DATE_HINT)
        self.line("party_cell", "Chi bộ", v.get("party_cell", ""))
        self.line("workplace_org", "Tổ chức đảng nơi công tác", v.get("workplace_org", ""))
        self.check("lives_here", "Sinh hoạt nơi cư trú", v.get("lives_here", False))
        self.check("excused", "Miễn sinh hoạt", v.get("excused", False))

    def submit(self) -> Any:
        person_id = self.person_id if self.party_member_id else self.picker.person_id()
        return registers.save_party_member(
            party_member_id=self.party_member_id, person_id=person_id,
            **{k: self.value(k) for k in ("card_number", "admitted_on", "official_on", "party_cell",
                                          "workplace_org", "lives_here", "excused")})


class AssignDialog(FormDialog):
    """Give a party member groups to look after."""

    def __init__(self, party_member_id: int, parent: QWidget | None = None):
        name = details.party_member_form(party_member_id)["person_name"]
        super().__init__(f"Phân công {name} phụ trách tổ", parent)
        self.party_member_id = party_member_id
        self.groups = QListWidget()
        for gid, gname in details.group_choices():
            item = QListWidgetItem(gname)
            item.setData(Qt.ItemDataRole.UserRole, gid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.groups.addItem(item)
        self.add("groups", "Các tổ (*)", self.groups)
        self.line("start_date", "Từ ngày", format_date(dt.date.today()), DATE_HINT)
        self.line("end_date", "Đến ngày", "", "để trống nếu chưa định")
        current = details.assignments(party_member_id=party_member_id)
        if current:
            text = "; ".join(f"{a.group_name} (từ {format_date(a.start)})" for a in current if a.end is None)
            self.add("current", "Đang phụ trách", QLabel(text or "—"))

    def submit(self) -> Any:
        chosen = [self.groups.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.groups.count())
                  if self.groups.item(i).checkState() == Qt.CheckState.Checked]
        return registers.assign_party_member(
            party_member_id=self.party_member_id, group_ids=chosen,
            start_date=_day(self.value("start_date"), "Ngày bắt đầu", "start_date", True),
            end_date=_day(self.value("end_date"), "Ngày kết thúc", "end_date"))


__all__ = [
    "AreaDialog",
    "AreasDialog",
    "AssignDialog",
    "EndAssignmentDialog",
    "GroupDetailDialog",
    "GroupDialog",
    "MemberDialog",
    "PartyMemberDialog",
    "PersonDialog",
    "run_op",
]
