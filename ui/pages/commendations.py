"""Khen thưởng: commendation decisions, newest first."""

from __future__ import annotations

from models.listing import DecisionListing

from ..table_model import Column
from .base import ListPage


class CommendationsPage(ListPage):
    title = "Thi đua, khen thưởng"
    nav_title = "Khen thưởng"
    noun = "quyết định"
    search_hint = "Tìm theo số quyết định hoặc người ký"
    stretch_column = 2
    columns = [
        Column("Số quyết định"),
        Column("Ngày ký"),
        Column("Hình thức khen thưởng"),
        Column("Người ký"),
        Column("Số người, tập thể được khen"),
    ]

    def __init__(self, parent=None):
        super().__init__(DecisionListing(), parent)
