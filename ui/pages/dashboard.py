"""Tổng quan: headline figures of the current year."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from models.listing import Dashboard, dashboard
from models.text import format_int

from .base import BasePage

COLUMNS = 4


class Figure(QFrame):
    """One labelled number."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("figure")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(240)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        self.value = QLabel("")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        layout.addWidget(self.value, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.caption, 0, Qt.AlignmentFlag.AlignLeft)

    def set_value(self, value: int, alert: bool = False) -> None:
        self.value.setText(format_int(value))
        self.value.setStyleSheet("color: rgb(190, 20, 20);" if alert else "")


class DashboardPage(BasePage):
    title = "Tổng quan"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.subtitle = QLabel("")
        self.layout_.addWidget(self.subtitle)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.figures: dict[str, Figure] = {}
        for i, key in enumerate(
            ["active_groups", "people", "party_members", "meetings",
             "attendance", "open_recommendations", "overdue_recommendations"]
        ):
            figure = Figure("")
            self.figures[key] = figure
            grid.addWidget(figure, i // COLUMNS, i % COLUMNS)
        self.layout_.addLayout(grid)
        self.layout_.addStretch(1)

    def activate(self) -> None:
        # Figures change as data are entered: count again every time.
        self.loaded = True
        self.load()

    def load(self) -> None:
        self.show_figures(dashboard())

    def show_figures(self, data: Dashboard) -> None:
        year = data.year
        self.subtitle.setText(f"Số liệu đến hôm nay, năm {year}")
        captions = {
            "active_groups": ("Tổ đang hoạt động", data.active_groups),
            "people": ("Người dân", data.people),
            "party_members": ("Đảng viên", data.party_members),
            "meetings": (f"Buổi sinh hoạt tổ năm {year}", data.meetings),
            "attendance": (f"Lượt người dự sinh hoạt năm {year}", data.attendance),
            "open_recommendations": ("Kiến nghị chưa giải quyết xong", data.open_recommendations),
            "overdue_recommendations": ("Kiến nghị quá hạn", data.overdue_recommendations),
        }
        for key, (caption, value) in captions.items():
            figure = self.figures[key]
            figure.caption.setText(caption)
            figure.set_value(value, alert=key == "overdue_recommendations" and value > 0)
