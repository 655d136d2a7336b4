"""Người dân: everyone living in the unit, in Vietnamese name order."""

from __future__ import annotations

from models import details, registers
from models.enums import Role
from models.listing import PersonListing

from ..forms import ask, run_op
from ..labels import label
from ..register_dialogs import PersonDialog
from ..table_model import CENTER, Column
from .register_base import RegisterPage

ID_INDEX = 7


class PeoplePage(RegisterPage):
    title = "Người dân"
    noun = "người"
    search_hint = "Tìm theo họ tên, ví dụ: nguyen thi hai yen hoặc yen"
    stretch_column = 6
    export_kind = "people"
    import_kind = "people"
    columns = [
        Column("Họ và tên"),
        Column("Giới tính", align=CENTER),
        Column("Ngày sinh", align=CENTER),
        Column("Số CCCD", align=CENTER),
        Column("Điện thoại"),
        Column("Khu dân cư"),
        Column("Địa chỉ"),
    ]

    def __init__(self, parent=None):
        super().__init__(PersonListing(), parent)
        self.add_filter("area_id", "Mọi khu dân cư", [])
        self.add_filter("role", "Mọi vai trò", [(r, label(r)) for r in Role])
        self.add_button("&Thêm…", self.add_person, "Ctrl+N")
        self.add_button("&Sửa…", self.open_current, writes=False)
        self.add_button("&Xóa", self.delete_person, "Delete")
        self.add_excel_buttons()

    def load(self) -> None:
        box = self.filter_boxes["area_id"]
        for area_id, name in details.area_choices():
            box.addItem(name, area_id)
        super().load()

    def add_person(self) -> None:
        if PersonDialog(parent=self).exec():
            self.reload()

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None and PersonDialog(row[ID_INDEX], self).exec():
            self.reload()

    def delete_person(self) -> None:
        row = self.current_row()
        if row is None or not ask(self, "Xóa người dân", f"Xóa {row[0]} khỏi danh sách?\n"
                                  "Bản ghi được đánh dấu đã xóa (vẫn giữ để đồng bộ), không mất hẳn."):
            return
        if run_op(self, lambda: registers.delete_person(person_id=row[ID_INDEX])):
            self.reload()
