"""What the printed reports need beyond ``statistics.year_figures``:

- the year's main figures broken down by residential area, by commune (at a
  province office) or by group type, each with one grouped query per figure
  (no query per area: a province has thousands), following the counting
  rules of ``models.statistics``;
- the rows of the registers: a group's meetings, party members assigned to
  groups, recommendations with their state, and the party members living
  here who get the yearly comment form.

Plain functions, no Qt; the reports and the command line call them.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass

import peewee as pw

from .areas import ResidentialArea
from .base import ModelError
from .catalogues import GroupType, MeetingTopic, RecommendationCategory
from .enums import HouseholdTitleKind, RecommendationState, Role
from .groups import Group, Membership
from .meetings import Meeting, MeetingTopicLink
from .party import PartyAssignment, PartyComment, PartyMember
from .people import Person
from .recommendations import Recommendation
from .statistics import Job, Plan, Ratio, _active, _count_if, _distinct_if, _serving
from .text import nfc
from .titles import HouseholdTitle
from .units import find_unit


class By(str, enum.Enum):
    AREA = "area"
    COMMUNE = "commune"
    GROUP_TYPE = "group_type"


@dataclass(frozen=True)
class BreakdownRow:
    """The main figures of one area, commune or group type."""

    key: object
    name: str
    groups_total: int = 0
    groups_active: int = 0
    leaders: int = 0
    party_leaders: int = 0
    assigned_party_members: int = 0
    meetings: int = 0
    attendance: int = 0
    recommendations_raised: int = 0
    recommendations_settled: int = 0
    recommendations_overdue: int = 0
    households: int = 0
    cultured_households: int = 0
    three_no_households: int = 0

    @property
    def party_leader_share(self) -> Ratio:
        return Ratio(self.party_leaders, self.groups_active)

    @property
    def assigned_share(self) -> Ratio:
        return Ratio(self.assigned_party_members, self.groups_active)

    @property
    def cultured_share(self) -> Ratio:
        return Ratio(self.cultured_households, self.households)

    @property
    def three_no_share(self) -> Ratio:
        return Ratio(self.three_no_households, self.households)


def period_end(year: int, half: bool) -> dt.date:
    """The last day of a year's report: 30/06 for the half-year (sơ kết), else 31/12."""
    return dt.date(year, 6, 30) if half else dt.date(year, 12, 31)


def _key(by: By) -> pw.Node:
    if by is By.AREA:
        return Group.area
    if by is By.COMMUNE:
        return ResidentialArea.commune_code
    return Group.group_type


def _groups(query: pw.ModelSelect, unit: str | None, join_group: bool = True) -> pw.ModelSelect:
    """Join the group and its (live) area, narrowed to ``unit``."""
    if join_group:
        query = query.join(Group, on=(query.model.group == Group.id))
    query = query.join(ResidentialArea, on=(Group.area == ResidentialArea.id)).where(
        Group.deleted_at.is_null(), ResidentialArea.deleted_at.is_null())
    if unit is not None:
        query = query.where(ResidentialArea.commune_code == unit)
    return query


def _names(by: By, unit: str | None) -> list[tuple[object, str]]:
    """Every key of the breakdown with its name, in the order rows are shown."""
    if by is By.GROUP_TYPE:
        return [(gid, name) for gid, name in GroupType.select(GroupType.id, GroupType.name)
                .where(GroupType.deleted_at.is_null()).order_by(GroupType.sort_order, GroupType.id).tuples()]
    areas = ResidentialArea.select(ResidentialArea.id, ResidentialArea.name, ResidentialArea.commune_code).where(
        ResidentialArea.deleted_at.is_null())
    if unit is not None:
        areas = areas.where(ResidentialArea.commune_code == unit)
    if by is By.AREA:
        return [(aid, name) for aid, name, _code in areas.order_by(ResidentialArea.commune_code, ResidentialArea.id)
                .tuples()]
    from .units import AdminUnit

    codes = sorted({code for _aid, _name, code in areas.tuples()})
    known = dict(AdminUnit.select(AdminUnit.code, AdminUnit.name).where(AdminUnit.code.in_(codes)).tuples())
    return [(code, known.get(code) or _official_name(code)) for code in codes]


def _official_name(code: str) -> str:
    unit = find_unit(code)
    return unit.full_name if unit is not None else code


def breakdown(year: int, by: By | str, *, unit: str | None = None, today: dt.date | None = None,
              until: dt.date | None = None) -> list[BreakdownRow]:
    """The main figures of ``year`` for each area, commune or group type.

    Counted as ``statistics.year_figures`` counts them, so that the figures
    of one area equal ``year_figures(year, area=...)``. Recommendations not
    linked to a group, and households, have no group type: by group type
    those columns stay 0. A party member assigned in two areas counts in both.
    """
    return breakdowns(year, (By(by),), unit=unit, today=today, until=until)[By(by)]


