"""Personal data (Nghị định 13/2023/NĐ-CP; Luật Bảo vệ dữ liệu cá nhân 2025):
masking, a person's full record on request, erasure, and logging of exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import audit
from .base import ModelError, context, database, now
from .groups import Membership
from .meetings import Attendance, Meeting
from .party import PartyMember
from .people import Person
from .recommendations import Recommendation

ERASED_NAME = "(Đã xóa theo yêu cầu)"


def mask_id_number(value: str | None) -> str:
    """'001178004512' -> '********4512': enough to tell two people apart."""
    if not value:
        return ""
    return "*" * (len(value) - 4) + value[-4:]


def mask_phone(value: str | None) -> str:
    """'0912345678' -> '0912***678'."""
    if not value:
        return ""
    if len(value) < 7:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 7) + value[-3:]


def should_mask() -> bool:
    """Viewers see masked CCCD and phone numbers everywhere."""
    return context.read_only


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


def export_person(person: Person) -> dict[str, Any]:
    """Everything held about one person (the right of access); logged."""
    data = {f.name: _plain(getattr(person, f.name)) for f in Person._meta.sorted_fields
            if f.name not in ("search_name", "sort_key", "household_head", "area")}
    data["uuid"] = person.uuid.hex
    data["area"] = person.area.name if person.area_id else None
    data["memberships"] = [
        {"group": m.group.name, "role": m.role.value, "start_date": _plain(m.start_date), "end_date": _plain(m.end_date)}
        for m in Membership.live().where(Membership.person == person)
    ]
    party = PartyMember.live().where(PartyMember.person == person).first()
    data["party_member"] = None if party is None else {
        "card_number": party.card_number, "admitted_on": _plain(party.admitted_on),
        "official_on": _plain(party.official_on), "party_cell": party.party_cell,
        "workplace_org": party.workplace_org, "lives_here": party.lives_here, "excused": party.excused,
    }
    data["meetings_attended"] = [
        _plain(m.held_on) for m in Meeting.select(Meeting.held_on).join(Attendance)
        .where(Attendance.person == person).order_by(Meeting.held_on)
    ]
    data["recommendations"] = [
        {"raised_on": _plain(r.raised_on), "content": r.content, "state": r.state.value}
        for r in Recommendation.live().where(Recommendation.raised_by == person)
    ]
    audit.log("person", person.uuid.hex, "access")
    return data


def erase_person(person: Person) -> None:
    """Clear a person's own data on request. The row stays, with gender,
    birth year and area, so that the counts that included them still add up."""
    if person.erased_at is not None:
        raise ModelError("Dữ liệu của người này đã được xóa trước đó.")
    with database.atomic():
        person.full_name = ERASED_NAME
        person.birth_date = None
        person.id_number = None
        person.phone = ""
        person.address = ""
        person.ethnicity = ""
        person.religion = ""
        person.occupation = ""
        person.erased_at = now()
        person.save()
        PartyMember.update(card_number="", workplace_org="").where(PartyMember.person == person).execute()
        audit.log("person", person.uuid.hex, "erase")


def log_export(what: str, rows: int, reason: str) -> None:
    """An export of personal data leaves the program unencrypted: say who, when and why."""
    if not reason.strip():
        raise ModelError("Hãy ghi lý do xuất dữ liệu cá nhân.", field="reason")
    audit.log(what, "", "export", {"rows": [None, rows], "reason": [None, reason.strip()]})


def write_person_record(*, person_id: int, path: Path | str) -> Path:
    """A person's full record as a JSON file, for the person who asked for it."""
    person = Person.get_or_none((Person.id == person_id) & Person.deleted_at.is_null())
    if person is None:
        raise ModelError("Không tìm thấy người dân này.")
    if context.read_only:
        raise ModelError("Tài khoản chỉ có quyền xem không được trích xuất hồ sơ đầy đủ.")
    path = Path(path)
    path.write_text(json.dumps(export_person(person), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def erase_person_data(*, person_id: int) -> None:
    person = Person.get_or_none((Person.id == person_id) & Person.deleted_at.is_null())
    if person is None:
        raise ModelError("Không tìm thấy người dân này.")
    erase_person(person)
