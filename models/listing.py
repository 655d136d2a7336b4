"""The lists the screens show: counts and pages of display-ready rows.

No Qt here, and no labels: a row is a plain tuple of str/int/date/bool/Enum
values in the order of the screen's columns; the UI turns enums and flags into
Vietnamese words. Every list holds live (non-tombstoned) rows only, is paged
with LIMIT/OFFSET, and joins other tables only for the rows of the page.

Search ignores case and marks: the query is folded with ``text.fold`` and each
of its words must start a word of the folded name ("yen" finds "Nguyễn Thị
Hải Yến", "dang" finds "Đặng").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import peewee as pw

from .areas import ResidentialArea
from .base import database
from .catalogues import CommendationForm, GroupType, RecommendationCategory
from .commendations import Decision, Recipient
from .enums import Level, RecommendationState, Role
from .groups import Group, Membership
from .meetings import Meeting
from .party import PartyAssignment, PartyMember
from . import name_search
from .name_search import COUNT_CAP, plan
from .people import Person
from .privacy import mask_id_number, mask_phone, should_mask
from .recommendations import Recommendation
from .text import fold, format_birth
from .units import AdminUnit

Row = tuple[Any, ...]

CLOSED_STATES = [s.value for s in RecommendationState if s.is_closed]
LEADER_ROLES = (Role.LEADER.value, Role.ACTING_LEADER.value)


def search_words(search: str) -> list[str]:
    """The folded words of a query; anything but letters and digits separates."""
    return re.findall(r"[a-z0-9]+", fold(search))


def word_prefix_match(field: pw.Field, search: str) -> pw.Expression | None:
    """Every word of the query starts a word of ``field`` (a folded column)."""
    condition = None
    spaced = pw.Value(" ").concat(field)
    for word in search_words(search):
        # Words hold [a-z0-9] only, so there is nothing to escape in the pattern.
        term = spaced ** f"% {word}%"  # ILIKE: LIKE on SQLite (peewee maps LIKE to GLOB)
        condition = term if condition is None else condition & term
    return condition


def _where(query: pw.ModelSelect, *conditions: pw.Expression | None) -> pw.ModelSelect:
    for condition in conditions:
        if condition is not None:
            query = query.where(condition)
    return query


def _reject_unknown(filters: dict[str, Any], known: Iterable[str]) -> None:
    unknown = set(filters) - set(known)
    if unknown:
        raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")


def name_order(searching: bool) -> pw.Node:
    """Vietnamese name order. While searching, sort the matches rather than
    walk the whole sort_key index testing each row: a rare word would
    otherwise cost a second on 600,000 people instead of a scan of ~0.1 s."""
    return Person.sort_key.concat("") if searching else Person.sort_key


def offset_pages(listing: Any, page: int, search: str = "", **filters: Any) -> Iterator[list[Row]]:
    """Every page of anything with ``fetch(offset, limit, search, **filters)``."""
    offset = 0
    while True:
        rows = listing.fetch(offset, page, search, **filters)
        if rows:
            yield rows
        if len(rows) < page:
            return
        offset += len(rows)


class Listing:
    """One screen's list. Subclasses give ``_base`` (ids of the matching rows,
    with the fewest joins) and ``_page`` (display rows for one page)."""

    filters: tuple[str, ...] = ()

    def count(self, search: str = "", **filters: Any) -> int:
        _reject_unknown(filters, self.filters)
        return self._base(search, **filters).count()

    def fetch(self, offset: int, limit: int, search: str = "", **filters: Any) -> list[Row]:
        _reject_unknown(filters, self.filters)
        return self._page(self._base(search, **filters), offset, limit, searching=bool(search_words(search)))

    def walk(self, page: int, search: str = "", **filters: Any) -> Iterator[list[Row]]:
        """Every page of the list in order (an export)."""
        return offset_pages(self, page, search, **filters)

    def _base(self, search: str, **filters: Any) -> pw.ModelSelect:
        raise NotImplementedError

    def _page(self, base: pw.ModelSelect, offset: int, limit: int, searching: bool = False) -> list[Row]:
        raise NotImplementedError


def _person_filters(area_id: int | None = None, group_id: int | None = None,
                    role: Role | None = None, unit: str | None = None) -> list[pw.Expression | None]:
    """Filters of the people lists: of a commune (at a province office),
    living in an area, serving in a group today, serving in a role today (in
    any group, or in the one chosen)."""
    serving = None
    if group_id is not None or role is not None:
        inner = Membership.select(pw.SQL("1")).where(
            (Membership.person == Person.id) & _serving(dt.date.today()))
        if group_id is not None:
            inner = inner.where(Membership.group == group_id)
        if role is not None:
            inner = inner.where(Membership.role == Role(role))
        serving = pw.fn.EXISTS(inner)
    return [None if area_id is None else Person.area == area_id, serving,
            None if unit is None else Person.owner_unit == unit]


class PersonListing(Listing):
    """Người dân: full name, gender, birth, CCCD, phone, area, address (and
    the person's id, not shown). CCCD and phone are masked for viewers.

    Search goes through the word index (``name_search``): a large result is
    counted up to ``count_cap`` only; ``count`` then returns count_cap + 1
    and ``last_count_capped`` says so. The whole list, unsearched and
    unfiltered (or filtered by commune or area only), is counted exactly
    (one pass of an index, ~20 ms for 600,000 people): a province clerk
    wants to read "600.000 người"."""

    filters = ("area_id", "group_id", "role", "unit")
    count_cap = COUNT_CAP
    last_count_capped = False

    def _base(self, search: str, **filters: Any) -> pw.ModelSelect:
        match = plan(search)
        query = Person.select(Person.id).where(Person.deleted_at.is_null())
        return _where(query, match.condition(Person.id), *_person_filters(**filters))

    def count(self, search: str = "", **filters: Any) -> int:
        _reject_unknown(filters, self.filters)
        used = {k for k, v in filters.items() if v is not None}
        if not search_words(search) and used <= {"unit", "area_id"}:
            self.last_count_capped = False
            return _where(Person.live(), *_person_filters(**filters)).count()
        found = name_search.count(plan(search), _conditions(_person_filters(**filters)), COUNT_CAP)
        self.last_count_capped = found > COUNT_CAP
        return found

    def fetch(self, offset: int, limit: int, search: str = "", **filters: Any) -> list[Row]:
        _reject_unknown(filters, self.filters)
        ids = name_search.page_ids(plan(search), offset, limit, _conditions(_person_filters(**filters)))
        return self._rows(ids)

    def walk(self, page: int, search: str = "", **filters: Any) -> Iterator[list[Row]]:
        """Every page of the list in order, for an export. Without a search
        each page starts after the last name's key: an OFFSET would walk
        past every row before it again (600,000 people at a province)."""
        _reject_unknown(filters, self.filters)
        if search_words(search):
            yield from super().walk(page, search, **filters)
            return
        conditions = _conditions(_person_filters(**filters))
        after: tuple[str, int] | None = None
        while True:
            query = Person.select(Person.sort_key, Person.id).where(Person.deleted_at.is_null(), *conditions)
            if after is not None:
                # Written out rather than as a row value, so that SQLite seeks in the sort_key index.
                query = query.where((Person.sort_key > after[0])
                                    | ((Person.sort_key == after[0]) & (Person.id > after[1])))
            keys = list(query.order_by(Person.sort_key, Person.id).limit(page).tuples())
            if keys:
                yield self._rows([pid for _, pid in keys])
            if len(keys) < page:
                return
            after = keys[-1]

    def _rows(self, ids: list[int]) -> list[Row]:
        if not ids:
            return []
        query = (
            Person.select(Person.id, Person.full_name, Person.gender, Person.birth_year, Person.birth_date,
                          Person.id_number, Person.phone, ResidentialArea.name, Person.address)
            .join(ResidentialArea, pw.JOIN.LEFT_OUTER, on=(Person.area == ResidentialArea.id))
            .where(Person.id.in_(ids))
            .tuples()
        )
        found = {row[0]: row for row in query}
        mask = should_mask()
        rows = []
        for pid in ids:
            _, name, gender, year, born, id_number, phone, area, address = found[pid]
            rows.append((name, gender, format_birth(year, born),
                         mask_id_number(id_number) if mask else id_number or "",
                         mask_phone(phone) if mask else phone, area or "", address, pid))
        return rows


def _conditions(conditions: list[pw.Expression | None]) -> list[pw.Expression]:
    return [c for c in conditions if c is not None]


class GroupListing(Listing):
    """Khu dân cư & Tổ: name, area, type, tổ trưởng, current members,
    founded, active, whether the tổ trưởng is a party member, the party
    members looking after it (and the group's id, not shown). Ordered area
    by area, then by group type, then in the order they were entered."""

    filters = ("area_id", "active", "group_type_id", "unit")

    def _base(self, search: str, area_id: int | None = None, active: bool | None = None,
              group_type_id: int | None = None, unit: str | None = None) -> pw.ModelSelect:
        query = Group.select(Group.id).where(Group.deleted_at.is_null())
        status = None
        if active is not None:
            status = Group.dissolved_on.is_null() if active else Group.dissolved_on.is_null(False)
        return _where(
            query,
            word_prefix_match(Group.search_name, search),
            None if area_id is None else Group.area == area_id,
            None if group_type_id is None else Group.group_type == group_type_id,
            status,
            None if unit is None else Group.owner_unit == unit,
        )

    def _page(self, base: pw.ModelSelect, offset: int, limit: int, searching: bool = False) -> list[Row]:
        rows = list(
            base.select(
                Group.id, Group.name, ResidentialArea.name, GroupType.name, Group.founded_on, Group.dissolved_on,
            )
            .join(ResidentialArea, on=(Group.area == ResidentialArea.id))
            .switch(Group)
            .join(GroupType, on=(Group.group_type == GroupType.id))
            .order_by(Group.area, GroupType.sort_order, Group.id)
            .offset(offset)
            .limit(limit)
            .tuples()
        )
        ids = [row[0] for row in rows]
        leaders = current_leaders(ids)
        members = current_member_counts(ids)
        party_leaders = leaders_in_party(ids)
        carers = party_carers(ids)
        return [
            (name, area, kind, leaders.get(gid, ""), members.get(gid, 0), founded, dissolved is None,
             gid in party_leaders, ", ".join(carers.get(gid, [])), gid)
            for gid, name, area, kind, founded, dissolved in rows
        ]


def leaders_in_party(group_ids: list[int], on: dt.date | None = None) -> set[int]:
    """Groups whose serving tổ trưởng (or acting one) is a party member."""
    if not group_ids:
        return set()
    on = on or dt.date.today()
    query = (
        Membership.select(Membership.group)
        .join(PartyMember, on=((PartyMember.person == Membership.person) & PartyMember.deleted_at.is_null()))
        .where(Membership.group.in_(group_ids), Membership.role.in_(LEADER_ROLES), _serving(on))
        .tuples()
    )
    return {gid for (gid,) in query}


def party_carers(group_ids: list[int], on: dt.date | None = None) -> dict[int, list[str]]:
    """Names of the party members looking after each group today."""
    if not group_ids:
        return {}
    on = on or dt.date.today()
    query = (
        PartyAssignment.select(PartyAssignment.group, Person.full_name)
        .join(PartyMember).join(Person)
        .where(PartyAssignment.group.in_(group_ids), PartyAssignment.deleted_at.is_null(),
               PartyMember.deleted_at.is_null(),
               PartyAssignment.start_date.is_null() | (PartyAssignment.start_date <= on),
               PartyAssignment.end_date.is_null() | (PartyAssignment.end_date >= on))
        .order_by(Person.sort_key)
        .tuples()
    )
    found: dict[int, list[str]] = {}
    for gid, name in query:
        found.setdefault(gid, []).append(name)
    return found


def _serving(on: dt.date) -> pw.Expression:
    return (
        Membership.deleted_at.is_null()
        & (Membership.start_date.is_null() | (Membership.start_date <= on))
        & (Membership.end_date.is_null() | (Membership.end_date >= on))
    )


def current_leaders(group_ids: list[int], on: dt.date | None = None) -> dict[int, str]:
    """Name of the serving tổ trưởng of each group, else of its acting leader."""
    if not group_ids:
        return {}
    on = on or dt.date.today()
    query = (
        Membership.select(Membership.group, Membership.role, Person.full_name)
        .join(Person)
        .where(Membership.group.in_(group_ids), Membership.role.in_(LEADER_ROLES), _serving(on))
        .tuples()
    )
    found: dict[int, tuple[int, str]] = {}
    for gid, role, name in query:
        rank = 0 if role is Role.LEADER else 1
        if gid not in found or rank < found[gid][0]:
            found[gid] = (rank, name)
    return {gid: name for gid, (_, name) in found.items()}


def current_member_counts(group_ids: list[int], on: dt.date | None = None) -> dict[int, int]:
    """How many people serve in each group today, whatever their role."""
    if not group_ids:
        return {}
    on = on or dt.date.today()
    query = (
        Membership.select(Membership.group, pw.fn.COUNT(Membership.person.distinct()))
        .where(Membership.group.in_(group_ids), _serving(on))
        .group_by(Membership.group)
        .tuples()
    )
    return dict(query)


class PartyMemberListing(Listing):
    """Đảng viên: name, card, admitted, official, party cell, workplace
    organisation, lives here, excused (and the party member's id, not
    shown); in Vietnamese name order. Search goes through the word index."""

    filters = ("lives_here", "area_id", "group_id", "unit")

    def _base(self, search: str, lives_here: bool | None = None, area_id: int | None = None,
              group_id: int | None = None, unit: str | None = None) -> pw.ModelSelect:
        query = (
            PartyMember.select(PartyMember.id)
            .join(Person, on=(PartyMember.person == Person.id))
            .where(PartyMember.deleted_at.is_null())
        )
        caring = None
        if group_id is not None:
            caring = PartyMember.id.in_(PartyAssignment.select(PartyAssignment.party_member).where(
                PartyAssignment.group == group_id, PartyAssignment.deleted_at.is_null(),
                PartyAssignment.end_date.is_null() | (PartyAssignment.end_date >= dt.date.today())))
        return _where(
            query,
            plan(search).condition(Person.id),
            None if lives_here is None else PartyMember.lives_here == lives_here,
            None if area_id is None else Person.area == area_id,
            caring,
            None if unit is None else PartyMember.owner_unit == unit,
        )

    def count(self, search: str = "", **filters: Any) -> int:
        _reject_unknown(filters, self.filters)
        if self._whole_list(search, **filters):
            # Every party member has a person: no need to join them to count.
            return _where(PartyMember.select(PartyMember.id).where(PartyMember.deleted_at.is_null()),
                          self._lives_here(filters.get("lives_here"))).count()
        return self._base(search, **filters).count()

    def fetch(self, offset: int, limit: int, search: str = "", **filters: Any) -> list[Row]:
        _reject_unknown(filters, self.filters)
        if self._whole_list(search, **filters):
            # Walk people in name order (the sort_key index) and pick the
            # party members among them, one in five: the page is found
            # without sorting 120,000 rows. CROSS JOIN keeps that order of
            # the loops on SQLite and is a plain join elsewhere.
            query = _where(
                Person.select(*self._columns())
                .join(PartyMember, pw.JOIN.CROSS)
                .where(PartyMember.person == Person.id, PartyMember.deleted_at.is_null()),
                self._lives_here(filters.get("lives_here")),
            ).order_by(Person.sort_key, PartyMember.id).offset(offset).limit(limit).tuples()
            return [tuple(row) for row in query]
        return super().fetch(offset, limit, search, **filters)

    @staticmethod
    def _whole_list(search: str, lives_here: bool | None = None, area_id: int | None = None,
                    group_id: int | None = None, unit: str | None = None) -> bool:
        """No search and no filter that keeps only a few: most people walked are listed."""
        return not search_words(search) and area_id is None and group_id is None and unit is None

    @staticmethod
    def _lives_here(lives_here: bool | None) -> pw.Expression | None:
        return None if lives_here is None else PartyMember.lives_here == lives_here

    @staticmethod
    def _columns() -> list[pw.Node]:
        return [Person.full_name, PartyMember.card_number, PartyMember.admitted_on, PartyMember.official_on,
                PartyMember.party_cell, PartyMember.workplace_org, PartyMember.lives_here, PartyMember.excused,
                PartyMember.id]

    def _page(self, base: pw.ModelSelect, offset: int, limit: int, searching: bool = False) -> list[Row]:
        query = (
            base.select(*self._columns())
            .order_by(Person.sort_key, PartyMember.id)
            .offset(offset)
            .limit(limit)
            .tuples()
        )
        return [tuple(row) for row in query]


class MeetingListing(Listing):
    """Sinh hoạt, newest first: date, group, place, chair, members present,
    other attendees, lượt người dự. Search matches the group's name."""

    filters = ("group_id", "year")
    id_last = False  # the meeting's id after the screen's columns (the register screen opens it)

    def _base(self, search: str, group_id: int | None = None, year: int | None = None) -> pw.ModelSelect:
        query = Meeting.select(Meeting.id).where(Meeting.deleted_at.is_null())
        group_match = word_prefix_match(Group.search_name, search)
        if group_match is not None:
            query = query.join(Group, on=(Meeting.group == Group.id))
        return _where(
            query,
            group_match,
            None if group_id is None else Meeting.group == group_id,
            None if year is None else Meeting.held_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)),
        )

    def _page(self, base: pw.ModelSelect, offset: int, limit: int, searching: bool = False) -> list[Row]:
        page = base.order_by(Meeting.held_on.desc(), Meeting.id.desc()).offset(offset).limit(limit)
        ids = [mid for (mid,) in page.tuples()]
        if not ids:
            return []
        chair = Person.alias()
        query = (
            Meeting.select(
                Meeting.held_on, Group.name, Meeting.place, chair.full_name,
                Meeting.members_present, Meeting.other_attendees, Meeting.id,
            )
            .join(Group, on=(Meeting.group == Group.id))
            .switch(Meeting)
            .join(chair, pw.JOIN.LEFT_OUTER, on=(Meeting.chair == chair.id))
            .where(Meeting.id.in_(ids))
            .order_by(Meeting.held_on.desc(), Meeting.id.desc())
            .tuples()
        )
        return [
            (held, group, place, chair_name or "", present, others, present + others) + ((mid,) if self.id_last else ())
            for held, group, place, chair_name, present, others, mid in query
        ]


