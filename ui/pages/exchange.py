"""Trao đổi dữ liệu: the units whose data are in this database (later, the package log)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from models.listing import AdminUnitListing

from ..table_model import CENTER, Column
from .base import ListPage


class ExchangePage(ListPage):
    title = "Trao đổi dữ liệu"
    noun = "đơn vị"
    search_hint = "Tìm đơn vị theo tên hoặc mã"
    stretch_column = 1
    columns = [
        Column("Mã đơn vị", align=CENTER),
        Column("Tên đơn vị"),
        Column("Cấp"),
        Column("Mã tỉnh", align=CENTER),
    ]

    def __init__(self, parent=None):
        super().__init__(AdminUnitListing(), parent)
        note = QLabel(
            "Các đơn vị có dữ liệu trong cơ sở dữ liệu này. Gửi và nhận gói dữ liệu qua USB, "
            "cùng nhật ký các gói đã gửi, đã nhận, sẽ có ở đây trong phiên bản sau."
        )
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)
