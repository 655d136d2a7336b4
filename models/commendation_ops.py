"""Commendation operations: save a decision, warn about a second commendation
of the same form in one year, find a decision, and the rows its documents show.

Plain functions, no Qt; the UI and the command line call the same ones. Bad
input raises ``ModelError`` with a message for the clerk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable

import peewee as pw

from .areas import ResidentialArea
from .base import ModelError, database
from .catalogues import CommendationForm
from .commendations import Decision, Recipient
from .enums import Role
from .groups import Group, Membership
from .people import Person
from .text import fold, format_date, nfc

# Titles as they appear in front of a group's name on documents
# ("Tổ trưởng Tổ dân phố số 1"); the order is the one a position is chosen in.
ROLE_TITLES = {
    Role.LEADER: "Tổ trưởng",
    Role.ACTING_LEADER: "Quyền tổ trưởng",
    Role.DEPUTY: "Tổ phó",
    Role.SECRETARY: "Thư ký",
    Role.MEMBER: "Thành viên",
}
_ROLE_RANK = {role: i for i, role in enumerate(ROLE_TITLES)}


@dataclass(frozen=True)
class DecisionRow:
    """One recipient as the list and the certificate show it."""

    recipient_id: int
    is_group: bool
    name: str
    position: str  # person: role in a group, else address; group: its area
    achievement: str
    form_name: str
    golden_book_no: str


@dataclass(frozen=True)
class Duplicate:
    """A recipient who already holds a commendation of this form this year."""

    name: str
    decision_number: str
    signed_on: dt.date
    form_name: str
    person_id: int | None = None
    group_id: int | None = None

    @property
    def message(self) -> str:
        return (
            f"{self.name} đã được khen thưởng hình thức {self.form_name} năm {self.signed_on.year} "
            f"(Quyết định số {self.decision_number} ngày {format_date(self.signed_on)})."
        )


@dataclass(frozen=True)
class DecisionSummary:
    number: str
    signed_on: dt.date
    form_name: str
    recipients: int


def form_short_name(form_name: str) -> str:
    """'Giấy khen của Chủ tịch UBND cấp xã' -> 'Giấy khen' (the certificate title)."""
    name = nfc(form_name)
    head = name.split(" của ", 1)[0]
    return head or name


# -- resolving arguments ------------------------------------------------------


def _resolve(model: type[pw.Model], value: Any, what: str) -> Any:
    if isinstance(value, model):
        row = value
    elif isinstance(value, int) and not isinstance(value, bool):
        row = model.get_or_none(model.id == value)
    else:
        row = None
    if row is None or getattr(row, "deleted_at", None) is not None:
        raise ModelError(f"Không tìm thấy {what} đã chọn (có thể đã bị xóa).")
    return row


def _resolve_form(form: Any) -> CommendationForm:
    if isinstance(form, str):
        row = CommendationForm.live().where(CommendationForm.code == form).first()
        if row is None:
            raise ModelError(f"Không có hình thức khen thưởng mã {form}.", field="form")
        return row
    if form is None:
        raise ModelError("Chưa chọn hình thức khen thưởng.", field="form")
    return _resolve(CommendationForm, form, "hình thức khen thưởng")


def _who(entry: Any) -> tuple[Person | None, Group | None]:
    """The person or the group of a recipient given as a dict, Person or Group."""
    if isinstance(entry, Person):
        return entry, None
    if isinstance(entry, Group):
        return None, entry
    if isinstance(entry, Recipient):
        return entry.person, entry.group
    if not isinstance(entry, dict):
        raise ModelError("Người hoặc tập thể được khen không hợp lệ.")
    person, group = entry.get("person"), entry.get("group")
    if (person is None) == (group is None):
        raise ModelError(
            "Mỗi dòng khen thưởng phải là một cá nhân hoặc một tập thể (không phải cả hai, không bỏ trống).",
            field="recipients",
        )
    if person is not None:
        return _resolve(Person, person, "người được khen"), None
    return None, _resolve(Group, group, "tập thể được khen")


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# -- operations ----------------------------------------------------------------


def create_decision(
    number: str,
    signed_on: dt.date,
    issuer: str,
    signer_name: str,
    signer_title: str,
    form: Any,
    recipients: list[dict],
    reason: str = "",
) -> Decision:
    """Save a decision and its recipients in one transaction.

    Each recipient is a dict with ``person`` or ``group`` (a row or its id),
    ``achievement`` and optionally ``golden_book_no``.
    """
    number, issuer = nfc(number), nfc(issuer)
    signer_name, signer_title = nfc(signer_name), nfc(signer_title)
    if not number:
        raise ModelError("Chưa nhập số quyết định.", field="number")
    if not isinstance(signed_on, dt.date):
        raise ModelError("Chưa nhập ngày ký quyết định.", field="signed_on")
    if not issuer:
        raise ModelError("Chưa nhập cơ quan ban hành quyết định.", field="issuer")
    if not signer_name:
        raise ModelError("Chưa nhập họ tên người ký quyết định.", field="signer_name")
    form_row = _resolve_form(form)
    signer_title = signer_title or nfc(form_row.issuer_title)
    if not signer_title:
        raise ModelError("Chưa nhập chức vụ người ký quyết định.", field="signer_title")
    if not recipients:
        raise ModelError("Quyết định chưa có cá nhân hoặc tập thể nào được khen thưởng.", field="recipients")

    prepared: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    for i, entry in enumerate(recipients, start=1):
        try:
            person, group = _who(entry)
        except ModelError as exc:
            raise ModelError(f"Dòng {i}: {exc.message}", field="recipients") from exc
        achievement = nfc(entry.get("achievement") if isinstance(entry, dict) else "")
        name = person.full_name if person is not None else group.name
        if not achievement:
            raise ModelError(f"Dòng {i} ({name}): chưa nhập thành tích.", field="recipients")
        key = ("p", person.id) if person is not None else ("g", group.id)
        if key in seen:
            raise ModelError(f"Dòng {i}: {name} có hai lần trong cùng một quyết định.", field="recipients")
        seen.add(key)
        prepared.append(
            {
                "person": person,
                "group": group,
                "achievement": achievement,
                "golden_book_no": nfc(entry.get("golden_book_no", "")) if isinstance(entry, dict) else "",
            }
        )

    first, last = _year_bounds(signed_on.year)
    clash = (
        Decision.live()
        .where(
            (Decision.number == number)
            & (Decision.issuer == issuer)
            & Decision.signed_on.between(first, last)
        )
        .exists()
    )
    if clash:
        raise ModelError(f"Quyết định số {number} năm {signed_on.year} của {issuer} đã có.", field="number")

    with database.atomic():
        decision = Decision.create(
            number=number,
            signed_on=signed_on,
            issuer=issuer,
            signer_name=signer_name,
            signer_title=signer_title,
            form=form_row,
            reason=nfc(reason),
        )
        for row in prepared:
            Recipient.create(decision=decision, **row)
    return decision


def duplicate_commendations(
    recipients: Iterable[Any], form: Any, year: int, exclude_decision: Decision | int | None = None
) -> list[Duplicate]:
    """Recipients who already hold a commendation of ``form`` in ``year``
    ("one achievement, one form"): shown as a warning before saving."""
    form_row = _resolve_form(form)
    person_ids: set[int] = set()
    group_ids: set[int] = set()
    for entry in recipients:
        person, group = _who(entry)
        if person is not None:
            person_ids.add(person.id)
        else:
            group_ids.add(group.id)
    if not person_ids and not group_ids:
        return []
    first, last = _year_bounds(year)
    who = pw.Value(False)
    if person_ids:
        who = who | Recipient.person.in_(sorted(person_ids))
    if group_ids:
        who = who | Recipient.group.in_(sorted(group_ids))
    query = (
        Recipient.select(Recipient, Decision, Person, Group)
        .join(Decision)
        .switch(Recipient)
        .join(Person, pw.JOIN.LEFT_OUTER)
        .switch(Recipient)
        .join(Group, pw.JOIN.LEFT_OUTER)
        .where(
            Recipient.deleted_at.is_null(),
            Decision.deleted_at.is_null(),
            Decision.form == form_row,
            Decision.signed_on.between(first, last),
            who,
        )
        .order_by(Decision.signed_on, Recipient.id)
    )
    if exclude_decision is not None:
        exclude_id = exclude_decision.id if isinstance(exclude_decision, Decision) else exclude_decision
        query = query.where(Decision.id != exclude_id)
    return [
        Duplicate(
            name=r.person.full_name if r.person_id else r.group.name,
            decision_number=r.decision.number,
            signed_on=r.decision.signed_on,
            form_name=form_row.name,
            person_id=r.person_id,
            group_id=r.group_id,
        )
        for r in query
    ]


def find_decision(number: str, year: int | None = None) -> Decision:
    """A live decision by its number ('125/QĐ-UBND'); marks and case are
    forgiven ('125/qd-ubnd'). Where two years used the same number, the
    newest one, unless ``year`` says which."""
    wanted = nfc(number)
    if not wanted:
        raise ModelError("Chưa nhập số quyết định.", field="number")
    query = Decision.live().order_by(Decision.signed_on.desc(), Decision.id.desc())
    if year is not None:
        query = query.where(Decision.signed_on.between(*_year_bounds(year)))
    exact = query.where(Decision.number == wanted).first()
    if exact is not None:
        return exact
    folded = fold(wanted).replace(" ", "")
    for decision in query:
        if fold(decision.number).replace(" ", "") == folded:
            return decision
    raise ModelError(
        f"Không tìm thấy quyết định số {wanted}" + (f" năm {year}." if year is not None else "."),
        field="number",
    )


def _positions(person_ids: list[int], on: dt.date) -> dict[int, str]:
    """Each person's most senior current role: 'Tổ trưởng Tổ dân phố số 1'."""
    best: dict[int, tuple[int, str]] = {}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start : start + 500]
        query = (
            Membership.select(Membership.person, Membership.role, Group.name)
            .join(Group)
            .where(
                Membership.person.in_(chunk),
                Membership.deleted_at.is_null(),
                Group.deleted_at.is_null(),
                Membership.end_date.is_null() | (Membership.end_date >= on),
            )
            .order_by(Membership.id)
            .tuples()
        )
        for person_id, role_code, group_name in query:
            role = Role(role_code)
            rank = _ROLE_RANK[role]
            if person_id not in best or rank < best[person_id][0]:
                best[person_id] = (rank, f"{ROLE_TITLES[role]} {group_name}")
    return {pid: title for pid, (_, title) in best.items()}


