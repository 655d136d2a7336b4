"""The figures of a year, as the sơ kết / tổng kết reports and the dashboard
give them; one call per year, computed with a few SQL aggregates (no loop
over rows), so that a province database answers in well under a second.

Counting rules (the seeds' own):
- A year's figures are taken on its reference day: 31/12, or today for the
  current year. A group is active on that day when it was founded by then and
  not dissolved; shares of groups are of the active groups ("497 đảng viên
  trực tiếp làm tổ trưởng, chiếm 27,35%" = 497 / 1.817).
- Leaders are the serving tổ trưởng and interim leaders of active groups,
  counted once per group; a leader "is a party member" when a live party
  record exists for the person.
- Party members assigned to groups: distinct party members with an assignment
  to an active group on the reference day; their share is of active groups,
  as the seeds compute it ("985 ... chiếm 54,21%").
- Meetings are those held in the year; attendance (lượt người dự) is members
  ticked present plus other residents.
- Recommendations raised in the year; resolved / answered / out of scope are
  those closed in the year in that state; open and overdue are as on the
  reference day (the closing day is kept, so a past year is exact).
- Household titles: share of the households (each counted by its head) of the
  filtered areas; group titles: share of the active groups.

Filters: ``unit`` (a commune code, at a province office), ``area`` (a
residential area id), ``group_type`` (a group type id; it narrows the group
figures only).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import peewee as pw

from .areas import ResidentialArea
from .catalogues import RecommendationCategory
from .coordination import CoordinationRule, RuleReview
from .enums import GroupTitleKind, HouseholdTitleKind, MediationOutcome, RecommendationState, Role
from .funds import Fund, FundContribution, GroupBudget
from .groups import Group, Membership
from .mediation import MediationCase
from .meetings import Meeting
from .party import PartyAssignment, PartyMember
from .people import Person
from .recommendations import Recommendation
from .text import format_int, format_percent
from .titles import GroupTitle, HouseholdTitle


@dataclass(frozen=True)
class Ratio:
    """A count and what it is a share of; shown "497/1.817 (27,35%)"."""

    part: int
    whole: int

    @property
    def value(self) -> Fraction:
        return Fraction(self.part, self.whole) if self.whole else Fraction(0)

    @property
    def percent(self) -> str:
        return format_percent(self.part, self.whole)

    def __str__(self) -> str:
        return f"{format_int(self.part)}/{format_int(self.whole)} ({self.percent})"


@dataclass(frozen=True)
class CategoryFigures:
    category_id: int
    name: str
    raised: int = 0
    resolved: int = 0
    answered: int = 0
    out_of_scope: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def settled(self) -> int:
        """Resolved or answered ("được giải quyết hoặc trả lời")."""
        return self.resolved + self.answered


@dataclass(frozen=True)
class FundFigures:
    fund_id: int
    name: str
    groups: int
    target: int
    raised: int

    @property
    def share(self) -> Ratio:
        return Ratio(self.raised, self.target)


@dataclass(frozen=True)
class YearFigures:
    year: int
    reference_day: dt.date
    # groups
    groups_total: int = 0
    groups_active: int = 0
    areas: int = 0
    leaders: int = 0  # groups with a serving tổ trưởng or interim leader
    interim_leaders: int = 0
    deputies: int = 0
    party_leaders: int = 0  # groups whose leader is a party member
    party_members: int = 0
    assigned_party_members: int = 0
    groups_with_party_member: int = 0
    people: int = 0
    # meetings
    meetings: int = 0
    groups_meeting: int = 0
    members_present: int = 0
    other_attendees: int = 0
    # recommendations, by category in catalogue order
    categories: tuple[CategoryFigures, ...] = ()
    # mediation
    mediation_cases: int = 0
    mediation_success: int = 0
    mediation_failure: int = 0
    mediation_pending: int = 0
    # titles
    households: int = 0
    household_titles: dict[HouseholdTitleKind, int] = field(default_factory=dict)
    group_titles: dict[GroupTitleKind, int] = field(default_factory=dict)
    area_titles: dict[GroupTitleKind, int] = field(default_factory=dict)
    # funds, budgets, coordination
    funds: tuple[FundFigures, ...] = ()
    budget_groups: int = 0
    budget_total: int = 0
    rules: int = 0
    rule_reviews: int = 0

    # Derived figures and shares --------------------------------------------
    @property
    def attendance(self) -> int:
        """Lượt người dự."""
        return self.members_present + self.other_attendees

    @property
    def active_share(self) -> Ratio:
        return Ratio(self.groups_active, self.groups_total)

    @property
    def party_leader_share(self) -> Ratio:
        return Ratio(self.party_leaders, self.groups_active)

    @property
    def assigned_share(self) -> Ratio:
        return Ratio(self.assigned_party_members, self.groups_active)

    def _sum(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.categories)

    @property
    def recommendations_raised(self) -> int:
        return self._sum("raised")

    @property
    def recommendations_resolved(self) -> int:
        return self._sum("resolved")

    @property
    def recommendations_answered(self) -> int:
        return self._sum("answered")

    @property
    def recommendations_settled(self) -> int:
        return self._sum("settled")

    @property
    def recommendations_out_of_scope(self) -> int:
        return self._sum("out_of_scope")

    @property
    def recommendations_open(self) -> int:
        return self._sum("open")

    @property
    def recommendations_overdue(self) -> int:
        return self._sum("overdue")

    @property
    def mediation_success_share(self) -> Ratio:
        return Ratio(self.mediation_success, self.mediation_success + self.mediation_failure)

    def household_share(self, kind: HouseholdTitleKind) -> Ratio:
        return Ratio(self.household_titles.get(kind, 0), self.households)

    def group_share(self, kind: GroupTitleKind) -> Ratio:
        return Ratio(self.group_titles.get(kind, 0), self.groups_active)

    def area_share(self, kind: GroupTitleKind) -> Ratio:
        return Ratio(self.area_titles.get(kind, 0), self.areas)


def _count_if(condition: pw.Expression) -> pw.Node:
    return pw.fn.SUM(pw.Case(None, ((condition, 1),), 0))


def _distinct_if(condition: pw.Expression, value: pw.Node) -> pw.Node:
    return pw.fn.COUNT(pw.Case(None, ((condition, value),), None).distinct())


class _Scope:
    """The filters as subqueries of area ids and group ids."""

    def __init__(self, unit: str | None, area: int | None, group_type: int | None):
        self.unit, self.area, self.group_type = unit, area, group_type
        self.filtered = unit is not None or area is not None

    def areas(self) -> pw.ModelSelect:
        query = ResidentialArea.select(ResidentialArea.id).where(ResidentialArea.deleted_at.is_null())
        if self.unit is not None:
            query = query.where(ResidentialArea.commune_code == self.unit)
        if self.area is not None:
            query = query.where(ResidentialArea.id == self.area)
        return query

    def group_condition(self, model: type[pw.Model] = Group) -> pw.Expression:
        cond = model.deleted_at.is_null()
        if self.filtered:
            cond &= model.area.in_(self.areas())
        if self.group_type is not None:
            cond &= model.group_type == self.group_type
        return cond

    def groups(self) -> pw.ModelSelect:
        return Group.select(Group.id).where(self.group_condition())

    def in_groups(self, column: pw.Field) -> pw.Expression:
        """``column`` (a group id) is one of the groups. For the whole
        database, said as "not a deleted group" (there are few): SQLite then
        reads a covering index of the rows instead of each group's rows."""
        if self.filtered or self.group_type is not None:
            return column.in_(self.groups())
        return column.is_null(False) & column.not_in(Group.select(Group.id).where(Group.deleted_at.is_null(False)))

    def person_condition(self) -> pw.Expression:
        cond = Person.deleted_at.is_null()
        if self.filtered:
            cond &= Person.area.in_(self.areas())
        return cond


