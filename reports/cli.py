"""Command line for the commendation documents.

    app.py report certificates --db PATH --decision NUMBER --out FILE.pdf [--logo IMAGE]
    app.py report commendation-list --db PATH --decision NUMBER --out FILE.pdf|.docx|.xlsx
    app.py report summary --db PATH --year YYYY [--half] [--unit CODE] [--party] --out FILE.pdf|.docx|.xlsx
    app.py report meeting-register --db PATH --group ID|NAME --year YYYY --out FILE.pdf|.docx|.xlsx
    app.py report party-assignments --db PATH [--unit CODE] --out FILE.pdf|.docx|.xlsx
    app.py report recommendations --db PATH --year YYYY [--overdue] --out FILE.pdf|.docx|.xlsx
    app.py report party-comments --db PATH --year YYYY --out FILE.pdf|.docx
    app.py list decisions --db PATH

``add_report_commands`` and ``add_list_commands`` hang these on app.py's
parser; each command's ``func(args)`` returns the exit status and raises
``ModelError`` (one line, in Vietnamese) on bad input. ``main`` runs them on
their own: ``python -m reports.cli report certificates ...``.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import peewee as pw

from models.base import ModelError
from models.text import format_date


@contextlib.contextmanager
def opened(path: str | Path) -> Iterator[pw.Database]:
    """An existing database, closed afterwards; bad files give a ModelError."""
    from models.db import open_database

    path = Path(path)
    if path.is_dir():
        raise ModelError(f"{path} là một thư mục, không phải tệp dữ liệu của Tổ Dân.")
    try:
        db = open_database(path, create=False)
    except (pw.DatabaseError, OSError) as exc:
        raise ModelError(f"Không mở được tệp dữ liệu {path}: {exc}.") from exc
    try:
        yield db
    finally:
        db.close()


def _check_out(out: str | Path, allowed: tuple[str, ...]) -> Path:
    out = Path(out)
    if out.suffix.lower() not in allowed:
        names = allowed[0] if len(allowed) == 1 else f"{', '.join(allowed[:-1])} hoặc {allowed[-1]}"
        raise ModelError(f"Không ghi được tệp {out.name}: chỉ hỗ trợ đuôi {names}.")
    if not out.parent.is_dir():
        raise ModelError(f"Không có thư mục {out.parent} để ghi tệp {out.name}.")
    return out


def report_certificates(
    db_path: str | Path, number: str, out: str | Path, logo: str | None = None, stream: TextIO | None = None
) -> int:
    """Write the certificates of decision ``number``; returns the page count."""
    from models.commendation_ops import find_decision
    from reports.certificates import write_certificates

    out = _check_out(out, (".pdf",))
    with opened(db_path):
        decision = find_decision(number)
        try:
            pages = write_certificates(decision, out, logo=logo)
        except OSError as exc:
            raise ModelError(f"Không ghi được tệp {out}: {exc.strerror or exc}.") from exc
        print(
            f"Đã ghi {pages} trang giấy khen của Quyết định số {decision.number} vào {out}.",
            file=stream or sys.stdout,
        )
    return pages


def report_commendation_list(
    db_path: str | Path, number: str, out: str | Path, stream: TextIO | None = None
) -> Path:
    from models.commendation_ops import find_decision
    from reports.commendation_list import write_commendation_list

    out = _check_out(out, (".pdf", ".docx", ".xlsx"))
    with opened(db_path):
        decision = find_decision(number)
        try:
            write_commendation_list(decision, out)
        except OSError as exc:
            raise ModelError(f"Không ghi được tệp {out}: {exc.strerror or exc}.") from exc
        print(
            f"Đã ghi danh sách khen thưởng của Quyết định số {decision.number} vào {out}.",
            file=stream or sys.stdout,
        )
    return out


def list_decisions(db_path: str | Path, stream: TextIO | None = None) -> int:
    """Print each decision: number, date, form, recipients, tab-separated."""
    from models.commendation_ops import decision_summaries

    stream = stream or sys.stdout
    with opened(db_path):
        rows = decision_summaries()
        for row in rows:
            print(
                f"{row.number}\t{format_date(row.signed_on)}\t{row.form_name}\t{row.recipients}", file=stream
            )
    return len(rows)


def _write(out: Path, fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except OSError as exc:
        raise ModelError(f"Không ghi được tệp {out}: {exc.strerror or exc}.") from exc


def _fmt(args: argparse.Namespace, default: str = "state"):
    from reports.letterhead import Format

    if getattr(args, "party", False):
        return Format.PARTY
    if getattr(args, "state", False):
        return Format.STATE
    return Format(default)


def _cmd_summary(args: argparse.Namespace) -> int:
    from reports.summary import write_summary

    out = _check_out(args.out, (".pdf", ".docx", ".xlsx"))
    with opened(args.db):
        _write(out, write_summary, args.year, out, half=args.half, unit=args.unit, fmt=_fmt(args))
    kind = "sơ kết 6 tháng đầu năm" if args.half else "tổng kết năm"
    print(f"Đã ghi báo cáo {kind} {args.year} vào {out}.")
    return 0


def _cmd_meeting_register(args: argparse.Namespace) -> int:
    from reports.registers import meeting_register_doc, write_register

    out = _check_out(args.out, (".pdf", ".docx", ".xlsx"))
    with opened(args.db):
        doc = meeting_register_doc(args.group, args.year, _fmt(args))
        _write(out, write_register, doc, out)
    print(f"Đã ghi sổ sinh hoạt tổ năm {args.year} vào {out}.")
    return 0


def _cmd_party_assignments(args: argparse.Namespace) -> int:
    from reports.registers import party_assignments_doc, write_register

    out = _check_out(args.out, (".pdf", ".docx", ".xlsx"))
    with opened(args.db):
        _write(out, write_register, party_assignments_doc(unit=args.unit, fmt=_fmt(args, "party")), out)
    print(f"Đã ghi danh sách đảng viên phụ trách tổ vào {out}.")
    return 0


def _cmd_recommendations(args: argparse.Namespace) -> int:
    from reports.registers import recommendations_doc, write_register

    out = _check_out(args.out, (".pdf", ".docx", ".xlsx"))
    with opened(args.db):
        doc = recommendations_doc(args.year, unit=args.unit, only_overdue=args.overdue, fmt=_fmt(args))
        _write(out, write_register, doc, out)
    print(f"Đã ghi danh sách kiến nghị năm {args.year} vào {out}.")
    return 0


def _cmd_party_comments(args: argparse.Namespace) -> int:
    from reports.party_comments import write_party_comments

    out = _check_out(args.out, (".pdf", ".docx"))
    with opened(args.db):
        count = _write(out, write_party_comments, args.year, out, unit=args.unit)
    print(f"Đã ghi {count} phiếu nhận xét đảng viên nơi cư trú năm {args.year} vào {out}.")
    return 0


def _year(value: str) -> int:
    if not value.isdigit() or not 1990 <= int(value) <= 2100:
        raise argparse.ArgumentTypeError(f"năm không hợp lệ: {value}")
    return int(value)


def add_more_reports(kinds: argparse._SubParsersAction) -> None:
    """The year summary and the registers; a kind another module has
    already added is left to it."""
    import datetime as dt

    this_year = dt.date.today().year
    taken = set(kinds.choices)

    class _Skip:
        """Stands in for a kind that is taken: its arguments go nowhere."""

        def add_argument(self, *args, **kwargs):
            return None

        def add_mutually_exclusive_group(self):
            return self

        def set_defaults(self, **kwargs):
            return None

    def parser_for(name: str, help: str):
        return _Skip() if name in taken else kinds.add_parser(name, help=help)

    def common(p, formats: str = "tệp sẽ ghi: .pdf, .docx hoặc .xlsx", year: bool = True) -> None:
        p.add_argument("--db", required=True, help="tệp cơ sở dữ liệu")
        if year:
            p.add_argument("--year", type=_year, default=this_year, help=f"năm báo cáo (mặc định {this_year})")
        p.add_argument("--unit", help="mã xã, phường (văn phòng cấp tỉnh: báo cáo riêng một xã)")
        p.add_argument("--out", required=True, help=formats)
        fmt = p.add_mutually_exclusive_group()
        fmt.add_argument("--party", action="store_true", help="thể thức văn bản của Đảng (ĐẢNG CỘNG SẢN VIỆT NAM)")
        fmt.add_argument("--state", action="store_true", help="thể thức văn bản hành chính nhà nước")

    p = parser_for("summary", "báo cáo tổng kết năm (hoặc sơ kết 6 tháng với --half)")
    common(p)
    p.add_argument("--half", action="store_true", help="sơ kết 6 tháng đầu năm")
    p.set_defaults(func=_cmd_summary)
    p = parser_for("meeting-register", "sổ sinh hoạt của một tổ trong năm")
    common(p)
    p.add_argument("--group", required=True, help="mã số hoặc tên của tổ")
    p.set_defaults(func=_cmd_meeting_register)
    p = parser_for("party-assignments", "danh sách đảng viên được phân công phụ trách tổ")
    common(p, year=False)
    p.set_defaults(func=_cmd_party_assignments)
    p = parser_for("recommendations", "danh sách kiến nghị với tình trạng giải quyết, quá hạn")
    common(p)
    p.add_argument("--overdue", action="store_true", help="chỉ các kiến nghị quá hạn")
    p.set_defaults(func=_cmd_recommendations)
    p = parser_for("party-comments", "phiếu nhận xét đảng viên sinh hoạt nơi cư trú, mỗi người một trang")
    common(p, formats="tệp sẽ ghi: .pdf hoặc .docx")
    p.set_defaults(func=_cmd_party_comments)


# -- argparse wiring -------------------------------------------------------------------


def _cmd_certificates(args: argparse.Namespace) -> int:
    report_certificates(args.db, args.decision, args.out, logo=args.logo)
    return 0


def _cmd_commendation_list(args: argparse.Namespace) -> int:
    report_commendation_list(args.db, args.decision, args.out)
    return 0


def _cmd_list_decisions(args: argparse.Namespace) -> int:
    list_decisions(args.db)
    return 0


def command_kinds(subparsers: argparse._SubParsersAction, name: str, help: str) -> argparse._SubParsersAction:
    """The kinds under ``name`` (``report``, ``list``), made the first time
    and found again afterwards, so several modules can add their own kinds."""
    existing = subparsers.choices.get(name)
    if existing is not None:
        for action in existing._actions:
            if isinstance(action, argparse._SubParsersAction):
                return action
    command = subparsers.add_parser(name, help=help)
    return command.add_subparsers(dest=f"{name}_kind", metavar="LOẠI", required=True)


def add_report_commands(subparsers: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """Add ``report certificates`` and ``report commendation-list``; returns
    the kinds' subparsers so other reports (summary ...) can join them."""
    kinds = command_kinds(subparsers, "report", "in tài liệu: giấy khen, danh sách, báo cáo")
    p = kinds.add_parser("certificates", help="giấy khen của một quyết định, mỗi người một trang (PDF)")
    p.add_argument("--db", required=True, help="tệp cơ sở dữ liệu")
    p.add_argument("--decision", required=True, help="số quyết định, ví dụ 125/QĐ-UBND")
    p.add_argument("--out", required=True, help="tệp PDF sẽ ghi")
    p.add_argument("--logo", help="hình quốc huy hoặc biểu trưng in ở đầu giấy khen (PNG, JPG)")
    p.set_defaults(func=_cmd_certificates)
    p = kinds.add_parser("commendation-list", help="danh sách khen thưởng kèm theo quyết định")
    p.add_argument("--db", required=True, help="tệp cơ sở dữ liệu")
    p.add_argument("--decision", required=True, help="số quyết định, ví dụ 125/QĐ-UBND")
    p.add_argument("--out", required=True, help="tệp sẽ ghi: .pdf, .docx hoặc .xlsx")
    p.set_defaults(func=_cmd_commendation_list)
    return kinds


def add_list_commands(subparsers: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """Add ``list decisions``; returns the kinds' subparsers for other lists."""
    kinds = command_kinds(subparsers, "list", "liệt kê dữ liệu")
    p = kinds.add_parser(
        "decisions", help="các quyết định khen thưởng: số, ngày, hình thức, số người được khen"
    )
    p.add_argument("--db", required=True, help="tệp cơ sở dữ liệu")
    p.set_defaults(func=_cmd_list_decisions)
    return kinds


def register(subparsers: argparse._SubParsersAction) -> None:
    """app.py's hook (COMMAND_MODULES): the ``report`` kinds and ``list decisions``."""
    add_more_reports(add_report_commands(subparsers))
    add_list_commands(subparsers)


def main(argv: list[str] | None = None) -> int:
    """Run the commands above on their own (used by tests before app.py wires them)."""
    parser = argparse.ArgumentParser(prog="reports.cli")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", required=True)
    register(sub)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ModelError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
