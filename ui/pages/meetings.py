"""Sinh hoạt: group meetings, newest first."""

from __future__ import annotations

from models.listing import MeetingListing

from ..table_model import Column
from .base import ListPage


class MeetingsPage(ListPage):
    title = "Sinh hoạt tổ"
    nav_title = "Sinh hoạt"
    noun = "buổi sinh hoạt"
    search_hint = "Tìm theo tên tổ"
    stretch_column = 1
    columns = [
        Column("Ngày"),
        Column("Tổ"),
        Column("Địa điểm"),
        Column("Chủ trì"),
        Column("Thành viên dự"),
        Column("Người dân khác"),
        Column("Lượt người dự"),
    ]

    def __init__(self, parent=None):
        super().__init__(MeetingListing(), parent)
