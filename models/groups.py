"""Neighbourhood groups (tổ) and their members with roles and dates."""

from __future__ import annotations

import peewee as pw

from .areas import ResidentialArea
from .base import EnumField, TrackedModel, by_owner
from .catalogues import GroupType
from .enums import Role
from .people import Person
from .text import fold, nfc


class Group(TrackedModel):
    name = pw.CharField()
    search_name = pw.CharField(default="", index=True)
    area = pw.ForeignKeyField(ResidentialArea, backref="groups")
    group_type = pw.ForeignKeyField(GroupType, backref="groups")
    founded_on = pw.DateField(null=True)
    dissolved_on = pw.DateField(null=True)

    def save(self, *args, **kwargs):  # type: ignore[override]
        self.name = nfc(self.name)
        self.search_name = fold(self.name)
        return super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None and self.deleted_at is None


class Membership(TrackedModel):
    group = pw.ForeignKeyField(Group, backref="memberships")
    person = pw.ForeignKeyField(Person, backref="memberships", index=False)  # (person, group) at the end
    role = EnumField(Role, default=Role.MEMBER)
    start_date = pw.DateField(null=True)
    end_date = pw.DateField(null=True)

    class Meta:
        constraints = [pw.SQL("CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)")]


# At most one serving tổ trưởng per group, enforced by the database itself.
Membership.add_index(
    Membership.index(
        Membership.group,
        unique=True,
        name="membership_one_serving_leader",
        where=(
            (Membership.role == Role.LEADER.value)
            & Membership.end_date.is_null()
            & Membership.deleted_at.is_null()
        ),
    )
)
Membership.add_index(Membership.index(Membership.person, Membership.group))


by_owner(Group)