def decision_rows(decision: Decision) -> list[DecisionRow]:
    """The live recipients of a decision, groups first then people, each in
    the order they were entered."""
    form_name = decision.form.name
    GroupArea = ResidentialArea.alias()
    PersonArea = ResidentialArea.alias()
    query = (
        Recipient.select(
            Recipient.id,
            Recipient.person,
            Recipient.group,
            Recipient.achievement,
            Recipient.golden_book_no,
            Person.full_name,
            Person.address,
            PersonArea.name,
            Group.name,
            GroupArea.name,
        )
        .join(Person, pw.JOIN.LEFT_OUTER)
        .join(PersonArea, pw.JOIN.LEFT_OUTER, on=(Person.area == PersonArea.id))
        .switch(Recipient)
        .join(Group, pw.JOIN.LEFT_OUTER)
        .join(GroupArea, pw.JOIN.LEFT_OUTER, on=(Group.area == GroupArea.id))
        .where(
            Recipient.decision == decision.id,
            Recipient.deleted_at.is_null(),
            Person.deleted_at.is_null() & Group.deleted_at.is_null(),
        )
        .order_by(Recipient.group.is_null(), Recipient.id)
        .tuples()
    )
    raw = list(query)
    positions = _positions([r[1] for r in raw if r[1] is not None], decision.signed_on)
    rows = []
    for rid, person_id, group_id, achievement, book, p_name, p_addr, p_area, g_name, g_area in raw:
        if group_id is not None:
            name, position = g_name, g_area or ""
        else:
            name, position = p_name, positions.get(person_id) or p_addr or p_area or ""
        rows.append(
            DecisionRow(
                recipient_id=rid,
                is_group=group_id is not None,
                name=nfc(name),
                position=nfc(position),
                achievement=nfc(achievement),
                form_name=nfc(form_name),
                golden_book_no=nfc(book),
            )
        )
    return rows


