"""The year-end and half-year summary: a data set whose figures are known,
printed exactly in PDF, Word and Excel."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document
from openpyxl import load_workbook
from test_reports_helpers import assert_fonts_embedded, pdf_text

from models.areas import ResidentialArea
from models.catalogues import GroupType, RecommendationCategory
from models.enums import AreaKind, HouseholdTitleKind, RecommendationState, Role
from models.groups import Group, Membership
from models.meetings import Meeting
from models.party import PartyAssignment, PartyMember
from models.people import Person
from models.recommendations import Recommendation
from models.report_figures import By, breakdown
from models.statistics import year_figures
from models.titles import HouseholdTitle
from reports.letterhead import Format
from reports.summary import build_summary, gather, write_summary

TODAY = dt.date(2026, 3, 1)  # the 2025 report, written in March 2026
HOME = "00136"


def flat(value: str) -> str:
    return " ".join(value.split())


@pytest.fixture
def known(db):
    """Two areas, nine groups (one dissolved in 2024): 8 active; 6 leaders of
    whom 3 are party members (3/8 = 37,50%); 5 party members assigned
    (5/8 = 62,50%); 1.817 people at meetings in 2025; 3 recommendations in
    2025, 2 settled, 1 overdue; 8 households, 6 of them cultured (75,00%)."""
    kp1 = ResidentialArea.create(name="Khu phố 1", kind=AreaKind.KHU_PHO, commune_code=HOME)
    kp2 = ResidentialArea.create(name="Khu phố 2", kind=AreaKind.KHU_PHO, commune_code=HOME)
    tdp = GroupType.get(GroupType.code == "to_dan_pho")
    tdv = GroupType.get(GroupType.code == "to_dan_van")
    founded = dt.date(2020, 1, 1)
    groups = [Group.create(name=f"Tổ dân phố số {i}", area=kp1, group_type=tdp, founded_on=founded) for i in range(1, 6)]
    groups += [Group.create(name=f"Tổ dân vận số {i}", area=kp2, group_type=tdv, founded_on=founded) for i in range(1, 4)]
    Group.create(name="Tổ dân vận cũ", area=kp2, group_type=tdv, founded_on=founded, dissolved_on=dt.date(2024, 6, 1))
    people = [Person.create(full_name=f"Nguyễn Văn Lâm {i}", area=kp1 if i < 5 else kp2) for i in range(8)]
    for i in range(6):
        Membership.create(group=groups[i], person=people[i], role=Role.LEADER, start_date=founded)
    members = [PartyMember.create(person=people[i], admitted_on=dt.date(2000, 1, 1)) for i in (0, 1, 2, 6, 7)]
    for member, group in zip(members, (groups[0], groups[1], groups[2], groups[5], groups[6])):
        PartyAssignment.create(party_member=member, group=group, start_date=founded)
    Meeting.create(group=groups[0], held_on=dt.date(2025, 3, 10), members_present=10, other_attendees=1000)
    Meeting.create(group=groups[0], held_on=dt.date(2025, 9, 10), members_present=7, other_attendees=800)
    Meeting.create(group=groups[5], held_on=dt.date(2024, 5, 1), members_present=5, other_attendees=0)
    land = RecommendationCategory.get(RecommendationCategory.code == "dat_dai")
    env = RecommendationCategory.get(RecommendationCategory.code == "moi_truong")
    for day in (dt.date(2025, 2, 1), dt.date(2025, 3, 1)):
        Recommendation.create(group=groups[0], category=land, content="Cấp giấy chứng nhận", raised_on=day,
                              state=RecommendationState.RESOLVED, closed_on=day + dt.timedelta(days=20))
    Recommendation.create(group=groups[6], category=env, content="Thu gom rác", raised_on=dt.date(2025, 5, 1),
                          due_on=dt.date(2025, 6, 1), state=RecommendationState.FORWARDED)
    for p in people[:6]:
        HouseholdTitle.create(head=p, year=2025, kind=HouseholdTitleKind.CULTURED_FAMILY)
    return {"areas": (kp1, kp2), "groups": groups}


def test_figures_come_from_statistics(known):
    f = year_figures(2025, today=TODAY)
    assert (f.groups_active, f.groups_total, f.party_leaders, f.assigned_party_members) == (8, 9, 3, 5)
    assert (f.attendance, f.recommendations_raised, f.recommendations_overdue) == (1817, 3, 1)
    rows = {r.name: r for r in breakdown(2025, By.AREA, today=TODAY)}
    for area in known["areas"]:
        whole = year_figures(2025, area=area.id, today=TODAY)
        row = rows[area.name]
        assert (row.groups_active, row.party_leaders, row.assigned_party_members, row.attendance,
                row.recommendations_raised, row.households) == (
            whole.groups_active, whole.party_leaders, whole.assigned_party_members, whole.attendance,
            whole.recommendations_raised, whole.households)


def test_pdf_prints_the_known_figures(known, tmp_path):
    out = write_summary(2025, tmp_path / "tk.pdf", today=TODAY)
    assert_fonts_embedded(out)
    pages = pdf_text(out)
    whole = flat(" ".join(pages))
    assert "ỦY BAN NHÂN DÂN" in pages[0] and "PHƯỜNG PHÚC LỢI" in pages[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0]
    assert "Phúc Lợi, ngày 01 tháng 3 năm 2026" in flat(pages[0])
    assert "Tổng kết hoạt động các tổ ở khu dân cư năm 2025" in whole
    assert "toàn phường có 08/09 tổ đang hoạt động ở 02 khu dân cư" in whole
    assert "Có 03 đảng viên trực tiếp làm tổ trưởng, chiếm tỷ lệ 37,50% so với tổng số tổ" in whole
    assert "05 đảng viên được phân công phụ trách tổ, chiếm tỷ lệ 62,50%" in whole
    assert "với 1.817 lượt người dân tham dự" in whole
    assert "nhân dân nêu 03 lượt kiến nghị, đề xuất (trong đó 02 đất đai, 01 môi trường)" in whole
    assert "trong đó 01 quá hạn" in whole
    assert "06 hộ gia đình đạt danh hiệu gia đình văn hóa, chiếm 75,00%" in whole
    # The comparison table: last year beside this year, with the change.
    assert "Năm 2024 Năm 2025" in whole
    assert "Lượt người dự sinh hoạt 5 1.817 +1.812" in whole
    assert "Tỷ lệ so với tổng số tổ 37,50% 37,50% 0" in whole
    # By area, then by group type, with totals.
    assert "1 Khu phố 1 5 3 60,00% 3 60,00% 2 1.817 2 0 100,00%" in whole
    assert "2 Khu phố 2 3 0 0,00% 2 66,67% 0 0 1 1 33,33%" in whole
    assert "Cộng 8 3 37,50% 5 62,50% 2 1.817 3 1 75,00%" in whole
    assert "1 Tổ dân phố 5 3 60,00% 3 60,00% 2 1.817 2 0" in whole
    assert "Biểu đồ: tỷ lệ qua các năm 2023–2025" in whole
    assert "TM. ỦY BAN NHÂN DÂN" in whole


def test_party_format_and_half_year(known, tmp_path):
    # A meeting after 30/06 is not in the half-year report.
    out = write_summary(2025, tmp_path / "sk.pdf", half=True, fmt=Format.PARTY, today=TODAY)
    whole = flat(" ".join(pdf_text(out)))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in whole and "ĐẢNG ỦY PHƯỜNG PHÚC LỢI" in whole
    assert "CỘNG HÒA XÃ HỘI" not in whole
    assert "Sơ kết hoạt động các tổ ở khu dân cư 6 tháng đầu năm 2025" in whole
    assert "đến ngày 30/06/2025" in whole
    assert "12 buổi" not in whole and "với 1.010 lượt người dân tham dự" in whole
    assert "6 tháng 2024 6 tháng 2025" in whole
    assert "T/M ĐẢNG ỦY" in whole


def test_word_file(known, tmp_path):
    out = write_summary(2025, tmp_path / "tk.docx", today=TODAY)
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Có 03 đảng viên trực tiếp làm tổ trưởng, chiếm tỷ lệ 37,50% so với tổng số tổ" in text
    cells = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    assert any(r[1:] == ["Lượt người dự sinh hoạt", "5", "1.817", "+1.812"] for r in cells)
    assert any(r[1:5] == ["Khu phố 1", "5", "3", "60,00%"] for r in cells)
    assert len(doc.inline_shapes) == 1  # the chart


def test_excel_holds_numbers(known, tmp_path):
    out = write_summary(2025, tmp_path / "tk.xlsx", today=TODAY)
    wb = load_workbook(out)
    assert wb.sheetnames == ["So sánh với năm trước", "Kiến nghị theo lĩnh vực", "Theo khu dân cư",
                             "Theo loại tổ", "Biểu đồ"]
    rows = list(wb["So sánh với năm trước"].iter_rows(values_only=True))
    attendance = next(r for r in rows if r[1] == "Lượt người dự sinh hoạt")
    assert attendance[2:4] == (5, 1817)
    share = next(r for r in rows if r[1] == "– Tỷ lệ so với tổng số tổ")
    assert share[3] == pytest.approx(0.375)
    area = next(r for r in wb["Theo khu dân cư"].iter_rows(values_only=True) if r[1] == "Khu phố 1")
    assert area[2:5] == (5, 3, pytest.approx(0.6))
    assert wb["Biểu đồ"]._charts  # a native bar chart


def test_serial_and_parallel_reads_agree(known):
    serial = gather(2025, today=TODAY, workers=1)
    parallel = gather(2025, today=TODAY, workers=3)
    assert serial.this == parallel.this and serial.by_place == parallel.by_place
    report = build_summary(serial)
    assert report.subtitle == "Tổng kết hoạt động các tổ ở khu dân cư năm 2025"


def test_unknown_format_is_refused(known, tmp_path):
    from models.base import ModelError

    with pytest.raises(ModelError, match="chỉ hỗ trợ đuôi .pdf, .docx hoặc .xlsx"):
        write_summary(2025, tmp_path / "tk.odt", today=TODAY)
    assert list(tmp_path.iterdir()) == [tmp_path / "test.todan"] or not list(tmp_path.glob("tk*"))
