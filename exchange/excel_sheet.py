"""Reading a sheet as ward offices keep them: title rows above the header,
merged cells, Vietnamese column names in several spellings, dates as dates,
as text or as a year, numbers that lost their leading zeros.

No Qt and no database here: a sheet becomes a header row number, a mapping
from our fields to its columns, and rows of plain Python values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from models.base import ModelError
from models.text import fold, nfc, parse_date

# How many rows from the top may hold titles before the header.
HEADER_SEARCH_ROWS = 25


@dataclass(frozen=True)
class Field:
    key: str
    header: str  # the heading written in the template
    aliases: tuple[str, ...]  # folded spellings met in real sheets
    required: bool = False


@dataclass
class Sheet:
    """A sheet's data below its header, with merged cells filled in."""

    name: str
    header_row: int  # 1-based, as Excel shows it
    headers: list[str]  # the header cells, NFC
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (row number, values)


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        value = nfc(value)
        return value or None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def read_sheet(path: str | Path, fields: list[Field], sheet_name: str | None = None) -> Sheet:
    """Open the workbook and find the header among the first rows."""
    try:
        from openpyxl import load_workbook  # loaded on use: every command would pay for it

        wb = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise ModelError(f"Không tìm thấy tệp {path}.") from None
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ModelError(f"Tệp {Path(path).name} không phải tệp Excel (.xlsx) đọc được: {exc}.") from None
    if sheet_name and sheet_name not in wb.sheetnames:
        raise ModelError(f"Tệp không có trang tính {sheet_name}.")
    candidates = [wb[sheet_name]] if sheet_name else wb.worksheets
    for ws in candidates:
        grid = [[_plain(c) for c in row] for row in ws.iter_rows(values_only=True)]
        # A merged cell holds its value in the top-left cell only: spread it.
        for rng in ws.merged_cells.ranges:
            value = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_row <= len(grid) else None
            for r in range(rng.min_row, min(rng.max_row, len(grid)) + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if c - 1 < len(grid[r - 1]):
                        grid[r - 1][c - 1] = value
        found = _header_row(grid, fields)
        if found is not None:
            headers = [str(v) if v is not None else "" for v in grid[found]]
            rows = [(i + 1, list(grid[i])) for i in range(found + 1, len(grid))
                    if any(v not in (None, "") for v in grid[i])]
            return Sheet(ws.title, found + 1, headers, rows)
    wanted = ", ".join(f.header for f in fields if f.required)
    raise ModelError(f"Không tìm thấy dòng tiêu đề cột trong {Path(path).name} (cần có cột {wanted}).")


def _header_row(grid: list[list[Any]], fields: list[Field]) -> int | None:
    best, best_hits = None, 1
    for i, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        hits = len(set(guess_mapping([str(v) if v is not None else "" for v in row], fields)))
        required = all(f.key in guess_mapping([str(v or "") for v in row], fields) for f in fields if f.required)
        if required and hits > best_hits:
            best, best_hits = i, hits
    return best


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def guess_mapping(headers: list[str], fields: list[Field]) -> dict[str, int]:
    """Our field -> column index (0-based), from the header texts."""
    mapping: dict[str, int] = {}
    keys = [_key(h) for h in headers]
    for f in fields:
        for alias in f.aliases:
            for col, key in enumerate(keys):
                if key == alias and col not in mapping.values():
                    mapping[f.key] = col
                    break
            if f.key in mapping:
                break
    return mapping


def day(value: Any) -> dt.date | None:
    """An Excel date, a date typed as text (dd/mm/yyyy, d/m/yy) or a serial."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and 10_000 < value < 80_000:
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()
    try:
        return parse_date(str(value))
    except ValueError:
        raise ValueError(f"ngày \u201c{value}\u201d không đúng dạng ngày/tháng/năm") from None


def birth(value: Any) -> tuple[int | None, dt.date | None]:
    """A birth date, or a year alone (1955 as a number or as text)."""
    if value in (None, ""):
        return None, None
    if isinstance(value, (int, float)) and 1900 <= value <= dt.date.today().year:
        return int(value), None
    if isinstance(value, str) and re.fullmatch(r"\d{4}", value.strip()):
        return int(value), None
    born = day(value)
    assert born is not None
    return born.year, born


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value))
