"""Excel files (openpyxl): the same list as a sheet clerks can sort and
edit. Title rows on top, a bold header row frozen and repeated when
printed, wrapped text, column widths from the document's columns."""

from __future__ import annotations

import os

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .fonts import text
from .letterhead import MOTTO, NATIONAL_TITLE, PARTY_TITLE, Format, body_name
from .listdoc import ListDocument

FONT = "Times New Roman"
SIZE = 12
# Excel measures a column in characters of the default font: about 2 mm each.
CHARS_PER_MM = 0.5


def write_xlsx(doc: ListDocument, out_path: str | os.PathLike) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    n = len(doc.columns)
    last = get_column_letter(n)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")

    def title_row(row: int, value: str, bold: bool = False, italic: bool = False, size: float = SIZE) -> None:
        ws.merge_cells(f"A{row}:{last}{row}")
        cell = ws.cell(row=row, column=1, value=text(value))
        cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    split = max(1, n // 2)
    body = body_name(doc.letterhead.body)
    heads = (
        [(1, body, NATIONAL_TITLE, False), (2, "", MOTTO, True)]
        if doc.letterhead.format is Format.STATE
        else [(1, body, PARTY_TITLE, True)]
    )
    for row_no, left, right, underline in heads:
        ws.merge_cells(start_row=row_no, start_column=1, end_row=row_no, end_column=split)
        ws.merge_cells(start_row=row_no, start_column=split + 1, end_row=row_no, end_column=n)
        for column, value in ((1, left), (split + 1, right)):
            cell = ws.cell(row=row_no, column=column, value=text(value) or None)
            cell.font = Font(name=FONT, size=SIZE, bold=True, underline="single" if underline else None)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 32  # the issuing body takes two lines
    title_row(3, doc.title, bold=True, size=14)
    row = 4
    if doc.subtitle:
        title_row(row, doc.subtitle, italic=True)
        ws.row_dimensions[row].height = 32
        row += 1
    header_row = row + 1
    for col, column in enumerate(doc.columns, start=1):
        cell = ws.cell(row=header_row, column=col, value=text(column.title))
        cell.font = Font(name=FONT, size=SIZE, bold=True)
        cell.alignment = centre
        cell.border = box
        cell.fill = PatternFill("solid", fgColor="EBEBEB")
        ws.column_dimensions[get_column_letter(col)].width = round(column.width_mm * CHARS_PER_MM * 1.35, 1)
    ws.row_dimensions[header_row].height = 32

    row = header_row + 1
    plain = Font(name=FONT, size=SIZE)
    for section in doc.sections:
        if section.heading:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n)
            cell = ws.cell(row=row, column=1, value=text(section.heading))
            cell.font = Font(name=FONT, size=SIZE, bold=True)
            for col in range(1, n + 1):
                ws.cell(row=row, column=col).border = box
            row += 1
        for values in section.rows:
            for col, (value, column) in enumerate(zip(values, doc.columns), start=1):
                cell = ws.cell(row=row, column=col, value=_value(value) if col == 1 else text(value))
                cell.font = plain
                cell.border = box
                cell.alignment = Alignment(
                    wrap_text=True, vertical="top", horizontal="center" if column.centred else None
                )
            row += 1
    if doc.footer:
        row += 1
        ws.cell(row=row, column=1, value=text(doc.footer)).font = Font(name=FONT, size=SIZE, italic=True)

    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left, ws.page_margins.right = 30 / 25.4, 15 / 25.4
    ws.page_margins.top, ws.page_margins.bottom = 20 / 25.4, 20 / 25.4
    wb.properties.title = text(doc.doc_title or doc.title)
    wb.properties.creator = "Tổ Dân"
    wb.save(str(out_path))


def _value(value: str) -> object:
    """The serial number (STT) as a number, so the column sorts."""
    value = text(value)
    return int(value) if value.isdigit() and len(value) < 6 else value