def _active(day: dt.date, model: type[pw.Model] = Group) -> pw.Expression:
    return ((model.founded_on.is_null() | (model.founded_on <= day))
            & (model.dissolved_on.is_null() | (model.dissolved_on > day)))


def _serving(model: type[pw.Model], day: dt.date) -> pw.Expression:
    return (model.deleted_at.is_null()
            & (model.start_date.is_null() | (model.start_date <= day))
            & (model.end_date.is_null() | (model.end_date >= day)))


def year_figures(year: int, *, unit: str | None = None, area: int | None = None, group_type: int | None = None,
                 today: dt.date | None = None, until: dt.date | None = None) -> YearFigures:
    """Every figure of ``year`` for the whole database or the filtered part.
    ``until`` ends the period early (30/06 for a half-year report)."""
    return years_figures([(year, until)], unit=unit, area=area, group_type=group_type, today=today)[year]


@dataclass(frozen=True)
class _Period:
    year: int
    first: dt.date
    last: dt.date
    day: dt.date  # the reference day

    def held(self, column: pw.Field) -> pw.Expression:
        return column.between(self.first, self.last)


def _sum_if(condition: pw.Expression, value: pw.Node) -> pw.Node:
    return pw.fn.SUM(pw.Case(None, ((condition, value),), 0))


