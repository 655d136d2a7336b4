"""Lists of the activity screens (meetings, recommendations, mediation,
coordination rules, terms). Same contract as ``models.listing``: count and
pages of display-ready tuples; each row here ends with the record's id, past
the screen's columns, so that a screen can open the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import peewee as pw

from .areas import ResidentialArea
from .listing import Listing, MeetingListing, RecommendationListing, Row, search_words
from .mediation import MediationCase
from .text import fold


class MeetingRegisterListing(MeetingListing):
    """The meeting list with the meeting id last."""

    id_last = True


# The recommendation list already carries the id last.
RecommendationRegisterListing = RecommendationListing


class MediationListing(Listing):
    """Hòa giải, newest first: opened, area, parties, subject, mediators,
    outcome, closed, id. Search matches a word of the parties' names."""

    filters = ("year", "area_id")

    def _base(self, search: str, year: int | None = None, area_id: int | None = None) -> pw.ModelSelect:
        query = MediationCase.select(MediationCase.id).where(MediationCase.deleted_at.is_null())
        if year is not None:
            query = query.where(MediationCase.opened_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        if area_id is not None:
            query = query.where(MediationCase.area == area_id)
        words = search_words(search)
        if words:
            # Few cases per commune: match the folded parties in Python.
            ids = [cid for cid, parties in query.select(MediationCase.id, MediationCase.parties).tuples()
                   if all(f" {w}" in f" {fold(parties)}" for w in words)]
            query = MediationCase.select(MediationCase.id).where(MediationCase.id.in_(ids))
        return query

    def _page(self, base: pw.ModelSelect, offset: int, limit: int, searching: bool = False) -> list[Row]:
        query = (base.select(MediationCase.opened_on, ResidentialArea.name, MediationCase.parties,
                             MediationCase.subject, MediationCase.mediators, MediationCase.outcome,
                             MediationCase.closed_on, MediationCase.id)
                 .join(ResidentialArea, on=(MediationCase.area == ResidentialArea.id))
                 .order_by(MediationCase.opened_on.desc(), MediationCase.id.desc())
                 .offset(offset).limit(limit).tuples())
        return [tuple(row) for row in query]


class FunctionListing(Listing):
    """A list computed by a function (a few thousand rows at most), searched
    on the folded text of chosen columns."""

    def __init__(self, rows: Callable[..., list[Row]], search_columns: tuple[int, ...] = (0,),
                 filters: tuple[str, ...] = ()):
        self.rows = rows
        self.search_columns = search_columns
        self.filters = filters

    def _matching(self, search: str, **filters: Any) -> list[Row]:
        rows = self.rows(**filters)
        words = search_words(search)
        if not words:
            return rows
        return [row for row in rows
                if all(any(f" {w}" in f" {fold(str(row[c]))}" for c in self.search_columns) for w in words)]

    def count(self, search: str = "", **filters: Any) -> int:
        return len(self._matching(search, **filters))

    def fetch(self, offset: int, limit: int, search: str = "", **filters: Any) -> list[Row]:
        return self._matching(search, **filters)[offset:offset + limit]
