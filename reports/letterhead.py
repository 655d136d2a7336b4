"""The shared page helper: A4 geometry and the letterhead of an official
document, State (Nghị định 30/2020/NĐ-CP, Phụ lục I) or Party (Hướng dẫn
36-HD/VPTW).

State:                                       Party:
    ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI ...       ĐẢNG BỘ ...          ĐẢNG CỘNG SẢN VIỆT NAM
    PHƯỜNG PHÚC LỢI    Độc lập - Tự do - ...     ĐẢNG ỦY PHƯỜNG ...   (underlined)
        ────             ─────────────────               *
    Số: 125/QĐ-UBND    Phúc Lợi, ngày 05 ...     Số 12-QĐ/ĐU          Phúc Lợi, ngày 05 ...

The header is drawn with the canvas (``draw_letterhead``) so that the same
code serves Platypus documents (``LetterheadFlowable``) and direct drawing.
The Word version of the same block lives in ``word.py``.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from . import fonts
from .fonts import text

PAGE = A4
# Nghị định 30/2020: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
BODY_WIDTH = PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT

HEAD_SIZE = 12  # issuing body and national title: 12-13 pt
MOTTO_SIZE = 13  # "Độc lập - Tự do - Hạnh phúc": 13-14 pt
BODY_SIZE = 13  # text: 13-14 pt
LEFT_SHARE = 0.40  # the issuing body's column; the national title gets the rest

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"

# Abbreviations clerks type, spelled out as a letterhead must be.
_ABBREVIATIONS = {
    "UBND": "ỦY BAN NHÂN DÂN",
    "HĐND": "HỘI ĐỒNG NHÂN DÂN",
    "UBMTTQ": "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM",
    "UB MTTQ": "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM",
}
# Where an issuing body's name breaks onto a second line.
_HEADS = (
    "ỦY BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM",
    "ĐẢNG ỦY",
    "BAN THƯỜNG TRỰC",
)
_ALWAYS_SPLIT = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM")
_UNIT_PREFIXES = ("Phường ", "Xã ", "Đặc khu ", "Thị trấn ", "Thành phố ", "Tỉnh ")


class Format(enum.Enum):
    STATE = "state"
    PARTY = "party"


@dataclass(frozen=True)
class Letterhead:
    body: str  # the issuing body: "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI" or "UBND phường Phúc Lợi"
    place: str = ""  # "Phúc Lợi"; with ``date`` gives the place-and-date line
    date: dt.date | None = None
    number: str = ""  # "125/QĐ-UBND"; empty: no number line
    parent_body: str = ""  # the body above, printed plain above the issuing body
    format: Format = Format.STATE


def upper(value: str) -> str:
    return text(value).upper()


def body_name(issuer: str) -> str:
    """'UBND phường Phúc Lợi' -> 'ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI'."""
    name = text(issuer)
    for short in sorted(_ABBREVIATIONS, key=len, reverse=True):
        if name.upper().startswith(short + " ") or name.upper() == short:
            name = _ABBREVIATIONS[short] + name[len(short) :]
            break
    return upper(name)


def body_lines(issuer: str) -> list[str]:
    """The issuing body on two lines where it is too wide for its column
    (always for an "ỦY BAN NHÂN DÂN ..."), broken after its head or else
    at the word nearest the middle."""
    name = body_name(issuer)
    fonts.register_fonts()
    column = BODY_WIDTH * LEFT_SHARE - 4
    for head in _HEADS:
        if name.startswith(head + " "):
            if head in _ALWAYS_SPLIT or fonts.width(name, fonts.BOLD, HEAD_SIZE) > column:
                return [head, name[len(head) + 1 :]]
    words = name.split(" ")
    if fonts.width(name, fonts.BOLD, HEAD_SIZE) <= column or len(words) < 2:
        return [name]
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(name) / 2))
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def format_of(issuer: str) -> Format:
    """A Party committee's documents take the Party's format."""
    return (
        Format.PARTY
        if body_name(issuer).startswith(("ĐẢNG ỦY", "ĐẢNG BỘ", "CHI BỘ", "BAN THƯỜNG VỤ ĐẢNG ỦY"))
        else Format.STATE
    )


def place_name(unit_name: str) -> str:
    """The place a State document is dated at: 'Phường Phúc Lợi' -> 'Phúc Lợi'."""
    name = text(unit_name)
    for prefix in _UNIT_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def long_date(value: dt.date) -> str:
    """'ngày 05 tháng 01 năm 2026'. Nghị định 30/2020 (Phụ lục I, I.5): a day
    below 10 and the months 1 and 2 take a leading zero; other months do not."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def place_date(place: str, value: dt.date) -> str:
    return text(f"{place}, {long_date(value)}") if place else text(long_date(value)).capitalize()


