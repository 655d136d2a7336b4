"""Base classes of the main window's pages.

A page loads its data the first time it is shown (``activate``), so that
opening the program on a province database costs only the first page. It
owns the signal connections it makes and releases them when it goes away.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QMetaObject, QObject, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.text import format_int

from ..table_model import Column, ListingTableModel

SEARCH_DELAY_MS = 150
MAX_COLUMN_WIDTH = 280


class BasePage(QWidget):
    title = ""  # heading of the page
    nav_title = ""  # its entry in the navigation list, when shorter than the heading

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.loaded = False
        self._connections: list[QMetaObject.Connection] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 12, 16, 12)
        self.layout_.setSpacing(10)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        self.layout_.addWidget(heading)

    def watch(self, signal: Any, slot: Callable[..., Any]) -> None:
        """Connect and remember, so that ``release`` can undo it."""
        self._connections.append(signal.connect(slot))

    def release(self) -> None:
        """Undo the page's connections (the window calls it when it closes)."""
        while self._connections:
            try:
                QObject.disconnect(self._connections.pop())
            except (RuntimeError, TypeError):
                pass  # the sender is already gone

    def activate(self) -> None:
        """Called each time the page is shown; loads it the first time."""
        if not self.loaded:
            self.loaded = True
            self.load()

    def load(self) -> None:
        """Fill the page from the database."""


class ListPage(BasePage):
    """A searchable list: search box, row count, and a table fetched on demand."""

    noun = "dòng"  # what the count counts: "1.817 tổ"
    search_hint = "Tìm theo tên (gõ có dấu hay không dấu đều được)"
    columns: list[Column] = []
    stretch_column = 0  # the column that takes the width left over (long text)

    def __init__(self, listing: Any, parent: QWidget | None = None, filters: dict[str, Any] | None = None):
        super().__init__(parent)
        self.model = ListingTableModel(listing, self.columns, filters=filters, row_color=self.row_color, parent=self)

        bar = QHBoxLayout()
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.search_hint)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(360)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        bar.addWidget(self.search_box, 1)
        bar.addStretch(0)
        bar.addWidget(self.count_label)
        self.layout_.addLayout(bar)
        # Filters and buttons of the page, on their own row (``add_tool``).
        self.tools = QHBoxLayout()
        self.tools.addStretch(1)
        self.layout_.addLayout(self.tools)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.stretch_column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.layout_.addWidget(self.table, 1)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.watch(self.search_box.textChanged, lambda _text: self.search_timer.start())
        self.watch(self.search_timer.timeout, self.apply_search)
        self.watch(self.model.totalChanged, self.show_count)

    def add_tool(self, widget: QWidget) -> QWidget:
        self.tools.insertWidget(self.tools.count() - 1, widget)
        return widget

    def current_row(self) -> tuple | None:
        """The listing tuple of the selected row."""
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def row_color(self, row: tuple) -> QColor | None:
        """Text colour of a row; None keeps the default."""
        return None

    def load(self) -> None:
        self.model.reload()
        self.fit_columns()

    def reload(self) -> None:
        self.model.reload()

    def apply_search(self) -> None:
        self.search_timer.stop()
        self.loaded = True
        self.model.set_search(self.search_box.text())

    def show_count(self, total: int) -> None:
        more = "hơn " if self.model.capped else ""
        self.count_label.setText(f"{more}{format_int(total)} {self.noun}")

    def fit_columns(self) -> None:
        """Widths from the first page's contents, capped so that one long
        text does not push the other columns off; the stretch column takes
        what is left."""
        self.table.resizeColumnsToContents()
        for i, column in enumerate(self.columns):
            if i != self.stretch_column:
                width = column.width or min(self.table.columnWidth(i) + 12, MAX_COLUMN_WIDTH)
                self.table.setColumnWidth(i, width)
