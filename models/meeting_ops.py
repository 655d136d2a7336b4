"""Meeting operations: save a meeting with its topics and ticked attendance,
copy the last one, the roster a clerk ticks, absentees, and who missed
several meetings in a row.

Plain functions, no Qt; bad input raises ``ModelError`` with a message for
the clerk. ``Meeting.members_present`` is kept equal to the number of ticks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from .base import ModelError, database
from .catalogues import GroupType, MeetingTopic
from .enums import Role
from .groups import Group, Membership
from .meetings import Attendance, Meeting, MeetingTopicLink
from .party import PartyAssignment, PartyMember
from .people import Person
from .text import format_date, nfc

ROLE_ORDER = [Role.LEADER, Role.ACTING_LEADER, Role.DEPUTY, Role.SECRETARY, Role.MEMBER]
LINKED_TYPE = "to_dan_phong_lien_ket"


@dataclass(frozen=True)
class RosterEntry:
    """A person the clerk can tick present at a meeting of a group."""

    person_id: int
    name: str
    role: Role | None  # None: a party member assigned to the group, not a member
    is_party_member: bool


@dataclass
class MeetingDraft:
    """What the meeting form holds; ``meeting_id`` is None for a new one."""

    group_id: int
    held_on: dt.date
    place: str = ""
    chair_id: int | None = None
    topic_ids: list[int] = field(default_factory=list)
    present_ids: list[int] = field(default_factory=list)
    other_attendees: int = 0
    minutes: str = ""
    meeting_id: int | None = None


@dataclass(frozen=True)
class TopicChoice:
    topic_id: int
    name: str
    fixed: bool  # one of the fixed topics of this group's type


@dataclass(frozen=True)
class Absentee:
    person_id: int
    name: str
    group_id: int
    group_name: str
    missed: int  # meetings missed in a row, up to the last one considered
    last_missed: dt.date


def _group(group: Any) -> Group:
    gid = group.id if isinstance(group, Group) else group
    row = Group.get_or_none(Group.id == gid) if isinstance(gid, int) else None
    if row is None or row.deleted_at is not None:
        raise ModelError("Chưa chọn tổ, hoặc tổ đã bị xóa.", field="group")
    return row


def _serving(on: dt.date) -> pw.Expression:
    return (
        Membership.deleted_at.is_null()
        & (Membership.start_date.is_null() | (Membership.start_date <= on))
        & (Membership.end_date.is_null() | (Membership.end_date >= on))
    )


def _live_party_ids(person_ids: Iterable[int]) -> set[int]:
    ids = list(set(person_ids))
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        found.update(pid for (pid,) in PartyMember.select(PartyMember.person)
                     .where(PartyMember.person.in_(chunk), PartyMember.deleted_at.is_null()).tuples())
    return found


def roster(group: Any, on: dt.date) -> list[RosterEntry]:
    """Members serving in the group on ``on`` (leaders first), then the party
    members assigned to look after it who are not members themselves."""
    g = _group(group)
    members = (Membership.select(Membership.person, Membership.role, Person.full_name, Person.sort_key)
               .join(Person)
               .where(Membership.group == g.id, _serving(on), Person.deleted_at.is_null())
               .tuples())
    best: dict[int, tuple[int, Role, str, str]] = {}
    for pid, role, name, key in members:
        rank = ROLE_ORDER.index(role)
        if pid not in best or rank < best[pid][0]:
            best[pid] = (rank, role, name, key)
    assigned = (PartyAssignment.select(PartyMember.person, Person.full_name, Person.sort_key)
                .join(PartyMember).join(Person)
                .where(PartyAssignment.group == g.id, PartyAssignment.deleted_at.is_null(),
                       PartyMember.deleted_at.is_null(), Person.deleted_at.is_null(),
                       PartyAssignment.start_date.is_null() | (PartyAssignment.start_date <= on),
                       PartyAssignment.end_date.is_null() | (PartyAssignment.end_date >= on))
                .tuples())
    extra = {pid: (name, key) for pid, name, key in assigned if pid not in best}
    party = _live_party_ids([*best, *extra])
    entries = [RosterEntry(pid, name, role, pid in party)
               for pid, (rank, role, name, key) in sorted(best.items(), key=lambda kv: (kv[1][0], kv[1][3]))]
    entries += [RosterEntry(pid, name, None, True) for pid, (name, key) in sorted(extra.items(), key=lambda kv: kv[1][1])]
    return entries


def topic_choices(group: Any) -> list[TopicChoice]:
    """The topics a meeting of this group can have: the fixed ones of its type
    first (the four of a "tổ dân phòng liên kết"), then the general ones."""
    g = _group(group)
    rows = (MeetingTopic.live()
            .where(MeetingTopic.group_type.is_null() | (MeetingTopic.group_type == g.group_type_id))
            .order_by(MeetingTopic.group_type.is_null(), MeetingTopic.id))
    return [TopicChoice(t.id, t.name, t.group_type_id is not None) for t in rows]


def new_draft(group: Any, held_on: dt.date | None = None) -> MeetingDraft:
    """An empty meeting of a group; the fixed topics of its type are ticked."""
    g = _group(group)
    fixed = [t.topic_id for t in topic_choices(g) if t.fixed]
    return MeetingDraft(group_id=g.id, held_on=held_on or dt.date.today(), topic_ids=fixed)


def load_draft(meeting: Any) -> MeetingDraft:
    mid = meeting.id if isinstance(meeting, Meeting) else meeting
    m = Meeting.get_or_none(Meeting.id == mid)
    if m is None or m.deleted_at is not None:
        raise ModelError("Không tìm thấy buổi sinh hoạt (có thể đã bị xóa).")
    topics = [t for (t,) in MeetingTopicLink.select(MeetingTopicLink.topic).where(MeetingTopicLink.meeting == m.id).tuples()]
    present = [p for (p,) in Attendance.select(Attendance.person).where(Attendance.meeting == m.id).tuples()]
    return MeetingDraft(group_id=m.group_id, held_on=m.held_on, place=m.place, chair_id=m.chair_id,
                        topic_ids=sorted(topics), present_ids=sorted(present), other_attendees=m.other_attendees,
                        minutes=m.minutes, meeting_id=m.id)


def copy_last_meeting(group: Any, held_on: dt.date | None = None) -> MeetingDraft:
    """A new meeting pre-filled from the group's latest one: place, chair,
    topics and the people ticked (those still on the roster), other
    attendees; not the date nor the minutes. Without an earlier meeting,
    an empty one."""
    g = _group(group)
    held_on = held_on or dt.date.today()
    last = (Meeting.live().where(Meeting.group == g.id, Meeting.held_on <= held_on)
            .order_by(Meeting.held_on.desc(), Meeting.id.desc()).first())
    if last is None:
        return new_draft(g, held_on)
    prev = load_draft(last)
    on_roster = {e.person_id for e in roster(g, held_on)}
    return MeetingDraft(group_id=g.id, held_on=held_on, place=prev.place,
                        chair_id=prev.chair_id if prev.chair_id in on_roster else None,
                        topic_ids=prev.topic_ids, present_ids=[p for p in prev.present_ids if p in on_roster],
                        other_attendees=prev.other_attendees)


def save_meeting(*, group: Any, held_on: dt.date, place: str = "", chair: int | None = None,
                 topics: Iterable[int] = (), present: Iterable[int] = (), other_attendees: int = 0,
                 minutes: str = "", meeting: int | None = None, today: dt.date | None = None) -> Meeting:
    """Create (or, with ``meeting``, edit) a meeting with its topics and the
    people ticked present, in one transaction; ``members_present`` follows
    the ticks."""
    today = today or dt.date.today()
    g = _group(group)
    if not isinstance(held_on, dt.date):
        raise ModelError("Chưa nhập ngày sinh hoạt.", field="held_on")
    if held_on > today:
        raise ModelError(f"Ngày sinh hoạt {format_date(held_on)} chưa tới; chỉ ghi buổi đã họp.", field="held_on")
    if g.founded_on and held_on < g.founded_on:
        raise ModelError(f"{g.name} thành lập ngày {format_date(g.founded_on)}, sau ngày sinh hoạt.", field="held_on")
    if g.dissolved_on and held_on > g.dissolved_on:
        raise ModelError(f"{g.name} đã giải thể ngày {format_date(g.dissolved_on)}.", field="held_on")
    try:
        others = int(other_attendees or 0)
    except (TypeError, ValueError):
        raise ModelError("Số người dân khác dự phải là một số.", field="other_attendees") from None
    if others < 0:
        raise ModelError("Số người dân khác dự không được âm.", field="other_attendees")
    topic_ids = sorted(set(topics))
    allowed_topics = {t.topic_id for t in topic_choices(g)}
    if not topic_ids:
        raise ModelError("Chưa chọn nội dung sinh hoạt nào.", field="topics")
    if set(topic_ids) - allowed_topics:
        raise ModelError("Có nội dung sinh hoạt không dùng được cho loại tổ này.", field="topics")
    present_ids = sorted(set(present))
    allowed = {e.person_id for e in roster(g, held_on)}
    stray = set(present_ids) - allowed
    if stray:
        names = ", ".join(n for (n,) in Person.select(Person.full_name).where(Person.id.in_(sorted(stray))).tuples())
        raise ModelError(f"Không phải thành viên của tổ ngày {format_date(held_on)}: {names}.", field="present")
    if chair is not None and chair not in allowed:
        raise ModelError("Người chủ trì phải là thành viên của tổ hoặc đảng viên phụ trách tổ.", field="chair")
    clash = Meeting.live().where(Meeting.group == g.id, Meeting.held_on == held_on)
    if meeting is not None:
        clash = clash.where(Meeting.id != meeting)
    if clash.exists():
        raise ModelError(f"{g.name} đã có buổi sinh hoạt ngày {format_date(held_on)}.", field="held_on")

    with database.atomic():
        if meeting is None:
            m = Meeting(group=g)
        else:
            m = Meeting.get_or_none(Meeting.id == meeting)
            if m is None or m.deleted_at is not None:
                raise ModelError("Không tìm thấy buổi sinh hoạt (có thể đã bị xóa).")
            if m.group_id != g.id:
                raise ModelError("Không chuyển được buổi sinh hoạt sang tổ khác.", field="group")
        m.held_on, m.place, m.chair = held_on, nfc(place), chair
        m.other_attendees, m.members_present, m.minutes = others, len(present_ids), (minutes or "").strip()
        m.save()
        MeetingTopicLink.delete().where(MeetingTopicLink.meeting == m.id).execute()
        if topic_ids:
            MeetingTopicLink.insert_many([(m.id, t) for t in topic_ids],
                                         fields=[MeetingTopicLink.meeting, MeetingTopicLink.topic]).execute()
        Attendance.delete().where(Attendance.meeting == m.id).execute()
        if present_ids:
            Attendance.insert_many([(m.id, p) for p in present_ids],
                                   fields=[Attendance.meeting, Attendance.person]).execute()
    return m


def raised_at(meeting: int) -> int:
    """How many living recommendations were raised at the meeting."""
    from .recommendations import Recommendation

    return Recommendation.live().where(Recommendation.meeting == meeting).count()


def delete_meeting(meeting: int) -> None:
    """A meeting entered by mistake is marked deleted. The recommendations
    raised at it are residents' requests still being dealt with: they stay,
    no longer tied to the deleted meeting."""
    from .recommendations import Recommendation

    m = Meeting.get_or_none(Meeting.id == meeting)
    if m is None or m.deleted_at is not None:
        raise ModelError("Không tìm thấy buổi sinh hoạt (có thể đã bị xóa).")
    with database.atomic():
        for rec in Recommendation.live().where(Recommendation.meeting == m):
            rec.meeting = None
            rec.save()
        m.tombstone()


def party_present(meeting: int) -> int:
    """How many of those ticked present are party members."""
    return (Attendance.select().join(PartyMember, on=(Attendance.person == PartyMember.person))
            .where(Attendance.meeting == meeting, PartyMember.deleted_at.is_null()).count())


def absentees(meeting: int) -> list[RosterEntry]:
    """Members serving on the meeting's day who were not ticked present
    (assigned party members who are not members are not expected)."""
    draft = load_draft(meeting)
    present = set(draft.present_ids)
    return [e for e in roster(draft.group_id, draft.held_on) if e.role is not None and e.person_id not in present]


def missed_in_a_row(*, first: dt.date, last: dt.date, group: Any = None, area: int | None = None,
                    in_a_row: int = 3) -> list[Absentee]:
    """Members who missed ``in_a_row`` or more consecutive meetings of their
    group held between ``first`` and ``last`` (only meetings held while they
    served count); the longest run of each, longest first."""
    if in_a_row < 1:
        raise ModelError("Số buổi vắng liên tiếp phải từ 1 trở lên.", field="in_a_row")
    groups = Group.live(Group.id, Group.name)
    if group is not None:
        groups = groups.where(Group.id == _group(group).id)
    if area is not None:
        groups = groups.where(Group.area == area)
    names = dict(groups.tuples())
    if not names:
        return []
    meetings = (Meeting.select(Meeting.id, Meeting.group, Meeting.held_on)
                .where(Meeting.deleted_at.is_null(), Meeting.held_on.between(first, last),
                       Meeting.group.in_(list(names)))
                .order_by(Meeting.group, Meeting.held_on, Meeting.id).tuples())
    by_group: dict[int, list[tuple[int, dt.date]]] = {}
    for mid, gid, held in meetings:
        by_group.setdefault(gid, []).append((mid, held))
    if not by_group:
        return []
    ticks: set[tuple[int, int]] = set()
    memberships: dict[int, list[tuple[int, dt.date | None, dt.date | None, str]]] = {}
    gids = list(by_group)
    for start in range(0, len(gids), 300):
        chunk = gids[start:start + 300]
        ticks.update(Attendance.select(Attendance.meeting, Attendance.person).join(Meeting)
                     .where(Meeting.group.in_(chunk), Meeting.held_on.between(first, last)).tuples())
        for gid, pid, s, e, name in (Membership.select(Membership.group, Membership.person, Membership.start_date,
                                                       Membership.end_date, Person.full_name)
                                     .join(Person)
                                     .where(Membership.group.in_(chunk), Membership.deleted_at.is_null(),
                                            Person.deleted_at.is_null()).tuples()):
            memberships.setdefault(gid, []).append((pid, s, e, name))
    found: list[Absentee] = []
    for gid, held_list in by_group.items():
        spans: dict[int, list[tuple[dt.date | None, dt.date | None]]] = {}
        who: dict[int, str] = {}
        for pid, s, e, name in memberships.get(gid, []):
            spans.setdefault(pid, []).append((s, e))
            who[pid] = name
        for pid, periods in spans.items():
            run = best = 0
            best_day: dt.date | None = None
            for mid, held in held_list:
                if not any((s is None or s <= held) and (e is None or e >= held) for s, e in periods):
                    continue
                if (mid, pid) in ticks:
                    run = 0
                else:
                    run += 1
                    if run >= best:
                        best, best_day = run, held
            if best >= in_a_row and best_day is not None:
                found.append(Absentee(pid, who[pid], gid, names[gid], best, best_day))
    found.sort(key=lambda a: (-a.missed, a.group_name, a.name))
    return found


@dataclass(frozen=True)
class GroupChoice:
    group_id: int
    name: str
    area_name: str
    type_code: str


def group_choices(meeting_only: bool = True) -> list[GroupChoice]:
    """Active groups a clerk can pick for a meeting, area by area."""
    from .areas import ResidentialArea

    query = (Group.select(Group.id, Group.name, ResidentialArea.name, GroupType.code)
             .join(ResidentialArea, on=(Group.area == ResidentialArea.id))
             .switch(Group).join(GroupType, on=(Group.group_type == GroupType.id))
             .where(Group.deleted_at.is_null(), Group.dissolved_on.is_null())
             .order_by(ResidentialArea.name, GroupType.sort_order, Group.id))
    if meeting_only:
        query = query.where(GroupType.holds_meetings == True)
    return [GroupChoice(*row) for row in query.tuples()]


def recent_meetings(group: Any, limit: int = 24) -> list[tuple[int, dt.date]]:
    """The group's latest meetings (id, day), newest first, for a picker."""
    g = _group(group)
    return list(Meeting.select(Meeting.id, Meeting.held_on)
                .where(Meeting.deleted_at.is_null(), Meeting.group == g.id)
                .order_by(Meeting.held_on.desc(), Meeting.id.desc()).limit(limit).tuples())


def meeting_years() -> list[int]:
    """Years that have meetings, newest first (the year filter)."""
    first = Meeting.select(pw.fn.MIN(Meeting.held_on)).where(Meeting.deleted_at.is_null()).scalar()
    this = dt.date.today().year
    start = first.year if isinstance(first, dt.date) else int(str(first)[:4]) if first else this
    return list(range(this, start - 1, -1))
