"""The documents the Báo cáo page offers: what each needs (year, half-year,
group, decision, format switch), the file types it is written in, an HTML
outline for the window's preview, and the writer. No Qt: the page only
shows these and runs ``write`` off the UI thread."""

from __future__ import annotations

import base64
import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .document import Chart, Heading, Para, Report, Signature, TableBlock, cell_text, is_number
from .letterhead import Format
from .listdoc import ListDocument


@dataclass(frozen=True)
class Choice:
    key: str
    name: str
    formats: tuple[str, ...]  # ".pdf", ".docx", ".xlsx"
    needs_year: bool = True
    needs_group: bool = False
    needs_decision: bool = False
    half: bool = False
    default_format: Format = Format.STATE


DOCUMENTS = [
    Choice("summary", "Báo cáo tổng kết năm", (".pdf", ".docx", ".xlsx")),
    Choice("half", "Báo cáo sơ kết 6 tháng đầu năm", (".pdf", ".docx", ".xlsx"), half=True),
    Choice("meeting-register", "Sổ sinh hoạt tổ", (".pdf", ".docx", ".xlsx"), needs_group=True),
    Choice("party-assignments", "Danh sách đảng viên phụ trách tổ", (".pdf", ".docx", ".xlsx"), needs_year=False,
           default_format=Format.PARTY),
    Choice("recommendations", "Danh sách kiến nghị (tình trạng, quá hạn)", (".pdf", ".docx", ".xlsx")),
    Choice("party-comments", "Phiếu nhận xét đảng viên sinh hoạt nơi cư trú", (".pdf", ".docx"),
           default_format=Format.PARTY),
    Choice("certificates", "Giấy khen của một quyết định", (".pdf",), needs_year=False, needs_decision=True),
    Choice("commendation-list", "Danh sách khen thưởng kèm quyết định", (".pdf", ".docx", ".xlsx"),
           needs_year=False, needs_decision=True),
]
BY_KEY = {d.key: d for d in DOCUMENTS}
FORMAT_NAMES = {".pdf": "PDF", ".docx": "Word (.docx)", ".xlsx": "Excel (.xlsx)"}


@dataclass
class Request:
    key: str
    year: int = field(default_factory=lambda: dt.date.today().year)
    unit: str | None = None
    group: int | None = None
    decision: str | None = None
    fmt: Format = Format.STATE
    logo: str | None = None


def suggested_name(req: Request, suffix: str) -> str:
    stem = {"summary": f"bao-cao-tong-ket-{req.year}", "half": f"bao-cao-so-ket-6-thang-{req.year}",
            "meeting-register": f"so-sinh-hoat-{req.year}", "party-assignments": "dang-vien-phu-trach-to",
            "recommendations": f"kien-nghi-{req.year}", "party-comments": f"phieu-nhan-xet-dang-vien-{req.year}",
            "certificates": "giay-khen", "commendation-list": "danh-sach-khen-thuong"}[req.key]
    return stem + suffix


def _document(req: Request, progress=None, cancelled=None) -> Report | ListDocument | None:
    from . import registers

    if req.key in ("summary", "half"):
        from .summary import build_summary, gather

        data = gather(req.year, half=req.key == "half", unit=req.unit, progress=progress, cancelled=cancelled)
        return build_summary(data, req.fmt)
    if req.key == "meeting-register":
        return registers.meeting_register_doc(req.group, req.year, req.fmt)
    if req.key == "party-assignments":
        return registers.party_assignments_doc(unit=req.unit, fmt=req.fmt)
    if req.key == "recommendations":
        return registers.recommendations_doc(req.year, unit=req.unit, fmt=req.fmt)
    if req.key == "commendation-list":
        from models.commendation_ops import find_decision

        from .commendation_list import build_list

        return build_list(find_decision(req.decision or ""))
    return None


def write(req: Request, out: str | os.PathLike, progress: Callable[[int, int], None] | None = None,
          cancelled: Callable[[], bool] | None = None) -> Path:
    """Write the requested document to ``out``; returns the path."""
    out = Path(out)
    if req.key == "certificates":
        from models.commendation_ops import find_decision

        from .certificates import write_certificates

        write_certificates(find_decision(req.decision or ""), out, progress=progress, cancel=cancelled, logo=req.logo)
        return out
    if req.key == "party-comments":
        from .party_comments import write_party_comments

        write_party_comments(req.year, out, unit=req.unit, progress=progress, cancelled=cancelled)
        return out
    doc = _document(req, progress, cancelled)
    if isinstance(doc, Report):
        from .document import write_report

        return write_report(doc, out)
    from .listdoc import write_list

    return write_list(doc, out)


