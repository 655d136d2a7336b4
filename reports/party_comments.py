"""The yearly comment form on each party member who works elsewhere and
lives here (phiếu nhận xét đảng viên nơi cư trú, Quy định 213-QĐ/TW): one
page per member, in a batch, skipping the excused; as PDF or Word.

Header in the Party's format: the commune's Party organisation above the
residential party cell, "ĐẢNG CỘNG SẢN VIỆT NAM" opposite. Then the member's
details and workplace organisation, the comment of the party cell and of
the Front work committee of the area (dotted lines where none is written
yet), and the two signatures.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from models.base import ModelError
from models.report_figures import CommentSubject, comment_subjects
from models.text import format_date

from . import fonts
from .errors import Cancelled
from .fonts import text
from .letterhead import (
    BODY_SIZE,
    BODY_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE,
    Format,
    Letterhead,
    LetterheadFlowable,
    home_place,
)

TITLE = "PHIẾU NHẬN XÉT"
SUBTITLE = ("Đảng viên đang công tác giữ mối liên hệ với chi ủy, đảng ủy cơ sở "
            "và gương mẫu thực hiện nghĩa vụ công dân nơi cư trú")
DOTS = "." * 40  # a value not known yet; comment lines are ruled to the full width (``_dots``)
GENDER = {"male": "Nam", "female": "Nữ"}


def _cell_name(cell: str) -> str:
    cell = text(cell)
    return cell if cell.lower().startswith("chi bộ") else f"Chi bộ {cell}" if cell else "Chi bộ"


def details(s: CommentSubject) -> list[tuple[str, str]]:
    """(label, value) lines of the member's details, as printed."""
    return [
        ("Họ và tên đảng viên", s.name + (f" ({GENDER[s.gender]})" if s.gender in GENDER else "")),
        ("Ngày sinh", s.birth),
        ("Số thẻ đảng viên", s.card_number),
        ("Ngày vào Đảng", format_date(s.admitted_on)),
        ("Ngày chính thức", format_date(s.official_on)),
        ("Đang công tác, sinh hoạt đảng tại", s.workplace_org),
        ("Nơi cư trú", ", ".join(x for x in (s.address, s.area_name) if x)),
    ]


def letterhead(s: CommentSubject, when: dt.date) -> Letterhead:
    from .summary import office_unit

    unit = office_unit()
    return Letterhead(body=_cell_name(s.party_cell), parent_body=f"Đảng bộ {unit.name}" if unit.name else "",
                      place=home_place(), date=when, format=Format.PARTY)


class _Tick(Flowable):
    """Zero-size marker at the start of each form: reports progress and
    stops the batch when the user cancels."""

    def __init__(self, index: int, total: int, progress, cancelled):
        super().__init__()
        self.index, self.total, self.progress, self.cancelled = index, total, progress, cancelled

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        if self.progress is not None:
            self.progress(self.index, self.total)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("b", fontName=fonts.REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.45,
                          alignment=TA_JUSTIFY)
    return {
        "body": base,
        "title": ParagraphStyle("t", parent=base, fontName=fonts.BOLD, fontSize=14, alignment=TA_CENTER, leading=18),
        "sub": ParagraphStyle("s", parent=base, fontName=fonts.BOLD, alignment=TA_CENTER, leading=16),
        "year": ParagraphStyle("y", parent=base, fontName=fonts.BOLD, alignment=TA_CENTER),
        "to": ParagraphStyle("to", parent=base, alignment=TA_CENTER, fontName=fonts.ITALIC),
        "head": ParagraphStyle("h", parent=base, fontName=fonts.BOLD, spaceBefore=6),
        "sign": ParagraphStyle("g", parent=base, fontName=fonts.BOLD, alignment=TA_CENTER, leading=16),
        "name": ParagraphStyle("n", parent=base, fontName=fonts.BOLD, alignment=TA_CENTER),
    }


def _p(value: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text(value)), style)


def _dots(width: float = BODY_WIDTH) -> str:
    """A line of dots as wide as the text: a place to write by hand."""
    fonts.register_fonts()
    return "." * int((width - 16) / fonts.width(".", fonts.REGULAR, BODY_SIZE))  # the frame pads 6 pt a side


def _comment(value: str, st) -> list:
    if value:
        return [_p(value, st["body"])]
    return [_p(_dots(), st["body"]) for _ in range(5)]


def form_story(s: CommentSubject, year: int, when: dt.date) -> list:
    st = _styles()
    story: list = [LetterheadFlowable(letterhead(s, when)), Spacer(1, 5 * mm), _p(TITLE, st["title"]),
                   _p(SUBTITLE, st["sub"]), _p(f"Năm {year}", st["year"]), Spacer(1, 2 * mm)]
    if s.workplace_org:
        story.append(_p(f"Kính gửi: Cấp ủy {s.workplace_org}", st["to"]))
    story.append(Spacer(1, 3 * mm))
    for label, value in details(s):
        story.append(Paragraph(f"- {escape(text(label))}: <b>{escape(text(value))}</b>" if value
                               else f"- {escape(text(label))}: {DOTS}", st["body"]))
    story.append(_p(f"1. Nhận xét của chi ủy ({_cell_name(s.party_cell).lower()}) nơi cư trú:", st["head"]))
    story += _comment(s.cell_comment, st)
    area = f" {s.area_name}" if s.area_name else ""
    story.append(_p(f"2. Ý kiến của Ban công tác Mặt trận khu dân cư{area}:", st["head"]))
    story += _comment(s.front_comment, st)
    left = [_p("T/M BAN CÔNG TÁC MẶT TRẬN", st["sign"]), _p("TRƯỞNG BAN", st["sign"]), Spacer(1, 20 * mm),
            _p(s.front_head_name, st["name"])]
    right = [_p("T/M CHI ỦY (CHI BỘ)", st["sign"]), _p("BÍ THƯ", st["sign"]), Spacer(1, 20 * mm)]
    table = Table([[left, right]], colWidths=[BODY_WIDTH / 2, BODY_WIDTH / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)]))
    story += [Spacer(1, 5 * mm), table]
    return story


