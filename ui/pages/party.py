"""Đảng viên: party members, in Vietnamese name order."""

from __future__ import annotations

from models.listing import PartyMemberListing

from ..register_dialogs import AssignDialog, EndAssignmentDialog, PartyMemberDialog
from ..table_model import CENTER, Column
from .register_base import RegisterPage

ID_INDEX = 8


class PartyPage(RegisterPage):
    title = "Đảng viên"
    noun = "đảng viên"
    search_hint = "Tìm đảng viên theo họ tên"
    stretch_column = 5
    export_kind = "party-members"
    import_kind = "party-members"
    columns = [
        Column("Họ và tên"),
        Column("Số thẻ", align=CENTER),
        Column("Ngày vào Đảng"),
        Column("Ngày chính thức"),
        Column("Chi bộ"),
        Column("Tổ chức đảng nơi công tác"),
        Column("Sinh hoạt nơi cư trú", width=140),
        Column("Miễn sinh hoạt", width=110),
    ]

    def __init__(self, parent=None):
        super().__init__(PartyMemberListing(), parent)
        self.add_unit_filter()
        self.add_filter("area_id", "Mọi khu dân cư", [])
        self.add_filter("lives_here", "Mọi nơi sinh hoạt", [(True, "Sinh hoạt nơi cư trú")])
        self.add_button("&Thêm…", self.add_member, "Ctrl+N")
        self.add_button("&Sửa…", self.open_current, writes=False)
        self.add_button("&Phân công phụ trách tổ…", self.assign)
        self.add_button("&Kết thúc phân công…", self.end_assignment)
        self.add_excel_buttons()

    def add_member(self) -> None:
        if PartyMemberDialog(parent=self).exec():
            self.reload()

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None and PartyMemberDialog(row[ID_INDEX], self).exec():
            self.reload()

    def assign(self) -> None:
        row = self.current_row()
        if row is not None and AssignDialog(row[ID_INDEX], self).exec():
            self.reload()

    def end_assignment(self) -> None:
        row = self.current_row()
        if row is not None and EndAssignmentDialog(party_member_id=row[ID_INDEX], parent=self).exec():
            self.reload()
