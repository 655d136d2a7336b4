"""A report as a list of blocks (headings, paragraphs, tables, a bar chart,
the signature), and its PDF writer. ``document_word`` and ``document_sheet``
write the same blocks as DOCX and XLSX; ``write_report`` picks one by the
file's extension; ``preview.report_html`` shows them in the window.

Table cells carry typed values (``Count``, ``Percent``, ``Money`` or text) so
that the PDF and Word files print "1.817" and "27,35%" while the Excel file
holds numbers a clerk can add up.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)


from .output import write_by_extension
from models.text import format_int, format_money, format_percent

from . import fonts
from .fonts import text
from .letterhead import (
    BODY_SIZE,
    BODY_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE,
    Letterhead,
    LetterheadFlowable,
    draw_page_number,
)
from .listdoc import Column

# -- values ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    value: int

    def __str__(self) -> str:
        return format_int(self.value)


@dataclass(frozen=True)
class Percent:
    part: int
    whole: int

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.part, self.whole) if self.whole else Fraction(0)

    def __str__(self) -> str:
        return format_percent(self.part, self.whole)


@dataclass(frozen=True)
class Money:
    value: int

    def __str__(self) -> str:
        return format_money(self.value)


Cell = str | Count | Percent | Money | None


def cell_text(value: Cell) -> str:
    return "" if value is None else text(str(value))


def is_number(value: Cell) -> bool:
    return isinstance(value, (Count, Percent, Money))


# -- blocks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: "I. ...", 2: "1. ..."


@dataclass(frozen=True)
class Para:
    text: str
    italic: bool = False
    bold: bool = False
    centre: bool = False
    indent: bool = True  # first-line indent of running text


@dataclass
class TableBlock:
    title: str  # the sheet's name in Excel, a caption elsewhere
    columns: list[Column]
    rows: list[list[Cell]]
    bold_rows: set[int] = field(default_factory=set)  # totals
    font_size: float = 11
    note: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Percent, ...]  # one per category


@dataclass
class Chart:
    """Grouped bars: one group per category, one bar per series."""

    title: str
    categories: list[str]
    series: list[Series]


@dataclass(frozen=True)
class Signature:
    titles: tuple[str, ...]  # ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    signer: str = ""
    recipients: tuple[str, ...] = ("Như trên;", "Lưu: VT.")


@dataclass(frozen=True)
class NewPage:
    pass


Block = Heading | Para | TableBlock | Chart | Signature | NewPage


@dataclass
class Report:
    letterhead: Letterhead
    title: str  # "BÁO CÁO"
    subtitle: str  # "Tổng kết hoạt động ... năm 2026"
    blocks: list[Block]
    doc_title: str = ""


def write_report(report: Report, out_path: str | os.PathLike) -> Path:
    """Write ``report`` in the format its extension names; nothing is left
    behind when writing fails."""

    def docx(part: Path) -> None:
        from .document_word import write_docx

        write_docx(report, part)

    def xlsx(part: Path) -> None:
        from .document_sheet import write_xlsx

        write_xlsx(report, part)

    return write_by_extension(out_path, {".pdf": lambda part: write_pdf(report, part), ".docx": docx, ".xlsx": xlsx})


# -- PDF ---------------------------------------------------------------------------------

SERIES_COLOURS = [
    colors.Color(0.18, 0.44, 0.69),
    colors.Color(0.85, 0.45, 0.13),
    colors.Color(0.30, 0.62, 0.30),
    colors.Color(0.65, 0.20, 0.20),
    colors.Color(0.50, 0.40, 0.65),
]


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3,
                          alignment=TA_JUSTIFY, spaceAfter=4)
    return {
        "body": base,
        "indent": ParagraphStyle("indent", parent=base, firstLineIndent=10 * mm),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=14, leading=18,
                                alignment=TA_CENTER, spaceAfter=0),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontName=fonts.BOLD, alignment=TA_CENTER),
        "h1": ParagraphStyle("h1", parent=base, fontName=fonts.BOLD, spaceBefore=6, alignment=TA_LEFT),
        "h2": ParagraphStyle("h2", parent=base, fontName=fonts.BOLD, spaceBefore=3, alignment=TA_LEFT,
                             firstLineIndent=10 * mm),
        "caption": ParagraphStyle("caption", parent=base, fontName=fonts.ITALIC, alignment=TA_CENTER, fontSize=12),
    }


def _cell_styles(size: float) -> dict[str, ParagraphStyle]:
    cell = ParagraphStyle("cell", fontName=fonts.REGULAR, fontSize=size, leading=size * 1.2)
    return {
        "cell": cell,
        "right": ParagraphStyle("right", parent=cell, alignment=TA_RIGHT),
        "centre": ParagraphStyle("centre", parent=cell, alignment=TA_CENTER),
        "head": ParagraphStyle("head", parent=cell, fontName=fonts.BOLD, alignment=TA_CENTER),
        "bold": ParagraphStyle("bold", parent=cell, fontName=fonts.BOLD),
        "bold_right": ParagraphStyle("bold_right", parent=cell, fontName=fonts.BOLD, alignment=TA_RIGHT),
    }


def _p(value: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text(value)), style)


PADDING = 2.5


def pdf_table(block: TableBlock) -> Table:
    st = _cell_styles(block.font_size)
    widths = [c.width_mm * mm for c in block.columns]
    scale = min(1.0, BODY_WIDTH / sum(widths))
    widths = [w * scale for w in widths]
    size = block.font_size
    rows: list[list] = [[_p(c.title, st["head"]) for c in block.columns]]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.2),
        # Only plain-text cells (the numbers below) take these; paragraphs align themselves.
        ("ALIGN", (0, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    for i, values in enumerate(block.rows):
        bold = i in block.bold_rows
        if bold:
            commands.append(("FONTNAME", (0, i + 1), (-1, i + 1), fonts.BOLD))
        row = []
        for value, column, width in zip(values, block.columns, widths):
            shown = cell_text(value)
            font = fonts.BOLD if bold else fonts.REGULAR
            if is_number(value) and stringWidth(text(shown), font, size) <= width - 2 * PADDING:
                # A number that fits is drawn as plain text: a table of a
                # province's figures holds thousands, and a Paragraph each
                # cost most of the report's writing time.
                row.append(text(shown))
                continue
            if is_number(value):
                style = st["bold_right"] if bold else st["right"]
            elif column.centred:
                style = st["centre"]
            else:
                style = st["bold"] if bold else st["cell"]
            row.append(_p(shown, style))
        rows.append(row)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def chart_drawing(chart: Chart, width: float = BODY_WIDTH, height: float = 80 * mm) -> Drawing:
    """The chart drawn with reportlab.graphics: shares in %, a legend of the series."""
    fonts.register_fonts()
    # The renderer starts a drawing in Helvetica unless told: no unembedded font.
    drawing = Drawing(width, height, initialFontName=fonts.REGULAR, initialFontSize=9)
    bars = VerticalBarChart()
    bars.x, bars.y = 12 * mm, 22 * mm
    bars.width, bars.height = width - 16 * mm, height - 30 * mm
    bars.data = [[float(v.fraction) * 100 for v in s.values] for s in chart.series]
    bars.categoryAxis.categoryNames = [text(c) for c in chart.categories]
    bars.categoryAxis.labels.fontName = fonts.REGULAR
    bars.categoryAxis.labels.fontSize = 9
    bars.categoryAxis.labels.boxAnchor = "n"
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueMax = 100
    bars.valueAxis.valueStep = 20
    bars.valueAxis.labels.fontName = fonts.REGULAR
    bars.valueAxis.labels.fontSize = 8
    bars.valueAxis.labelTextFormat = lambda v: f"{int(v)}%"
    bars.groupSpacing = 6
    bars.barSpacing = 1
    for i, _series in enumerate(chart.series):
        bars.bars[i].fillColor = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        bars.bars[i].strokeColor = None
    bars.barLabelFormat = lambda v: f"{v:.2f}".replace(".", ",")
    bars.barLabels.fontName = fonts.REGULAR
    bars.barLabels.fontSize = 6.5
    bars.barLabels.nudge = 5
    drawing.add(bars)
    legend = Legend()
    legend.x, legend.y = 12 * mm, 5 * mm
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = fonts.REGULAR
    legend.fontSize = 9
    legend.dx = legend.dy = 7
    legend.deltax = 30 * mm
    legend.colorNamePairs = [(SERIES_COLOURS[i % len(SERIES_COLOURS)], text(s.name))
                             for i, s in enumerate(chart.series)]
    drawing.add(legend)
    drawing.add(String(width - 2 * mm, height - 5 * mm, "Đơn vị: %", fontName=fonts.ITALIC, fontSize=8,
                       textAnchor="end"))
    return drawing


def signature_table(sig: Signature) -> Table:
    base = ParagraphStyle("sig", fontName=fonts.REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3)
    left_head = ParagraphStyle("lh", parent=base, fontName=fonts.BOLD_ITALIC, fontSize=12)
    left = ParagraphStyle("l", parent=base, fontSize=11, leading=13)
    right = ParagraphStyle("r", parent=base, fontName=fonts.BOLD, alignment=TA_CENTER)
    left_cell = [_p("Nơi nhận:", left_head)] + [_p(f"- {r}", left) for r in sig.recipients]
    right_cell = [_p(t, right) for t in sig.titles] + [Spacer(1, 24 * mm)]
    if sig.signer:
        right_cell.append(_p(sig.signer, right))
    table = Table([[left_cell, right_cell]], colWidths=[BODY_WIDTH * 0.45, BODY_WIDTH * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)]))
    return table


def pdf_story(report: Report) -> list:
    st = _styles()
    story: list = [LetterheadFlowable(report.letterhead), Spacer(1, 6 * mm), _p(report.title, st["title"])]
    if report.subtitle:
        story.append(_p(report.subtitle, st["subtitle"]))
    story.append(Spacer(1, 4 * mm))
    for block in report.blocks:
        if isinstance(block, Heading):
            story += [CondPageBreak(30 * mm), _p(block.text, st["h1" if block.level == 1 else "h2"])]
        elif isinstance(block, Para):
            style = ParagraphStyle("p", parent=st["indent" if block.indent else "body"],
                                   fontName=fonts.BOLD if block.bold else fonts.ITALIC if block.italic else fonts.REGULAR,
                                   alignment=TA_CENTER if block.centre else TA_JUSTIFY)
            story.append(_p(block.text, style))
        elif isinstance(block, TableBlock):
            story += [Spacer(1, 1 * mm), pdf_table(block)]
            if block.note:
                story.append(_p(block.note, ParagraphStyle("note", parent=st["body"], fontName=fonts.ITALIC,
                                                           fontSize=11, leading=13)))
            story.append(Spacer(1, 3 * mm))
        elif isinstance(block, Chart):
            story.append(KeepTogether([_p(block.title, st["caption"]), chart_drawing(block)]))
        elif isinstance(block, Signature):
            story += [Spacer(1, 4 * mm), KeepTogether([signature_table(block)])]
        elif isinstance(block, NewPage):
            story.append(PageBreak())
    return story


def write_pdf(report: Report, out_path: str | os.PathLike) -> None:
    fonts.register_fonts()
    pdf = SimpleDocTemplate(
        str(out_path), pagesize=PAGE, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=text(report.doc_title or report.subtitle or report.title),
        author=text(report.letterhead.body), creator="Tổ Dân", initialFontName=fonts.REGULAR,
        initialFontSize=BODY_SIZE,
    )
    pdf.build(pdf_story(report), onLaterPages=draw_page_number)
