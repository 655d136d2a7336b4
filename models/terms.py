"""Terms of office of the tổ trưởng.

A tổ trưởng serves a term whose length each province sets (2.5 or 5 years,
kept in the Setting table under ``term_months``); an interim leader (quyền
tổ trưởng) serves at most 6 months. A term "ends soon" within the warning
window (90 days unless told), and is "past due" once its end has passed while
the person still serves.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from dataclasses import dataclass

from .areas import ResidentialArea
from .base import ModelError
from .enums import Role
from .groups import Group, Membership
from .people import Person

TERM_SETTING = "term_months"
TERM_CHOICES = (30, 60)  # 2.5 years, 5 years
DEFAULT_TERM_MONTHS = 60
INTERIM_MONTHS = 6
WARNING_DAYS = 90


class TermStatus(str, enum.Enum):
    SERVING = "serving"
    ENDING_SOON = "ending_soon"
    PAST_DUE = "past_due"


@dataclass(frozen=True)
class TermRow:
    group_id: int
    group_name: str
    area_name: str
    person_name: str
    role: Role
    start_date: dt.date | None
    ends_on: dt.date | None  # None: the start is not known
    status: TermStatus

    def days_left(self, today: dt.date) -> int | None:
        return None if self.ends_on is None else (self.ends_on - today).days


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day (31/08 + 6 → 28/02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_months() -> int:
    from .db import get_setting

    value = get_setting(TERM_SETTING)
    try:
        months = int(value) if value else DEFAULT_TERM_MONTHS
    except ValueError:
        months = DEFAULT_TERM_MONTHS
    return months if months in TERM_CHOICES else DEFAULT_TERM_MONTHS


def set_term_months(months: int) -> None:
    from .base import BaseModel
    from .db import set_setting

    if months not in TERM_CHOICES:
        raise ModelError("Nhiệm kỳ tổ trưởng chỉ có thể là 2,5 năm hoặc 5 năm.", field="term_months")
    BaseModel._guard()
    set_setting(TERM_SETTING, str(months))


def term_end(role: Role, start: dt.date | None, months: int | None = None) -> dt.date | None:
    """The last day of a term that began on ``start``."""
    if start is None:
        return None
    length = INTERIM_MONTHS if role is Role.ACTING_LEADER else (months or term_months())
    return add_months(start, length) - dt.timedelta(days=1)


def check_interim(start: dt.date, end: dt.date | None) -> None:
    """An interim leader is appointed for at most 6 months."""
    if end is not None and end > term_end(Role.ACTING_LEADER, start):
        raise ModelError(f"Quyền tổ trưởng chỉ được giao tối đa {INTERIM_MONTHS} tháng.", field="end_date")


def terms(today: dt.date | None = None, *, status: TermStatus | None = None, warning_days: int = WARNING_DAYS,
          area: int | None = None, months: int | None = None,
          _keep: tuple[TermStatus, ...] | None = None) -> list[TermRow]:
    """Serving tổ trưởng and interim leaders of active groups with the end of
    their term; ``status`` keeps only those ending soon or past due. Past due
    first, then by end of term."""
    today = today or dt.date.today()
    months = months or term_months()
    soon = today + dt.timedelta(days=warning_days)
    query = (Membership.select(Membership.group, Group.name, ResidentialArea.name, Person.full_name,
                               Membership.role, Membership.start_date)
             .join(Group, on=(Membership.group == Group.id))
             .join(ResidentialArea, on=(Group.area == ResidentialArea.id))
             .switch(Membership).join(Person, on=(Membership.person == Person.id))
             .where(Membership.deleted_at.is_null(), Membership.role.in_([Role.LEADER.value, Role.ACTING_LEADER.value]),
                    Membership.start_date.is_null() | (Membership.start_date <= today),
                    Membership.end_date.is_null() | (Membership.end_date >= today),
                    Group.deleted_at.is_null(), Group.dissolved_on.is_null()))
    if area is not None:
        query = query.where(Group.area == area)
    if status is not None:
        # Only those whose term can end by the warning horizon: a start no
        # later than the horizon less the term (plus a few days, for the
        # month-end clamping of add_months; the exact test follows below).
        def latest_start(length: int) -> dt.date:
            return add_months(soon, -length) + dt.timedelta(days=4)

        query = query.where(
            ((Membership.role == Role.LEADER.value) & (Membership.start_date <= latest_start(months)))
            | ((Membership.role == Role.ACTING_LEADER.value)
               & (Membership.start_date <= latest_start(INTERIM_MONTHS))))
    rows: list[TermRow] = []
    for gid, gname, aname, pname, role, start in query.tuples():
        end = term_end(role, start, months)
        if end is None:
            state = TermStatus.SERVING
        elif end < today:
            state = TermStatus.PAST_DUE
        elif end <= soon:
            state = TermStatus.ENDING_SOON
        else:
            state = TermStatus.SERVING
        if status is not None and state not in (_keep or (status,)):
            continue
        rows.append(TermRow(gid, gname, aname, pname, role, start, end, state))
    order = {TermStatus.PAST_DUE: 0, TermStatus.ENDING_SOON: 1, TermStatus.SERVING: 2}
    rows.sort(key=lambda r: (order[r.status], r.ends_on or dt.date.max, r.group_name))
    return rows


def attention(today: dt.date | None = None, warning_days: int = WARNING_DAYS) -> tuple[int, int]:
    """(terms ending soon, terms past due), for the dashboard."""
    rows = terms(today, status=TermStatus.ENDING_SOON, warning_days=warning_days, _keep=(
        TermStatus.ENDING_SOON, TermStatus.PAST_DUE))
    return (sum(r.status is TermStatus.ENDING_SOON for r in rows), sum(r.status is TermStatus.PAST_DUE for r in rows))
