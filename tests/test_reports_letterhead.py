"""The letterhead of official documents, State and Party, and its text rules."""

from __future__ import annotations

import datetime as dt
import unicodedata

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
from test_reports_helpers import assert_fonts_embedded, pdf_text

from reports import fonts
from reports.assets import asset_path
from reports.letterhead import (
    BODY_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE,
    Format,
    Letterhead,
    LetterheadFlowable,
    body_lines,
    body_name,
    draw_page_number,
    long_date,
    place_date,
    place_name,
)


def test_long_date_zeros_follow_the_decree():
    assert long_date(dt.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert long_date(dt.date(2026, 2, 28)) == "ngày 28 tháng 02 năm 2026"
    assert long_date(dt.date(2026, 3, 9)) == "ngày 09 tháng 3 năm 2026"
    assert long_date(dt.date(2025, 12, 20)) == "ngày 20 tháng 12 năm 2025"
    assert place_date("Phúc Lợi", dt.date(2026, 1, 5)) == "Phúc Lợi, ngày 05 tháng 01 năm 2026"


def test_place_name_and_body_lines():
    assert place_name("Phường Phúc Lợi") == "Phúc Lợi"
    assert place_name("Xã Đông Anh") == "Đông Anh"
    assert place_name("Đặc khu Phú Quốc") == "Phú Quốc"
    assert place_name("Hà Nội") == "Hà Nội"
    assert body_name("UBND phường Phúc Lợi") == "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI"
    assert body_lines("UBND phường Phúc Lợi") == ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚC LỢI"]
    assert body_lines("ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI") == ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚC LỢI"]
    assert body_lines("Đảng ủy phường Phúc Lợi") == ["ĐẢNG ỦY PHƯỜNG PHÚC LỢI"]  # fits on one line
    assert body_lines("Đảng ủy phường Nguyễn Trung Trực Thượng") == [
        "ĐẢNG ỦY",
        "PHƯỜNG NGUYỄN TRUNG TRỰC THƯỢNG",
    ]
    assert body_lines("Ban chỉ huy quân sự phường Phúc Lợi Hà Nội") == [
        "BAN CHỈ HUY QUÂN SỰ",
        "PHƯỜNG PHÚC LỢI HÀ NỘI",
    ]
    assert body_lines("Công an phường") == ["CÔNG AN PHƯỜNG"]
    decomposed = unicodedata.normalize("NFD", "UBND phường Phúc Lợi")
    assert body_lines(decomposed) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚC LỢI"]


def test_geometry_is_the_decree_s():
    assert round(PAGE[0] / mm) == 210 and round(PAGE[1] / mm) == 297
    assert 20 <= round(MARGIN_TOP / mm) <= 25 and 20 <= round(MARGIN_BOTTOM / mm) <= 25
    assert 30 <= round(MARGIN_LEFT / mm) <= 35 and 15 <= round(MARGIN_RIGHT / mm) <= 20
    assert round(BODY_WIDTH / mm) == 165


def test_font_files_found_through_asset_helper(monkeypatch, tmp_path):
    assert asset_path("fonts", "LiberationSerif-Regular.ttf").is_file()
    bundle = tmp_path / "bundle"
    (bundle / "assets" / "fonts").mkdir(parents=True)
    monkeypatch.setattr("sys._MEIPASS", str(bundle), raising=False)
    assert asset_path("fonts", "x.ttf") == bundle / "assets" / "fonts" / "x.ttf"


def _document(path, lh: Letterhead, pages: int = 2) -> list[str]:
    fonts.register_fonts()
    doc = SimpleDocTemplate(
        str(path),
        pagesize=PAGE,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        initialFontName=fonts.REGULAR,
    )
    style = ParagraphStyle("b", fontName=fonts.REGULAR, fontSize=13)
    story = [LetterheadFlowable(lh)]
    for i in range(pages):
        story += [Paragraph(f"Nội dung trang {i + 1}", style), PageBreak()]
    doc.build(story[:-1], onLaterPages=draw_page_number)
    return pdf_text(path)


def test_state_letterhead_pdf(tmp_path):
    lh = Letterhead(
        body="UBND phường Phúc Lợi", place="Phúc Lợi", date=dt.date(2026, 1, 5), number="125/QĐ-UBND"
    )
    first, second = _document(tmp_path / "state.pdf", lh)
    lines = [line.strip() for line in first.splitlines()]
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG PHÚC LỢI",
        "Số: 125/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Phúc Lợi, ngày 05 tháng 01 năm 2026",
    ):
        assert expected in lines, expected
    assert "ĐẢNG CỘNG SẢN" not in first
    assert second.strip().splitlines()[0].strip() == "2"  # page number from page 2
    assert not first.strip().splitlines()[0].strip().isdigit()
    assert_fonts_embedded(tmp_path / "state.pdf")


def test_party_letterhead_pdf(tmp_path):
    lh = Letterhead(
        body="Đảng ủy phường Phúc Lợi",
        parent_body="Đảng bộ thành phố Hà Nội",
        place="Phúc Lợi",
        date=dt.date(2026, 2, 3),
        number="12-QĐ/ĐU",
        format=Format.PARTY,
    )
    first, _ = _document(tmp_path / "party.pdf", lh)
    lines = [line.strip() for line in first.splitlines()]
    for expected in (
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
        "ĐẢNG ỦY PHƯỜNG PHÚC LỢI",
        "*",
        "Số 12-QĐ/ĐU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Phúc Lợi, ngày 03 tháng 02 năm 2026",
    ):
        assert expected in lines, expected
    assert "CỘNG HÒA" not in first and "Độc lập" not in first