def breakdowns(year: int, kinds: tuple[By, ...], *, unit: str | None = None, today: dt.date | None = None,
               until: dt.date | None = None) -> dict[By, list[BreakdownRow]]:
    """Several breakdowns of one year read in one pass: each query groups by
    the place (area or commune) and the group type together, and the rows are
    added up per kind in Python (figures counted per group add up; distinct
    party members are counted per kind apart)."""
    plan = breakdowns_plan(year, kinds, unit=unit, today=today, until=until)
    for job in plan.jobs:
        job.run()
    return plan.finish()


def breakdowns_plan(year: int, kinds: tuple[By, ...], *, unit: str | None = None, today: dt.date | None = None,
                    until: dt.date | None = None, totals: Plan | None = None) -> Plan:
    """``breakdowns`` as independent reads (see ``statistics.Plan``).
    ``totals``: the plan of ``statistics.years_figures_plan`` for the same
    ``unit`` (and no other filter), run with this one: the households are
    then taken from its count by area instead of being read again."""
    kinds = tuple(By(k) for k in kinds)
    places = [k for k in kinds if k is not By.GROUP_TYPE]
    if len(places) > 1:
        raise ValueError("one place kind per call")
    place = places[0] if places else None
    today = today or dt.date.today()
    first, last = dt.date(year, 1, 1), until or dt.date(year, 12, 31)
    day = min(last, today)
    place_key = _key(place) if place is not None else pw.Value(0)
    keys = (place_key, Group.group_type)
    values: dict[By, dict[object, dict[str, int]]] = {k: {} for k in kinds}

    def put(rows, *names: str, per: tuple[By, ...] | None = None) -> None:
        for place_value, type_value, *numbers in rows:
            for kind in per or kinds:
                k = type_value if kind is By.GROUP_TYPE else place_value
                slot = values[kind].setdefault(k, {})
                for name, number in zip(names, numbers):
                    slot[name] = slot.get(name, 0) + int(number or 0)

    jobs: list[Job] = []

    def job(name: str, cost: float):
        def add(fn: Callable[[], None]) -> Callable[[], None]:
            jobs.append(Job(name, cost, fn))
            return fn
        return add

    founded = Group.founded_on.is_null() | (Group.founded_on <= day)

    @job("groups by place", 0.03)
    def _groups_by_place() -> None:
        put(_groups(Group.select(*keys, pw.fn.COUNT(Group.id), _count_if(_active(day))), unit, join_group=False)
            .where(founded).group_by(*keys).tuples(), "groups_total", "groups_active")

    lead = Membership.role.in_([Role.LEADER.value, Role.ACTING_LEADER.value])
    party = PartyMember.alias()

    @job("leaders by place", 0.08)
    def _leaders_by_place() -> None:
        put(_groups(Membership.select(*keys, _distinct_if(lead, Membership.group),
                                      _distinct_if(lead & party.id.is_null(False), Membership.group)), unit)
            .join(party, pw.JOIN.LEFT_OUTER,
                  on=((party.person == Membership.person) & party.deleted_at.is_null()
                      & (party.admitted_on.is_null() | (party.admitted_on <= day))))
            .where(_serving(Membership, day), _active(day), lead).group_by(*keys).tuples(),
            "leaders", "party_leaders")

    # Distinct party members: counted per kind, not added up over types.
    def assigned(kind: By) -> None:
        kind_keys = (place_key, pw.Value(0)) if kind is not By.GROUP_TYPE else (pw.Value(0), Group.group_type)
        put(_groups(PartyAssignment.select(*kind_keys, pw.fn.COUNT(PartyAssignment.party_member.distinct())), unit)
            .join(PartyMember, on=(PartyAssignment.party_member == PartyMember.id))
            .where(_serving(PartyAssignment, day), PartyMember.deleted_at.is_null(), _active(day))
            .group_by(*kind_keys).tuples(), "assigned_party_members", per=(kind,))

    for kind in kinds:
        job(f"assigned by {kind.value}", 0.03)(lambda kind=kind: assigned(kind))

    # Meetings and recommendations are first added up per group (a narrow
    # index read), then the groups' sums by place and type.
    @job("meetings by place", 0.065)
    def _meetings_by_place() -> None:
        per_group = (Meeting.select(Meeting.group.alias("gid"), pw.fn.COUNT(Meeting.id).alias("n"),
                                    pw.fn.SUM(Meeting.members_present + Meeting.other_attendees).alias("attendance"))
                     .where(Meeting.deleted_at.is_null(), Meeting.held_on.between(first, last))
                     .group_by(Meeting.group))
        put(_groups(Group.select(*keys, pw.fn.SUM(per_group.c.n), pw.fn.SUM(per_group.c.attendance))
                    .join(per_group, on=(per_group.c.gid == Group.id)).switch(Group), unit, join_group=False)
            .group_by(*keys).tuples(), "meetings", "attendance")

    @job("recommendations by place", 0.095)
    def _recommendations_by_place() -> None:
        R = Recommendation
        closed_in_period = R.closed_on.between(first, last)
        settled = closed_in_period & R.state.in_([RecommendationState.RESOLVED.value,
                                                  RecommendationState.ANSWERED.value])
        open_on_day = (R.raised_on <= day) & (R.closed_on.is_null() | (R.closed_on > day))
        per_group = (R.select(R.group.alias("gid"), _count_if(R.raised_on.between(first, last)).alias("raised"),
                              _count_if(settled).alias("settled"),
                              _count_if(open_on_day & R.due_on.is_null(False) & (R.due_on < day)).alias("overdue"))
                     .where(R.deleted_at.is_null(), R.raised_on <= day, R.group.is_null(False)).group_by(R.group))
        put(_groups(Group.select(*keys, pw.fn.SUM(per_group.c.raised), pw.fn.SUM(per_group.c.settled),
                                 pw.fn.SUM(per_group.c.overdue))
                    .join(per_group, on=(per_group.c.gid == Group.id)).switch(Group), unit, join_group=False)
            .group_by(*keys).tuples(),
            "recommendations_raised", "recommendations_settled", "recommendations_overdue")

    if place is not None:
        person_key = Person.area if place is By.AREA else ResidentialArea.commune_code

        if totals is None:
            @job("households by place", 0.075)
            def _households_by_place() -> None:
                people = (Person.select(person_key, pw.Value(0), _count_if(Person.household_head.is_null()
                                                                             | (Person.household_head == Person.id)))
                          .join(ResidentialArea, on=(Person.area == ResidentialArea.id))
                          .where(Person.deleted_at.is_null(), ResidentialArea.deleted_at.is_null()))
                if unit is not None:
                    people = people.where(ResidentialArea.commune_code == unit)
                put(people.group_by(person_key).tuples(), "households", per=(place,))
        else:
            live_areas: dict[int, str] = {}

            @job("areas", 0.002)
            def _areas() -> None:
                query = ResidentialArea.select(ResidentialArea.id, ResidentialArea.commune_code).where(
                    ResidentialArea.deleted_at.is_null())
                if unit is not None:
                    query = query.where(ResidentialArea.commune_code == unit)
                live_areas.update(query.tuples())

            def households_from_totals() -> None:
                """People of live areas (of ``unit``), as the read above joins them."""
                assert totals.households_by_area is not None
                put(((area_id if place is By.AREA else live_areas[area_id], 0, heads)
                     for area_id, heads in totals.households_by_area.items() if area_id in live_areas),
                    "households", per=(place,))

        @job("household titles by place", 0.22)
        def _household_titles_by_place() -> None:
            titles = (HouseholdTitle.select(
                person_key, pw.Value(0), _count_if(HouseholdTitle.kind == HouseholdTitleKind.CULTURED_FAMILY.value),
                _count_if(HouseholdTitle.kind == HouseholdTitleKind.THREE_NO.value))
                .join(Person, on=(HouseholdTitle.head == Person.id))
                .join(ResidentialArea, on=(Person.area == ResidentialArea.id))
                .where(HouseholdTitle.deleted_at.is_null(), HouseholdTitle.year == year, Person.deleted_at.is_null(),
                       ResidentialArea.deleted_at.is_null()))
            if unit is not None:
                titles = titles.where(ResidentialArea.commune_code == unit)
            put(titles.group_by(person_key).tuples(), "cultured_households", "three_no_households", per=(place,))

    def finish() -> dict[By, list[BreakdownRow]]:
        if place is not None and totals is not None:
            households_from_totals()
        return {kind: [BreakdownRow(key=k, name=nfc(name), **values[kind].get(k, {}))
                       for k, name in _names(kind, unit)] for kind in kinds}

    return Plan(jobs, finish)


