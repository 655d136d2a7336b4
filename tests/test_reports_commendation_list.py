"""The list attached to a decision, read back from PDF, DOCX and XLSX."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader
from test_reports_helpers import assert_fonts_embedded, make_decision, pdf_text

from models.base import ModelError
from models.commendation_ops import create_decision
from models.people import Person
from reports.commendation_list import COLUMNS, build_list, write_commendation_list

HEADERS = ["STT", "Họ và tên / Tên tập thể", "Chức vụ – Địa chỉ / Đơn vị", "Thành tích", "Hình thức"]


def flat(text: str) -> str:
    """Table cells wrap at spaces: compare with single spaces."""
    return " ".join(text.split())


@pytest.fixture
def decision(seeded):
    return make_decision(seeded)


@pytest.fixture
def big_decision(seeded):
    """Sixty people: the table runs over several pages."""
    people = [
        Person.create(full_name=f"Nguyễn Văn Thành {i:02d}", address=f"Số {i} ngõ Phúc Lợi")
        for i in range(60)
    ]
    return create_decision(
        number="99/QĐ-UBND",
        signed_on=dt.date(2026, 3, 15),
        issuer="UBND phường Phúc Lợi",
        signer_name="Nguyễn Văn Thắng",
        signer_title="Chủ tịch",
        form="giay_khen_ct_xa",
        recipients=[
            {"person": p, "achievement": "Tích cực tham gia phong trào khuyến học, khuyến tài ở khu dân cư"}
            for p in people
        ],
    )


def test_build_list_sections(decision):
    doc = build_list(decision)
    assert [c.title for c in COLUMNS] == HEADERS
    assert [s.heading for s in doc.sections] == ["I. Tập thể", "II. Cá nhân"]
    assert doc.sections[0].rows == [
        (
            "1",
            "Tổ dân vận Hòa Bình",
            "Khu phố 1",
            "Tổ dân vận tiêu biểu trong công tác vận động nhân dân",
            "Giấy khen của Chủ tịch UBND cấp xã",
        )
    ]
    assert [r[:3] for r in doc.sections[1].rows] == [
        ("1", "Nguyễn Thị Hải Yến", "Tổ trưởng Tổ dân phố số 1"),
        ("2", "Đặng Văn Long", "Thành viên Tổ dân phố số 1"),
    ]
    assert doc.subtitle == "(Kèm theo Quyết định số 07/QĐ-UBND ngày 05 tháng 01 năm 2026)"
    assert doc.footer == "Danh sách có 1 tập thể và 2 cá nhân."


def test_people_only_numbered_I(big_decision):
    doc = build_list(big_decision)
    assert [s.heading for s in doc.sections] == ["I. Cá nhân"]
    assert doc.subtitle == "(Kèm theo Quyết định số 99/QĐ-UBND ngày 15 tháng 3 năm 2026)"


def test_pdf(decision, tmp_path):
    out = write_commendation_list(decision, tmp_path / "ds.pdf")
    text = flat(pdf_text(out)[0])
    for needle in (
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG PHÚC LỢI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "DANH SÁCH KHEN THƯỞNG",
        "(Kèm theo Quyết định số 07/QĐ-UBND ngày 05 tháng 01 năm 2026)",
        "I. Tập thể",
        "II. Cá nhân",
        "Nguyễn Thị Hải Yến",
        "Đặng Văn Long",
        "Tổ dân vận Hòa Bình",
        "Tổ trưởng Tổ dân phố số 1",
        "STT",
        "Thành tích",
        "Hình thức",
    ):
        assert needle in text, needle
    assert text.index("Tổ dân vận Hòa Bình") < text.index("Nguyễn Thị Hải Yến")
    assert_fonts_embedded(out)
    page = PdfReader(str(out)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
        595,
        842,
    )  # A4 portrait


def test_pdf_repeats_header_and_numbers_later_pages(big_decision, tmp_path):
    out = write_commendation_list(big_decision, tmp_path / "big.pdf")
    pages = pdf_text(out)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "Họ và tên / Tên tập" in text and "Thành tích" in text  # the header row on every page
        first_line = text.strip().splitlines()[0].strip()
        if number == 1:
            assert first_line != "1"  # no number on the first page
        else:
            assert first_line == str(number)
    everything = flat(" ".join(pages))
    assert all(f"Nguyễn Văn Thành {i:02d}" in everything for i in range(60))


def test_docx(decision, tmp_path):
    out = write_commendation_list(decision, tmp_path / "ds.docx")
    document = Document(str(out))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    head, table = document.tables
    assert "ỦY BAN NHÂN DÂN\nPHƯỜNG PHÚC LỢI" in head.cell(0, 0).text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head.cell(0, 1).text
    texts = [p.text for p in document.paragraphs]
    assert "DANH SÁCH KHEN THƯỞNG" in texts
    assert "(Kèm theo Quyết định số 07/QĐ-UBND ngày 05 tháng 01 năm 2026)" in texts
    assert [c.text for c in table.rows[0].cells] == HEADERS
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # repeated on each page
    assert table.rows[1].cells[0].text == "I. Tập thể"
    assert [c.text for c in table.rows[2].cells][:3] == ["1", "Tổ dân vận Hòa Bình", "Khu phố 1"]
    assert [c.text for c in table.rows[4].cells][:2] == ["1", "Nguyễn Thị Hải Yến"]
    run = table.rows[4].cells[1].paragraphs[0].runs[0]
    assert run.font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 13
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml


def test_xlsx(decision, tmp_path):
    out = write_commendation_list(decision, tmp_path / "ds.xlsx")
    ws = load_workbook(str(out)).active
    values = list(ws.iter_rows(values_only=True))
    assert values[0][0] == "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in values[0]
    assert "Độc lập - Tự do - Hạnh phúc" in values[1]
    assert values[2][0] == "DANH SÁCH KHEN THƯỞNG"
    assert values[3][0] == "(Kèm theo Quyết định số 07/QĐ-UBND ngày 05 tháng 01 năm 2026)"
    header_index = next(i for i, row in enumerate(values) if row[0] == "STT")
    assert list(values[header_index]) == HEADERS
    header_row = header_index + 1
    assert all(ws.cell(row=header_row, column=c).font.b for c in range(1, 6))
    assert ws.print_title_rows.replace("$", "") == f"{header_row}:{header_row}"
    body = values[header_index + 1 :]
    assert body[0][0] == "I. Tập thể"
    assert body[1][:3] == (1, "Tổ dân vận Hòa Bình", "Khu phố 1")
    assert body[3][:3] == (1, "Nguyễn Thị Hải Yến", "Tổ trưởng Tổ dân phố số 1")
    assert ws.cell(row=header_row + 4, column=4).alignment.wrap_text
    widths = [ws.column_dimensions[letter].width for letter in "ABCDE"]
    assert widths[0] < widths[1] < widths[3]  # STT narrow, achievement widest
    assert all(w and w > 5 for w in widths)


def test_unknown_extension_refused(decision, tmp_path):
    with pytest.raises(ModelError) as err:
        write_commendation_list(decision, tmp_path / "ds.odt")
    assert err.value.message == "Không ghi được tệp ds.odt: chỉ hỗ trợ đuôi .pdf, .docx hoặc .xlsx."
    assert not (tmp_path / "ds.odt").exists()
