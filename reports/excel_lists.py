"""Any list, as filtered and sorted on screen, to an .xlsx sheet or CSV:
Vietnamese headers, column widths, dates as real dates, numbers as numbers.

The rows come from a ``models.listing`` list, page by page, so a province's
600,000 people are written without holding them all.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


from reports.labels import cell_text

PAGE = 2_000
FONT = "Times New Roman"


@dataclass(frozen=True)
class ListColumn:
    header: str
    width: float = 16  # Excel characters
    # Turns a flag or code into the word shown on screen; None: the value itself.
    fmt: Callable[[Any], str] | None = None


def rows_of(listing: Any, search: str = "", filters: dict[str, Any] | None = None,
            cancelled: Callable[[], bool] | None = None) -> Iterator[tuple]:
    """Every row of the list in screen order, fetched a page at a time."""
    from models.listing import offset_pages

    walk = getattr(listing, "walk", None)
    filters = filters or {}
    for page in walk(PAGE, search, **filters) if walk else offset_pages(listing, PAGE, search, **filters):
        yield from page
        if cancelled and cancelled():
            return


def _value(column: ListColumn, value: Any) -> Any:
    if column.fmt is not None:
        return column.fmt(value)
    if isinstance(value, (bool, enum.Enum)):
        return cell_text(value)
    return value


def write_list_xlsx(path: str | Path, title: str, columns: list[ListColumn], rows: Iterator[tuple],
                    progress: Callable[[int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> int:
    """Write the sheet; returns the number of rows (None if cancelled midway)."""
    # openpyxl is loaded on use: every command of the command line would pay for it.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.freeze_panes = "A3"
    heading = WriteOnlyCell(ws, value=title)
    heading.font = Font(name=FONT, size=14, bold=True)
    ws.append([heading])
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    ws.append(header)
    count = 0
    for row in rows:
        cells = []
        for column, value in zip(columns, row):
            cell = WriteOnlyCell(ws, value=_value(column, value))
            if isinstance(cell.value, (dt.date, dt.datetime)):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, int) and not isinstance(cell.value, bool):
                cell.number_format = "#,##0"
            cells.append(cell)
        ws.append(cells)
        count += 1
        if progress and count % 500 == 0:
            progress(count)
        if cancelled and cancelled():
            raise InterruptedError
    wb.save(path)
    return count


def write_list_csv(path: str | Path, columns: list[ListColumn], rows: Iterator[tuple]) -> int:
    """UTF-8 with a BOM, so that Excel opens the Vietnamese letters right."""
    count = 0
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        out = csv.writer(fh)
        out.writerow([c.header for c in columns])
        for row in rows:
            out.writerow([c.fmt(v) if c.fmt else cell_text(v) for c, v in zip(columns, row)])
            count += 1
    return count
