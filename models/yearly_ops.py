"""Yearly work: mediation cases, household and group titles entered in bulk,
funds and budgets, coordination rules and their yearly reviews.

Plain functions, no Qt; bad input raises ``ModelError`` with a message for
the clerk; every write runs in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import peewee as pw

from .areas import ResidentialArea
from .base import ModelError, database
from .catalogues import GroupType
from .coordination import CoordinationRule, RuleReview
from .enums import GroupTitleKind, HouseholdTitleKind, MediationOutcome
from .funds import Fund, FundContribution, GroupBudget
from .groups import Group
from .mediation import MediationCase
from .people import Person
from .text import format_date, nfc
from .titles import GroupTitle, HouseholdTitle

FIRST_YEAR = 1990


def _year(year: Any) -> int:
    if not isinstance(year, int) or not FIRST_YEAR <= year <= dt.date.today().year + 1:
        raise ModelError("Năm không hợp lệ.", field="year")
    return year


def _get(model: type[pw.Model], value: Any, what: str, field: str | None = None) -> Any:
    vid = value.id if isinstance(value, model) else value
    row = model.get_or_none(model.id == vid) if isinstance(vid, int) and not isinstance(vid, bool) else None
    if row is None or getattr(row, "deleted_at", None) is not None:
        raise ModelError(f"Không tìm thấy {what} đã chọn (có thể đã bị xóa).", field=field)
    return row


def _money(value: Any, what: str, field: str) -> int:
    try:
        amount = int(value)
    except (TypeError, ValueError):
        raise ModelError(f"{what} phải là một số tiền (đồng).", field=field) from None
    if amount < 0:
        raise ModelError(f"{what} không được âm.", field=field)
    return amount


# -- areas and groups ------------------------------------------------------------

@dataclass(frozen=True)
class Choice:
    id: int
    name: str


def area_choices(commune: str | None = None) -> list[Choice]:
    """Working areas, of one commune when ``commune`` is given."""
    query = ResidentialArea.live(ResidentialArea.id, ResidentialArea.name).where(ResidentialArea.dissolved_on.is_null())
    if commune is not None:
        query = query.where(ResidentialArea.commune_code == commune)
    return [Choice(i, n) for i, n in query.order_by(ResidentialArea.name, ResidentialArea.id).tuples()]


def commune_choices() -> list[Choice]:
    """At a province office: the communes whose data are in this database."""
    from .units import AdminUnit

    return [Choice(code, name) for code, name in AdminUnit.select(AdminUnit.code, AdminUnit.name)
            .where(AdminUnit.level == "commune").order_by(AdminUnit.name).tuples()]


def groups_of_area(area: int, on: dt.date | None = None) -> list[Choice]:
    """Groups of an area active on ``on`` (today), by type then as entered."""
    on = on or dt.date.today()
    query = (Group.select(Group.id, Group.name).join(GroupType, on=(Group.group_type == GroupType.id))
             .where(Group.deleted_at.is_null(), Group.area == area,
                    Group.founded_on.is_null() | (Group.founded_on <= on),
                    Group.dissolved_on.is_null() | (Group.dissolved_on > on))
             .order_by(GroupType.sort_order, Group.id))
    return [Choice(*row) for row in query.tuples()]


# -- mediation -------------------------------------------------------------------

def save_mediation(*, area: Any, opened_on: dt.date, parties: str, subject: str, mediators: str = "",
                   outcome: MediationOutcome = MediationOutcome.PENDING, closed_on: dt.date | None = None,
                   group: Any = None, case: int | None = None, today: dt.date | None = None) -> MediationCase:
    """Record (or correct) a mediation case. A case with an outcome has the
    day it ended; a pending one has none."""
    today = today or dt.date.today()
    a = _get(ResidentialArea, area, "khu dân cư", "area")
    g = None if group is None else _get(Group, group, "tổ", "group")
    parties, subject = nfc(parties), (subject or "").strip()
    if not parties:
        raise ModelError("Chưa nhập các bên trong vụ việc.", field="parties")
    if not subject:
        raise ModelError("Chưa nhập nội dung vụ việc.", field="subject")
    if not isinstance(opened_on, dt.date):
        raise ModelError("Chưa nhập ngày tiếp nhận vụ việc.", field="opened_on")
    if opened_on > today:
        raise ModelError("Ngày tiếp nhận không được sau hôm nay.", field="opened_on")
    outcome = MediationOutcome(outcome)
    if outcome is MediationOutcome.PENDING:
        closed_on = None
    elif closed_on is None:
        raise ModelError("Chưa nhập ngày kết thúc hòa giải.", field="closed_on")
    elif closed_on < opened_on or closed_on > today:
        raise ModelError(f"Ngày kết thúc phải từ {format_date(opened_on)} đến hôm nay.", field="closed_on")
    row = MediationCase() if case is None else _get(MediationCase, case, "vụ việc hòa giải")
    row.area, row.group, row.opened_on, row.parties, row.subject = a, g, opened_on, parties, subject
    row.mediators, row.outcome, row.closed_on = nfc(mediators), outcome, closed_on
    with database.atomic():
        row.save()
    return row


def get_mediation(case_id: int) -> MediationCase | None:
    row = MediationCase.get_or_none(MediationCase.id == case_id)
    return None if row is None or row.deleted_at is not None else row


def delete_mediation(case: Any) -> None:
    """A case entered by mistake: a tombstone, so that the deletion travels."""
    row = _get(MediationCase, case, "vụ việc hòa giải")
    with database.atomic():
        row.tombstone()


# -- titles ------------------------------------------------------------------------

@dataclass(frozen=True)
class HouseholdChoice:
    head_id: int
    head_name: str
    address: str
    titled: bool


def households_of_area(area: int, year: int, kind: HouseholdTitleKind) -> list[HouseholdChoice]:
    """The households of an area (each by its head), in Vietnamese name order,
    with whether they hold ``kind`` in ``year``."""
    titled = {h for (h,) in HouseholdTitle.select(HouseholdTitle.head).join(Person)
              .where(HouseholdTitle.deleted_at.is_null(), HouseholdTitle.year == year,
                     HouseholdTitle.kind == kind, Person.area == area).tuples()}
    heads = (Person.select(Person.id, Person.full_name, Person.address)
             .where(Person.deleted_at.is_null(), Person.area == area,
                    Person.household_head.is_null() | (Person.household_head == Person.id))
             .order_by(Person.sort_key, Person.id))
    return [HouseholdChoice(pid, name, address, pid in titled) for pid, name, address in heads.tuples()]


def set_household_titles(*, area: Any, year: int, kind: HouseholdTitleKind, heads: Iterable[int]) -> tuple[int, int]:
    """Make the households of ``area`` holding ``kind`` in ``year`` exactly
    ``heads``: add the new ones, withdraw the others. (added, withdrawn)."""
    a = _get(ResidentialArea, area, "khu dân cư", "area")
    year, kind = _year(year), HouseholdTitleKind(kind)
    wanted = set(heads)
    allowed = {h.head_id for h in households_of_area(a.id, year, kind)}
    if wanted - allowed:
        raise ModelError(f"Có người không phải chủ hộ của {a.name}.", field="heads")
    current = {t.head_id: t for t in HouseholdTitle.live().join(Person)
               .where(HouseholdTitle.year == year, HouseholdTitle.kind == kind, Person.area == a.id)}
    added = withdrawn = 0
    with database.atomic():
        for head in sorted(wanted - set(current)):
            HouseholdTitle.create(head=head, year=year, kind=kind)
            added += 1
        for head, title in current.items():
            if head not in wanted:
                title.tombstone()
                withdrawn += 1
    return added, withdrawn


@dataclass(frozen=True)
class GroupTitleChoice:
    group_id: int | None  # None: the area itself
    name: str
    titled: bool


def group_titles_of_area(area: int, year: int, kind: GroupTitleKind) -> list[GroupTitleChoice]:
    """The area itself, then its groups active in the year, with whether each holds ``kind``."""
    a = _get(ResidentialArea, area, "khu dân cư", "area")
    rows = list(GroupTitle.live(GroupTitle.group, GroupTitle.area)
                .where(GroupTitle.year == year, GroupTitle.kind == kind,
                       (GroupTitle.area == a.id) | GroupTitle.group.in_(Group.select(Group.id).where(Group.area == a.id)))
                .tuples())
    titled_groups = {g for g, _ in rows if g is not None}
    area_titled = any(g is None for g, _ in rows)
    groups = groups_of_area(a.id, dt.date(year, 12, 31))
    return [GroupTitleChoice(None, a.name, area_titled)] + [
        GroupTitleChoice(g.id, g.name, g.id in titled_groups) for g in groups]


def set_group_titles(*, area: Any, year: int, kind: GroupTitleKind, groups: Iterable[int],
                     area_titled: bool = False) -> tuple[int, int]:
    """Make the groups of ``area`` holding ``kind`` in ``year`` exactly
    ``groups``, and the area's own title as ``area_titled``. (added, withdrawn)."""
    a = _get(ResidentialArea, area, "khu dân cư", "area")
    year, kind = _year(year), GroupTitleKind(kind)
    wanted = set(groups)
    allowed = {g.id for g in groups_of_area(a.id, dt.date(year, 12, 31))}
    if wanted - allowed:
        raise ModelError(f"Có tổ không thuộc {a.name} hoặc không hoạt động năm {year}.", field="groups")
    current = {t.group_id: t for t in GroupTitle.live()
               .where(GroupTitle.year == year, GroupTitle.kind == kind,
                      GroupTitle.group.in_(Group.select(Group.id).where(Group.area == a.id)))}
    own = GroupTitle.live().where(GroupTitle.year == year, GroupTitle.kind == kind,
                                  GroupTitle.area == a.id, GroupTitle.group.is_null()).first()
    added = withdrawn = 0
    with database.atomic():
        for gid in sorted(wanted - set(current)):
            GroupTitle.create(group=gid, area=None, year=year, kind=kind)
            added += 1
        for gid, title in current.items():
            if gid not in wanted:
                title.tombstone()
                withdrawn += 1
        if area_titled and own is None:
            GroupTitle.create(group=None, area=a, year=year, kind=kind)
            added += 1
        elif not area_titled and own is not None:
            own.tombstone()
            withdrawn += 1
    return added, withdrawn


