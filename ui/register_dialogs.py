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


class AreaDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("Thêm khu dân cư", parent)
        self.line("name", "Tên khu dân cư (*)", "", "ví dụ: Khu phố 3, Thôn Đông")
        self.add("kind", "Loại", combo([(k.value, label(k)) for k in AreaKind], AreaKind.KHU_PHO.value, empty=None))
        self.line("front_head_name", "Trưởng ban công tác Mặt trận")

    def submit(self) -> Any:
        return registers.save_area(name=self.value("name"), kind=self.value("kind"),
                                   front_head_name=self.value("front_head_name"))


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

    def submit(self) -> Any:
        person_id = self.picker.person_id()
        if person_id is None:
            raise ModelError("Hãy tìm và chọn một người trong danh sách.", field="person")
        return registers.add_member(group_id=self.group_id, person_id=person_id, role=self.value("role"),
                                    start_date=_day(self.value("start_date"), "Ngày bắt đầu", "start_date", True))


class DateDialog(FormDialog):
    def __init__(self, title: str, what: str, action: Any, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.what, self.action = what, action
        self.line("day", what, format_date(dt.date.today()), DATE_HINT)

    def submit(self) -> Any:
        return self.action(_day(self.value("day"), self.what, "day", True))


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
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add_member)
        self.end_button.clicked.connect(self.end_member)
        self.dissolve_button.clicked.connect(self.dissolve)
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
            self.carers.addItem(f"{a.party_member} — từ {format_date(a.start)}{until}")

    def add_member(self) -> None:
        if MemberDialog(self.group_id, self).exec():
            self.refresh()

    def end_member(self) -> None:
        row = self.members.currentRow()
        if row < 0:
            return
        m = self.rows[row]
        dialog = DateDialog(f"Kết thúc nhiệm vụ của {m.name}", "Ngày kết thúc",
                            lambda day: registers.end_membership(membership_id=m.membership_id, end_date=day), self)
        if dialog.exec():
            self.refresh()

    def dissolve(self) -> None:
        dialog = DateDialog("Giải thể tổ", "Ngày giải thể",
                            lambda day: registers.dissolve_group(group_id=self.group_id, on=day), self)
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


__all__ = ["PersonDialog", "GroupDialog", "AreaDialog", "GroupDetailDialog", "PartyMemberDialog", "AssignDialog",
           "MemberDialog", "run_op"]
