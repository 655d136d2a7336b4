"""The audit log: who changed which record, which fields, from what to what.

Written beside every save of a travelling record, in the same transaction; it
never travels, and the database refuses to edit or delete its rows.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

from .base import TrackedModel, context
from .users import AuditEntry

# Bookkeeping columns: they change on every save and say nothing to a reader.
_SKIP = {"id", "uuid", "owner_unit", "rev", "updated_at", "deleted_at", "search_name", "sort_key"}


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _fields(record: TrackedModel) -> dict[str, Any]:
    values = {}
    for field in record._meta.sorted_fields:
        if field.name in _SKIP:
            continue
        values[field.name] = _plain(record.__data__.get(field.name))
    return values


def record_change(record: TrackedModel, before: TrackedModel | None) -> None:
    new = _fields(record)
    if before is None:
        action = "create"
        changes = {k: [None, v] for k, v in new.items() if v not in (None, "", 0, False)}
    else:
        old = _fields(before)
        changes = {k: [old[k], v] for k, v in new.items() if old.get(k) != v}
        became_deleted = before.deleted_at is None and record.deleted_at is not None
        action = "delete" if became_deleted else "update"
        if not changes and not became_deleted:
            return
    log(record._meta.table_name, record.uuid.hex if hasattr(record.uuid, "hex") else str(record.uuid),
        action, changes)


def log(table: str, record_uuid: str, action: str, changes: dict[str, Any] | None = None) -> None:
    """Add one entry; also used for exports and other acts that change no row."""
    AuditEntry.insert(username=context.user, table=table, record_uuid=record_uuid, action=action,
                      changes=json.dumps(changes or {}, ensure_ascii=False)).execute()


def entries(table: str | None = None, record_uuid: str | None = None, limit: int = 500) -> list[AuditEntry]:
    query = AuditEntry.select().order_by(AuditEntry.id.desc()).limit(limit)
    if table:
        query = query.where(AuditEntry.table == table)
    if record_uuid:
        query = query.where(AuditEntry.record_uuid == record_uuid)
    return list(query)


# What a record's table is called on screen; anything else shows its own name.
TABLE_NAMES = {
    "person": "Người dân", "group": "Tổ", "membership": "Thành viên tổ", "residential_area": "Khu dân cư",
    "party_member": "Đảng viên", "party_assignment": "Phân công đảng viên", "meeting": "Sinh hoạt",
    "recommendation": "Kiến nghị", "recommendation_event": "Diễn biến kiến nghị", "mediation_case": "Hòa giải",
    "household_title": "Danh hiệu hộ", "group_title": "Danh hiệu tổ", "decision": "Quyết định khen thưởng",
    "recipient": "Người được khen", "user": "Tài khoản",
}


class AuditListing:
    """The log for the screen, newest first: when, who, what, which record,
    the changes as text. Searched by user name, table or action."""

    filters = ("username",)

    def _base(self, search: str, username: str | None = None):
        query = AuditEntry.select()
        words = search.strip().lower()
        if words:
            query = query.where((AuditEntry.username ** f"%{words}%") | (AuditEntry.table ** f"%{words}%")
                                | (AuditEntry.action ** f"%{words}%"))
        if username:
            query = query.where(AuditEntry.username == username)
        return query

    def count(self, search: str = "", **filters: Any) -> int:
        return self._base(search, **filters).count()

    def fetch(self, offset: int, limit: int, search: str = "", **filters: Any) -> list[tuple]:
        rows = []
        for e in self._base(search, **filters).order_by(AuditEntry.id.desc()).offset(offset).limit(limit):
            changes = json.loads(e.changes or "{}")
            text = "; ".join(f"{k}: {_show(v[0])} → {_show(v[1])}" for k, v in changes.items())
            rows.append((e.at, e.username or "(không đăng nhập)", TABLE_NAMES.get(e.table, e.table),
                         e.action, e.record_uuid[:8], text))
        return rows


def _show(value: Any) -> str:
    return "∅" if value in (None, "") else str(value)