# -- funds and budgets -------------------------------------------------------------

def fund_choices() -> list[Choice]:
    return [Choice(i, n) for i, n in Fund.live(Fund.id, Fund.name).order_by(Fund.name).tuples()]


def create_fund(*, name: str, description: str = "") -> Fund:
    name = nfc(name)
    if not name:
        raise ModelError("Chưa nhập tên quỹ, cuộc vận động.", field="name")
    if Fund.live().where(Fund.name == name).exists():
        raise ModelError(f"Đã có quỹ “{name}”.", field="name")
    with database.atomic():
        return Fund.create(name=name, description=(description or "").strip())


@dataclass(frozen=True)
class FundLine:
    group_id: int
    group_name: str
    target: int
    raised: int
    budget: int | None


def fund_lines(*, fund: int, year: int, area: int) -> list[FundLine]:
    """Each active group of an area with its target and amount raised for
    the fund in the year, and its operating budget for the year."""
    groups = groups_of_area(area, dt.date(year, 12, 31))
    ids = [g.id for g in groups]
    money = {gid: (t, r) for gid, t, r in FundContribution.live(FundContribution.group, FundContribution.target,
                                                                FundContribution.raised)
             .where(FundContribution.fund == fund, FundContribution.year == year,
                    FundContribution.group.in_(ids)).tuples()}
    budgets = dict(GroupBudget.live(GroupBudget.group, GroupBudget.amount)
                   .where(GroupBudget.year == year, GroupBudget.group.in_(ids)).tuples())
    return [FundLine(g.id, g.name, *money.get(g.id, (0, 0)), budgets.get(g.id)) for g in groups]