def decision_summaries() -> list[DecisionSummary]:
    """Every live decision with its number of live recipients, oldest first."""
    count = pw.fn.COUNT(Recipient.id)
    query = (
        Decision.select(Decision.number, Decision.signed_on, CommendationForm.name, count)
        .join(CommendationForm)
        .switch(Decision)
        .join(
            Recipient,
            pw.JOIN.LEFT_OUTER,
            on=((Recipient.decision == Decision.id) & Recipient.deleted_at.is_null()),
        )
        .where(Decision.deleted_at.is_null())
        .group_by(Decision.id)
        .order_by(Decision.signed_on, Decision.id)
        .tuples()
    )
    return [DecisionSummary(number=n, signed_on=d, form_name=f, recipients=c) for n, d, f, c in query]


# -- helpers of the decision editor ------------------------------------------------


@dataclass(frozen=True)
class FormChoice:
    form_id: int
    name: str
    issuer_title: str
    is_default: bool


def form_choices() -> list[FormChoice]:
    """The live commendation forms, the default one first."""
    query = CommendationForm.live().order_by(CommendationForm.is_default.desc(), CommendationForm.id)
    return [FormChoice(f.id, nfc(f.name), nfc(f.issuer_title), bool(f.is_default)) for f in query]


# The body that gives each standard form, by the form's code; others: the People's Committee.
_GIVERS = {
    "giay_khen_mttq_xa": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "giay_khen_dang_uy": "Đảng ủy",
}


