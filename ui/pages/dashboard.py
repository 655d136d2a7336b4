"""Tổng quan: the figures a year-end report needs, this year beside last
year, and what needs action today. Counted off the UI thread."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from models import db as dbmod
from models import statistics, yearly_ops
from models.enums import Level
from models.statistics import Overview
from models.text import format_date, format_int

from ..figures import ROWS, fund_caption, fund_values
from . import forms
from .base import BasePage

ALERT = "color: rgb(190, 20, 20); font-weight: bold;"
WHOLE_UNIT = "Toàn đơn vị"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for c in range(1, len(headers)):
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _cell(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class DashboardPage(BasePage):
    title = "Tổng quan"
    # Asks the window to show another page: "recommendations", "rules", "terms".
    open_page = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.overview: Overview | None = None
        self.busy = False
        self.again = False  # the year or area changed while counting
        bar = QHBoxLayout()
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(dt.date.today().year)
        self.area_box = forms.ChoiceBox()
        # At a province office the figures can be of one commune (then of its areas).
        self.unit_box = forms.ChoiceBox()
        self.status = QLabel("")
        self.unit_caption = QLabel("&Xã, phường:")
        for caption, widget in ((QLabel("&Năm:"), self.year_box), (self.unit_caption, self.unit_box),
                                (QLabel("&Khu dân cư:"), self.area_box)):
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addWidget(self.status)
        bar.addStretch(1)
        self.layout_.addLayout(bar)

        # What needs action, in red when there is something.
        action_box = QGroupBox("Việc cần làm")
        actions = QHBoxLayout(action_box)
        self.overdue_button = QPushButton()
        self.reviews_button = QPushButton()
        self.terms_button = QPushButton()
        for button, page in ((self.overdue_button, "recommendations"), (self.reviews_button, "rules"),
                             (self.terms_button, "terms")):
            button.setFlat(False)
            button.clicked.connect(lambda _checked=False, p=page: self.open_page.emit(p))
            actions.addWidget(button)
        actions.addStretch(1)
        self.layout_.addWidget(action_box)

        tables = QHBoxLayout()
        self.figures = _table(["Chỉ tiêu", "Năm trước", "Năm nay"])
        self.categories = _table(["Kiến nghị theo lĩnh vực", "Phát sinh", "Giải quyết", "Trả lời", "Quá hạn"])
        tables.addWidget(self.figures, 3)
        tables.addWidget(self.categories, 2)
        self.layout_.addLayout(tables, 1)
        self.year_box.valueChanged.connect(lambda _v: self.load())
        self.area_box.currentIndexChanged.connect(lambda _i: self.load())
        self.unit_box.currentIndexChanged.connect(lambda _i: self._unit_changed())

    def activate(self) -> None:
        # Figures change as data are entered: count again every time.
        if not self.loaded:
            province = dbmod.home_level() is Level.PROVINCE
            self.unit_caption.setVisible(province)
            self.unit_box.setVisible(province)
            if province:
                self.unit_box.blockSignals(True)
                self.unit_box.addItem(WHOLE_UNIT, None)
                for c in yearly_ops.commune_choices():
                    self.unit_box.addItem(c.name, c.id)
                self.unit_box.blockSignals(False)
            self._fill_areas()
        self.loaded = True
        self.load()

    def unit(self) -> str | None:
        return self.unit_box.currentData() if self.unit_box.isVisibleTo(self) else None

    def _fill_areas(self) -> None:
        """Areas of the chosen commune; at a province office, none until one is chosen."""
        self.area_box.blockSignals(True)
        self.area_box.clear()
        self.area_box.addItem(WHOLE_UNIT, None)
        unit = self.unit()
        if unit is not None or not self.unit_box.isVisibleTo(self):
            for a in yearly_ops.area_choices(unit):
                self.area_box.addItem(a.name, a.id)
        self.area_box.setEnabled(self.area_box.count() > 1)
        self.area_box.blockSignals(False)

    def _unit_changed(self) -> None:
        self._fill_areas()
        self.load()

    def load(self) -> None:
        if self.busy:
            self.again = True
            return
        self.busy = True
        self.status.setText("Đang tính số liệu…")
        year, area, unit = self.year_box.value(), self.area_box.currentData(), self.unit()
        forms.run_in_background(self, lambda: statistics.overview(year, unit=unit, area=area), self._shown,
                                self._failed)

    def _failed(self, error: object) -> None:
        self.busy = False
        self.status.setText(f"Không tính được số liệu: {error}")

    def _shown(self, data: Overview) -> None:
        self.busy = False
        self.show_overview(data)
        if self.again:
            self.again = False
            self.load()

    def show_overview(self, data: Overview) -> None:
        self.overview = data
        this, last = data.this_year, data.last_year
        self.status.setText(f"Số liệu năm {this.year} tính đến ngày {format_date(this.reference_day)}")
        self.figures.setHorizontalHeaderLabels(["Chỉ tiêu", f"Năm {last.year}", f"Năm {this.year}"])
        rows = list(ROWS) + [(fund_caption(fund), None) for fund in this.funds]
        self.figures.setRowCount(len(rows))
        for r, (caption, show) in enumerate(rows):
            if show is None:
                values = fund_values(this.funds[r - len(ROWS)], last)
            else:
                values = [show(last), show(this)]
            self.figures.setItem(r, 0, _cell(caption))
            for c, text in enumerate(values, start=1):
                self.figures.setItem(r, c, _cell(text, right=True))
        self.categories.setHorizontalHeaderLabels(
            [f"Kiến nghị năm {this.year} theo lĩnh vực", "Phát sinh", "Giải quyết", "Trả lời", "Quá hạn"])
        cats = list(this.categories)
        self.categories.setRowCount(len(cats) + 1)
        for r, c in enumerate(cats):
            self.categories.setItem(r, 0, _cell(c.name))
            for k, value in enumerate((c.raised, c.resolved, c.answered, c.overdue), start=1):
                self.categories.setItem(r, k, _cell(format_int(value), right=True))
        total = len(cats)
        self.categories.setItem(total, 0, _cell("Cộng"))
        for k, value in enumerate((this.recommendations_raised, this.recommendations_resolved,
                                   this.recommendations_answered, this.recommendations_overdue), start=1):
            self.categories.setItem(total, k, _cell(format_int(value), right=True))
        bold = self.categories.item(total, 0).font()
        bold.setBold(True)
        for k in range(5):
            self.categories.item(total, k).setFont(bold)

        a = data.attention
        self._action(self.overdue_button, f"{format_int(a.overdue_recommendations)} kiến nghị quá hạn",
                     a.overdue_recommendations)
        self._action(self.reviews_button,
                     f"{format_int(a.reviews_due)} quy chế phối hợp chưa rà soát năm nay ({format_int(a.reviews_late)} bỏ sót năm trước)",
                     a.reviews_late)
        self._action(self.terms_button,
                     f"{format_int(a.terms_ending)} tổ trưởng sắp hết nhiệm kỳ, {format_int(a.terms_past_due)} đã quá nhiệm kỳ",
                     a.terms_past_due + a.terms_ending)

    @staticmethod
    def _action(button: QPushButton, text: str, count: int) -> None:
        button.setText(text)
        button.setStyleSheet(ALERT if count else "")
