"""A table model over a ``models.listing`` list, fetching rows page by page.

The model keeps only the rows fetched so far; the view asks for more
(``canFetchMore``/``fetchMore``) as the user scrolls. A search or a filter
change counts again and starts from the first page.

PySide6 6.11 on Python 3.11 crashes when a Python override hands Qt's empty
QVariant back, so ``data`` and ``headerData`` return ``None`` themselves for
every role they do not handle and never call the base class.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor


from reports.labels import cell_text

Index = QModelIndex | QPersistentModelIndex

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

OVERDUE_COLOR = QColor(190, 20, 20)


# A listing value as the user reads it (dates dd/mm/yyyy, 1.817, labels):
# the same words on screen as in exported and printed lists.
display = cell_text


@dataclass(frozen=True)
class Column:
    """One column: its header, and optionally its own formatting."""

    header: str
    fmt: Callable[[Any], str] = display
    align: Qt.AlignmentFlag | None = None
    width: int | None = None  # initial width in pixels; None: fit the contents

    def alignment(self, value: Any) -> Qt.AlignmentFlag:
        if self.align is not None:
            return self.align
        if isinstance(value, int) and not isinstance(value, bool):
            return RIGHT
        if isinstance(value, (dt.date, bool)):
            return CENTER
        return LEFT


class ListingTableModel(QAbstractTableModel):
    """Rows of one listing, with a search text and fixed filters."""

    RowRole = Qt.ItemDataRole.UserRole + 1  # the whole listing tuple of a row

    totalChanged = Signal(int)

    def __init__(
        self,
        listing: Any,
        columns: list[Column],
        page_size: int = 200,
        filters: dict[str, Any] | None = None,
        row_color: Callable[[tuple], QColor | None] | None = None,
        parent: Any = None,
    ):
        super().__init__(parent)
        self.listing = listing
        self.columns = columns
        self.page_size = page_size
        self.filters = dict(filters or {})
        self.row_color = row_color
        self.search = ""
        self.total = 0
        # The listing counted a large result only up to its cap: ``total``
        # is then a lower bound, and rows are fetched until a page runs short.
        self.capped = False
        self._rows: list[tuple] = []

    # Loading ------------------------------------------------------------

    def reload(self) -> None:
        """Count again and keep the first page only."""
        self.beginResetModel()
        self.total = self.listing.count(self.search, **self.filters)
        cap = getattr(self.listing, "count_cap", None)
        said = getattr(self.listing, "last_count_capped", None)  # a listing may count some lists exactly
        self.capped = said if said is not None else (cap is not None and self.total > cap)
        if self.capped:
            self.total = cap
        self._rows = self.listing.fetch(0, self.page_size, self.search, **self.filters) if self.total else []
        self.endResetModel()
        self.totalChanged.emit(self.total)

    def set_search(self, text: str) -> None:
        self.search = text
        self.reload()

    def set_filters(self, **filters: Any) -> None:
        self.filters = {k: v for k, v in filters.items() if v is not None}
        self.reload()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and (self.capped or len(self._rows) < self.total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self.canFetchMore(parent):
            return
        more = self.listing.fetch(len(self._rows), self.page_size, self.search, **self.filters)
        if self.capped:
            self.capped = len(more) == self.page_size
            self.total = max(self.total, len(self._rows) + len(more))
            self.totalChanged.emit(self.total)
        if not more:
            # Rows vanished since the count: stop asking for more.
            self.total = len(self._rows)
            self.totalChanged.emit(self.total)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # Qt model API -------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def row(self, index: int) -> tuple:
        return self._rows[index]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.columns):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        value = row[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.fmt(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.fmt(value)
            return text if len(text) > 20 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment(value)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.row_color(row) if self.row_color else None
        if role == self.RowRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return LEFT
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