def number_line(number: str, fmt: Format = Format.STATE) -> str:
    if not number:
        return ""
    return text(f"Số: {number}") if fmt is Format.STATE else text(f"Số {number}")


# -- canvas drawing --------------------------------------------------------------


def centred(canvas: Canvas, value: str, x: float, y: float, font: str, size: float) -> float:
    """Draw ``value`` centred on x; return its width."""
    value = text(value)
    w = fonts.width(value, font, size)
    canvas.setFont(font, size)
    canvas.drawString(x - w / 2, y, value)
    return w


def rule(canvas: Canvas, x_centre: float, y: float, length: float, thickness: float = 0.6) -> None:
    canvas.setLineWidth(thickness)
    canvas.line(x_centre - length / 2, y, x_centre + length / 2, y)


def letterhead_height(lh: Letterhead) -> float:
    left = len(body_lines(lh.body)) + (1 if lh.parent_body else 0) + (1 if lh.number else 0)
    right = 2 + (1 if lh.date else 0)
    lines = max(left + (0.6 if lh.number else 0), right + 0.6)
    return lines * HEAD_SIZE * 1.35 + 4


def draw_letterhead(canvas: Canvas, lh: Letterhead, x: float, top: float, width: float) -> float:
    """Draw the two-column header with its top at ``top``; return its bottom."""
    fonts.register_fonts()
    lead = HEAD_SIZE * 1.35
    canvas.saveState()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setFillColorRGB(0, 0, 0)
    left_x = x + width * LEFT_SHARE / 2
    right_x = x + width * LEFT_SHARE + width * (1 - LEFT_SHARE) / 2

    # Left: the body above (plain), the issuing body (bold), a short rule or "*", the number.
    y = top - HEAD_SIZE
    if lh.parent_body:
        centred(canvas, upper(lh.parent_body), left_x, y, fonts.REGULAR, HEAD_SIZE)
        y -= lead
    widest = 0.0
    for line in body_lines(lh.body):
        widest = max(widest, centred(canvas, line, left_x, y, fonts.BOLD, HEAD_SIZE))
        y -= lead
    if lh.format is Format.STATE:
        rule(canvas, left_x, y + lead - 6.5, min(widest, width * LEFT_SHARE) * 0.4)
        y -= 0.3 * lead
    else:
        centred(canvas, "*", left_x, y + 3, fonts.REGULAR, HEAD_SIZE)
        y -= 0.6 * lead
    if lh.number:
        centred(canvas, number_line(lh.number, lh.format), left_x, y, fonts.REGULAR, BODY_SIZE)
        y -= lead
    bottom = y

    # Right: the national title and motto (State) or the Party's name, then place and date.
    y = top - HEAD_SIZE
    if lh.format is Format.STATE:
        centred(canvas, NATIONAL_TITLE, right_x, y, fonts.BOLD, HEAD_SIZE)
        y -= lead
        w = centred(canvas, MOTTO, right_x, y, fonts.BOLD, MOTTO_SIZE)
        rule(canvas, right_x, y - 5, w)
    else:
        w = centred(canvas, PARTY_TITLE, right_x, y, fonts.BOLD, HEAD_SIZE + 1)
        rule(canvas, right_x, y - 2.5, w)
    y -= lead * 1.5
    if lh.date:
        centred(canvas, place_date(lh.place, lh.date), right_x, y, fonts.ITALIC, BODY_SIZE)
        y -= lead
    canvas.restoreState()
    return min(bottom, y)


class LetterheadFlowable(Flowable):
    """The letterhead as a Platypus flowable spanning the frame's width."""

    def __init__(self, lh: Letterhead):
        super().__init__()
        self.lh = lh
        self.height = letterhead_height(lh)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        draw_letterhead(self.canv, self.lh, 0, self.height, self.width)


def draw_page_number(canvas: Canvas, doc: object) -> None:
    """Page numbers from page 2 on, top centre (use as ``onLaterPages``)."""
    fonts.register_fonts()
    page = canvas.getPageNumber()
    if page < 2:
        return
    canvas.saveState()
    width, height = canvas._pagesize
    centre = MARGIN_LEFT + (width - MARGIN_LEFT - MARGIN_RIGHT) / 2
    centred(canvas, str(page), centre, height - MARGIN_TOP / 2 - 4, fonts.REGULAR, BODY_SIZE)
    canvas.restoreState()


def home_place() -> str:
    """The place documents of this office are dated at: its home unit's name."""
    from models.db import home_unit

    unit = home_unit()
    return place_name(unit.name) if unit is not None else ""
