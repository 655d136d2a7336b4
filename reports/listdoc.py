"""An official list: a letterhead, a title, a table in sections; and the
writer that turns it into PDF (Platypus, embedded fonts, header row repeated
on each page). ``word.py`` and ``sheet.py`` write the same list as DOCX and
XLSX, and ``write_list`` picks one by the file's extension.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


from .output import write_by_extension

from . import fonts
from .fonts import text
from .letterhead import (
    BODY_SIZE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE,
    Letterhead,
    LetterheadFlowable,
    draw_page_number,
)

TABLE_SIZE = 12  # table text; the running text stays at 13 pt


@dataclass(frozen=True)
class Column:
    title: str
    width_mm: float
    centred: bool = False


@dataclass
class Section:
    heading: str  # "I. Tập thể"; empty: rows without a heading
    rows: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class ListDocument:
    letterhead: Letterhead
    title: str  # "DANH SÁCH KHEN THƯỞNG"
    subtitle: str  # "(Kèm theo Quyết định số ... ngày ...)"
    columns: list[Column]
    sections: list[Section]
    footer: str = ""  # a closing line under the table
    doc_title: str = ""  # the file's metadata title


def write_list(doc: ListDocument, out_path: str | os.PathLike) -> Path:
    """Write ``doc`` in the format its extension names (.pdf, .docx, .xlsx)."""

    def docx(part: Path) -> None:
        from .word import write_docx

        write_docx(doc, part)

    def xlsx(part: Path) -> None:
        from .sheet import write_xlsx

        write_xlsx(doc, part)

    return write_by_extension(out_path, {".pdf": lambda part: write_pdf(doc, part), ".docx": docx, ".xlsx": xlsx})


# -- PDF -------------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.25)
    cell = ParagraphStyle(
        "cell", parent=base, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.2, alignment=TA_LEFT
    )
    return {
        "title": ParagraphStyle(
            "title", parent=base, fontName=fonts.BOLD, fontSize=14, leading=18, alignment=TA_CENTER
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontName=fonts.ITALIC, alignment=TA_CENTER),
        "footer": ParagraphStyle("footer", parent=base, fontName=fonts.ITALIC),
        "cell": cell,
        "centre": ParagraphStyle("centre", parent=cell, alignment=TA_CENTER),
        "head": ParagraphStyle("head", parent=cell, fontName=fonts.BOLD, alignment=TA_CENTER),
        "section": ParagraphStyle("section", parent=cell, fontName=fonts.BOLD),
    }


def _p(value: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text(value)), style)


def table_rows(doc: ListDocument) -> tuple[list[list], list[int]]:
    """Header, section and data rows as flowables; the indexes of section rows."""
    st = _styles()
    rows: list[list] = [[_p(c.title, st["head"]) for c in doc.columns]]
    section_rows: list[int] = []
    for section in doc.sections:
        if section.heading:
            section_rows.append(len(rows))
            rows.append([_p(section.heading, st["section"])] + [""] * (len(doc.columns) - 1))
        for values in section.rows:
            rows.append(
                [_p(v, st["centre"] if c.centred else st["cell"]) for v, c in zip(values, doc.columns)]
            )
    return rows, section_rows


def write_pdf(doc: ListDocument, out_path: str | os.PathLike) -> None:
    fonts.register_fonts()
    st = _styles()
    pdf = SimpleDocTemplate(
        str(out_path),
        pagesize=PAGE,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=text(doc.doc_title or doc.title),
        author=text(doc.letterhead.body),
        creator="Tổ Dân",
        initialFontName=fonts.REGULAR,
        initialFontSize=BODY_SIZE,
    )
    rows, section_rows = table_rows(doc)
    table = Table(rows, colWidths=[c.width_mm * mm for c in doc.columns], repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # the empty cells of a spanned row
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for i in section_rows:
        style.append(("SPAN", (0, i), (-1, i)))
    table.setStyle(TableStyle(style))
    story = [LetterheadFlowable(doc.letterhead), Spacer(1, 8 * mm), _p(doc.title, st["title"])]
    if doc.subtitle:
        story.append(_p(doc.subtitle, st["subtitle"]))
    story += [Spacer(1, 5 * mm), table]
    if doc.footer:
        story += [Spacer(1, 4 * mm), _p(doc.footer, st["footer"])]
    pdf.build(story, onLaterPages=draw_page_number)
