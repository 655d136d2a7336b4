"""Kiến nghị: residents' recommendations, newest first; overdue ones in red."""

from __future__ import annotations

from PySide6.QtGui import QColor

from models.listing import RecommendationListing

from ..labels import OVERDUE
from ..table_model import CENTER, OVERDUE_COLOR, Column
from .base import ListPage

OVERDUE_INDEX = 7


class RecommendationsPage(ListPage):
    title = "Kiến nghị, đề xuất"
    nav_title = "Kiến nghị"
    noun = "kiến nghị"
    search_hint = "Tìm theo tên tổ"
    stretch_column = 3
    columns = [
        Column("Ngày nêu"),
        Column("Tổ", width=190),
        Column("Lĩnh vực", width=130),
        Column("Nội dung"),
        Column("Chuyển đến", width=150),
        Column("Hạn giải quyết", width=100),
        Column("Tình trạng", width=140),
        Column("Quá hạn", fmt=lambda late: OVERDUE if late else "", align=CENTER),
    ]

    def __init__(self, parent=None):
        super().__init__(RecommendationListing(), parent)

    def row_color(self, row: tuple) -> QColor | None:
        return OVERDUE_COLOR if row[OVERDUE_INDEX] else None