# -- registers -------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingLine:
    held_on: dt.date
    place: str
    chair: str
    topics: str
    members_present: int
    other_attendees: int
    minutes: str

    @property
    def attendance(self) -> int:
        return self.members_present + self.other_attendees


@dataclass(frozen=True)
class MeetingRegister:
    group_name: str
    area_name: str
    type_name: str
    leader: str
    year: int
    lines: list[MeetingLine]


def find_group(value: int | str) -> Group:
    """A live group by id or by its name (marks and case forgiven)."""
    from .text import fold

    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        group = Group.get_or_none((Group.id == int(value)) & Group.deleted_at.is_null())
        if group is not None:
            return group
    wanted = fold(str(value))
    matches = list(Group.select().where(Group.deleted_at.is_null(), Group.search_name == wanted).limit(2))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise ModelError(f"Có nhiều tổ tên {nfc(str(value))}: hãy ghi mã số của tổ.", field="group")
    raise ModelError(f"Không tìm thấy tổ {nfc(str(value))}.", field="group")


def meeting_register(group: int | str | Group, year: int) -> MeetingRegister:
    """A group's meetings of ``year``, oldest first, with their topics."""
    g = group if isinstance(group, Group) else find_group(group)
    area = ResidentialArea.get_by_id(g.area_id)
    type_name = GroupType.get_by_id(g.group_type_id).name
    leader = (Membership.select(Person.full_name).join(Person, on=(Membership.person == Person.id))
              .where(Membership.group == g.id, Membership.role.in_([Role.LEADER.value, Role.ACTING_LEADER.value]),
                     _serving(Membership, min(dt.date(year, 12, 31), dt.date.today())))
              .order_by(Membership.role == Role.ACTING_LEADER.value).scalar())
    chair = Person.alias()
    meetings = list(
        Meeting.select(Meeting.id, Meeting.held_on, Meeting.place, chair.full_name, Meeting.members_present,
                       Meeting.other_attendees, Meeting.minutes)
        .join(chair, pw.JOIN.LEFT_OUTER, on=(Meeting.chair == chair.id))
        .where(Meeting.group == g.id, Meeting.deleted_at.is_null(),
               Meeting.held_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        .order_by(Meeting.held_on, Meeting.id).tuples())
    topics: dict[int, list[str]] = {}
    if meetings:
        for mid, name in (MeetingTopicLink.select(MeetingTopicLink.meeting, MeetingTopic.name)
                          .join(MeetingTopic, on=(MeetingTopicLink.topic == MeetingTopic.id))
                          .where(MeetingTopicLink.meeting.in_([m[0] for m in meetings]))
                          .order_by(MeetingTopic.id).tuples()):
            topics.setdefault(mid, []).append(name)
    lines = [MeetingLine(held, nfc(place), nfc(chair_name), "; ".join(topics.get(mid, [])), present or 0,
                         others or 0, nfc(minutes))
             for mid, held, place, chair_name, present, others, minutes in meetings]
    return MeetingRegister(nfc(g.name), nfc(area.name), nfc(type_name), nfc(leader), year, lines)


@dataclass(frozen=True)
class AssignmentLine:
    name: str
    card_number: str
    party_cell: str
    group_name: str
    area_name: str
    start_date: dt.date | None
    leads_group: bool  # the member is the group's serving tổ trưởng


def party_assignments(on: dt.date | None = None, unit: str | None = None) -> list[AssignmentLine]:
    """Party members assigned to active groups on ``on``, area by area, group
    by group, members in Vietnamese name order."""
    day = on or dt.date.today()
    query = (PartyAssignment.select(Person.id, Person.full_name, PartyMember.card_number, PartyMember.party_cell,
                                    Group.id, Group.name, ResidentialArea.name, PartyAssignment.start_date)
             .join(PartyMember, on=(PartyAssignment.party_member == PartyMember.id))
             .join(Person, on=(PartyMember.person == Person.id))
             .switch(PartyAssignment))
    query = (_groups(query, unit)
             .where(_serving(PartyAssignment, day), PartyMember.deleted_at.is_null(), _active(day))
             .order_by(ResidentialArea.commune_code, ResidentialArea.name, Group.name, Person.sort_key).tuples())
    rows = list(query)
    leaders = set(Membership.select(Membership.group, Membership.person)
                  .where(_serving(Membership, day), Membership.role.in_([Role.LEADER.value, Role.ACTING_LEADER.value]),
                         Membership.group.in_(list({r[4] for r in rows}) or [0])).tuples()) if rows else set()
    return [AssignmentLine(nfc(name), card or "", nfc(cell), nfc(group), nfc(area), start, (gid, pid) in leaders)
            for pid, name, card, cell, gid, group, area, start in rows]


@dataclass(frozen=True)
class RecommendationLine:
    raised_on: dt.date
    group_name: str
    category: str
    content: str
    forwarded_to: str
    due_on: dt.date | None
    state: RecommendationState
    closed_on: dt.date | None
    overdue: bool


def recommendation_lines(year: int, today: dt.date | None = None, unit: str | None = None,
                         only_overdue: bool = False) -> list[RecommendationLine]:
    """Recommendations raised in ``year`` and those of earlier years still
    open, oldest first; overdue as on ``today`` (or 31/12 of a past year)."""
    day = min(dt.date(year, 12, 31), today or dt.date.today())
    R = Recommendation
    query = (R.select(R.raised_on, Group.name, RecommendationCategory.name, R.content, R.forwarded_to, R.due_on,
                      R.state, R.closed_on)
             .join(RecommendationCategory, on=(R.category == RecommendationCategory.id))
             .switch(R).join(Group, pw.JOIN.LEFT_OUTER, on=(R.group == Group.id))
             .where(R.deleted_at.is_null(), R.raised_on <= day,
                    R.raised_on.between(dt.date(year, 1, 1), day) | R.closed_on.is_null() | (R.closed_on > day))
             .order_by(R.raised_on, R.id))
    if unit is not None:
        query = query.join(ResidentialArea, pw.JOIN.LEFT_OUTER, on=(Group.area == ResidentialArea.id)).where(
            (ResidentialArea.commune_code == unit) | (R.group.is_null() & (R.owner_unit == unit)))
    lines = []
    for raised, group, category, content, forwarded, due, state, closed in query.tuples():
        state = RecommendationState(state)
        open_then = closed is None or closed > day
        late = due is not None and due < day and open_then
        if only_overdue and not late:
            continue
        shown_state = state if not open_then or not state.is_closed else RecommendationState.IN_PROGRESS
        lines.append(RecommendationLine(raised, nfc(group), nfc(category), nfc(content), nfc(forwarded), due,
                                        shown_state, closed if not open_then else None, late))
    return lines


@dataclass(frozen=True)
class CommentSubject:
    """One party member living here, for the yearly comment form."""

    name: str
    gender: str  # "male" / "female" / ""
    birth: str
    card_number: str
    admitted_on: dt.date | None
    official_on: dt.date | None
    party_cell: str
    workplace_org: str
    address: str
    area_name: str
    front_head_name: str
    cell_comment: str
    front_comment: str


def comment_subjects(year: int, unit: str | None = None) -> list[CommentSubject]:
    """Live party members who live here (``lives_here``) and are not excused,
    in Vietnamese name order, with this year's comments where written."""
    from .text import format_birth

    query = (PartyMember.select(PartyMember.id, Person.full_name, Person.gender, Person.birth_year,
                                Person.birth_date, PartyMember.card_number, PartyMember.admitted_on,
                                PartyMember.official_on, PartyMember.party_cell, PartyMember.workplace_org,
                                Person.address, ResidentialArea.name, ResidentialArea.front_head_name)
             .join(Person, on=(PartyMember.person == Person.id))
             .join(ResidentialArea, pw.JOIN.LEFT_OUTER, on=(Person.area == ResidentialArea.id))
             .where(PartyMember.deleted_at.is_null(), Person.deleted_at.is_null(),
                    PartyMember.lives_here == True, PartyMember.excused == False)
             .order_by(Person.sort_key, PartyMember.id))
    if unit is not None:
        query = query.where(ResidentialArea.commune_code == unit)
    rows = list(query.tuples())
    comments: dict[int, tuple[str, str]] = {}
    ids = [r[0] for r in rows]
    for start in range(0, len(ids), 500):
        for pm, cell, front in (PartyComment.select(PartyComment.party_member, PartyComment.cell_comment,
                                                    PartyComment.front_comment)
                                .where(PartyComment.deleted_at.is_null(), PartyComment.year == year,
                                       PartyComment.party_member.in_(ids[start:start + 500]))
                                .order_by(PartyComment.id).tuples()):
            comments[pm] = (cell, front)
    result = []
    for pm, name, gender, byear, bdate, card, admitted, official, cell, org, address, area, head in rows:
        cell_comment, front_comment = comments.get(pm, ("", ""))
        result.append(CommentSubject(
            nfc(name), gender.value if isinstance(gender, enum.Enum) else (gender or ""), format_birth(byear, bdate),
            card or "", admitted, official, nfc(cell), nfc(org), nfc(address), nfc(area), nfc(head),
            nfc(cell_comment), nfc(front_comment)))
    return result


def commune_choices() -> list[tuple[str, str]]:
    """(code, name) of the communes whose areas this database holds (a
    province office picks one for a commune's report)."""
    return [(code, name) for code, name in _names(By.COMMUNE, None)]
