"""Residents' recommendations (kiến nghị, đề xuất) and their history."""

from __future__ import annotations

import peewee as pw

from .base import EnumField, TrackedModel, by_owner
from .catalogues import RecommendationCategory
from .enums import RecommendationState
from .groups import Group
from .meetings import Meeting
from .people import Person


class Recommendation(TrackedModel):
    group = pw.ForeignKeyField(Group, null=True, backref="recommendations")
    meeting = pw.ForeignKeyField(Meeting, null=True, backref="recommendations")
    raised_by = pw.ForeignKeyField(Person, null=True, backref="recommendations")
    category = pw.ForeignKeyField(RecommendationCategory, backref="recommendations", index=False)  # *_figures
    content = pw.TextField()
    raised_on = pw.DateField(index=True)
    forwarded_to = pw.CharField(default="")
    due_on = pw.DateField(null=True)
    state = EnumField(RecommendationState, default=RecommendationState.NEW, index=True)
    closed_on = pw.DateField(null=True)
    answer = pw.TextField(default="")


class RecommendationEvent(TrackedModel):
    """One dated change of state, kept as history."""

    recommendation = pw.ForeignKeyField(Recommendation, backref="events")
    state = EnumField(RecommendationState)
    on_date = pw.DateField()
    note = pw.TextField(default="")


by_owner(Recommendation)
