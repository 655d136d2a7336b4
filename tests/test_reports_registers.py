"""The registers and the party members' comment forms, read back."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader
from test_reports_helpers import assert_fonts_embedded, pdf_text

from models.base import ModelError
from models.party import PartyAssignment, PartyComment, PartyMember
from models.people import Person
from reports.errors import Cancelled
from reports.party_comments import write_party_comments
from reports.registers import meeting_register_doc, party_assignments_doc, recommendations_doc, write_register

ROOT = Path(__file__).resolve().parent.parent


def flat(value: str) -> str:
    return " ".join(value.split())


def test_meeting_register_three_formats(seeded, tmp_path):
    doc = meeting_register_doc("Tổ dân phố số 1", seeded.year)
    assert doc.subtitle.startswith("Tổ dân phố số 1 (Tổ dân phố) – Khu phố 1; tổ trưởng: Nguyễn Thị Hải Yến")
    pdf = write_register(doc, tmp_path / "so.pdf")
    assert_fonts_embedded(pdf)
    text = flat(" ".join(pdf_text(pdf)))
    assert "SỔ SINH HOẠT TỔ" in text
    assert f"1 15/01/{seeded.year} Nhà văn hóa Khu phố 1 Nguyễn Thị Hải Yến" in text
    assert "3 20 23" in text
    assert f"Trong năm {seeded.year} tổ sinh hoạt 1 buổi với 23 lượt người dự." in text
    # Last year's meeting is not in this year's register.
    assert f"10/12/{seeded.year - 1}" not in text
    rows = list(load_workbook(write_register(doc, tmp_path / "so.xlsx")).active.iter_rows(values_only=True))
    assert any(r[0] == 1 and r[3] == "Nguyễn Thị Hải Yến" for r in rows)
    cells = [c.text for t in Document(str(write_register(doc, tmp_path / "so.docx"))).tables for r in t.rows
             for c in r.cells]
    assert "Nhà văn hóa Khu phố 1" in cells


def test_unknown_group(seeded):
    with pytest.raises(ModelError, match="Không tìm thấy tổ Tổ không có"):
        meeting_register_doc("Tổ không có", seeded.year)


def test_party_assignments(seeded, tmp_path):
    g1, g2 = seeded.groups[:2]
    pm_dang, pm_yen = seeded.party
    PartyAssignment.create(party_member=pm_yen, group=g1, start_date=dt.date(2021, 1, 1))
    PartyAssignment.create(party_member=pm_dang, group=g2, start_date=dt.date(2022, 3, 1))
    # Assigned to a dissolved group: not listed.
    PartyAssignment.create(party_member=pm_dang, group=seeded.groups[2], start_date=dt.date(2022, 3, 1))
    pdf = write_register(party_assignments_doc(), tmp_path / "dv.pdf")
    text = flat(" ".join(pdf_text(pdf)))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "DANH SÁCH ĐẢNG VIÊN ĐƯỢC PHÂN CÔNG PHỤ TRÁCH TỔ" in text
    assert "1 Nguyễn Thị Hải Yến Chi bộ Khu phố 1 Tổ dân phố số 1 01/01/2021 Tổ trưởng" in text
    assert "2 Đặng Văn Long Chi bộ Khu phố 1 Tổ dân vận Hòa Bình 01/03/2022" in text
    assert "Đồng Tâm" not in text
    assert "Có 2 lượt phân công, 2 đảng viên; 1 lượt đảng viên trực tiếp làm tổ trưởng" in text


def test_recommendations_state_and_overdue(seeded, tmp_path):
    today = dt.date(seeded.year, 6, 1)
    doc = recommendations_doc(seeded.year, today=today)
    # A narrow cell may break a date after its slash.
    text = flat(" ".join(pdf_text(write_register(doc, tmp_path / "kn.pdf")))).replace("/ ", "/")
    # Last year's open one is listed, overdue; this year's resolved one with its day.
    assert "Đề nghị cấp giấy chứng nhận quyền sử dụng đất" in text
    assert "Đã chuyển Quá hạn" in text
    assert f"Đã giải quyết ngày 28/02/{seeded.year}" in text
    assert "Có 2 kiến nghị, trong đó 1 quá hạn." in text
    late = recommendations_doc(seeded.year, today=today, only_overdue=True)
    assert [r[4] for r in late.sections[0].rows] == ["Đề nghị cấp giấy chứng nhận quyền sử dụng đất"]
    assert late.title == "DANH SÁCH KIẾN NGHỊ QUÁ HẠN"


def test_party_comments_one_page_each_skipping_excused(seeded, tmp_path):
    # A second member living here, with comments written this year.
    hung = PartyMember.create(person=seeded.hung, card_number="05556677", party_cell="Chi bộ Khu phố 1",
                              workplace_org="Đảng bộ Công an tỉnh", lives_here=True)
    PartyComment.create(party_member=hung, year=seeded.year, cell_comment="Gương mẫu, tích cực tham gia.",
                        front_comment="Được nhân dân tín nhiệm.")
    # Excused but living here: skipped.
    teo = Person.create(full_name="Vũ Văn Bảy", area=seeded.areas[0])
    PartyMember.create(person=teo, lives_here=True, excused=True)
    seen = []
    out = tmp_path / "nx.pdf"
    assert write_party_comments(seeded.year, out, progress=lambda d, t: seen.append((d, t))) == 2
    assert_fonts_embedded(out)
    pages = [flat(p) for p in pdf_text(out)]
    assert len(pages) == 2
    # Vietnamese name order: Hùng before Yến.
    assert "Họ và tên đảng viên: Phạm Quốc Hùng (Nam)" in pages[0]
    assert "Kính gửi: Cấp ủy Đảng bộ Công an tỉnh" in pages[0]
    assert "Gương mẫu, tích cực tham gia." in pages[0] and "Được nhân dân tín nhiệm." in pages[0]
    assert "Họ và tên đảng viên: Nguyễn Thị Hải Yến (Nữ)" in pages[1]
    assert "Ngày sinh: 14/05/1978" in pages[1] and "Đảng bộ Sở Y tế" in pages[1]
    assert "PHIẾU NHẬN XÉT" in pages[1] and "ĐẢNG CỘNG SẢN VIỆT NAM" in pages[1]
    assert "CHI BỘ KHU PHỐ 1" in pages[1] and "ĐẢNG BỘ PHƯỜNG PHÚC LỢI" in pages[1]
    assert "T/M CHI ỦY (CHI BỘ)" in pages[1] and "T/M BAN CÔNG TÁC MẶT TRẬN" in pages[1]
    assert all("Đặng Văn Long" not in p and "Vũ Văn Bảy" not in p for p in pages)
    assert seen[-1] == (2, 2)
    docx = Document(str(write_party_comments(seeded.year, tmp_path / "nx.docx") and tmp_path / "nx.docx"))
    body = "\n".join(p.text for p in docx.paragraphs)
    assert body.count("PHIẾU NHẬN XÉT") == 2 and "Phạm Quốc Hùng" in body


def test_party_comments_cancel_leaves_nothing(seeded, tmp_path):
    out = tmp_path / "nx.pdf"
    with pytest.raises(Cancelled):
        write_party_comments(seeded.year, out, cancelled=lambda: True)
    assert not out.exists() and not list(tmp_path.glob("nx*"))


def test_commands_through_app(seeded, db, tmp_path):
    db.close()
    path = tmp_path / "test.todan"
    out = tmp_path / "tk.xlsx"
    done = subprocess.run([sys.executable, "app.py", "report", "summary", "--db", str(path), "--year",
                           str(seeded.year), "--out", str(out)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Đã ghi báo cáo tổng kết năm {seeded.year} vào {out}.\n"
    assert "So sánh với năm trước" in load_workbook(out).sheetnames
    bad = subprocess.run([sys.executable, "app.py", "report", "party-comments", "--db", str(path), "--out",
                          str(tmp_path / "nx.xlsx")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert bad.returncode == 2
    assert bad.stderr == "Lỗi: Không ghi được tệp nx.xlsx: chỉ hỗ trợ đuôi .pdf hoặc .docx.\n"
    pc = tmp_path / "nx.pdf"
    ok = subprocess.run([sys.executable, "app.py", "report", "party-comments", "--db", str(path), "--year",
                         str(seeded.year), "--out", str(pc)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert len(PdfReader(str(pc)).pages) == 1