def save_fund_lines(*, fund: Any, year: int, lines: Iterable[tuple[int, Any, Any]]) -> int:
    """Store (group id, target, raised) for one fund and year; a line of zeros
    removes the group's entry. The number of lines changed."""
    f = _get(Fund, fund, "quỹ", "fund")
    year = _year(year)
    prepared = []
    for gid, target, raised in lines:
        prepared.append((gid, _money(target, "Chỉ tiêu", "target"), _money(raised, "Số tiền vận động được", "raised")))
    changed = 0
    with database.atomic():
        for gid, target, raised in prepared:
            row = FundContribution.live().where(FundContribution.fund == f.id, FundContribution.year == year,
                                                FundContribution.group == gid).first()
            if row is None:
                if target or raised:
                    _get(Group, gid, "tổ", "group")
                    FundContribution.create(fund=f, group=gid, year=year, target=target, raised=raised)
                    changed += 1
            elif not target and not raised:
                row.tombstone()
                changed += 1
            elif (row.target, row.raised) != (target, raised):
                row.target, row.raised = target, raised
                row.save()
                changed += 1
    return changed


def set_budgets(*, year: int, amounts: Iterable[tuple[int, Any]]) -> int:
    """Store the operating budget (đồng) of each group for the year; None removes it."""
    year = _year(year)
    prepared = [(gid, None if amount is None else _money(amount, "Kinh phí", "amount")) for gid, amount in amounts]
    changed = 0
    with database.atomic():
        for gid, amount in prepared:
            row = GroupBudget.live().where(GroupBudget.group == gid, GroupBudget.year == year).first()
            if row is None and amount is not None:
                _get(Group, gid, "tổ", "group")
                GroupBudget.create(group=gid, year=year, amount=amount)
                changed += 1
            elif row is not None and amount is None:
                row.tombstone()
                changed += 1
            elif row is not None and row.amount != amount:
                row.amount = amount
                row.save()
                changed += 1
    return changed