def _overdue(today: dt.date) -> pw.Expression:
    return (
        Recommendation.due_on.is_null(False)
        & (Recommendation.due_on < today)
        & Recommendation.state.not_in(CLOSED_STATES)
    )


class RecommendationListing(Listing):
    """Kiến nghị, newest first: raised, group, category, content, forwarded
    to, due, state, overdue, and the id last (for the screens that open a
    recommendation; lists print only their columns). Search matches the
    group's name."""

    filters = ("state", "overdue", "year", "group_id")

    def __init__(self, today: dt.date | None = None):
        self._today = today

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def _base(
        self,
        search: str,
        state: RecommendationState | None = None,
        overdue: bool | None = None,
        year: int | None = None,
        group_id: int | None = None,
    ) -> pw.ModelSelect:
        query = Recommendation.select(Recommendation.id).where(Recommendation.deleted_at.is_null())
        group_match = word_prefix_match(Group.search_name, search)
        if group_match is not None:
            query = query.join(Group, on=(Recommendation.group == Group.id))
        late = None
        if overdue is not None:
            late = _overdue(self.today) if overdue else ~_overdue(self.today)
        return _where(
            query,
            group_match,
            None if state is None else Recommendation.state == state,
            late,
            None if year is None else Recommendation.raised_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)),
            None if group_id is None else Recommendation.group == group_id,
        )

    def _page(self, base: pw.ModelSelect, offset: int, limit: int, searching: bool = False) -> list[Row]:
        page = base.order_by(Recommendation.raised_on.desc(), Recommendation.id.desc()).offset(offset).limit(limit)
        ids = [rid for (rid,) in page.tuples()]
        if not ids:
            return []
        query = (
            Recommendation.select(
                Recommendation.raised_on, Group.name, RecommendationCategory.name, Recommendation.content,
                Recommendation.forwarded_to, Recommendation.due_on, Recommendation.state, Recommendation.id,
            )
            .join(Group, pw.JOIN.LEFT_OUTER, on=(Recommendation.group == Group.id))
            .switch(Recommendation)
            .join(RecommendationCategory, on=(Recommendation.category == RecommendationCategory.id))
            .where(Recommendation.id.in_(ids))
            .order_by(Recommendation.raised_on.desc(), Recommendation.id.desc())
            .tuples()
        )
        today = self.today
        return [
            (raised, group or "", category, content, forwarded, due, state,
             due is not None and due < today and not state.is_closed, rid)
            for raised, group, category, content, forwarded, due, state, rid in query
        ]


