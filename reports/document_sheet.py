"""A report's tables as an Excel workbook: one sheet per table, numbers as
numbers (counts "#,##0", shares "0.00%", money), the chart as a native
Excel bar chart over its own sheet of shares."""

from __future__ import annotations

import os
import re

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .document import Chart, Count, Money, Percent, Report, TableBlock, cell_text
from .fonts import text
from .sheet import CHARS_PER_MM, FONT, SIZE

_THIN = Side(style="thin", color="000000")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", text(title))[:31].strip() or "Bảng"
    base, n = name, 2
    while name in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def _put(cell, value, bold: bool = False) -> None:
    if isinstance(value, Count):
        cell.value, cell.number_format = value.value, "#,##0"
    elif isinstance(value, Percent):
        cell.value, cell.number_format = float(value.fraction), "0.00%"
    elif isinstance(value, Money):
        cell.value, cell.number_format = value.value, '#,##0 "đ"'
    else:
        cell.value = cell_text(value) or None
    cell.font = Font(name=FONT, size=SIZE, bold=bold)
    cell.border = BOX
    cell.alignment = Alignment(wrap_text=True, vertical="top")


def _table_sheet(wb: Workbook, report: Report, block: TableBlock, used: set[str]) -> None:
    ws = wb.create_sheet(_sheet_name(block.title, used))
    n = len(block.columns)
    last = get_column_letter(n)
    for row, value, bold in ((1, report.subtitle, True), (2, block.title, True)):
        ws.merge_cells(f"A{row}:{last}{row}")
        cell = ws.cell(row=row, column=1, value=text(value))
        cell.font = Font(name=FONT, size=SIZE + (1 if row == 1 else 0), bold=bold)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    header = 4
    for col, column in enumerate(block.columns, start=1):
        cell = ws.cell(row=header, column=col, value=text(column.title))
        cell.font = Font(name=FONT, size=SIZE, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BOX
        cell.fill = PatternFill("solid", fgColor="EBEBEB")
        ws.column_dimensions[get_column_letter(col)].width = max(8, round(column.width_mm * CHARS_PER_MM * 1.35, 1))
    ws.row_dimensions[header].height = 48
    for i, values in enumerate(block.rows):
        for col, value in enumerate(values, start=1):
            _put(ws.cell(row=header + 1 + i, column=col), value, bold=i in block.bold_rows)
    if block.note:
        ws.cell(row=header + len(block.rows) + 2, column=1, value=text(block.note)).font = Font(
            name=FONT, size=SIZE, italic=True)
    ws.freeze_panes = ws.cell(row=header + 1, column=3 if n > 3 else 1)
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if n > 6 else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _chart_sheet(wb: Workbook, chart: Chart, used: set[str]) -> None:
    ws = wb.create_sheet(_sheet_name("Biểu đồ", used))
    ws.cell(row=1, column=1, value=text(chart.title)).font = Font(name=FONT, size=SIZE, bold=True)
    ws.cell(row=3, column=1, value="Chỉ tiêu").font = Font(name=FONT, size=SIZE, bold=True)
    for s, series in enumerate(chart.series, start=2):
        ws.cell(row=3, column=s, value=text(series.name)).font = Font(name=FONT, size=SIZE, bold=True)
    for r, category in enumerate(chart.categories, start=4):
        ws.cell(row=r, column=1, value=text(category)).font = Font(name=FONT, size=SIZE)
        for s, series in enumerate(chart.series, start=2):
            _put(ws.cell(row=r, column=s), series.values[r - 4])
    ws.column_dimensions["A"].width = 34
    bar = BarChart()
    bar.type = "col"
    bar.title = text(chart.title)
    bar.y_axis.title = "%"
    bar.y_axis.number_format = "0%"
    bar.y_axis.scaling.min, bar.y_axis.scaling.max = 0, 1
    last_row = 3 + len(chart.categories)
    data = Reference(ws, min_col=2, max_col=1 + len(chart.series), min_row=3, max_row=last_row)
    bar.add_data(data, titles_from_data=True)
    bar.set_categories(Reference(ws, min_col=1, min_row=4, max_row=last_row))
    bar.dataLabels = DataLabelList()
    bar.dataLabels.showVal = True
    bar.width, bar.height = 24, 11
    ws.add_chart(bar, f"A{last_row + 3}")


def write_xlsx(report: Report, out_path: str | os.PathLike) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for block in report.blocks:
        if isinstance(block, TableBlock):
            _table_sheet(wb, report, block, used)
        elif isinstance(block, Chart):
            _chart_sheet(wb, block, used)
    if not wb.worksheets:
        wb.create_sheet("Báo cáo").cell(row=1, column=1, value=text(report.subtitle))
    wb.properties.title = text(report.doc_title or report.subtitle or report.title)
    wb.properties.creator = "Tổ Dân"
    wb.save(str(out_path))