def default_issuer(form: Any = None) -> str:
    """The body that issues a decision of ``form`` at this office, in capitals:
    'ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI' (the province's for a province's Bằng khen)."""
    from .db import home_unit
    from .enums import Level
    from .units import find_unit

    unit = home_unit()
    if unit is None:
        return ""
    form_row = None
    if form is not None:
        try:
            form_row = _resolve_form(form)
        except ModelError:
            form_row = None
    code = form_row.code if form_row is not None else ""
    place = unit
    if code.endswith("_tinh") and unit.level is not Level.PROVINCE:
        place = find_unit(unit.province_code, Level.PROVINCE) or unit
    giver = _GIVERS.get(code, "Ủy ban nhân dân")
    return nfc(f"{giver} {place.full_name}").upper()


def default_signer_title(form: Any = None) -> str:
    """The signer's own title for ``form``: its issuer title ('CHỦ TỊCH',
    'BÍ THƯ'), or 'CHỦ TỊCH' under a delegation such as 'TM. BAN THƯỜNG TRỰC'."""
    try:
        title = nfc(_resolve_form(form).issuer_title).upper() if form is not None else ""
    except ModelError:
        title = ""
    if not title or title.startswith(("TM.", "KT.", "Q.", "TL.", "TUQ.")):
        return "CHỦ TỊCH"
    return title


def next_golden_book_number(year: int) -> int:
    """The first free number of the year's golden book, counting the live
    numbers written as '2026-001' (other spellings are left alone)."""
    prefix = f"{year}-"
    highest = 0
    query = (
        Recipient.select(Recipient.golden_book_no)
        .where(Recipient.deleted_at.is_null(), Recipient.golden_book_no.startswith(prefix))
        .tuples()
    )
    for (book,) in query:
        tail = book[len(prefix):]
        if tail.isdigit():
            highest = max(highest, int(tail))
    return highest + 1


def golden_book_numbers(year: int, count: int, start: int | None = None) -> list[str]:
    """``count`` golden-book numbers '2026-001', '2026-002' … from the first free one."""
    first = next_golden_book_number(year) if start is None else start
    return [f"{year}-{n:03d}" for n in range(first, first + count)]


def get_decision(decision_id: int) -> Decision:
    return _resolve(Decision, decision_id, "quyết định")


class DecisionPageListing:
    """The Khen thưởng page's list: ``DecisionListing``'s rows with the
    decision's id appended (not shown), so the page can open and print one."""

    filters: tuple[str, ...] = ()

    def __init__(self) -> None:
        from .listing import DecisionListing

        self._inner = DecisionListing()

    def count(self, search: str = "", **filters: Any) -> int:
        return self._inner.count(search, **filters)

    def fetch(self, offset: int, limit: int, search: str = "", **filters: Any) -> list[tuple]:
        rows = self._inner.fetch(offset, limit, search, **filters)
        if not rows:
            return []
        ids = [
            did
            for (did,) in self._inner._base(search)
            .order_by(Decision.signed_on.desc(), Decision.id.desc())
            .offset(offset)
            .limit(limit)
            .tuples()
        ]
        return [row + (did,) for row, did in zip(rows, ids)]
