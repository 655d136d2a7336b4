"""Command line for the commendation documents.

    app.py report certificates --db PATH --decision NUMBER --out FILE.pdf [--logo IMAGE]
    app.py report commendation-list --db PATH --decision NUMBER --out FILE.pdf|.docx|.xlsx
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
from pathlib import Path
from typing import Iterator, TextIO

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
    """app.py's hook (COMMAND_MODULES): ``report certificates``, ``report
    commendation-list`` and ``list decisions``."""
    add_report_commands(subparsers)
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
