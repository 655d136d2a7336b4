"""Khu dân cư & Tổ: the groups, area by area, with their tổ trưởng."""

from __future__ import annotations

from PySide6.QtGui import QColor

from models.listing import GroupListing

from ..labels import ACTIVE, DISSOLVED
from ..table_model import CENTER, Column

DISSOLVED_COLOR = QColor(120, 120, 120)
ACTIVE_INDEX = 6
from .base import ListPage


class GroupsPage(ListPage):
    title = "Khu dân cư & Tổ"
    noun = "tổ"
    search_hint = "Tìm tổ theo tên, ví dụ: dong tam"
    columns = [
        Column("Tên tổ"),
        Column("Khu dân cư"),
        Column("Loại tổ"),
        Column("Tổ trưởng"),
        Column("Số thành viên"),
        Column("Ngày thành lập"),
        Column("Tình trạng", fmt=lambda active: ACTIVE if active else DISSOLVED, align=CENTER),
    ]

    def __init__(self, parent=None):
        super().__init__(GroupListing(), parent)

    def row_color(self, row: tuple) -> QColor | None:
        return None if row[ACTIVE_INDEX] else DISSOLVED_COLOR
