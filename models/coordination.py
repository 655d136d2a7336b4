"""Coordination rules (quy chế phối hợp) between a tổ trưởng and the head of
the Front work committee, and their yearly reviews."""

from __future__ import annotations

import peewee as pw

from .base import TrackedModel
from .groups import Group


class CoordinationRule(TrackedModel):
    group = pw.ForeignKeyField(Group, backref="coordination_rules")
    signed_on = pw.DateField()
    leader_name = pw.CharField()
    front_head_name = pw.CharField()
    note = pw.TextField(default="")


class RuleReview(TrackedModel):
    rule = pw.ForeignKeyField(CoordinationRule, backref="reviews")
    year = pw.IntegerField()
    reviewed_on = pw.DateField()
    note = pw.TextField(default="")