def _subjects(year: int, unit: str | None) -> list[CommentSubject]:
    subjects = comment_subjects(year, unit)
    if not subjects:
        raise ModelError("Không có đảng viên nào sinh hoạt nơi cư trú cần nhận xét (đã trừ đảng viên được miễn).")
    return subjects


def write_party_comments(year: int, out_path: str | os.PathLike, *, unit: str | None = None,
                         when: dt.date | None = None, progress: Callable[[int, int], None] | None = None,
                         cancelled: Callable[[], bool] | None = None) -> int:
    """One form per member into ``out_path`` (.pdf or .docx); returns how many."""
    out = Path(out_path)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise ModelError(f"Không ghi được tệp {out.name}: chỉ hỗ trợ đuôi .pdf hoặc .docx.")
    if not out.parent.is_dir():
        raise ModelError(f"Không có thư mục {out.parent} để ghi tệp {out.name}.")
    subjects = _subjects(year, unit)
    when = when or dt.date.today()
    part = out.with_name(out.name + ".part")
    try:
        if suffix == ".pdf":
            _write_pdf(subjects, year, when, part, progress, cancelled)
        else:
            _write_docx(subjects, year, when, part, progress, cancelled)
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return len(subjects)


def _write_pdf(subjects, year, when, out, progress, cancelled) -> None:
    fonts.register_fonts()
    story: list = []
    total = len(subjects)
    for i, s in enumerate(subjects):
        if i:
            story.append(PageBreak())
        story.append(_Tick(i, total, progress, cancelled))
        story += form_story(s, year, when)
    story.append(_Tick(total, total, progress, None))
    doc = SimpleDocTemplate(str(out), pagesize=PAGE, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
                            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
                            title=f"Phiếu nhận xét đảng viên nơi cư trú năm {year}", creator="Tổ Dân",
                            initialFontName=fonts.REGULAR, initialFontSize=BODY_SIZE)
    doc.build(story)


def _write_docx(subjects, year, when, out, progress, cancelled) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm, Pt

    from .word import PT_PER_MM, _fill_cell, _no_borders, _para, _set_font, add_letterhead, new_document

    width = 210 - (MARGIN_LEFT + MARGIN_RIGHT) / PT_PER_MM
    document = new_document()
    for i, s in enumerate(subjects):
        if cancelled is not None and cancelled():
            raise Cancelled()
        if i:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        add_letterhead(document, letterhead(s, when), width)
        _para(document, "")
        _para(document, TITLE, 14, bold=True)
        _para(document, SUBTITLE, BODY_SIZE, bold=True)
        _para(document, f"Năm {year}", BODY_SIZE, bold=True)
        if s.workplace_org:
            _para(document, f"Kính gửi: Cấp ủy {s.workplace_org}", BODY_SIZE, italic=True)
        _para(document, "")
        for label, value in details(s):
            p = _para(document, f"- {label}: ", BODY_SIZE, centre=False)
            run = p.add_run(text(value) or DOTS)
            _set_font(run, BODY_SIZE, bold=bool(value))
        area = f" {s.area_name}" if s.area_name else ""
        for head, value in ((f"1. Nhận xét của chi ủy ({_cell_name(s.party_cell).lower()}) nơi cư trú:",
                             s.cell_comment),
                            (f"2. Ý kiến của Ban công tác Mặt trận khu dân cư{area}:", s.front_comment)):
            _para(document, head, BODY_SIZE, bold=True, centre=False).paragraph_format.space_before = Pt(6)
            for line in ([value] if value else [_dots()] * 5):
                _para(document, line, BODY_SIZE, centre=False).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _para(document, "")
        table = document.add_table(rows=1, cols=2)
        _no_borders(table)
        left, right = table.rows[0].cells
        left.width = right.width = Mm(width / 2)
        _fill_cell(left, "T/M BAN CÔNG TÁC MẶT TRẬN", BODY_SIZE, bold=True)
        _para(left, "TRƯỞNG BAN", BODY_SIZE, bold=True)
        _fill_cell(right, "T/M CHI ỦY (CHI BỘ)", BODY_SIZE, bold=True)
        _para(right, "BÍ THƯ", BODY_SIZE, bold=True)
        for _ in range(4):
            _para(left, "")
        if s.front_head_name:
            _para(left, s.front_head_name, BODY_SIZE, bold=True)
        if progress is not None:
            progress(i + 1, len(subjects))
    document.core_properties.title = f"Phiếu nhận xét đảng viên nơi cư trú năm {year}"
    document.core_properties.author = "Tổ Dân"
    document.save(str(out))
