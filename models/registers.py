"""Operations on the registers: areas, groups, members, people, party members.

Plain functions with keyword arguments, used alike by the screens, the
command line and the Excel import. Each write happens in one transaction;
a broken rule raises ModelError with the field it concerns, and a form
with several wrong fields raises FormError listing all of them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import peewee as pw

from .areas import ResidentialArea
from .base import ModelError, context, database, now
from .catalogues import GroupType
from .enums import AreaKind, Gender, Role
from .fields import parse_birth, parse_day, parse_id_number, parse_phone, required_name
from .groups import Group, Membership
from .party import PartyAssignment, PartyMember
from .people import Person
from .terms import check_interim, term_end
from .text import fold, format_date, nfc

ONE_DAY = dt.timedelta(days=1)


class FormError(ModelError):
    """Several fields are wrong: ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]):
        field, message = next(iter(errors.items()))
        super().__init__(message, field=field)
        self.errors = errors


def _get(model: Any, record_id: int | None, what: str) -> Any:
    record = model.get_or_none((model.id == record_id) & model.deleted_at.is_null()) if record_id else None
    if record is None:
        raise ModelError(f"Không tìm thấy {what}.")
    return record


# -- residential areas ---------------------------------------------------

def save_area(*, name: str, kind: AreaKind | str, area_id: int | None = None, front_head_name: str = "",
              commune_code: str | None = None) -> ResidentialArea:
    try:
        clean = required_name(name, "Tên khu dân cư")
    except ValueError as exc:
        raise ModelError(str(exc), field="name") from None
    area = _get(ResidentialArea, area_id, "khu dân cư") if area_id else ResidentialArea(
        commune_code=commune_code or context.unit_code)
    same = ResidentialArea.live().where(ResidentialArea.name == clean, ResidentialArea.commune_code == area.commune_code)
    if area.id:
        same = same.where(ResidentialArea.id != area.id)
    if same.exists():
        raise ModelError(f"Đã có khu dân cư tên {clean}.", field="name")
    area.name, area.kind, area.front_head_name = clean, AreaKind(kind), nfc(front_head_name)
    with database.atomic():
        area.save()
    return area


def dissolve_area(*, area_id: int, on: dt.date) -> ResidentialArea:
    """An area merged or dissolved: kept, with its date. Its groups must be
    dissolved (or moved to another area) first: an area cannot stop while
    groups still work in it."""
    area = _get(ResidentialArea, area_id, "khu dân cư")
    if area.dissolved_on is not None:
        raise ModelError(f"{area.name} đã giải thể ngày {format_date(area.dissolved_on)}.")
    if not isinstance(on, dt.date):
        raise ModelError("Chưa nhập ngày giải thể.", field="on")
    if on > dt.date.today():
        raise ModelError("Ngày giải thể không được sau hôm nay.", field="on")
    active = [name for (name,) in Group.live(Group.name)
              .where(Group.area == area, Group.dissolved_on.is_null() | (Group.dissolved_on > on))
              .order_by(Group.id).tuples()]
    if active:
        shown = ", ".join(active[:3]) + (f" và {len(active) - 3} tổ khác" if len(active) > 3 else "")
        raise ModelError(
            f"Chưa giải thể được {area.name}: còn {len(active)} tổ đang hoạt động ({shown}). "
            "Hãy giải thể các tổ này hoặc chuyển sang khu dân cư khác trước.", field="on")
    with database.atomic():
        area.dissolved_on = on
        area.save()
    return area


@dataclass(frozen=True)
class AreaRow:
    area_id: int
    name: str
    kind: AreaKind
    front_head_name: str
    active_groups: int
    dissolved_on: dt.date | None


