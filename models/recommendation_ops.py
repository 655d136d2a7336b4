"""Recommendation operations: raise one, edit it, move it through its states.

The states go  mới → đã chuyển → đang giải quyết → đã giải quyết | đã trả
lời | không thuộc thẩm quyền  (an authority may answer, or decline, as soon as
it receives one; the commune may decline one before forwarding it). Each
change is dated, no earlier than the one before, and kept as a
``RecommendationEvent``; closing stores the closing day and the answer.
Overdue = still open and its due day has passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import peewee as pw

from .base import ModelError, database
from .catalogues import RecommendationCategory
from .enums import RecommendationState as S
from .groups import Group
from .meetings import Meeting
from .people import Person
from .recommendations import Recommendation, RecommendationEvent
from .text import format_date, nfc

# For messages only; the screens take their labels from reports/labels.py.
STATE_NAMES = {
    S.NEW: "Mới",
    S.FORWARDED: "Đã chuyển",
    S.IN_PROGRESS: "Đang giải quyết",
    S.RESOLVED: "Đã giải quyết",
    S.ANSWERED: "Đã trả lời",
    S.OUT_OF_SCOPE: "Không thuộc thẩm quyền",
}

TRANSITIONS: dict[S, tuple[S, ...]] = {
    S.NEW: (S.FORWARDED, S.OUT_OF_SCOPE),
    S.FORWARDED: (S.IN_PROGRESS, S.ANSWERED, S.OUT_OF_SCOPE),
    S.IN_PROGRESS: (S.RESOLVED, S.ANSWERED, S.OUT_OF_SCOPE),
    S.RESOLVED: (),
    S.ANSWERED: (),
    S.OUT_OF_SCOPE: (),
}

CLOSED = [s.value for s in S if s.is_closed]


@dataclass(frozen=True)
class HistoryEntry:
    state: S
    on_date: dt.date
    note: str


def next_states(state: S) -> tuple[S, ...]:
    return TRANSITIONS[S(state)]


def overdue_condition(today: dt.date) -> pw.Expression:
    return (Recommendation.deleted_at.is_null() & Recommendation.due_on.is_null(False)
            & (Recommendation.due_on < today) & Recommendation.state.not_in(CLOSED))


def is_overdue(rec: Recommendation, today: dt.date | None = None) -> bool:
    today = today or dt.date.today()
    return rec.due_on is not None and rec.due_on < today and not S(rec.state).is_closed


def overdue(today: dt.date | None = None, limit: int | None = None) -> list[Recommendation]:
    """Open recommendations past their due day, the longest overdue first."""
    query = (Recommendation.select().where(overdue_condition(today or dt.date.today()))
             .order_by(Recommendation.due_on, Recommendation.id))
    if limit:
        query = query.limit(limit)
    return list(query)


def _get(rec: Any) -> Recommendation:
    rid = rec.id if isinstance(rec, Recommendation) else rec
    row = Recommendation.get_or_none(Recommendation.id == rid) if isinstance(rid, int) else None
    if row is None or row.deleted_at is not None:
        raise ModelError("Không tìm thấy kiến nghị (có thể đã bị xóa).")
    return row


def _ref(model: type[pw.Model], value: Any, what: str, field: str) -> Any:
    if value is None:
        return None
    vid = value.id if isinstance(value, model) else value
    row = model.get_or_none(model.id == vid) if isinstance(vid, int) else None
    if row is None or getattr(row, "deleted_at", None) is not None:
        raise ModelError(f"Không tìm thấy {what} đã chọn.", field=field)
    return row


def _check_fields(content: str, category: Any, raised_on: Any, due_on: Any, today: dt.date) -> tuple[str, Any]:
    content = (content or "").strip()
    if not content:
        raise ModelError("Chưa nhập nội dung kiến nghị.", field="content")
    if category is None:
        raise ModelError("Chưa chọn lĩnh vực của kiến nghị.", field="category")
    cat = _ref(RecommendationCategory, category, "lĩnh vực", "category")
    if not isinstance(raised_on, dt.date):
        raise ModelError("Chưa nhập ngày nêu kiến nghị.", field="raised_on")
    if raised_on > today:
        raise ModelError("Ngày nêu kiến nghị không được sau hôm nay.", field="raised_on")
    if due_on is not None and due_on < raised_on:
        raise ModelError("Hạn giải quyết không được trước ngày nêu kiến nghị.", field="due_on")
    return content, cat


def create_recommendation(*, content: str, category: Any, raised_on: dt.date, group: Any = None,
                          meeting: Any = None, raised_by: Any = None, forwarded_to: str = "",
                          due_on: dt.date | None = None, today: dt.date | None = None) -> Recommendation:
    """A new recommendation in state "mới", with its first history entry.
    Raised at a meeting, it belongs to that meeting's group."""
    today = today or dt.date.today()
    content, cat = _check_fields(content, category, raised_on, due_on, today)
    m = _ref(Meeting, meeting, "buổi sinh hoạt", "meeting")
    g = _ref(Group, group, "tổ", "group")
    if m is not None:
        if g is not None and g.id != m.group_id:
            raise ModelError("Buổi sinh hoạt đã chọn không phải của tổ đã chọn.", field="meeting")
        g = m.group
    who = _ref(Person, raised_by, "người nêu kiến nghị", "raised_by")
    with database.atomic():
        rec = Recommendation.create(group=g, meeting=m, raised_by=who, category=cat, content=content,
                                    raised_on=raised_on, forwarded_to=nfc(forwarded_to), due_on=due_on,
                                    state=S.NEW)
        RecommendationEvent.create(recommendation=rec, state=S.NEW, on_date=raised_on, note="")
    return rec