class DecisionListing(Listing):
    """Khen thưởng, newest first: number, date, form, signer, recipients.
    Search matches the start of the number or of a word of the signer."""

    def _base(self, search: str) -> pw.ModelSelect:
        query = Decision.select(Decision.id).where(Decision.deleted_at.is_null())
        text = search.strip()
        if not text:
            return query
        # Few decisions: a plain LIKE on the stored text is enough here.
        pattern = text.replace("%", "").replace("_", "")
        return query.where((Decision.number ** f"{pattern}%") | (pw.Value(" ").concat(Decision.signer_name) ** f"% {pattern}%"))

    def _page(self, base: pw.ModelSelect, offset: int, limit: int, searching: bool = False) -> list[Row]:
        page = base.order_by(Decision.signed_on.desc(), Decision.id.desc()).offset(offset).limit(limit)
        ids = [did for (did,) in page.tuples()]
        if not ids:
            return []
        recipients = dict(
            Recipient.select(Recipient.decision, pw.fn.COUNT(Recipient.id))
            .where(Recipient.decision.in_(ids), Recipient.deleted_at.is_null())
            .group_by(Recipient.decision)
            .tuples()
        )
        query = (
            Decision.select(Decision.id, Decision.number, Decision.signed_on, CommendationForm.name, Decision.signer_name)
            .join(CommendationForm, on=(Decision.form == CommendationForm.id))
            .where(Decision.id.in_(ids))
            .order_by(Decision.signed_on.desc(), Decision.id.desc())
            .tuples()
        )
        return [(number, signed, form, signer, recipients.get(did, 0)) for did, number, signed, form, signer in query]


