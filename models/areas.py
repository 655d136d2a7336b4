"""Residential areas (thôn, ấp, khóm, khu phố, tổ dân phố) under a commune."""

from __future__ import annotations

import peewee as pw

from .base import EnumField, TrackedModel
from .enums import AreaKind


class ResidentialArea(TrackedModel):
    name = pw.CharField()
    kind = EnumField(AreaKind)
    commune_code = pw.CharField(max_length=5, index=True)
    # Trưởng ban công tác Mặt trận: signs the coordination rules with the tổ trưởng.
    front_head_name = pw.CharField(default="")
    dissolved_on = pw.DateField(null=True)
