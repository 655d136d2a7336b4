"""The registers as official lists (PDF, DOCX, XLSX through ``listdoc``):
a group's meeting register, the party members assigned to groups, and the
recommendations with their state and what is overdue."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from models.report_figures import (
    comment_subjects,  # noqa: F401  (re-exported for the command line)
    meeting_register,
    party_assignments,
    recommendation_lines,
)
from models.text import format_date, format_int

from .letterhead import Format, Letterhead, home_place
from .listdoc import Column, ListDocument, Section, write_list

STATE_LABELS = {
    "new": "Mới",
    "forwarded": "Đã chuyển",
    "in_progress": "Đang giải quyết",
    "resolved": "Đã giải quyết",
    "answered": "Đã trả lời",
    "out_of_scope": "Không thuộc thẩm quyền",
}


def office_letterhead(fmt: Format = Format.STATE, issuer: str | None = None, when: dt.date | None = None) -> Letterhead:
    """The office's own header: its People's Committee, or its Party committee."""
    from .summary import letterhead_for, office_unit

    lh, _titles = letterhead_for(office_unit(), fmt, when or dt.date.today(), issuer)
    return Letterhead(body=lh.body, place=home_place(), date=lh.date, parent_body=lh.parent_body, format=fmt)


def meeting_register_doc(group: int | str, year: int, fmt: Format = Format.STATE) -> ListDocument:
    reg = meeting_register(group, year)
    rows = [(str(i), format_date(m.held_on), m.place, m.chair, m.topics, format_int(m.members_present),
             format_int(m.other_attendees), format_int(m.attendance))
            for i, m in enumerate(reg.lines, start=1)]
    total = sum(m.attendance for m in reg.lines)
    columns = [Column("STT", 11, centred=True), Column("Ngày", 23, centred=True), Column("Địa điểm", 26),
               Column("Người chủ trì", 26), Column("Nội dung sinh hoạt", 37), Column("Thành viên dự", 14, True),
               Column("Người dân khác", 14, True), Column("Tổng lượt dự", 14, True)]
    leader = f"; tổ trưởng: {reg.leader}" if reg.leader else ""
    return ListDocument(
        letterhead=office_letterhead(fmt), title="SỔ SINH HOẠT TỔ",
        subtitle=f"{reg.group_name} ({reg.type_name}) – {reg.area_name}{leader} – năm {year}",
        columns=columns, sections=[Section("", rows)],
        footer=(f"Trong năm {year} tổ sinh hoạt {format_int(len(reg.lines))} buổi với {format_int(total)} lượt "
                f"người dự." if reg.lines else f"Trong năm {year} tổ chưa có buổi sinh hoạt nào."),
        doc_title=f"Sổ sinh hoạt {reg.group_name} năm {year}")


def party_assignments_doc(on: dt.date | None = None, unit: str | None = None,
                          fmt: Format = Format.PARTY) -> ListDocument:
    day = on or dt.date.today()
    lines = party_assignments(day, unit)
    sections: dict[str, list[tuple[str, ...]]] = {}
    for line in lines:
        sections.setdefault(line.area_name, []).append(line)
    out = []
    number = 0
    for area, members in sections.items():
        rows = []
        for m in members:
            number += 1
            rows.append((str(number), m.name, m.party_cell, m.group_name, format_date(m.start_date),
                         "Tổ trưởng" if m.leads_group else ""))
        out.append(Section(area, rows))
    people = len({(m.name, m.party_cell) for m in lines})
    leaders = sum(1 for m in lines if m.leads_group)
    columns = [Column("STT", 10, centred=True), Column("Họ và tên đảng viên", 38), Column("Chi bộ", 32),
               Column("Tổ được phân công phụ trách", 39), Column("Từ ngày", 23, centred=True),
               Column("Ghi chú", 23)]
    return ListDocument(
        letterhead=office_letterhead(fmt), title="DANH SÁCH ĐẢNG VIÊN ĐƯỢC PHÂN CÔNG PHỤ TRÁCH TỔ",
        subtitle=f"(Tính đến ngày {format_date(day)})", columns=columns, sections=out,
        footer=(f"Có {format_int(len(lines))} lượt phân công, {format_int(people)} đảng viên; "
                f"{format_int(leaders)} lượt đảng viên trực tiếp làm tổ trưởng tổ mình phụ trách."),
        doc_title=f"Đảng viên phụ trách tổ đến ngày {format_date(day)}")


def recommendations_doc(year: int, today: dt.date | None = None, unit: str | None = None,
                        only_overdue: bool = False, fmt: Format = Format.STATE) -> ListDocument:
    lines = recommendation_lines(year, today, unit, only_overdue)
    rows = [(str(i), format_date(r.raised_on), r.group_name, r.category, r.content, r.forwarded_to,
             format_date(r.due_on), STATE_LABELS[r.state.value] + (f" ngày {format_date(r.closed_on)}" if r.closed_on
                                                                    else ""),
             "Quá hạn" if r.overdue else "")
            for i, r in enumerate(lines, start=1)]
    late = sum(1 for r in lines if r.overdue)
    columns = [Column("STT", 11, centred=True), Column("Ngày nêu", 23, True), Column("Tổ", 21),
               Column("Lĩnh vực", 16), Column("Nội dung", 26), Column("Chuyển đến", 16), Column("Hạn", 23, True),
               Column("Tình trạng", 18), Column("Quá hạn", 13, True)]
    title = "DANH SÁCH KIẾN NGHỊ QUÁ HẠN" if only_overdue else "DANH SÁCH KIẾN NGHỊ, ĐỀ XUẤT CỦA NHÂN DÂN"
    return ListDocument(
        letterhead=office_letterhead(fmt), title=title,
        subtitle=f"(Nêu trong năm {year} và các năm trước còn chưa giải quyết)", columns=columns,
        sections=[Section("", rows)],
        footer=f"Có {format_int(len(lines))} kiến nghị, trong đó {format_int(late)} quá hạn.",
        doc_title=f"Kiến nghị năm {year}")


def write_register(doc: ListDocument, out_path: str | os.PathLike) -> Path:
    return write_list(doc, out_path)
