"""Word files (python-docx): clerks edit a list before it is signed, so it
must open in Word looking like the PDF: A4, the decree's margins, Times New
Roman 13 pt, the same letterhead block, a table whose header row repeats on
each page, page numbers from page 2 at the top centre."""

from __future__ import annotations

import os

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from . import fonts
from .fonts import text
from .letterhead import (
    BODY_SIZE,
    HEAD_SIZE,
    LEFT_SHARE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MOTTO,
    MOTTO_SIZE,
    NATIONAL_TITLE,
    PARTY_TITLE,
    Format,
    Letterhead,
    body_lines,
    number_line,
    place_date,
    upper,
)
from .listdoc import TABLE_SIZE, ListDocument

FONT = "Times New Roman"
PT_PER_MM = 72 / 25.4


def _pt(points: float) -> Mm:
    return Mm(points / PT_PER_MM)


def _set_font(
    run_or_style, size: float | None = None, bold: bool | None = None, italic: bool | None = None
) -> None:
    font = run_or_style.font
    font.name = FONT
    # Word picks the East Asian slot for some Vietnamese letters unless it is set too.
    r_pr = run_or_style.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(slot), FONT)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic


def _para(
    container,
    value: str = "",
    size: float = BODY_SIZE,
    bold: bool = False,
    italic: bool = False,
    centre: bool = True,
    underline: bool = False,
) -> Paragraph:
    p = container.add_paragraph() if not isinstance(container, Paragraph) else container
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.LEFT
    fmt = p.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    if value:
        run = p.add_run(text(value))
        _set_font(run, size, bold, italic)
        run.font.underline = underline
    return p


def _rule_after(container, cell_width_pt: float, rule_pt: float) -> Paragraph:
    """A centred rule: an empty 2-pt paragraph whose bottom border is
    narrowed by indents (the text above keeps its full width)."""
    p = _para(container)
    indent = max(0.0, (cell_width_pt - rule_pt) / 2)
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Pt(indent)
    fmt.line_spacing = Pt(2)
    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # Word refuses elements out of the schema's order: pBdr comes before these.
    p_pr.insert_element_before(
        borders,
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )
    return p


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.insert_element_before(
        borders,
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
        "w:tblPrChange",
    )


def _fill_cell(cell: _Cell, first: str, size: float, bold: bool = False, italic: bool = False) -> Paragraph:
    p = cell.paragraphs[0]
    return _para(p, first, size, bold, italic)


def add_letterhead(document, lh: Letterhead, width_mm: float) -> None:
    fonts.register_fonts()  # the rule lengths use the font metrics (Times New Roman's)
    left_w, right_w = width_mm * LEFT_SHARE, width_mm * (1 - LEFT_SHARE)
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    table.columns[0].width, table.columns[1].width = Mm(left_w), Mm(right_w)
    left.width, right.width = Mm(left_w), Mm(right_w)

    first = True
    if lh.parent_body:
        _fill_cell(left, upper(lh.parent_body), HEAD_SIZE)
        first = False
    lines = body_lines(lh.body)
    for line in lines:
        _fill_cell(left, line, HEAD_SIZE, bold=True) if first else _para(left, line, HEAD_SIZE, bold=True)
        first = False
    widest = max(fonts.width(line, fonts.BOLD, HEAD_SIZE) for line in lines)
    if lh.format is Format.STATE:
        _rule_after(left, left_w * PT_PER_MM, widest * 0.4)
    else:
        _para(left, "*", HEAD_SIZE)
    if lh.number:
        _para(left, number_line(lh.number, lh.format), BODY_SIZE).paragraph_format.space_before = Pt(6)

    if lh.format is Format.STATE:
        _fill_cell(right, NATIONAL_TITLE, HEAD_SIZE, bold=True)
        _para(right, MOTTO, MOTTO_SIZE, bold=True)
        _rule_after(right, right_w * PT_PER_MM, fonts.width(MOTTO, fonts.BOLD, MOTTO_SIZE))
    else:
        _fill_cell(right, PARTY_TITLE, HEAD_SIZE + 1, bold=True).runs[0].font.underline = True
    if lh.date:
        _para(
            right, place_date(lh.place, lh.date), BODY_SIZE, italic=True
        ).paragraph_format.space_before = Pt(8)


def _page_number_header(section) -> None:
    """Page numbers from page 2: an empty first-page header, PAGE elsewhere."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    _para(p)
    run = p.add_run()
    _set_font(run, BODY_SIZE)
    for kind, value in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = value
        run._r.append(el)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.insert_element_before(el, "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")


def new_document(landscape: bool = False):
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.top_margin, section.bottom_margin = _pt(MARGIN_TOP), _pt(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = _pt(MARGIN_LEFT), _pt(MARGIN_RIGHT)
    section.header_distance = Mm(10)
    normal = document.styles["Normal"]
    _set_font(normal, BODY_SIZE)
    normal.paragraph_format.space_after = Pt(0)
    _page_number_header(section)
    return document


def write_docx(doc: ListDocument, out_path: str | os.PathLike) -> None:
    document = new_document()
    width_mm = 210 - (MARGIN_LEFT + MARGIN_RIGHT) / PT_PER_MM
    add_letterhead(document, doc.letterhead, width_mm)
    _para(document, "", BODY_SIZE)
    _para(document, doc.title, 14, bold=True).paragraph_format.space_before = Pt(6)
    if doc.subtitle:
        _para(document, doc.subtitle, BODY_SIZE, italic=True)
    _para(document, "", BODY_SIZE)

    columns = doc.columns
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header = table.rows[0]
    _repeat_header(header)
    for grid_column, column in zip(table.columns, columns):
        grid_column.width = Mm(column.width_mm)
    for cell, column in zip(header.cells, columns):
        cell.width = Mm(column.width_mm)
        _fill_cell(cell, column.title, TABLE_SIZE, bold=True)
    for section in doc.sections:
        if section.heading:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            _para(merged.paragraphs[0], section.heading, TABLE_SIZE, bold=True, centre=False)
        for values in section.rows:
            cells = table.add_row().cells
            for cell, value, column in zip(cells, values, columns):
                cell.width = Mm(column.width_mm)
                _para(cell.paragraphs[0], value, TABLE_SIZE, centre=column.centred)
    if doc.footer:
        _para(document, "", BODY_SIZE)
        _para(document, doc.footer, BODY_SIZE, italic=True, centre=False)
    document.core_properties.title = text(doc.doc_title or doc.title)
    document.core_properties.author = "Tổ Dân"
    document.save(str(out_path))