class AdminUnitListing(Listing):
    """Trao đổi dữ liệu: the units whose data this database holds (code,
    name, level, province code)."""

    def _base(self, search: str) -> pw.ModelSelect:
        query = AdminUnit.select(AdminUnit.code)
        words = search_words(search)
        if not words:
            return query
        # A few hundred rows at most: fold in Python, keep the matching codes.
        codes = [
            code for code, name in AdminUnit.select(AdminUnit.code, AdminUnit.name).tuples()
            if all(f" {w}" in f" {fold(name)}" or code.startswith(w) for w in words)
        ]
        return query.where(AdminUnit.code.in_(codes))

    def _page(self, base: pw.ModelSelect, offset: int, limit: int, searching: bool = False) -> list[Row]:
        query = (
            base.select(AdminUnit.code, AdminUnit.name, AdminUnit.level, AdminUnit.province_code)
            .order_by(AdminUnit.code)
            .offset(offset)
            .limit(limit)
            .tuples()
        )
        return [(code, name, Level(level), province) for code, name, level, province in query]


@dataclass(frozen=True)
class Dashboard:
    year: int
    active_groups: int
    people: int
    party_members: int
    meetings: int
    attendance: int  # lượt người dự: members present plus other attendees
    open_recommendations: int
    overdue_recommendations: int


