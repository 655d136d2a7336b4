"""The year figures as a report or the dashboard shows them: Vietnamese
captions and how each value is written. No Qt, so the command line and the
reports use the same words."""

from __future__ import annotations

from collections.abc import Callable

from models.enums import GroupTitleKind, HouseholdTitleKind
from models.statistics import FundFigures, YearFigures
from models.text import format_int, format_money


def _n(value: int) -> str:
    return format_int(value)


# (caption, how to show one year's figure)
ROWS: list[tuple[str, Callable[[YearFigures], str]]] = [
    ("Tổ đang hoạt động / tổng số tổ", lambda f: f"{_n(f.groups_active)}/{_n(f.groups_total)}"),
    ("Tổ trưởng (kể cả quyền tổ trưởng)", lambda f: _n(f.leaders)),
    ("Tổ phó", lambda f: _n(f.deputies)),
    ("Đảng viên trực tiếp làm tổ trưởng (tỷ lệ so với số tổ)",
     lambda f: f"{_n(f.party_leaders)} ({f.party_leader_share.percent})"),
    ("Đảng viên được phân công phụ trách tổ (tỷ lệ so với số tổ)",
     lambda f: f"{_n(f.assigned_party_members)} ({f.assigned_share.percent})"),
    ("Buổi sinh hoạt tổ", lambda f: _n(f.meetings)),
    ("Lượt người dự sinh hoạt", lambda f: _n(f.attendance)),
    ("Kiến nghị, đề xuất phát sinh", lambda f: _n(f.recommendations_raised)),
    ("Kiến nghị được giải quyết", lambda f: _n(f.recommendations_resolved)),
    ("Kiến nghị được trả lời", lambda f: _n(f.recommendations_answered)),
    ("Kiến nghị không thuộc thẩm quyền", lambda f: _n(f.recommendations_out_of_scope)),
    ("Kiến nghị quá hạn (cuối kỳ)", lambda f: _n(f.recommendations_overdue)),
    ("Vụ việc hòa giải / hòa giải thành", lambda f: f"{_n(f.mediation_cases)} / {_n(f.mediation_success)}"),
    ("Hộ gia đình văn hóa (tỷ lệ so với số hộ)",
     lambda f: f"{_n(f.household_titles.get(HouseholdTitleKind.CULTURED_FAMILY, 0))} "
               f"({f.household_share(HouseholdTitleKind.CULTURED_FAMILY).percent})"),
    ("Hộ đạt \u201c3 không\u201d (tỷ lệ so với số hộ)",
     lambda f: f"{_n(f.household_titles.get(HouseholdTitleKind.THREE_NO, 0))} "
               f"({f.household_share(HouseholdTitleKind.THREE_NO).percent})"),
    ("Tổ văn hóa (tỷ lệ so với số tổ)",
     lambda f: f"{_n(f.group_titles.get(GroupTitleKind.CULTURED, 0))} ({f.group_share(GroupTitleKind.CULTURED).percent})"),
    ("Tổ an toàn (tỷ lệ so với số tổ)",
     lambda f: f"{_n(f.group_titles.get(GroupTitleKind.SAFE, 0))} ({f.group_share(GroupTitleKind.SAFE).percent})"),
    ("Tổ khuyến học (tỷ lệ so với số tổ)",
     lambda f: f"{_n(f.group_titles.get(GroupTitleKind.STUDY_PROMOTION, 0))} "
               f"({f.group_share(GroupTitleKind.STUDY_PROMOTION).percent})"),
    ("Khu dân cư văn hóa (tỷ lệ so với số khu dân cư)",
     lambda f: f"{_n(f.area_titles.get(GroupTitleKind.CULTURED, 0))} ({f.area_share(GroupTitleKind.CULTURED).percent})"),
    ("Kinh phí hoạt động của các tổ", lambda f: format_money(f.budget_total)),
    ("Quy chế phối hợp / lượt rà soát trong năm", lambda f: f"{_n(f.rules)} / {_n(f.rule_reviews)}"),
]


def fund_caption(fund: FundFigures) -> str:
    return f"{fund.name}: vận động được / chỉ tiêu"


def fund_values(fund: FundFigures, last: YearFigures) -> list[str]:
    """Last year's and this year's amount raised for one fund, with the share of the target."""
    before = {f.fund_id: f for f in last.funds}.get(fund.fund_id)
    return [f"{format_money(before.raised)} ({before.share.percent})" if before else "",
            f"{format_money(fund.raised)} ({fund.share.percent})"]


def figure_table(this: YearFigures, last: YearFigures) -> list[tuple[str, str, str]]:
    """(caption, last year, this year) for every figure, funds last."""
    rows = [(caption, show(last), show(this)) for caption, show in ROWS]
    rows += [(fund_caption(f), *fund_values(f, last)) for f in this.funds]
    return rows
