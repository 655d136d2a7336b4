"""Yearly titles of households (a household is its head) and of groups or areas."""

from __future__ import annotations

import peewee as pw

from .areas import ResidentialArea
from .base import EnumField, TrackedModel
from .enums import GroupTitleKind, HouseholdTitleKind
from .groups import Group
from .people import Person


class HouseholdTitle(TrackedModel):
    head = pw.ForeignKeyField(Person, backref="household_titles")
    year = pw.IntegerField()  # indexed first in its *_figures index
    kind = EnumField(HouseholdTitleKind)


HouseholdTitle.add_index(
    HouseholdTitle.index(HouseholdTitle.head, HouseholdTitle.year, HouseholdTitle.kind, unique=True,
                         name="household_title_once_a_year",
                         where=HouseholdTitle.deleted_at.is_null())
)


class GroupTitle(TrackedModel):
    """A title of a group, or of a whole area when group is empty."""

    group = pw.ForeignKeyField(Group, null=True, backref="titles")
    area = pw.ForeignKeyField(ResidentialArea, null=True, backref="titles")
    year = pw.IntegerField()  # indexed first in its *_figures index
    kind = EnumField(GroupTitleKind)

    class Meta:
        constraints = [pw.SQL("CHECK (group_id IS NOT NULL OR area_id IS NOT NULL)")]