def years_figures(periods: list[tuple[int, dt.date | None]] | list[int], *, unit: str | None = None,
                  area: int | None = None, group_type: int | None = None,
                  today: dt.date | None = None) -> dict[int, YearFigures]:
    """The figures of several years at once, each as ``year_figures`` gives
    it: ``periods`` are years, or (year, until) pairs. Each table is read
    once for all the years (a conditional aggregate per year), so the three
    years of a report's chart cost little more than one."""
    plan = years_figures_plan(periods, unit=unit, area=area, group_type=group_type, today=today)
    for job in plan.jobs:
        job.run()
    return plan.finish()


@dataclass(frozen=True)
class Job:
    """One read of a plan: ``run`` fills the plan's figures (each job its
    own), ``cost`` is its rough share of the time, so that a caller reading
    on parallel connections can start the longest first."""

    name: str
    cost: float
    run: Callable[[], None]


@dataclass(frozen=True)
class Plan:
    """The reads of a set of figures, run in any order (or side by side, each
    on its own connection), then ``finish()`` gives the figures."""

    jobs: list[Job]
    finish: Callable[[], Any]
    # years_figures_plan: households (people counted by their head) per
    # residential area id of the scope, filled by its jobs.
    households_by_area: dict[int | None, int] | None = None


def years_figures_plan(periods: list[tuple[int, dt.date | None]] | list[int], *, unit: str | None = None,
                       area: int | None = None, group_type: int | None = None,
                       today: dt.date | None = None) -> Plan:
    """``years_figures`` as independent reads (see ``Plan``)."""
    today = today or dt.date.today()
    ps: list[_Period] = []
    for item in periods:
        year, until = item if isinstance(item, tuple) else (item, None)
        first, last = dt.date(year, 1, 1), until or dt.date(year, 12, 31)
        ps.append(_Period(year, first, last, min(last, today)))
    if len({p.year for p in ps}) != len(ps):
        raise ValueError("each year once")
    scope = _Scope(unit, area, group_type)
    values: dict[int, dict[str, object]] = {p.year: {} for p in ps}
    years = [p.year for p in ps]
    jobs: list[Job] = []

    def job(name: str, cost: float):
        def add(fn: Callable[[], None]) -> Callable[[], None]:
            jobs.append(Job(name, cost, fn))
            return fn
        return add

    def spread(row, *names: str) -> None:
        """``row`` holds len(names) figures per period, period after period."""
        for i, p in enumerate(ps):
            for j, name in enumerate(names):
                values[p.year][name] = int(row[i * len(names) + j] or 0)

    def founded(p: _Period) -> pw.Expression:
        return Group.founded_on.is_null() | (Group.founded_on <= p.day)

    @job("groups", 0.04)
    def _groups() -> None:
        # Groups: total (founded by the day) and active on the day.
        spread(Group.select(*[a for p in ps for a in (_count_if(founded(p)), _count_if(founded(p) & _active(p.day)))])
               .where(scope.group_condition()).tuples().get(), "groups_total", "groups_active")
        spread(ResidentialArea.select(*[_count_if(ResidentialArea.dissolved_on.is_null()
                                                  | (ResidentialArea.dissolved_on > p.day)) for p in ps])
               .where(ResidentialArea.id.in_(scope.areas())).tuples().get(), "areas")

    # Leaders, interim leaders, deputies; leaders who are party members: the
    # serving holders of these roles on each reference day, read in one pass
    # group by group (the groups, then a covering index of their roles): per
    # group and day, whether it has a serving leader (and so on), then the
    # groups added up, which counts each group once as COUNT(DISTINCT) did.
    # A person has at most one live party record (a unique index), so the
    # outer join adds no rows.
    lead = Membership.role.in_([Role.LEADER.value, Role.ACTING_LEADER.value])
    acting = Membership.role == Role.ACTING_LEADER.value
    deputy = Membership.role == Role.DEPUTY.value
    party = PartyMember.alias()

    @job("leaders", 0.22)
    def _leaders() -> None:
        per_group, names = [], []
        for i, p in enumerate(ps):
            on = ((Membership.start_date.is_null() | (Membership.start_date <= p.day))
                  & (Membership.end_date.is_null() | (Membership.end_date >= p.day)) & _active(p.day))
            member = party.id.is_null(False) & (party.admitted_on.is_null() | (party.admitted_on <= p.day))
            per_group += [pw.fn.MAX(pw.Case(None, ((on & lead, 1),), 0)).alias(f"l{i}"),
                          pw.fn.MAX(pw.Case(None, ((on & acting, 1),), 0)).alias(f"a{i}"),
                          _count_if(on & deputy).alias(f"d{i}"),
                          pw.fn.MAX(pw.Case(None, ((on & lead & member, 1),), 0)).alias(f"p{i}")]
            names += [f"l{i}", f"a{i}", f"d{i}", f"p{i}"]
        groups = (Group.select(*per_group)
                  .join(Membership, pw.JOIN.CROSS)  # SQLite keeps the groups as the outer loop
                  .join(party, pw.JOIN.LEFT_OUTER,
                        on=((party.person == Membership.person) & party.deleted_at.is_null()))
                  .where(Membership.group == Group.id, Membership.deleted_at.is_null(), scope.group_condition(),
                         Membership.role.in_([Role.LEADER.value, Role.ACTING_LEADER.value, Role.DEPUTY.value]))
                  .group_by(Group.id))
        spread(Group.select(*[pw.fn.SUM(groups.c[name]) for name in names]).from_(groups).tuples().get(),
               "leaders", "interim_leaders", "deputies", "party_leaders")

    @job("party assignments", 0.05)
    def _assignments() -> None:
        columns = []
        for p in ps:
            on = _serving(PartyAssignment, p.day) & _active(p.day)
            columns += [_distinct_if(on, PartyAssignment.party_member), _distinct_if(on, PartyAssignment.group)]
        spread(PartyAssignment.select(*columns)
               .join(PartyMember, on=(PartyAssignment.party_member == PartyMember.id))
               .switch(PartyAssignment).join(Group, on=(PartyAssignment.group == Group.id))
               .where(PartyMember.deleted_at.is_null(), scope.group_condition())
               .tuples().get(), "assigned_party_members", "groups_with_party_member")

    @job("party members", 0.04)
    def _party_members() -> None:
        party_query = (PartyMember.select(*[_count_if(PartyMember.admitted_on.is_null()
                                                      | (PartyMember.admitted_on <= p.day)) for p in ps])
                       .where(PartyMember.deleted_at.is_null()))
        if scope.filtered:
            party_query = party_query.join(Person, on=(PartyMember.person == Person.id)).where(
                scope.person_condition())
        spread(party_query.tuples().get(), "party_members")

    households_by_area: dict[int | None, int] = {}

    @job("people", 0.08)
    def _people() -> None:
        # People and households do not depend on the day. Read area by area
        # (a covering index in area order), so that a breakdown by area or
        # commune can take its households from here (Plan.households_by_area).
        people = households = 0
        for area_id, n, heads in (Person.select(Person.area, pw.fn.COUNT(Person.id), _count_if(
                Person.household_head.is_null() | (Person.household_head == Person.id)))
                .where(scope.person_condition()).group_by(Person.area).tuples()):
            people += n or 0
            households += heads or 0
            households_by_area[area_id] = heads or 0
        for v in values.values():
            v.update(people=people, households=households)

    def meetings(p: _Period) -> None:
        # Meetings held in the period: a range of a covering index.
        row = (Meeting.select(pw.fn.COUNT(Meeting.id), pw.fn.COUNT(Meeting.group.distinct()),
                              pw.fn.SUM(Meeting.members_present), pw.fn.SUM(Meeting.other_attendees))
               .where(Meeting.deleted_at.is_null(), p.held(Meeting.held_on), scope.in_groups(Meeting.group))
               .tuples().get())
        values[p.year].update(zip(("meetings", "groups_meeting", "members_present", "other_attendees"),
                                  (int(x or 0) for x in row)))

    for p in ps:
        job(f"meetings {p.year}", 0.05)(lambda p=p: meetings(p))

    # Recommendations by category: one read per period, of the
    # recommendations raised by its reference day only (the others count
    # nowhere in it), so each row is weighed once per period it counts in.
    R = Recommendation
    where = R.deleted_at.is_null()
    if scope.filtered or scope.group_type is not None:
        by_group = R.group.in_(scope.groups())
        if scope.unit is not None and scope.area is None and scope.group_type is None:
            by_group |= R.group.is_null() & (R.owner_unit == scope.unit)
        where &= by_group
    per_period: dict[int, dict[int, tuple]] = {}
    all_categories: list[tuple[int, str, bool]] = []

    def recommendations(p: _Period) -> None:
        # raised_on <= day <= last: "raised in the period" is raised_on >= first.
        closed_in_year = R.closed_on.between(p.first, p.last)
        open_on_day = R.closed_on.is_null() | (R.closed_on > p.day)
        per_period[p.year] = {cid: row for cid, *row in R.select(
            R.category, pw.fn.COUNT(pw.SQL("*")), _count_if(R.raised_on >= p.first),
            _count_if(closed_in_year & (R.state == RecommendationState.RESOLVED.value)),
            _count_if(closed_in_year & (R.state == RecommendationState.ANSWERED.value)),
            _count_if(closed_in_year & (R.state == RecommendationState.OUT_OF_SCOPE.value)),
            _count_if(open_on_day),
            _count_if(open_on_day & R.due_on.is_null(False) & (R.due_on < p.day)))
            .where(where, R.raised_on <= p.day).group_by(R.category).tuples()}

    for p in ps:
        job(f"recommendations {p.year}", 0.06)(lambda p=p: recommendations(p))

    @job("categories", 0.001)
    def _categories() -> None:
        all_categories.extend(
            RecommendationCategory.select(RecommendationCategory.id, RecommendationCategory.name,
                                          RecommendationCategory.deleted_at.is_null())
            .order_by(RecommendationCategory.sort_order, RecommendationCategory.id).tuples())

    def categories() -> None:
        """Each period's figures by category, in catalogue order: the live
        categories, and deleted ones that still have recommendations."""
        used = {cid for rows in per_period.values() for cid in rows}
        shown = [(cid, name, bool(live)) for cid, name, live in all_categories if live or cid in used]
        for p in ps:
            rows = per_period[p.year]
            values[p.year]["categories"] = tuple(
                CategoryFigures(cid, name, *(int(v or 0) for v in rows[cid][1:]) if cid in rows and rows[cid][0]
                                else ())
                for cid, name, live in shown if live or (cid in rows and rows[cid][0]))

    @job("mediation", 0.02)
    def _mediation() -> None:
        # Mediation cases opened in each period.
        mediation = MediationCase.select(*[a for p in ps for a in (
            _count_if(p.held(MediationCase.opened_on)),
            _count_if(p.held(MediationCase.opened_on) & (MediationCase.outcome == MediationOutcome.SUCCESS.value)),
            _count_if(p.held(MediationCase.opened_on) & (MediationCase.outcome == MediationOutcome.FAILURE.value)),
            _count_if(p.held(MediationCase.opened_on) & (MediationCase.outcome == MediationOutcome.PENDING.value)))]
        ).where(MediationCase.deleted_at.is_null())
        if scope.filtered:
            mediation = mediation.where(MediationCase.area.in_(scope.areas()))
        spread(mediation.tuples().get(), "mediation_cases", "mediation_success", "mediation_failure",
               "mediation_pending")

    # Titles of the years.
    for v in values.values():
        v.update(household_titles={}, group_titles={}, area_titles={})

    @job("household titles", 0.12)
    def _household_titles() -> None:
        # A household holds a title once a year (a unique index on live rows).
        # COUNT(*), not COUNT(id): the same count, without reading each id.
        household = (HouseholdTitle.select(HouseholdTitle.year, HouseholdTitle.kind, pw.fn.COUNT(pw.SQL("*")))
                     .where(HouseholdTitle.deleted_at.is_null(), HouseholdTitle.year.in_(years))
                     .group_by(HouseholdTitle.year, HouseholdTitle.kind))
        if scope.filtered:
            household = household.join(Person, on=(HouseholdTitle.head == Person.id)).where(
                scope.person_condition())
        for y, k, n in household.tuples():
            values[y]["household_titles"][HouseholdTitleKind(k)] = n

    def group_titles(p: _Period) -> None:
        # A range of a covering index per year, each title's group looked up.
        values[p.year]["group_titles"] = {GroupTitleKind(k): n for k, n in (
            GroupTitle.select(GroupTitle.kind, pw.fn.COUNT(GroupTitle.group.distinct()))
            .join(Group, pw.JOIN.CROSS)  # SQLite keeps the titles as the outer loop
            .where(GroupTitle.group == Group.id, GroupTitle.deleted_at.is_null(), GroupTitle.year == p.year,
                   scope.group_condition(),
                   _active(p.day))
            .group_by(GroupTitle.kind).tuples())}

    for p in ps:
        job(f"group titles {p.year}", 0.025)(lambda p=p: group_titles(p))

    @job("area titles", 0.01)
    def _area_titles() -> None:
        for y, k, n in (GroupTitle.select(GroupTitle.year, GroupTitle.kind, pw.fn.COUNT(GroupTitle.area.distinct()))
                        .where(GroupTitle.deleted_at.is_null(), GroupTitle.year.in_(years),
                               GroupTitle.group.is_null(), GroupTitle.area.in_(scope.areas()))
                        .group_by(GroupTitle.year, GroupTitle.kind).tuples()):
            values[y]["area_titles"][GroupTitleKind(k)] = n

    @job("funds", 0.06)
    def _funds() -> None:
        names = dict(Fund.select(Fund.id, Fund.name).tuples())
        funds: dict[int, list[FundFigures]] = {y: [] for y in years}
        for y, fid, n, t, r in (
                FundContribution.select(FundContribution.year, FundContribution.fund,
                                        pw.fn.COUNT(FundContribution.group.distinct()),
                                        pw.fn.SUM(FundContribution.target), pw.fn.SUM(FundContribution.raised))
                .where(FundContribution.deleted_at.is_null(), FundContribution.year.in_(years),
                       scope.in_groups(FundContribution.group))
                .group_by(FundContribution.year, FundContribution.fund)
                .order_by(FundContribution.year, FundContribution.fund).tuples()):
            funds[y].append(FundFigures(fid, names.get(fid, ""), n, int(t or 0), int(r or 0)))
        for y in years:
            values[y]["funds"] = tuple(funds[y])

    @job("budgets", 0.03)
    def _budgets() -> None:
        for y in years:
            values[y].update(budget_groups=0, budget_total=0)
        for y, budget_groups, budget_total in (
                GroupBudget.select(GroupBudget.year, pw.fn.COUNT(GroupBudget.group.distinct()),
                                   pw.fn.SUM(GroupBudget.amount))
                .where(GroupBudget.deleted_at.is_null(), GroupBudget.year.in_(years),
                       scope.in_groups(GroupBudget.group))
                .group_by(GroupBudget.year).tuples()):
            values[y].update(budget_groups=budget_groups or 0, budget_total=int(budget_total or 0))

    @job("coordination", 0.03)
    def _coordination() -> None:
        spread(CoordinationRule.select(*[_count_if((CoordinationRule.signed_on <= p.day) & _active(p.day))
                                         for p in ps])
               .join(Group, on=(CoordinationRule.group == Group.id))
               .where(CoordinationRule.deleted_at.is_null(), scope.group_condition()).tuples().get(), "rules")
        reviews = dict.fromkeys(years, 0)
        for y, n in (RuleReview.select(RuleReview.year, pw.fn.COUNT(RuleReview.id))
                     .join(CoordinationRule, on=(RuleReview.rule == CoordinationRule.id))
                     .where(RuleReview.deleted_at.is_null(), RuleReview.year.in_(years),
                            CoordinationRule.deleted_at.is_null(), CoordinationRule.group.in_(scope.groups()))
                     .group_by(RuleReview.year).tuples()):
            reviews[y] = n
        for y in years:
            values[y]["rule_reviews"] = reviews[y]

    def finish() -> dict[int, YearFigures]:
        categories()
        return {p.year: YearFigures(year=p.year, reference_day=p.day, **values[p.year])  # type: ignore[arg-type]
                for p in ps}

    return Plan(jobs, finish, households_by_area)


@dataclass(frozen=True)
class Attention:
    """What needs action today."""

    overdue_recommendations: int
    reviews_due: int
    reviews_late: int
    terms_ending: int
    terms_past_due: int


def attention(today: dt.date | None = None) -> Attention:
    from . import terms, yearly_ops
    from .recommendation_ops import overdue_condition

    today = today or dt.date.today()
    due, late = yearly_ops.reviews_attention(today)
    ending, past = terms.attention(today)
    return Attention(
        overdue_recommendations=Recommendation.select().where(overdue_condition(today)).count(),
        reviews_due=due, reviews_late=late, terms_ending=ending, terms_past_due=past)


@dataclass(frozen=True)
class Overview:
    """The dashboard: this year beside last year, and what needs action."""

    this_year: YearFigures
    last_year: YearFigures
    attention: Attention


def overview(year: int | None = None, *, unit: str | None = None, area: int | None = None,
             today: dt.date | None = None) -> Overview:
    today = today or dt.date.today()
    year = year or today.year
    figures = years_figures([year - 1, year], unit=unit, area=area, today=today)
    return Overview(figures[year], figures[year - 1], attention(today))
