"""``app.py list`` kinds for the activity screens, printed tab-separated with
a header line, in the screen's order:

    list figures --db PATH [--year YYYY] [--unit CODE]        the dashboard: last year beside this year
    list absentees --db PATH [--from D] [--to D] [--in-a-row N] who missed N meetings in a row
    list overdue --db PATH                                     overdue recommendations
    list mediation --db PATH [--year YYYY]                     mediation cases
    list rules --db PATH [--due]                               coordination rules and their reviews
    list terms --db PATH [--status ending-soon|past-due]       terms of the tổ trưởng

Dates are typed dd/mm/yyyy.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterable
from typing import Any

from models.base import ModelError
from models.text import format_date, format_int, parse_date

STATE_WORDS = {"serving": "Trong nhiệm kỳ", "ending_soon": "Sắp hết nhiệm kỳ", "past_due": "Đã quá nhiệm kỳ"}
OUTCOME_WORDS = {"pending": "Đang hòa giải", "success": "Thành", "failure": "Không thành"}
ROLE_WORDS = {"leader": "Tổ trưởng", "acting_leader": "Quyền tổ trưởng"}


def _print(header: list[str], rows: Iterable[Iterable[Any]]) -> None:
    print("\t".join(header))
    for row in rows:
        print("\t".join(str(v).replace("\t", " ").replace("\n", " ") for v in row))


def _date(text: str | None, default: dt.date) -> dt.date:
    if not text:
        return default
    try:
        return parse_date(text)
    except ValueError:
        raise ModelError(f"Ngày {text} không hợp lệ; hãy gõ dạng dd/mm/yyyy.") from None


def _figures(args: argparse.Namespace) -> None:
    from models import statistics
    from reports.figures import figure_table

    year = args.year or dt.date.today().year
    overview = statistics.overview(year, unit=args.unit)
    _print(["Chỉ tiêu", f"Năm {year - 1}", f"Năm {year}"], figure_table(overview.this_year, overview.last_year))
    a = overview.attention
    print(f"# Việc cần làm: {format_int(a.overdue_recommendations)} kiến nghị quá hạn; "
          f"{format_int(a.reviews_due)} quy chế chưa rà soát năm nay ({format_int(a.reviews_late)} bỏ sót năm trước); "
          f"{format_int(a.terms_ending)} tổ trưởng sắp hết nhiệm kỳ, {format_int(a.terms_past_due)} đã quá nhiệm kỳ.")


def _absentees(args: argparse.Namespace) -> None:
    from models import meeting_ops

    today = dt.date.today()
    first = _date(args.date_from, dt.date(today.year, 1, 1))
    last = _date(args.date_to, today)
    rows = meeting_ops.missed_in_a_row(first=first, last=last, in_a_row=args.in_a_row)
    _print(["Họ và tên", "Tổ", "Số buổi vắng liên tiếp", "Buổi vắng gần nhất"],
           ((a.name, a.group_name, a.missed, format_date(a.last_missed)) for a in rows))


def _overdue(args: argparse.Namespace) -> None:
    from models.activity_listing import RecommendationRegisterListing

    today = dt.date.today()
    listing = RecommendationRegisterListing(today)
    rows = listing.fetch(0, listing.count(overdue=True), overdue=True)
    _print(["Ngày nêu", "Tổ", "Lĩnh vực", "Nội dung", "Chuyển đến", "Hạn giải quyết", "Quá hạn (ngày)"],
           ((format_date(raised), group, category, content, forwarded, format_date(due), (today - due).days)
            for raised, group, category, content, forwarded, due, _state, _late, _id in rows))


def _mediation(args: argparse.Namespace) -> None:
    from models.activity_listing import MediationListing

    listing = MediationListing()
    filters = {"year": args.year} if args.year else {}
    rows = listing.fetch(0, listing.count(**filters), **filters)
    _print(["Ngày tiếp nhận", "Khu dân cư", "Các bên", "Nội dung", "Người hòa giải", "Kết quả", "Ngày kết thúc"],
           ((format_date(o), a, p, s, m, OUTCOME_WORDS[out.value], format_date(c)) for o, a, p, s, m, out, c, _id in rows))


def _rules(args: argparse.Namespace) -> None:
    from models import yearly_ops

    def state(r: Any) -> str:
        return "Bỏ sót rà soát năm trước" if r.review_late else ("Chưa rà soát năm nay" if r.review_due else "Đã rà soát")

    _print(["Tổ", "Khu dân cư", "Ngày ký", "Tổ trưởng ký", "Trưởng ban CTMT ký", "Rà soát gần nhất", "Tình trạng"],
           ((r.group_name, r.area_name, format_date(r.signed_on), r.leader_name, r.front_head_name,
             r.last_review_year or "", state(r)) for r in yearly_ops.rules(only_due=args.due)))


def _terms(args: argparse.Namespace) -> None:
    from models import terms

    status = terms.TermStatus(args.status.replace("-", "_")) if args.status else None
    today = dt.date.today()
    _print(["Tổ", "Khu dân cư", "Họ và tên", "Chức danh", "Từ ngày", "Hết nhiệm kỳ", "Tình trạng"],
           ((t.group_name, t.area_name, t.person_name, ROLE_WORDS[t.role.value], format_date(t.start_date),
             format_date(t.ends_on), STATE_WORDS[t.status.value]) for t in terms.terms(today, status=status)))


HANDLERS = {"figures": _figures, "absentees": _absentees, "overdue": _overdue, "mediation": _mediation,
            "rules": _rules, "terms": _terms}


def _cmd(args: argparse.Namespace) -> int:
    from reports.cli import opened

    with opened(args.db):
        HANDLERS[args.list_kind](args)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    from reports.cli import command_kinds

    kinds = command_kinds(subparsers, "list", "liệt kê dữ liệu")

    def add(kind: str, help: str) -> argparse.ArgumentParser:
        p = kinds.add_parser(kind, help=help)
        p.add_argument("--db", required=True, help="tệp cơ sở dữ liệu")
        p.set_defaults(func=_cmd, list_kind=kind)
        return p

    p = add("figures", "số liệu tổng quan của năm, bên cạnh năm trước")
    p.add_argument("--year", type=int, help="năm (mặc định: năm nay)")
    p.add_argument("--unit", help="mã xã, phường (ở văn phòng cấp tỉnh)")
    p = add("absentees", "người vắng sinh hoạt nhiều buổi liên tiếp")
    p.add_argument("--from", dest="date_from", help="từ ngày dd/mm/yyyy (mặc định: đầu năm nay)")
    p.add_argument("--to", dest="date_to", help="đến ngày dd/mm/yyyy (mặc định: hôm nay)")
    p.add_argument("--in-a-row", type=int, default=3, help="số buổi vắng liên tiếp (mặc định 3)")
    add("overdue", "kiến nghị quá hạn giải quyết")
    p = add("mediation", "vụ việc hòa giải")
    p.add_argument("--year", type=int, help="chỉ các vụ tiếp nhận trong năm")
    p = add("rules", "quy chế phối hợp và việc rà soát hằng năm")
    p.add_argument("--due", action="store_true", help="chỉ quy chế đến hạn rà soát")
    p = add("terms", "nhiệm kỳ tổ trưởng, quyền tổ trưởng")
    p.add_argument("--status", choices=["ending-soon", "past-due"], help="chỉ người sắp hết hoặc đã quá nhiệm kỳ")
