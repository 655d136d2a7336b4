"""Helpers the report tests share (reading PDFs back), with tests that show
the helpers themselves can tell a bad file from a good one."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import IndirectObject
from reportlab.pdfgen.canvas import Canvas

BASE14 = {
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Symbol",
    "ZapfDingbats",
}


def pdf_text(path: Path | str) -> list[str]:
    """The text of each page, NFC."""
    return [unicodedata.normalize("NFC", page.extract_text() or "") for page in PdfReader(str(path)).pages]


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _fonts_in(resources, seen: set[int], out: dict[str, dict]) -> None:
    resources = _resolve(resources)
    if not resources:
        return
    for font in (_resolve(resources.get("/Font")) or {}).values():
        font = _resolve(font)
        out[str(font.get("/BaseFont"))] = font
    for xobj in (_resolve(resources.get("/XObject")) or {}).values():
        ref = id(_resolve(xobj))
        if ref in seen:
            continue
        seen.add(ref)
        xobj = _resolve(xobj)
        if xobj.get("/Subtype") == "/Form":
            _fonts_in(xobj.get("/Resources"), seen, out)


def pdf_fonts(path: Path | str) -> dict[str, bool]:
    """Every font used on any page (also inside forms) -> whether it is embedded as TrueType."""
    found: dict[str, dict] = {}
    seen: set[int] = set()
    for page in PdfReader(str(path)).pages:
        _fonts_in(page.get("/Resources"), seen, found)
    result = {}
    for name, font in found.items():
        descriptor = _resolve(font.get("/FontDescriptor"))
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = _resolve(_resolve(_resolve(font["/DescendantFonts"])[0]).get("/FontDescriptor"))
        embedded = descriptor is not None and "/FontFile2" in descriptor
        result[name.lstrip("/")] = embedded and name.lstrip("/").split("+")[-1] not in BASE14
    return result


def assert_fonts_embedded(path: Path | str) -> None:
    fonts = pdf_fonts(path)
    assert fonts, "no fonts found"
    assert all(fonts.values()), f"fonts not embedded: {[n for n, ok in fonts.items() if not ok]}"
    assert any("LiberationSerif" in name for name in fonts), fonts


def make_decision(
    seeded,
    number: str = "07/QĐ-UBND",
    signed_on: dt.date = dt.date(2026, 1, 5),
    form=None,
    recipients: list[dict] | None = None,
    signer_title: str = "Chủ tịch",
):
    """A decision made through the operation under test, with one person and one group."""
    from models.catalogues import CommendationForm
    from models.commendation_ops import create_decision

    form = form or CommendationForm.get(CommendationForm.is_default == True)  # noqa: E712
    if recipients is None:
        recipients = [
            {
                "person": seeded.yen,
                "achievement": "Hoàn thành xuất sắc nhiệm vụ tổ trưởng năm 2025",
                "golden_book_no": "12/2026",
            },
            {
                "group": seeded.groups[1],
                "achievement": "Tổ dân vận tiêu biểu trong công tác vận động nhân dân",
                "golden_book_no": "13/2026",
            },
            {"person": seeded.dang, "achievement": "Gương mẫu, nhiệt tình trong công tác hòa giải ở cơ sở"},
        ]
    return create_decision(
        number=number,
        signed_on=signed_on,
        issuer="UBND phường Phúc Lợi",
        signer_name="Nguyễn Văn Thắng",
        signer_title=signer_title,
        form=form,
        recipients=recipients,
    )


# -- the helpers can fail -------------------------------------------------------------


def test_font_check_catches_base14_fonts(tmp_path):
    path = tmp_path / "base14.pdf"
    c = Canvas(str(path))
    c.setFont("Times-Roman", 12)
    c.drawString(100, 700, "Giay khen")
    c.save()
    fonts = pdf_fonts(path)
    assert fonts["Times-Roman"] is False
    assert not all(fonts.values())


def test_font_check_accepts_embedded_liberation(tmp_path):
    from reports import fonts

    fonts.register_fonts()
    path = tmp_path / "ttf.pdf"
    c = Canvas(str(path), initialFontName=fonts.REGULAR)
    c.setFont(fonts.REGULAR, 12)
    c.drawString(100, 700, "Giấy khen")
    c.save()
    assert_fonts_embedded(path)
    assert "Giấy khen" in pdf_text(path)[0]