def update_recommendation(rec: Any, *, content: str, category: Any, raised_on: dt.date,
                          group: Any = None, raised_by: Any = None, forwarded_to: str = "",
                          due_on: dt.date | None = None, today: dt.date | None = None) -> Recommendation:
    """Correct what was entered; the state only changes through ``change_state``."""
    today = today or dt.date.today()
    row = _get(rec)
    content, cat = _check_fields(content, category, raised_on, due_on, today)
    first_event = (RecommendationEvent.select(pw.fn.MIN(RecommendationEvent.on_date))
                   .where(RecommendationEvent.recommendation == row.id, RecommendationEvent.deleted_at.is_null(),
                          RecommendationEvent.state != S.NEW).scalar())
    if first_event is not None and raised_on > first_event:
        raise ModelError("Ngày nêu kiến nghị không được sau ngày kiến nghị được xử lý.", field="raised_on")
    g = _ref(Group, group, "tổ", "group")
    if row.meeting_id is not None and (g is None or g.id != row.meeting.group_id):
        g = row.meeting.group
    row.content, row.category, row.raised_on = content, cat, raised_on
    row.group, row.raised_by = g, _ref(Person, raised_by, "người nêu kiến nghị", "raised_by")
    row.forwarded_to, row.due_on = nfc(forwarded_to), due_on
    with database.atomic():
        row.save()
        # The first history entry is the raising itself.
        first = (RecommendationEvent.live()
                 .where(RecommendationEvent.recommendation == row.id, RecommendationEvent.state == S.NEW).first())
        if first is not None and first.on_date != raised_on:
            first.on_date = raised_on
            first.save()
    return row


def change_state(rec: Any, new_state: S, *, on_date: dt.date, note: str = "", answer: str = "",
                 forwarded_to: str | None = None, today: dt.date | None = None) -> Recommendation:
    """Move a recommendation to ``new_state`` on ``on_date``.

    Only the allowed transitions; the day no earlier than the last change and
    not in the future; forwarding needs the authority, answering needs the
    answer. Closing stores ``closed_on`` and the answer."""
    today = today or dt.date.today()
    row = _get(rec)
    current, new_state = S(row.state), S(new_state)
    if new_state not in TRANSITIONS[current]:
        allowed = ", ".join(f"“{STATE_NAMES[s]}”" for s in TRANSITIONS[current])
        tail = f" Chỉ có thể chuyển sang: {allowed}." if allowed else " Kiến nghị đã kết thúc."
        raise ModelError(f"Không thể chuyển kiến nghị từ “{STATE_NAMES[current]}” sang “{STATE_NAMES[new_state]}”."
                         + tail, field="state")
    if not isinstance(on_date, dt.date):
        raise ModelError("Chưa nhập ngày chuyển trạng thái.", field="on_date")
    if on_date > today:
        raise ModelError("Ngày chuyển trạng thái không được sau hôm nay.", field="on_date")
    last = (RecommendationEvent.select(pw.fn.MAX(RecommendationEvent.on_date))
            .where(RecommendationEvent.recommendation == row.id, RecommendationEvent.deleted_at.is_null()).scalar())
    floor = max(d for d in (last, row.raised_on) if d is not None)
    if on_date < floor:
        raise ModelError(f"Ngày chuyển trạng thái không được trước ngày {format_date(floor)}.", field="on_date")
    if forwarded_to is not None:
        row.forwarded_to = nfc(forwarded_to)
    if new_state is S.FORWARDED and not row.forwarded_to:
        raise ModelError("Chưa nhập cơ quan, đơn vị nhận kiến nghị.", field="forwarded_to")
    answer = (answer or "").strip()
    if new_state in (S.ANSWERED, S.OUT_OF_SCOPE) and not answer:
        raise ModelError("Chưa nhập nội dung trả lời.", field="answer")
    row.state = new_state
    if new_state.is_closed:
        row.closed_on = on_date
        row.answer = answer
    with database.atomic():
        row.save()
        RecommendationEvent.create(recommendation=row, state=new_state, on_date=on_date, note=(note or "").strip())
    return row


def history(rec: Any) -> list[HistoryEntry]:
    row = _get(rec)
    query = (RecommendationEvent.select()
             .where(RecommendationEvent.recommendation == row.id, RecommendationEvent.deleted_at.is_null())
             .order_by(RecommendationEvent.on_date, RecommendationEvent.id))
    return [HistoryEntry(S(e.state), e.on_date, e.note) for e in query]


def category_choices() -> list[tuple[int, str]]:
    return [(c.id, c.name) for c in RecommendationCategory.live().order_by(RecommendationCategory.sort_order)]


def get_recommendation(rec_id: int) -> Recommendation | None:
    """A live recommendation by id, or None."""
    row = Recommendation.get_or_none(Recommendation.id == rec_id)
    return None if row is None or row.deleted_at is not None else row


def delete_recommendation(rec: Any) -> None:
    """A recommendation entered by mistake: a tombstone (with its history),
    so that the deletion travels with the next package."""
    row = _get(rec)
    with database.atomic():
        for event in RecommendationEvent.live().where(RecommendationEvent.recommendation == row.id):
            event.tombstone()
        row.tombstone()
