"""Commendation decisions and their recipients (a person or a group)."""

from __future__ import annotations

import peewee as pw

from .base import TrackedModel
from .catalogues import CommendationForm
from .groups import Group
from .people import Person


class Decision(TrackedModel):
    number = pw.CharField(index=True)
    signed_on = pw.DateField()
    issuer = pw.CharField()
    signer_name = pw.CharField()
    signer_title = pw.CharField()
    form = pw.ForeignKeyField(CommendationForm, backref="decisions")
    reason = pw.TextField(default="")


class Recipient(TrackedModel):
    decision = pw.ForeignKeyField(Decision, backref="recipients")
    person = pw.ForeignKeyField(Person, null=True, backref="commendations")
    group = pw.ForeignKeyField(Group, null=True, backref="commendations")
    achievement = pw.TextField()
    golden_book_no = pw.CharField(default="")

    class Meta:
        constraints = [pw.SQL("CHECK ((person_id IS NULL) <> (group_id IS NULL))")]
