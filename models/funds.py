"""Funds and campaigns, amounts raised per group, and yearly group budgets.
Money is kept in whole đồng."""

from __future__ import annotations

import peewee as pw

from .base import TrackedModel
from .groups import Group


class Fund(TrackedModel):
    name = pw.CharField()
    description = pw.TextField(default="")


class FundContribution(TrackedModel):
    fund = pw.ForeignKeyField(Fund, backref="contributions")
    group = pw.ForeignKeyField(Group, backref="fund_contributions")
    year = pw.IntegerField()  # indexed first in its *_figures index
    target = pw.BigIntegerField(default=0)
    raised = pw.BigIntegerField(default=0)


class GroupBudget(TrackedModel):
    group = pw.ForeignKeyField(Group, backref="budgets")
    year = pw.IntegerField()  # indexed first in its *_figures index
    amount = pw.BigIntegerField()