# -- coordination rules --------------------------------------------------------------

def save_rule(*, group: Any, signed_on: dt.date, leader_name: str, front_head_name: str, note: str = "",
              rule: int | None = None, today: dt.date | None = None) -> CoordinationRule:
    today = today or dt.date.today()
    g = _get(Group, group, "tổ", "group")
    leader_name, front_head_name = nfc(leader_name), nfc(front_head_name)
    if not isinstance(signed_on, dt.date):
        raise ModelError("Chưa nhập ngày ký quy chế.", field="signed_on")
    if signed_on > today:
        raise ModelError("Ngày ký quy chế không được sau hôm nay.", field="signed_on")
    if not leader_name:
        raise ModelError("Chưa nhập họ tên tổ trưởng ký quy chế.", field="leader_name")
    if not front_head_name:
        raise ModelError("Chưa nhập họ tên Trưởng ban công tác Mặt trận ký quy chế.", field="front_head_name")
    row = CoordinationRule() if rule is None else _get(CoordinationRule, rule, "quy chế phối hợp")
    row.group, row.signed_on, row.leader_name, row.front_head_name = g, signed_on, leader_name, front_head_name
    row.note = (note or "").strip()
    with database.atomic():
        row.save()
    return row


def add_review(*, rule: Any, year: int, reviewed_on: dt.date, note: str = "",
               today: dt.date | None = None) -> RuleReview:
    """The yearly review of a rule; one per year."""
    today = today or dt.date.today()
    r = _get(CoordinationRule, rule, "quy chế phối hợp", "rule")
    year = _year(year)
    if year < r.signed_on.year:
        raise ModelError(f"Quy chế ký năm {r.signed_on.year}; không rà soát được năm {year}.", field="year")
    if not isinstance(reviewed_on, dt.date) or reviewed_on > today or reviewed_on < r.signed_on:
        raise ModelError(f"Ngày rà soát phải từ {format_date(r.signed_on)} đến hôm nay.", field="reviewed_on")
    if RuleReview.live().where(RuleReview.rule == r.id, RuleReview.year == year).exists():
        raise ModelError(f"Quy chế này đã được rà soát năm {year}.", field="year")
    with database.atomic():
        return RuleReview.create(rule=r, year=year, reviewed_on=reviewed_on, note=(note or "").strip())


def get_rule(rule_id: int) -> CoordinationRule | None:
    row = CoordinationRule.get_or_none(CoordinationRule.id == rule_id)
    return None if row is None or row.deleted_at is not None else row


@dataclass(frozen=True)
class RuleRow:
    rule_id: int
    group_name: str
    area_name: str
    signed_on: dt.date
    leader_name: str
    front_head_name: str
    last_review_year: int | None
    review_due: bool  # this year's review not done yet
    review_late: bool  # last year's review was missed


def _rules_query(today: dt.date) -> pw.ModelSelect:
    last = pw.fn.MAX(RuleReview.year)
    return (CoordinationRule.select(CoordinationRule.id, Group.name, ResidentialArea.name, CoordinationRule.signed_on,
                                    CoordinationRule.leader_name, CoordinationRule.front_head_name,
                                    last.alias("last_year"))
            .join(Group, on=(CoordinationRule.group == Group.id))
            .join(ResidentialArea, on=(Group.area == ResidentialArea.id))
            .switch(CoordinationRule)
            .join(RuleReview, pw.JOIN.LEFT_OUTER,
                  on=((RuleReview.rule == CoordinationRule.id) & RuleReview.deleted_at.is_null()))
            .where(CoordinationRule.deleted_at.is_null(), Group.deleted_at.is_null(), Group.dissolved_on.is_null())
            .group_by(CoordinationRule.id))


def rules(today: dt.date | None = None, *, only_due: bool = False) -> list[RuleRow]:
    """Coordination rules of active groups with their last review. A rule
    signed before this year is due for this year's review until it is done,
    and late when last year's review is missing too."""
    today = today or dt.date.today()
    rows = []
    for rid, gname, aname, signed, leader, front, last_year in _rules_query(today).tuples():
        due = signed.year < today.year and (last_year or 0) < today.year
        late = signed.year < today.year - 1 and (last_year or 0) < today.year - 1
        if only_due and not due:
            continue
        rows.append(RuleRow(rid, gname, aname, signed, leader, front, last_year, due, late))
    rows.sort(key=lambda r: (not r.review_late, not r.review_due, r.area_name, r.group_name))
    return rows


def reviews_attention(today: dt.date | None = None) -> tuple[int, int]:
    """(reviews due this year, of which late), for the dashboard."""
    due = rules(today, only_due=True)
    return len(due), sum(1 for r in due if r.review_late)
