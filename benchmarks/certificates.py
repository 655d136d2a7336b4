"""Certificates: pages per second into one PDF (target ≥ 500/s).

Builds a temporary database with one decision of 1,000 recipients (600
people, 400 groups), then measures, best of three runs:

  ours      write_certificates(): the query, the rows, and the pages
  baseline  reportlab alone drawing the same 1,000 pages (same text, same
            fonts, the frame and the fixed text drawn again on each page)
            from rows already in memory: no data access
  minimal   reportlab drawing one line of text per page, for scale
  merge     where LibreOffice is installed: what a clerk does today, a Word
            mail merge of the same certificates (one page per recipient,
            merged with python-docx as Word would) converted to PDF by
            ``soffice --headless``; timed once, it is slow

    .venv/bin/python benchmarks/certificates.py [--count 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from models import db as dbmod  # noqa: E402
from models.areas import ResidentialArea  # noqa: E402
from models.base import database  # noqa: E402
from models.catalogues import GroupType  # noqa: E402
from models.commendation_ops import create_decision, decision_rows  # noqa: E402
from models.enums import AreaKind, Level, Role  # noqa: E402
from models.groups import Group, Membership  # noqa: E402
from models.people import Person  # noqa: E402
from models.units import find_unit  # noqa: E402
from reports import certificates as cert  # noqa: E402
from reports import fonts  # noqa: E402
from timing import best_of  # noqa: E402  (benchmarks/timing.py)

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Thị Thu", "Quang", "Ngọc", "Minh"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hải Yến", "Hằng", "Hùng", "Khoa", "Lan", "Long", "Thảo", "Vân"]
ACHIEVEMENTS = [
    'Đã có thành tích xuất sắc trong thực hiện mô hình "Tổ dân phòng liên kết" năm 2025',
    "Đã có thành tích tiêu biểu trong công tác vận động nhân dân năm 2025",
    "Đã có thành tích trong thực hiện quy chế phối hợp giữa Tổ trưởng tổ dân phố và Trưởng ban công tác "
    "Mặt trận năm 2025",
]


def build(path: Path, count: int):
    dbmod.open_database(path)
    dbmod.set_home_unit(find_unit("00136"), Level.COMMUNE)
    groups_wanted, people_wanted = count * 2 // 5, count - count * 2 // 5
    with database.atomic():
        areas = [
            ResidentialArea.create(name=f"Khu phố {i}", kind=AreaKind.KHU_PHO, commune_code="00136")
            for i in range(1, 21)
        ]
        kind = GroupType.get(GroupType.code == "to_dan_pho")
        groups = [
            Group.create(name=f"Tổ dân phố số {i}", area=areas[i % 20], group_type=kind)
            for i in range(1, groups_wanted + 1)
        ]
        people = []
        for i in range(people_wanted):
            name = f"{FAMILY[i % 10]} {MIDDLE[i // 10 % 8]} {GIVEN[i // 80 % 12]}"
            person = Person.create(
                full_name=name, address=f"Số {i + 1}, ngõ {i % 40 + 1}, phố Phúc Lợi", area=areas[i % 20]
            )
            people.append(person)
            if i % 2 == 0:
                Membership.create(
                    group=groups[i % len(groups)],
                    person=person,
                    role=Role.LEADER if i < len(groups) else Role.MEMBER,
                )
    recipients = [
        {"group": g, "achievement": ACHIEVEMENTS[i % 3], "golden_book_no": f"2025-{i + 1:04d}"}
        for i, g in enumerate(groups)
    ]
    recipients += [
        {"person": p, "achievement": ACHIEVEMENTS[i % 3], "golden_book_no": f"2025-{i + 501:04d}"}
        for i, p in enumerate(people)
    ]
    return create_decision(
        number="1000/QĐ-UBND",
        signed_on=dt.date(2025, 12, 20),
        issuer="UBND phường Phúc Lợi",
        signer_name="Nguyễn Văn Thắng",
        signer_title="Chủ tịch",
        form="giay_khen_ct_xa",
        recipients=recipients,
    )


def baseline(rows, static: cert.Static, out: Path) -> None:
    """The same pages drawn with reportlab alone, everything drawn on every page."""
    c = Canvas(str(out), pagesize=cert.PAGE, initialFontName=fonts.REGULAR)
    wrap = cert._Wrapper()
    for row in rows:
        cert.draw_static(c, static, cert.PLAIN, None)
        cert.draw_recipient(c, row, cert.PLAIN, wrap)
        c.showPage()
    c.save()


def minimal(count: int, out: Path) -> None:
    c = Canvas(str(out), pagesize=cert.PAGE, initialFontName=fonts.REGULAR)
    for i in range(count):
        c.setFont(fonts.BOLD, 26)
        c.drawCentredString(cert.CX, 300, f"Giấy khen số {i + 1}")
        c.showPage()
    c.save()


def mail_merge(rows, static: cert.Static, folder: Path) -> float | None:
    """Seconds to merge the certificates into one Word document and have
    LibreOffice turn it into a PDF; None without LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm, Pt

    started = time.perf_counter()
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Liberation Serif", Pt(14)

    def line(text: str, size: int, bold: bool = False, italic: bool = False) -> None:
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic

    for n, row in enumerate(rows):
        line(static.giver, 14, bold=True)
        line(static.form_title, 36, bold=True)
        line(row.name, 26, bold=True)
        if row.position:
            line(row.position, 15, italic=True)
        line(row.achievement, 15)
        line(static.decision_line, 13, italic=True)
        line(static.place_date, 13, italic=True)
        for title in static.titles:
            line(title, 13, bold=True)
        line(static.signer, 14, bold=True)
        if row.golden_book_no:
            line(f"Số sổ vàng: {row.golden_book_no}", 13, italic=True)
        if n < len(rows) - 1:
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    merged = folder / "tron-thu.docx"
    doc.save(merged)
    profile = (folder / "lo-profile").resolve().as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(merged)], check=True, capture_output=True, timeout=1800)
    if not (folder / "tron-thu.pdf").exists():
        return None
    return time.perf_counter() - started


