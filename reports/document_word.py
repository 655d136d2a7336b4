"""A report (``document.Report``) as a Word file clerks edit before signing:
the letterhead block of ``word.py``, headings and justified paragraphs in
Times New Roman 13 pt, tables whose header row repeats, the chart as a
picture, the signature block."""

from __future__ import annotations

import io
import os

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

from .document import Chart, Heading, NewPage, Para, Report, Signature, TableBlock, cell_text, is_number
from .fonts import text
from .letterhead import BODY_SIZE, MARGIN_LEFT, MARGIN_RIGHT
from .word import PT_PER_MM, _fill_cell, _no_borders, _para, _repeat_header, add_letterhead, new_document

BODY_WIDTH_MM = 210 - (MARGIN_LEFT + MARGIN_RIGHT) / PT_PER_MM


def _body(document, block: Para):
    p = _para(document, block.text, BODY_SIZE, bold=block.bold, italic=block.italic, centre=block.centre)
    if not block.centre:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if block.indent:
            p.paragraph_format.first_line_indent = Mm(10)
    p.paragraph_format.space_after = Pt(4)
    return p


def _table(document, block: TableBlock) -> None:
    columns = block.columns
    total = sum(c.width_mm for c in columns)
    scale = min(1.0, BODY_WIDTH_MM / total)
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _repeat_header(table.rows[0])
    for grid_column, column in zip(table.columns, columns):
        grid_column.width = Mm(column.width_mm * scale)
    for cell, column in zip(table.rows[0].cells, columns):
        cell.width = Mm(column.width_mm * scale)
        _fill_cell(cell, column.title, block.font_size, bold=True)
    for i, values in enumerate(block.rows):
        cells = table.add_row().cells
        for cell, value, column in zip(cells, values, columns):
            cell.width = Mm(column.width_mm * scale)
            p = _para(cell.paragraphs[0], cell_text(value), block.font_size, bold=i in block.bold_rows,
                      centre=column.centred)
            if is_number(value):
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if block.note:
        _para(document, block.note, 11, italic=True, centre=False)
    _para(document, "", 6)


def _signature(document, sig: Signature) -> None:
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(BODY_WIDTH_MM * 0.45), Mm(BODY_WIDTH_MM * 0.55)
    head = _fill_cell(left, "Nơi nhận:", 12, bold=True, italic=True)
    head.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for r in sig.recipients:
        _para(left, f"- {r}", 11, centre=False)
    first = True
    for title in sig.titles:
        if first:
            _fill_cell(right, title, BODY_SIZE, bold=True)
            first = False
        else:
            _para(right, title, BODY_SIZE, bold=True)
    for _ in range(4):
        _para(right, "", BODY_SIZE)
    if sig.signer:
        _para(right, sig.signer, BODY_SIZE, bold=True)


def write_docx(report: Report, out_path: str | os.PathLike) -> None:
    from .chart_image import chart_png

    document = new_document()
    add_letterhead(document, report.letterhead, BODY_WIDTH_MM)
    _para(document, "", BODY_SIZE)
    _para(document, report.title, 14, bold=True).paragraph_format.space_before = Pt(6)
    if report.subtitle:
        _para(document, report.subtitle, BODY_SIZE, bold=True)
    _para(document, "", BODY_SIZE)
    for block in report.blocks:
        if isinstance(block, Heading):
            p = _para(document, block.text, BODY_SIZE, bold=True, centre=False)
            p.paragraph_format.space_before = Pt(6)
            p.paragraph_format.keep_with_next = True
            if block.level > 1:
                p.paragraph_format.first_line_indent = Mm(10)
        elif isinstance(block, Para):
            _body(document, block)
        elif isinstance(block, TableBlock):
            _table(document, block)
        elif isinstance(block, Chart):
            _para(document, block.title, 12, italic=True).paragraph_format.keep_with_next = True
            p = _para(document)
            p.add_run().add_picture(io.BytesIO(chart_png(block)), width=Mm(BODY_WIDTH_MM))
        elif isinstance(block, Signature):
            _para(document, "", BODY_SIZE)
            _signature(document, block)
        elif isinstance(block, NewPage):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.core_properties.title = text(report.doc_title or report.subtitle or report.title)
    document.core_properties.author = "Tổ Dân"
    document.save(str(out_path))
