"""The list attached to a commendation decision (danh sách khen thưởng), as
PDF, DOCX or XLSX: groups first ("I. Tập thể"), then people ("II. Cá nhân"),
each numbered from 1 in the order they were entered."""

from __future__ import annotations

import os
from pathlib import Path

from models.commendation_ops import DecisionRow, decision_rows
from models.commendations import Decision
from models.text import format_int

from .letterhead import Letterhead, format_of, home_place, long_date
from .listdoc import Column, ListDocument, Section, write_list

TITLE = "DANH SÁCH KHEN THƯỞNG"
COLUMNS = [
    Column("STT", 12, centred=True),
    Column("Họ và tên / Tên tập thể", 40),
    Column("Chức vụ – Địa chỉ / Đơn vị", 38),
    Column("Thành tích", 47),
    Column("Hình thức", 28),
]
_ROMAN = ["I", "II", "III", "IV"]


def subtitle(decision: Decision) -> str:
    return f"(Kèm theo Quyết định số {decision.number} {long_date(decision.signed_on)})"


def build_list(decision: Decision, rows: list[DecisionRow] | None = None) -> ListDocument:
    rows = decision_rows(decision) if rows is None else rows
    groups = [r for r in rows if r.is_group]
    people = [r for r in rows if not r.is_group]
    sections = []
    for heading, members in (("Tập thể", groups), ("Cá nhân", people)):
        if members:
            number = _ROMAN[len(sections)]
            sections.append(
                Section(
                    f"{number}. {heading}",
                    [
                        (str(i), r.name, r.position, r.achievement, r.form_name)
                        for i, r in enumerate(members, start=1)
                    ],
                )
            )
    parts = []
    if groups:
        parts.append(f"{format_int(len(groups))} tập thể")
    if people:
        parts.append(f"{format_int(len(people))} cá nhân")
    footer = f"Danh sách có {' và '.join(parts)}." if parts else "Danh sách không có ai."
    lh = Letterhead(body=decision.issuer, place=home_place(), format=format_of(decision.issuer))
    return ListDocument(
        letterhead=lh,
        title=TITLE,
        subtitle=subtitle(decision),
        columns=COLUMNS,
        sections=sections,
        footer=footer,
        doc_title=f"Danh sách khen thưởng - Quyết định số {decision.number}",
    )


def write_commendation_list(decision: Decision, out_path: str | os.PathLike) -> Path:
    """The list in the format named by ``out_path``'s extension (.pdf, .docx, .xlsx)."""
    return write_list(build_list(decision), out_path)