# -- preview -------------------------------------------------------------------------------

_CSS = ("<style>body{font-family:'Times New Roman',serif;font-size:11pt} table{border-collapse:collapse}"
        "td,th{border:1px solid #888;padding:2px 5px} th{background:#eee} .n{text-align:right}"
        "h2,h3{margin:6px 0} .c{text-align:center}</style>")
PREVIEW_ROWS = 200


def _table_html(headers: list[str], rows: list[list[object]], bold: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows[:PREVIEW_ROWS]):
        cells = "".join(
            f"<td class='n'>{escape(cell_text(v))}</td>" if is_number(v) else f"<td>{escape(cell_text(v))}</td>"
            for v in row)
        body.append(f"<tr style='font-weight:bold'>{cells}</tr>" if i in bold else f"<tr>{cells}</tr>")
    more = (f"<p><i>… và {len(rows) - PREVIEW_ROWS} dòng nữa (xem đủ trong tệp).</i></p>"
            if len(rows) > PREVIEW_ROWS else "")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>{more}"


def report_html(doc: Report | ListDocument) -> str:
    parts = [_CSS, f"<p class='c'><b>{escape(doc.title)}</b><br/>{escape(doc.subtitle)}</p>"]
    if isinstance(doc, ListDocument):
        rows: list[list[object]] = []
        for section in doc.sections:
            if section.heading:
                rows.append([section.heading] + [""] * (len(doc.columns) - 1))
            rows += [list(r) for r in section.rows]
        parts.append(_table_html([c.title for c in doc.columns], rows))
        if doc.footer:
            parts.append(f"<p><i>{escape(doc.footer)}</i></p>")
        return "".join(parts)
    from .chart_image import chart_png

    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h3>{escape(block.text)}</h3>")
        elif isinstance(block, Para):
            parts.append(f"<p>{'<i>' if block.italic else ''}{escape(block.text)}{'</i>' if block.italic else ''}</p>")
        elif isinstance(block, TableBlock):
            parts.append(_table_html([c.title for c in block.columns], block.rows, block.bold_rows))
        elif isinstance(block, Chart):
            png = base64.b64encode(chart_png(block, 1000, 500)).decode()
            parts.append(f"<p class='c'><i>{escape(block.title)}</i><br/><img src='data:image/png;base64,{png}' "
                         f"width='640'/></p>")
        elif isinstance(block, Signature):
            parts.append(f"<p class='c'><b>{'<br/>'.join(escape(t) for t in block.titles)}</b></p>")
    return "".join(parts)


def preview_html(req: Request, progress=None, cancelled=None) -> str:
    """An outline of the document for the window (its text and tables)."""
    if req.key == "certificates":
        from models.commendation_ops import decision_rows, find_decision

        decision = find_decision(req.decision or "")
        rows = [[r.name, r.position, r.achievement, r.golden_book_no] for r in decision_rows(decision)]
        return (_CSS + f"<p class='c'><b>GIẤY KHEN – Quyết định số {escape(decision.number)}</b><br/>"
                f"Mỗi người, tập thể một trang A4 ngang: {len(rows)} trang</p>"
                + _table_html(["Họ và tên / Tập thể", "Chức vụ, đơn vị", "Thành tích", "Số sổ vàng"], rows))
    if req.key == "party-comments":
        from models.report_figures import comment_subjects

        subjects = comment_subjects(req.year, req.unit)
        rows = [[s.name, s.party_cell, s.workplace_org, "Đã có" if s.cell_comment else "Chưa có"] for s in subjects]
        return (_CSS + f"<p class='c'><b>PHIẾU NHẬN XÉT ĐẢNG VIÊN NƠI CƯ TRÚ NĂM {req.year}</b><br/>"
                f"Mỗi đảng viên một trang (không in đảng viên được miễn): {len(rows)} phiếu</p>"
                + _table_html(["Đảng viên", "Chi bộ nơi cư trú", "Tổ chức đảng nơi công tác", "Nhận xét của chi bộ"],
                              rows))
    return report_html(_document(req, progress, cancelled))
