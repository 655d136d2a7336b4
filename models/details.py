"""What the detail forms and filter boxes of the register screens read:
choices for combo boxes, one record's fields as the form shows them, a
group's members and the party members looking after it. No Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .areas import ResidentialArea
from .catalogues import GroupType
from .enums import Role
from .groups import Group, Membership
from .party import PartyAssignment, PartyMember
from .people import Person
from .privacy import mask_id_number, mask_phone, should_mask
from .text import format_birth, format_date


def area_choices(commune_code: str | None = None) -> list[tuple[int, str]]:
    """Living areas, of one commune when given (a province office holds thousands)."""
    query = ResidentialArea.live(ResidentialArea.id, ResidentialArea.name)
    if commune_code is not None:
        query = query.where(ResidentialArea.commune_code == commune_code)
    return list(query.order_by(ResidentialArea.commune_code, ResidentialArea.name).tuples())


def group_type_choices() -> list[tuple[int, str]]:
    return list(GroupType.select(GroupType.id, GroupType.name).order_by(GroupType.sort_order).tuples())


def group_choices(area_id: int | None = None, active_only: bool = True) -> list[tuple[int, str]]:
    query = Group.live(Group.id, Group.name).order_by(Group.area, Group.id)
    if area_id is not None:
        query = query.where(Group.area == area_id)
    if active_only:
        query = query.where(Group.dissolved_on.is_null())
    return list(query.tuples())


def person_form(person_id: int) -> dict[str, Any]:
    """A person's fields as text, the way the form shows them."""
    p = Person.get_by_id(person_id)
    mask = should_mask()
    return {
        "full_name": p.full_name, "gender": p.gender.value if p.gender else "",
        "birth": format_birth(p.birth_year, p.birth_date),
        "id_number": mask_id_number(p.id_number) if mask else (p.id_number or ""),
        "phone": mask_phone(p.phone) if mask else p.phone, "address": p.address, "area_id": p.area_id,
        "ethnicity": p.ethnicity, "religion": p.religion, "occupation": p.occupation,
    }


def group_form(group_id: int) -> dict[str, Any]:
    g = Group.get_by_id(group_id)
    return {"name": g.name, "area_id": g.area_id, "group_type_id": g.group_type_id, "founded_on": g.founded_on,
            "dissolved_on": g.dissolved_on}


def party_member_form(party_member_id: int) -> dict[str, Any]:
    m = PartyMember.get_by_id(party_member_id)
    return {"person_id": m.person_id, "person_name": m.person.full_name, "card_number": m.card_number,
            "admitted_on": format_date(m.admitted_on), "official_on": format_date(m.official_on),
            "party_cell": m.party_cell, "workplace_org": m.workplace_org, "lives_here": m.lives_here,
            "excused": m.excused}


@dataclass(frozen=True)
class MemberRow:
    membership_id: int
    name: str
    role: Role
    start: dt.date | None
    end: dt.date | None
    party: bool

    @property
    def serving(self) -> bool:
        return self.end is None or self.end >= dt.date.today()


def group_members(group_id: int) -> list[MemberRow]:
    """Everyone who served in the group, serving first, leaders first."""
    party = {pid for (pid,) in PartyMember.live(PartyMember.person).tuples()}
    rows = [
        MemberRow(m.id, m.person.full_name, m.role, m.start_date, m.end_date, m.person_id in party)
        for m in Membership.live().where(Membership.group == group_id).join(Person)
    ]
    order = {r: i for i, r in enumerate(Role)}
    return sorted(rows, key=lambda r: (not r.serving, order[r.role], -(r.start.toordinal() if r.start else 0)))


@dataclass(frozen=True)
class AssignmentRow:
    assignment_id: int
    group_name: str
    party_member: str
    start: dt.date | None
    end: dt.date | None


def assignments(group_id: int | None = None, party_member_id: int | None = None) -> list[AssignmentRow]:
    query = (PartyAssignment.live().join(PartyMember).join(Person).switch(PartyAssignment).join(Group)
             .order_by(PartyAssignment.start_date.desc()))
    if group_id is not None:
        query = query.where(PartyAssignment.group == group_id)
    if party_member_id is not None:
        query = query.where(PartyAssignment.party_member == party_member_id)
    return [AssignmentRow(a.id, a.group.name, a.party_member.person.full_name, a.start_date, a.end_date)
            for a in query]