def dashboard(year: int | None = None, today: dt.date | None = None) -> Dashboard:
    """Headline figures of the Tổng quan page."""
    today = today or dt.date.today()
    year = year or today.year
    in_year = Meeting.held_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
    meetings, attendance = (
        Meeting.select(pw.fn.COUNT(Meeting.id), pw.fn.SUM(Meeting.members_present + Meeting.other_attendees))
        .where(Meeting.deleted_at.is_null(), in_year)
        .tuples()
        .get()
    )
    live_recs = Recommendation.select().where(Recommendation.deleted_at.is_null())
    return Dashboard(
        year=year,
        active_groups=Group.select().where(Group.deleted_at.is_null(), Group.dissolved_on.is_null()).count(),
        people=Person.select().where(Person.deleted_at.is_null()).count(),
        party_members=PartyMember.select().where(PartyMember.deleted_at.is_null()).count(),
        meetings=meetings or 0,
        attendance=attendance or 0,
        open_recommendations=live_recs.where(Recommendation.state.not_in(CLOSED_STATES)).count(),
        overdue_recommendations=live_recs.where(_overdue(today)).count(),
    )


@dataclass(frozen=True)
class SettingsInfo:
    unit_code: str
    unit_name: str
    level: Level | None
    database_path: str
    schema_version: int


def settings_info() -> SettingsInfo:
    """What the Cài đặt page shows (read-only for now)."""
    from . import db

    unit = db.home_unit()
    return SettingsInfo(
        unit_code=unit.code if unit else "",
        unit_name=unit.full_name if unit else "",
        level=db.home_level(),
        database_path=str(getattr(database.obj, "database", "") or ""),
        schema_version=db.schema_version(),
    )