def measure(count: int = 1000, runs: int = 3, folder: Path | None = None) -> list[tuple]:
    """(name, value, unit, target, ok) for benchmarks/run.py; ok None marks a comparison."""
    fonts.register_fonts()
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        folder = Path(tmp)
        decision = build(folder / "bench.todan", count)
        pages = cert.write_certificates(decision, folder / "warm.pdf")  # warm the font caches
        assert pages == count, pages
        ours = best_of(runs, lambda: cert.write_certificates(decision, folder / "ours.pdf"))
        rows = decision_rows(decision)
        static = cert.static_parts(decision)
        base = best_of(runs, lambda: baseline(rows, static, folder / "base.pdf"))
        merge = mail_merge(rows, static, folder)
        database.close()
    figures = [
        (f"Giấy khen: {count} trang vào một PDF", count / ours, "trang/giây", "≥ 500 trang/giây",
         count / ours >= 500),
        ("  reportlab vẽ cùng các trang, không đọc dữ liệu", count / base, "trang/giây", "(để so sánh)", None),
        ("  tỉ lệ của chúng ta so với reportlab", base / ours, "lần", "(để so sánh)", None),
    ]
    if merge is not None:
        figures += [
            ("  trộn thư Word + LibreOffice ra PDF", count / merge, "trang/giây", "(để so sánh)", None),
            ("  chúng ta nhanh hơn trộn thư", merge / ours, "lần", "(để so sánh)", None),
        ]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    fonts.register_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        decision = build(folder / "bench.todan", args.count)
        print(
            f"dữ liệu: {args.count} người/tập thể được khen, tạo trong {time.perf_counter() - started:.2f} s"
        )
        pages = cert.write_certificates(decision, folder / "warm.pdf")  # warm the font caches
        assert pages == args.count, pages
        ours = best_of(args.runs, lambda: cert.write_certificates(decision, folder / "ours.pdf"))
        rows = decision_rows(decision)
        static = cert.static_parts(decision)
        base = best_of(args.runs, lambda: baseline(rows, static, folder / "base.pdf"))
        least = best_of(args.runs, lambda: minimal(args.count, folder / "min.pdf"))
        merge = mail_merge(rows, static, folder)
        size = (folder / "ours.pdf").stat().st_size / 1e6
        base_size = (folder / "base.pdf").stat().st_size / 1e6
        print(f"ours      {args.count / ours:8.0f} pages/s  ({ours:.3f} s, {size:.1f} MB, with data access)")
        print(
            f"baseline  {args.count / base:8.0f} pages/s  ({base:.3f} s, {base_size:.1f} MB, "
            "reportlab alone, same pages, no data access)"
        )
        print(f"minimal   {args.count / least:8.0f} pages/s  ({least:.3f} s, one line per page)")
        if merge is None:
            print("merge     (LibreOffice not installed: no mail-merge comparison)")
        else:
            print(f"merge     {args.count / merge:8.1f} pages/s  ({merge:.1f} s, Word mail merge + soffice to PDF; "
                  f"ours is {merge / ours:.0f}× faster)")
        print(
            f"ratio ours/baseline = {base / ours:.2f}   target ≥ 500 pages/s: "
            f"{'đạt' if args.count / ours >= 500 else 'CHƯA ĐẠT'}"
        )
        database.close()


if __name__ == "__main__":
    main()
