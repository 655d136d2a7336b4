"""Mediation of disputes between residents (hòa giải)."""

from __future__ import annotations

import peewee as pw

from .areas import ResidentialArea
from .base import EnumField, TrackedModel
from .enums import MediationOutcome
from .groups import Group


class MediationCase(TrackedModel):
    area = pw.ForeignKeyField(ResidentialArea, backref="mediation_cases")
    group = pw.ForeignKeyField(Group, null=True, backref="mediation_cases")
    opened_on = pw.DateField(index=True)
    parties = pw.TextField()
    subject = pw.TextField()
    mediators = pw.TextField(default="")
    outcome = EnumField(MediationOutcome, default=MediationOutcome.PENDING)
    closed_on = pw.DateField(null=True)
