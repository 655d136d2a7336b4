"""``app.py list people|groups|party-members|meetings|recommendations --db PATH
[--search TEXT] [--out FILE.xlsx|.csv]``: the screen's list, in its order.

Without --out the rows are printed tab-separated, a header line first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from models.base import ModelError

from .excel_lists import ListColumn, cell_text, rows_of, write_list_csv, write_list_xlsx

ACTIVE = {True: "Đang hoạt động", False: "Đã giải thể"}

LISTS: dict[str, tuple[str, list[ListColumn]]] = {
    "people": ("DANH SÁCH NGƯỜI DÂN", [
        ListColumn("Họ và tên", 28), ListColumn("Giới tính", 9), ListColumn("Ngày sinh", 12),
        ListColumn("Số CCCD", 15), ListColumn("Điện thoại", 13), ListColumn("Khu dân cư", 18),
        ListColumn("Địa chỉ", 40)]),
    "groups": ("DANH SÁCH TỔ", [
        ListColumn("Tên tổ", 28), ListColumn("Khu dân cư", 18), ListColumn("Loại tổ", 22),
        ListColumn("Tổ trưởng", 26), ListColumn("Số thành viên", 10), ListColumn("Ngày thành lập", 13),
        ListColumn("Tình trạng", 16, fmt=lambda v: ACTIVE[bool(v)])]),
    "party-members": ("DANH SÁCH ĐẢNG VIÊN", [
        ListColumn("Họ và tên", 28), ListColumn("Số thẻ", 12), ListColumn("Ngày vào Đảng", 13),
        ListColumn("Ngày chính thức", 13), ListColumn("Chi bộ", 24), ListColumn("Tổ chức đảng nơi công tác", 30),
        ListColumn("Sinh hoạt nơi cư trú", 12), ListColumn("Miễn sinh hoạt", 10)]),
    "meetings": ("DANH SÁCH BUỔI SINH HOẠT TỔ", [
        ListColumn("Ngày", 12), ListColumn("Tổ", 28), ListColumn("Địa điểm", 30), ListColumn("Chủ trì", 26),
        ListColumn("Thành viên dự", 10), ListColumn("Người dân dự", 10), ListColumn("Lượt người dự", 10)]),
    "recommendations": ("DANH SÁCH KIẾN NGHỊ", [
        ListColumn("Ngày", 12), ListColumn("Tổ", 26), ListColumn("Lĩnh vực", 18), ListColumn("Nội dung", 50),
        ListColumn("Chuyển đến", 22), ListColumn("Hạn trả lời", 12), ListColumn("Tình trạng", 16),
        ListColumn("Quá hạn", 8, fmt=lambda v: "Quá hạn" if v else "")]),
}


def listing_for(kind: str) -> Any:
    from models import listing

    return {"people": listing.PersonListing, "groups": listing.GroupListing,
            "party-members": listing.PartyMemberListing, "meetings": listing.MeetingListing,
            "recommendations": listing.RecommendationListing}[kind]()


def _cmd_list(args: argparse.Namespace) -> int:
    from .cli import opened

    kind = args.list_kind
    title, columns = LISTS[kind]
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".xlsx", ".csv"):
        raise ModelError(f"Tệp {out.name}: chỉ ghi được .xlsx hoặc .csv.")
    with opened(args.db):
        rows = rows_of(listing_for(kind), args.search or "")
        if out is None:
            print("\t".join(c.header for c in columns))
            for row in rows:
                print("\t".join((c.fmt(v) if c.fmt else cell_text(v)).replace("\t", " ")
                                for c, v in zip(columns, row)))
            return 0
        try:
            if out.suffix.lower() == ".csv":
                count = write_list_csv(out, columns, rows)
            else:
                count = write_list_xlsx(out, title, columns, rows)
        except OSError as exc:
            raise ModelError(f"Không ghi được tệp {out}: {exc.strerror}.") from exc
    print(f"Đã ghi {count} dòng vào {out}.", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    from .cli import command_kinds

    kinds = command_kinds(subparsers, "list", "liệt kê dữ liệu")
    for kind, (title, _columns) in LISTS.items():
        p = kinds.add_parser(kind, help=title.capitalize())
        p.add_argument("--db", required=True, help="tệp cơ sở dữ liệu")
        p.add_argument("--search", help="chỉ những dòng khớp (gõ có dấu hay không dấu đều được)")
        p.add_argument("--out", help="ghi ra tệp .xlsx hoặc .csv thay vì in ra")
        p.set_defaults(func=_cmd_list, list_kind=kind)
