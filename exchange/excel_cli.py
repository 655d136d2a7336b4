"""Command line: ``app.py import-excel --db PATH FILE.xlsx --kind KIND [--dry-run]``."""

from __future__ import annotations

import argparse
import sys

from models.base import ModelError

from .excel_import import KINDS, run_import


def _cmd_import_excel(args: argparse.Namespace) -> int:
    from models.backups import take_backup
    from models.lock import WriterLock
    from reports.cli import opened

    with WriterLock(args.db), opened(args.db):
        if not args.dry_run:
            take_backup(args.db, reason="import")
        report = run_import(args.file, args.kind, dry_run=args.dry_run, sheet_name=args.sheet)
    print(f"Trang {report.sheet}, tiêu đề cột ở dòng {report.header_row}:")
    for line in report.mapping_lines():
        print(f"  {line}")
    for error in report.errors:
        print(str(error), file=sys.stderr)
    if report.errors:
        raise ModelError(report.summary())
    print(report.summary())
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("import-excel", help="nhập danh sách từ tệp Excel (tất cả hoặc không gì cả)")
    p.add_argument("--db", required=True, help="tệp cơ sở dữ liệu")
    p.add_argument("file", help="tệp .xlsx")
    p.add_argument("--kind", required=True, choices=KINDS, help="loại danh sách")
    p.add_argument("--sheet", help="tên trang tính (mặc định: trang đầu có dòng tiêu đề)")
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không thay đổi dữ liệu")
    p.set_defaults(func=_cmd_import_excel)