def _natural(name: str) -> list[Any]:
    """Sort key putting "Khu phố 2" before "Khu phố 10"."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", fold(name)) if part]


def area_rows() -> list[AreaRow]:
    """The areas of the database with how many groups still work in each;
    working areas first, then by name."""
    groups = dict(Group.live(Group.area, pw.fn.COUNT(Group.id)).where(Group.dissolved_on.is_null())
                  .group_by(Group.area).tuples())
    rows = [AreaRow(a.id, a.name, AreaKind(a.kind), a.front_head_name, groups.get(a.id, 0), a.dissolved_on)
            for a in ResidentialArea.live()]
    rows.sort(key=lambda r: (r.dissolved_on is not None, _natural(r.name), r.area_id))
    return rows


def area_form(area_id: int) -> dict[str, Any]:
    area = _get(ResidentialArea, area_id, "khu dân cư")
    return {"name": area.name, "kind": AreaKind(area.kind).value, "front_head_name": area.front_head_name,
            "dissolved_on": area.dissolved_on}


# -- groups ----------------------------------------------------------------

def save_group(*, name: str, area_id: int, group_type_id: int, founded_on: dt.date | None = None,
               group_id: int | None = None) -> Group:
    errors = {}
    try:
        clean = required_name(name, "Tên tổ")
    except ValueError as exc:
        errors["name"] = str(exc)
    area = ResidentialArea.get_or_none((ResidentialArea.id == area_id) & ResidentialArea.deleted_at.is_null())
    if area is None:
        errors["area"] = "Hãy chọn khu dân cư của tổ."
    elif area.dissolved_on is not None and (
            group_id is None or Group.get_or_none(Group.id == group_id, Group.area == area_id) is None):
        errors["area"] = f"{area.name} đã giải thể ngày {format_date(area.dissolved_on)}: hãy chọn khu dân cư khác."
    if GroupType.get_or_none(GroupType.id == group_type_id) is None:
        errors["group_type"] = "Hãy chọn loại tổ."
    if founded_on and founded_on > dt.date.today():
        errors["founded_on"] = "Ngày thành lập không được sau hôm nay."
    if errors:
        raise FormError(errors)
    group = _get(Group, group_id, "tổ") if group_id else Group()
    group.name, group.area, group.group_type, group.founded_on = clean, area_id, group_type_id, founded_on
    with database.atomic():
        group.save()
    return group


def dissolve_group(*, group_id: int, on: dt.date) -> Group:
    """The group stops on ``on``: it stays in the lists (greyed) with its
    history, and the terms still running end that day."""
    group = _get(Group, group_id, "tổ")
    if group.dissolved_on is not None:
        raise ModelError(f"Tổ đã giải thể ngày {format_date(group.dissolved_on)}.")
    if group.founded_on and on < group.founded_on:
        raise ModelError("Ngày giải thể không được trước ngày thành lập.", field="on")
    with database.atomic():
        group.dissolved_on = on
        group.save()
        for m in Membership.live().where(Membership.group == group, Membership.end_date.is_null()):
            m.end_date = max(on, m.start_date or on)
            m.save()
    return group


def delete_group(*, group_id: int) -> None:
    """Entered by mistake: a tombstone, so that the deletion travels."""
    group = _get(Group, group_id, "tổ")
    with database.atomic():
        for m in Membership.live().where(Membership.group == group):
            m.tombstone()
        group.tombstone()


# -- members ---------------------------------------------------------------

def _serving_leader(group: Group) -> Membership | None:
    return Membership.live().where(
        Membership.group == group, Membership.role == Role.LEADER, Membership.end_date.is_null()).first()


def _check_end(role: Role, start: dt.date | None, end: dt.date | None) -> None:
    """The end of a term: not before its start; an interim leader (quyền tổ
    trưởng) serves at most 6 months (models.terms)."""
    if end is None:
        return
    if start and end < start:
        raise ModelError("Ngày kết thúc không được trước ngày bắt đầu.", field="end_date")
    if role is Role.ACTING_LEADER and start:
        try:
            check_interim(start, end)
        except ModelError as exc:
            raise ModelError(f"{exc.message} Nhận nhiệm vụ ngày {format_date(start)} thì kết thúc chậm nhất ngày "
                             f"{format_date(term_end(Role.ACTING_LEADER, start))}.", field="end_date") from None


def add_member(*, group_id: int, person_id: int, role: Role | str = Role.MEMBER,
               start_date: dt.date | None = None, end_date: dt.date | None = None) -> Membership:
    """Add a person to a group in a role. A new tổ trưởng ends the previous
    one's term, and a serving quyền tổ trưởng's interim, on the day before;
    a tổ trưởng who started that day or later is a mistake to correct first.
    An interim leader's end, when given, is at most 6 months after the start."""
    role = Role(role)
    group = _get(Group, group_id, "tổ")
    person = _get(Person, person_id, "người dân")
    start = start_date or dt.date.today()
    _check_end(role, start, end_date)
    if not group.is_active:
        raise ModelError("Tổ đã giải thể: không thêm thành viên được.")
    same = Membership.live().where(Membership.group == group, Membership.person == person,
                                   Membership.role == role, Membership.end_date.is_null())
    if same.exists():
        raise ModelError(f"{person.full_name} đang giữ vai trò này trong tổ.", field="person")
    with database.atomic():
        if role is Role.LEADER:
            current = _serving_leader(group)
            if current is not None:
                if current.start_date and current.start_date >= start:
                    raise ModelError(
                        f"Tổ trưởng hiện tại {current.person.full_name} nhận nhiệm vụ ngày "
                        f"{format_date(current.start_date)}; tổ trưởng mới phải bắt đầu sau ngày đó.",
                        field="start_date")
                current.end_date = start - ONE_DAY
                current.save()
            # A quyền tổ trưởng filled the gap until now: that interim ends with the new term.
            for acting in Membership.live().where(
                    Membership.group == group, Membership.role == Role.ACTING_LEADER,
                    Membership.start_date < start,
                    Membership.end_date.is_null() | (Membership.end_date >= start)):
                acting.end_date = start - ONE_DAY
                acting.save()
        return Membership.create(group=group, person=person, role=role, start_date=start, end_date=end_date)


