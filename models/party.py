"""Party members, their assignment to groups, and the yearly comments on those
who live here but belong to a party organisation elsewhere."""

from __future__ import annotations

import peewee as pw

from .base import TrackedModel, by_owner
from .groups import Group
from .people import Person


class PartyMember(TrackedModel):
    person = pw.ForeignKeyField(Person, backref="party_records")
    card_number = pw.CharField(max_length=20, default="")
    admitted_on = pw.DateField(null=True)
    official_on = pw.DateField(null=True)
    party_cell = pw.CharField(default="")
    workplace_org = pw.CharField(default="")
    # Works elsewhere but lives here: gets a yearly comment from this area.
    lives_here = pw.BooleanField(default=False)
    # Excused from activity (old age, illness): no comment form is printed.
    excused = pw.BooleanField(default=False)


PartyMember.add_index(PartyMember.index(PartyMember.person, unique=True, name="party_member_one_per_person",
                      where=PartyMember.deleted_at.is_null()))


class PartyAssignment(TrackedModel):
    party_member = pw.ForeignKeyField(PartyMember, backref="assignments")
    group = pw.ForeignKeyField(Group, backref="party_assignments")
    start_date = pw.DateField(null=True)
    end_date = pw.DateField(null=True)


class PartyComment(TrackedModel):
    party_member = pw.ForeignKeyField(PartyMember, backref="comments", index=False)  # (party_member, year)
    year = pw.IntegerField()
    cell_comment = pw.TextField(default="")
    front_comment = pw.TextField(default="")
    written_on = pw.DateField(null=True)

    class Meta:
        indexes = ((("party_member", "year"), False),)


by_owner(PartyMember)
