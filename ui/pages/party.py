"""Đảng viên: party members, in Vietnamese name order."""

from __future__ import annotations

from models.listing import PartyMemberListing

from ..table_model import CENTER, Column
from .base import ListPage


class PartyPage(ListPage):
    title = "Đảng viên"
    noun = "đảng viên"
    search_hint = "Tìm đảng viên theo họ tên"
    stretch_column = 5
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
