"""Certificates (giấy khen, bằng khen): one A4 landscape page per recipient.

Speed matters (a ward prints hundreds at the year's end; target ≥ 500 pages a
second), so everything that is the same on every page of a decision — the
frame, the national title, the issuing body, the certificate's name, the
decision line, the place and date, the signature block, the emblem — is drawn
once into a PDF form XObject and placed on each page; only the recipient's
name, position, achievement and golden-book number are drawn per page, with
the canvas directly and a cached line breaker instead of Platypus.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from models.base import ModelError
from models.commendation_ops import DecisionRow, decision_rows, form_short_name
from models.commendations import Decision
from models.text import format_date

from . import fonts
from .errors import Cancelled
from .fonts import text
from .letterhead import (
    MOTTO,
    NATIONAL_TITLE,
    PARTY_TITLE,
    Format,
    body_name,
    centred,
    format_of,
    home_place,
    place_date,
    rule,
    upper,
)

PAGE = landscape(A4)  # 297 x 210 mm
WIDTH, HEIGHT = PAGE
CX = WIDTH / 2
TEXT_WIDTH = 215 * mm  # the achievement wraps within this
RED = (0.70, 0.07, 0.07)
GOLD = (0.72, 0.53, 0.13)
INK = (0, 0, 0)
FORM_NAME = "certificate-static"


@dataclass(frozen=True)
class Layout:
    """Baselines (from the bottom of the page) for a page with or without an emblem."""

    title_top: float  # first line of the national title
    giver: float
    name_of_form: float
    form_size: float
    gift: float  # "Tặng"
    recipient: float
    position: float
    achievement: float  # first line
    logo_bottom: float = 0.0


PLAIN = Layout(
    title_top=182 * mm,
    giver=162 * mm,
    name_of_form=136 * mm,
    form_size=54,
    gift=121 * mm,
    recipient=110 * mm,
    position=100 * mm,
    achievement=89 * mm,
)
WITH_LOGO = Layout(
    title_top=167 * mm,
    giver=147 * mm,
    name_of_form=128 * mm,
    form_size=46,
    gift=116 * mm,
    recipient=106 * mm,
    position=97 * mm,
    achievement=87 * mm,
    logo_bottom=172 * mm,
)
LOGO_SIZE = 20 * mm
SIGN_X = 207 * mm  # centre of the signature block
DECISION_X = 82 * mm  # centre of the decision and golden-book lines


@dataclass(frozen=True)
class Static:
    """What is the same on every page of one decision."""

    form_title: str  # "GIẤY KHEN"
    giver: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI"
    decision_line: str  # "Quyết định số 125/QĐ-UBND ngày 10/01/2026"
    place_date: str  # "Phúc Lợi, ngày 10 tháng 01 năm 2026"
    titles: tuple[str, ...]  # ("CHỦ TỊCH",) or ("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH")
    signer: str
    party: bool = False  # a Party committee's: "ĐẢNG CỘNG SẢN VIỆT NAM" instead of the national title


def _delegated(title: str) -> bool:
    return title.startswith(("TM.", "KT.", "Q.", "TL.", "TUQ."))


def static_parts(decision: Decision, place: str | None = None) -> Static:
    form = decision.form
    form_title = upper(form.issuer_title)
    signer_title = upper(decision.signer_title) or form_title
    titles = (
        (form_title, signer_title)
        if _delegated(form_title) and form_title != signer_title
        else (signer_title,)
    )
    body = body_name(decision.issuer)
    giver = body if not form_title or _delegated(form_title) else f"{form_title} {body}"
    place = home_place() if place is None else place
    return Static(
        form_title=upper(form_short_name(form.name)),
        giver=giver,
        decision_line=text(f"Quyết định số {decision.number} ngày {format_date(decision.signed_on)}"),
        place_date=place_date(place, decision.signed_on),
        titles=titles,
        signer=text(decision.signer_name),
        party=format_of(decision.issuer) is Format.PARTY,
    )


# -- drawing -------------------------------------------------------------------------


def draw_frame(c: Canvas) -> None:
    """A double frame (thick red outside, thin gold inside) with corner ornaments."""
    c.saveState()
    c.setStrokeColorRGB(*RED)
    c.setLineWidth(3.2)
    c.rect(8 * mm, 8 * mm, WIDTH - 16 * mm, HEIGHT - 16 * mm)
    c.setLineWidth(0.8)
    c.rect(10.5 * mm, 10.5 * mm, WIDTH - 21 * mm, HEIGHT - 21 * mm)
    c.setStrokeColorRGB(*GOLD)
    c.setLineWidth(1.2)
    inset = 14 * mm
    c.rect(inset, inset, WIDTH - 2 * inset, HEIGHT - 2 * inset)
    for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1)):
        x = inset if sx > 0 else WIDTH - inset
        y = inset if sy > 0 else HEIGHT - inset
        _corner(c, x, y, sx, sy)
    c.restoreState()


def _corner(c: Canvas, x: float, y: float, sx: int, sy: int) -> None:
    """One corner ornament: a filled diamond on the corner, an arc and two dots
    turned into the page."""
    d = 4 * mm
    c.setFillColorRGB(*RED)
    path = c.beginPath()
    path.moveTo(x, y - d)
    path.lineTo(x + d, y)
    path.lineTo(x, y + d)
    path.lineTo(x - d, y)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
    c.setFillColorRGB(*GOLD)
    c.circle(x, y, 1.1 * mm, stroke=0, fill=1)
    r = 9 * mm
    start = {(1, 1): 0, (-1, 1): 90, (-1, -1): 180, (1, -1): 270}[(sx, sy)]
    c.arc(x - r, y - r, x + r, y + r, startAng=start, extent=90)
    for k in (1, 2):
        c.circle(x + sx * (r + k * 3 * mm), y + sy * 1.6 * mm, 0.7 * mm, stroke=0, fill=1)
        c.circle(x + sx * 1.6 * mm, y + sy * (r + k * 3 * mm), 0.7 * mm, stroke=0, fill=1)


def draw_static(c: Canvas, s: Static, layout: Layout, logo: str | None) -> None:
    draw_frame(c)
    if logo:
        c.drawImage(
            logo,
            CX - LOGO_SIZE / 2,
            layout.logo_bottom,
            LOGO_SIZE,
            LOGO_SIZE,
            preserveAspectRatio=True,
            mask="auto",
            anchor="c",
        )
    c.setFillColorRGB(*INK)
    c.setStrokeColorRGB(*INK)
    y = layout.title_top
    if s.party:
        w = centred(c, PARTY_TITLE, CX, y - 3 * mm, fonts.BOLD, 15)
        rule(c, CX, y - 4.2 * mm, w, 0.7)
    else:
        centred(c, NATIONAL_TITLE, CX, y, fonts.BOLD, 14)
        w = centred(c, MOTTO, CX, y - 6.5 * mm, fonts.BOLD, 14)
        rule(c, CX, y - 9 * mm, w, 0.7)
    size = 16
    while fonts.width(s.giver, fonts.BOLD, size) > TEXT_WIDTH and size > 11:
        size -= 0.5
    centred(c, s.giver, CX, layout.giver, fonts.BOLD, size)
    c.setFillColorRGB(*RED)
    centred(c, s.form_title, CX, layout.name_of_form, fonts.BOLD, layout.form_size)
    c.setFillColorRGB(*INK)
    centred(c, "Tặng", CX, layout.gift, fonts.ITALIC, 17)
    # The bottom: decision and golden book on the left, signature on the right.
    centred(c, s.decision_line, DECISION_X, 57 * mm, fonts.ITALIC, 13)
    centred(c, s.place_date, SIGN_X, 57 * mm, fonts.ITALIC, 14)
    y = 50 * mm
    for title in s.titles:
        centred(c, title, SIGN_X, y, fonts.BOLD, 14)
        y -= 6 * mm
    centred(c, s.signer, SIGN_X, 21 * mm, fonts.BOLD, 15)


class _Wrapper:
    """Line breaking for the achievement, with the font shrunk to fit three lines."""

    SIZES = (17, 16, 15, 14, 13)

    def __call__(self, achievement: str) -> tuple[float, list[str]]:
        for size in self.SIZES:
            lines = simpleSplit(achievement, fonts.REGULAR, size, TEXT_WIDTH)
            if len(lines) <= 3:
                return size, lines
        return self.SIZES[-1], lines[:4]


def _fit(value: str, font: str, size: float, limit: float) -> float:
    while size > 12 and fonts.width(value, font, size) > limit:
        size -= 1
    return size


def draw_recipient(c: Canvas, row: DecisionRow, layout: Layout, wrap: _Wrapper) -> None:
    c.setFillColorRGB(*RED)
    name = row.name
    centred(c, name, CX, layout.recipient, fonts.BOLD, _fit(name, fonts.BOLD, 26, TEXT_WIDTH))
    c.setFillColorRGB(*INK)
    # A group named after its area ("Tổ ... – Khu phố 3") needs no second "Khu phố 3".
    if row.position and not (row.is_group and row.position in name):
        centred(
            c,
            row.position,
            CX,
            layout.position,
            fonts.ITALIC,
            _fit(row.position, fonts.ITALIC, 15, TEXT_WIDTH),
        )
    size, lines = wrap(row.achievement)
    y = layout.achievement
    for line in lines:
        centred(c, line, CX, y, fonts.REGULAR, size)
        y -= size * 1.3
    if row.golden_book_no:
        centred(c, f"Số sổ vàng: {row.golden_book_no}", DECISION_X, 50 * mm, fonts.ITALIC, 13)


# -- the batch -----------------------------------------------------------------------


def write_certificates(
    decision: Decision,
    out_path: str | os.PathLike,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    logo: str | os.PathLike | None = None,
    rows: Sequence[DecisionRow] | None = None,
    place: str | None = None,
) -> int:
    """One page per live recipient into ``out_path``; returns the page count.

    ``cancel()`` is asked between pages; when it says yes nothing is left on
    disk (an existing file at ``out_path`` is not touched) and ``Cancelled``
    is raised. ``rows`` and ``place`` may be given to skip the queries.
    """
    fonts.register_fonts()
    out = Path(out_path)
    if rows is None:
        rows = decision_rows(decision)
    if not rows:
        raise ModelError(
            f"Quyết định số {decision.number} không có cá nhân hoặc tập thể nào được khen thưởng."
        )
    logo_path = str(logo) if logo else None
    if logo_path and not Path(logo_path).is_file():
        raise ModelError(f"Không tìm thấy tệp hình biểu trưng {logo_path}.")
    static = static_parts(decision, place)
    layout = WITH_LOGO if logo_path else PLAIN
    part = out.with_name(out.name + ".part")
    total = len(rows)
    try:
        c = Canvas(
            str(part),
            pagesize=PAGE,
            pageCompression=1,
            invariant=0,
            initialFontName=fonts.REGULAR,
            initialFontSize=13,
        )
        c.setTitle(text(f"{static.form_title.capitalize()} - Quyết định số {decision.number}"))
        c.setAuthor(static.giver)
        c.setCreator("Tổ Dân")
        c.beginForm(FORM_NAME)
        draw_static(c, static, layout, logo_path)
        c.endForm()
        wrap = _Wrapper()
        for done, row in enumerate(rows):
            if cancel is not None and cancel():
                raise Cancelled()
            c.doForm(FORM_NAME)
            draw_recipient(c, row, layout, wrap)
            c.showPage()
            if progress is not None:
                progress(done + 1, total)
        c.save()
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return total
