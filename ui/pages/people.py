"""Người dân: everyone living in the unit, in Vietnamese name order."""

from __future__ import annotations

from models.listing import PersonListing

from ..table_model import CENTER, Column
from .base import ListPage


class PeoplePage(ListPage):
    title = "Người dân"
    noun = "người"
    search_hint = "Tìm theo họ tên, ví dụ: nguyen thi hai yen hoặc yen"
    stretch_column = 6
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
