"""Khu dân cư & Tổ: the groups, area by area, with their tổ trưởng."""

from __future__ import annotations

from PySide6.QtGui import QColor

from models import details
from models.listing import GroupListing

from ..labels import ACTIVE, DISSOLVED, YES
from ..register_dialogs import AreasDialog, GroupDetailDialog, GroupDialog
from ..table_model import CENTER, Column
from .register_base import RegisterPage

DISSOLVED_COLOR = QColor(120, 120, 120)
ACTIVE_INDEX = 6
ID_INDEX = 9


class GroupsPage(RegisterPage):
    title = "Khu dân cư & Tổ"
    noun = "tổ"
    search_hint = "Tìm tổ theo tên, ví dụ: dong tam"
    stretch_column = 8
    export_kind = "groups"
    import_kind = "groups"
    columns = [
        Column("Tên tổ"),
        Column("Khu dân cư"),
        Column("Loại tổ"),
        Column("Tổ trưởng"),
        Column("Số thành viên"),
        Column("Ngày thành lập"),
        Column("Tình trạng", fmt=lambda active: ACTIVE if active else DISSOLVED, align=CENTER),
        Column("Tổ trưởng là đảng viên", fmt=lambda v: YES if v else "", align=CENTER, width=150),
        Column("Đảng viên phụ trách"),
    ]

    def __init__(self, parent=None):
        super().__init__(GroupListing(), parent)
        self.add_unit_filter()
        self.add_filter("area_id", "Mọi khu dân cư", [])
        self.add_filter("group_type_id", "Mọi loại tổ", [])
        self.add_filter("active", "Mọi tình trạng", [(True, ACTIVE), (False, DISSOLVED)])
        self.add_button("&Khu dân cư…", self.manage_areas, writes=False).setToolTip(
            "Thêm, sửa, giải thể khu dân cư (thôn, ấp, khóm, khu phố, tổ dân phố)")
        self.add_button("&Thêm tổ…", self.add_group, "Ctrl+N")
        self.add_button("&Sửa…", self.edit_group)
        self.add_button("Thành &viên…", self.open_current, writes=False)
        self.add_excel_buttons()

    def load(self) -> None:
        box = self.filter_boxes["group_type_id"]
        while box.count() > 1:
            box.removeItem(1)
        for value, name in details.group_type_choices():
            box.addItem(name, value)
        super().load()

    def row_color(self, row: tuple) -> QColor | None:
        return None if row[ACTIVE_INDEX] else DISSOLVED_COLOR

    def manage_areas(self) -> None:
        dialog = AreasDialog(self)
        dialog.exec()
        if dialog.changed:
            self.load()

    def add_group(self) -> None:
        if GroupDialog(parent=self).exec():
            self.reload()

    def edit_group(self) -> None:
        row = self.current_row()
        if row is not None and GroupDialog(row[ID_INDEX], self).exec():
            self.reload()

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            GroupDetailDialog(row[ID_INDEX], self).exec()
            self.reload()