def end_membership(*, membership_id: int, end_date: dt.date) -> Membership:
    membership = _get(Membership, membership_id, "thành viên")
    if not isinstance(end_date, dt.date):
        raise ModelError("Chưa nhập ngày kết thúc.", field="end_date")
    _check_end(Role(membership.role), membership.start_date, end_date)
    with database.atomic():
        membership.end_date = end_date
        membership.save()
    return membership


# -- people ----------------------------------------------------------------

def check_person(values: dict[str, Any], person_id: int | None = None) -> dict[str, Any]:
    """Clean a person's fields as typed; FormError lists every wrong field."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}

    def take(field: str, parse: Any, *args: Any) -> None:
        try:
            clean[field] = parse(values.get(field), *args)
        except ValueError as exc:
            errors[field] = str(exc)

    take("full_name", required_name)
    take("birth", parse_birth)
    take("id_number", parse_id_number)
    take("phone", parse_phone)
    gender = values.get("gender")
    clean["gender"] = Gender(gender) if gender else None
    clean["area_id"] = values.get("area_id") or None
    for field in ("address", "ethnicity", "religion", "occupation"):
        clean[field] = nfc(values.get(field))
    if clean.get("id_number"):
        twin = Person.live().where(Person.id_number == clean["id_number"])
        if person_id:
            twin = twin.where(Person.id != person_id)
        twin = twin.first()
        if twin is not None:
            errors["id_number"] = f"Số CCCD này đã có trong danh sách: {twin.full_name}."
    if errors:
        raise FormError(errors)
    return clean


def save_person(*, person_id: int | None = None, **values: Any) -> Person:
    """Create or edit a person from the values of the form (text as typed:
    full_name, gender, birth, id_number, phone, address, area_id, ...)."""
    clean = check_person(values, person_id)
    person = _get(Person, person_id, "người dân") if person_id else Person()
    person.birth_year, person.birth_date = clean.pop("birth")
    person.area = clean.pop("area_id")
    for field, value in clean.items():
        setattr(person, field, value)
    person.ethnicity = person.ethnicity or "Kinh"
    with database.atomic():
        person.save()
    return person


def delete_person(*, person_id: int) -> None:
    person = _get(Person, person_id, "người dân")
    with database.atomic():
        person.tombstone()


# -- party members ---------------------------------------------------------

def save_party_member(*, person_id: int, card_number: str = "", admitted_on: str | dt.date | None = None,
                      official_on: str | dt.date | None = None, party_cell: str = "", workplace_org: str = "",
                      lives_here: bool = False, excused: bool = False,
                      party_member_id: int | None = None) -> PartyMember:
    errors: dict[str, str] = {}
    dates: dict[str, dt.date | None] = {}
    for field, value, what in (("admitted_on", admitted_on, "Ngày vào Đảng"),
                               ("official_on", official_on, "Ngày chính thức")):
        try:
            dates[field] = value if isinstance(value, dt.date) or value is None else parse_day(value, what)
        except ValueError as exc:
            errors[field] = str(exc)
    if dates.get("admitted_on") and dates.get("official_on") and dates["official_on"] < dates["admitted_on"]:
        errors["official_on"] = "Ngày chính thức không được trước ngày vào Đảng."
    card = "".join(str(card_number or "").split())
    if card and not card.isdigit():
        errors["card_number"] = "Số thẻ đảng viên chỉ gồm chữ số."
    person = Person.get_or_none((Person.id == person_id) & Person.deleted_at.is_null()) if person_id else None
    if person is None:
        errors["person"] = "Hãy chọn người dân là đảng viên."
    else:
        twin = PartyMember.live().where(PartyMember.person == person)
        if party_member_id:
            twin = twin.where(PartyMember.id != party_member_id)
        if twin.exists():
            errors["person"] = f"{person.full_name} đã có trong danh sách đảng viên."
    if errors:
        raise FormError(errors)
    member = _get(PartyMember, party_member_id, "đảng viên") if party_member_id else PartyMember()
    member.person = person
    member.card_number, member.party_cell, member.workplace_org = card, nfc(party_cell), nfc(workplace_org)
    member.admitted_on, member.official_on = dates["admitted_on"], dates["official_on"]
    member.lives_here, member.excused = bool(lives_here), bool(excused)
    with database.atomic():
        member.save()
    return member


def assign_party_member(*, party_member_id: int, group_ids: list[int], start_date: dt.date | None = None,
                        end_date: dt.date | None = None) -> list[PartyAssignment]:
    """Give a party member one or more groups to look after, from a date.
    A group already in their care is left as it is."""
    member = _get(PartyMember, party_member_id, "đảng viên")
    if not group_ids:
        raise ModelError("Hãy chọn ít nhất một tổ.", field="groups")
    start = start_date or dt.date.today()
    if end_date and end_date < start:
        raise ModelError("Ngày kết thúc không được trước ngày bắt đầu.", field="end_date")
    made = []
    with database.atomic():
        for gid in group_ids:
            group = _get(Group, gid, "tổ")
            open_ = PartyAssignment.live().where(PartyAssignment.party_member == member,
                                                 PartyAssignment.group == group, PartyAssignment.end_date.is_null())
            if open_.exists():
                continue
            made.append(PartyAssignment.create(party_member=member, group=group, start_date=start, end_date=end_date))
    return made


def end_assignment(*, assignment_id: int, end_date: dt.date) -> PartyAssignment:
    """End a party member's care of a group on ``end_date`` (not before its
    start); an assignment already ended is left alone."""
    assignment = _get(PartyAssignment, assignment_id, "phân công")
    if assignment.end_date is not None and assignment.end_date <= dt.date.today():
        raise ModelError(f"Phân công này đã kết thúc ngày {format_date(assignment.end_date)}.")
    if not isinstance(end_date, dt.date):
        raise ModelError("Chưa nhập ngày kết thúc.", field="end_date")
    if assignment.start_date and end_date < assignment.start_date:
        raise ModelError(f"Ngày kết thúc không được trước ngày bắt đầu phân công ({format_date(assignment.start_date)}).",
                         field="end_date")
    with database.atomic():
        assignment.end_date = end_date
        assignment.updated_at = now()
        assignment.save()
    return assignment
