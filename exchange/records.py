"""Which records travel and how a row is written in a payload.

A row is a list of values in the order of its table's columns: the tracked
columns first, then the model's own fields; a foreign key is written as the
uuid (hex) of the record it points to, never as a local id. Attendance and
topic links travel inside their Meeting as two extra columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import peewee as pw

from models.base import TrackedModel
from models.catalogues import CommendationForm, GroupType, MeetingTopic, RecommendationCategory
from models.meetings import Meeting
from models.registry import MODELS

CATALOGUES: tuple[type[TrackedModel], ...] = (GroupType, MeetingTopic, RecommendationCategory, CommendationForm)
TRACKED = ("uuid", "owner_unit", "rev", "updated_at", "deleted_at")
# Meeting's extra columns: the uuids of the members present, of the topics.
PRESENT, TOPICS = "_present", "_topics"

TABLE_LABELS = {
    "group_type": "Loại tổ", "meeting_topic": "Nội dung sinh hoạt", "recommendation_category": "Lĩnh vực kiến nghị",
    "commendation_form": "Hình thức khen thưởng", "residential_area": "Khu dân cư", "person": "Người dân",
    "group": "Tổ", "membership": "Thành viên tổ", "party_member": "Đảng viên",
    "party_assignment": "Phân công đảng viên", "party_comment": "Nhận xét đảng viên", "meeting": "Sinh hoạt tổ",
    "recommendation": "Kiến nghị", "recommendation_event": "Diễn biến kiến nghị", "mediation_case": "Hòa giải",
    "household_title": "Danh hiệu hộ", "group_title": "Danh hiệu tổ, khu dân cư", "fund": "Quỹ",
    "fund_contribution": "Đóng góp quỹ", "group_budget": "Kinh phí tổ", "coordination_rule": "Quy chế phối hợp",
    "rule_review": "Rà soát quy chế", "decision": "Quyết định khen thưởng", "recipient": "Người, tổ được khen",
}


@dataclass(frozen=True)
class Column:
    name: str  # in the payload (the field's name)
    db: str  # in the table
    ref: type[pw.Model] | None  # the model a foreign key points to


@dataclass(frozen=True)
class Spec:
    model: type[TrackedModel]
    table: str
    columns: tuple[Column, ...]
    names: list[str]  # the payload's columns: the fields, then Meeting's links


def _spec(model: type[TrackedModel]) -> Spec:
    fields = model._meta.fields
    ordered = [fields[n] for n in TRACKED] + [f for f in model._meta.sorted_fields
                                              if f.name not in TRACKED and not isinstance(f, pw.AutoField)]
    columns = tuple(Column(f.name, f.column_name, f.rel_model if isinstance(f, pw.ForeignKeyField) else None)
                    for f in ordered)
    names = [c.name for c in columns] + ([PRESENT, TOPICS] if model is Meeting else [])
    return Spec(model, model._meta.table_name, columns, names)


@lru_cache(maxsize=1)
def specs() -> dict[str, Spec]:
    """Every travelling model by table name, parents before children."""
    return {m._meta.table_name: _spec(m) for m in MODELS if issubclass(m, TrackedModel)}


def catalogue_tables() -> set[str]:
    return {m._meta.table_name for m in CATALOGUES}


def data_tables() -> set[str]:
    return set(specs()) - catalogue_tables()
