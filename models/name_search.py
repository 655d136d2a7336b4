"""Search people by name as the clerk types, over the word index.

The query is folded like the names (``text.fold``: no marks, no case, đ is
d). Each of its words must match a word of the name: whole, for the words
the clerk has finished (a space follows), or as a prefix, for the word being
typed — so "nguyen thi h" finds "Nguyễn Thị Hải Yến", and "yen" finds her
too, but "thi" finished does not also find "Thiện".

``person_word`` holds, for each living person, one row per word of the
name and one per pair of its words (``people.pair_key``: "~thi van"), each
with the person's sort key, so that the rows of one key come out of the
index in Vietnamese name order. A pair answers two common words that rarely
meet ("van thi", "nguyen thi hai") by its own rows instead of walking one
word's tens of thousands of rows probing for the other.

The query's *drivers* are its words and the pairs of its words; the word
being typed stands for the words of the index it starts (found by seeking
the index word to word), so a driver is a short list of index keys. The
plan covers every term with the smallest drivers (``plan``), and the
matches are their rows, each key's rows walked in name order, merged and
intersected in one flat compound query (``a UNION b INTERSECT c ORDER BY
sort_key``) that SQLite runs lazily: a page or a capped count stops as soon
as it has its rows, whatever the size of the words. No per-row probes:
a probe of the (person, word) index costs microseconds, a step along an
ordered arm a tenth of that.

* a *small* result (the smallest driver has at most ``SMALL`` rows) is
  counted exactly;
* a *large* one is counted up to ``COUNT_CAP`` + 1 and the screen says
  "more than".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

import peewee as pw

from .people import Person, PersonWord, pair_key
from .text import fold

# A driver with at most this many index rows makes a small result, counted
# exactly (every row of the drivers is walked).
SMALL = 15_000
# Drivers are sized up to here to choose the smallest; bigger ones tie.
SIZE_CAP = 30_000
# Counting a large result stops here; the screen shows "hơn 500".
COUNT_CAP = 500
# Sizes only choose a plan (the results never depend on them), so they are
# remembered: the count and each page of one keystroke plan alike.
_sizes: dict[tuple[str, ...], int] = {}


@dataclass(frozen=True)
class Term:
    """One word of the query: finished (matched whole) or being typed (a prefix)."""

    word: str
    exact: bool

    def upper(self) -> str:
        return self.word[:-1] + chr(ord(self.word[-1]) + 1)

    def condition(self, column: pw.Field = PersonWord.word) -> pw.Expression:
        if self.exact:
            return column == self.word
        return (column >= self.word) & (column < self.upper())

    def words(self) -> list[str]:
        """The words of the index this term matches, found by seeking the
        index from word to word (one seek per distinct word, not a walk of
        its rows), in one recursive query."""
        if self.exact:
            return [self.word]
        table = PersonWord._meta.table_name
        sql = (f'WITH RECURSIVE v(w) AS (SELECT MIN(word) FROM "{table}" WHERE word >= ? AND word < ? '
               f'UNION ALL SELECT (SELECT MIN(word) FROM "{table}" WHERE word > v.w AND word < ?) '
               f'FROM v WHERE v.w IS NOT NULL) SELECT w FROM v WHERE w IS NOT NULL')
        return [w for (w,) in _rows(sql, [self.word, self.upper(), self.upper()])]


# The last plan, with the database's change stamp when it was made: the
# count and the first page of one keystroke share it.
_last: tuple[str, object, NameMatch] | None = None


def forget_sizes() -> None:
    """Another database was opened."""
    global _last
    _sizes.clear()
    _last = None


def terms(search: str) -> list[Term]:
    folded = fold(search)
    words = re.findall(r"[a-z0-9]+", folded)
    if not words:
        return []
    # A space after the last word: the clerk has finished it.
    typing = search == search.rstrip()
    # The same word twice ("van van") is one condition.
    unique = list(dict.fromkeys(words[:-1] if typing else words))
    found = [Term(w, True) for w in unique]
    # The word being typed needs a word starting with it; a finished word
    # that starts with it already is one ("van va").
    if typing and not any(w.startswith(words[-1]) for w in unique):
        found.append(Term(words[-1], False))
    return found


def has(person_id: pw.Node, term: Term) -> pw.Expression:
    """The person has a word matching ``term`` (a probe of the index)."""
    return pw.fn.EXISTS(
        PersonWord.select(pw.SQL("1")).where((PersonWord.person == person_id) & term.condition())
    )


@dataclass(frozen=True)
class Driver:
    """Index keys whose rows, together, hold every match (and maybe more)."""

    keys: tuple[str, ...]
    covers: frozenset[Term]  # the terms every row of these keys satisfies

    def size(self) -> int:
        """Rows of the index under these keys, counted up to SIZE_CAP."""
        if self.keys not in _sizes:
            if len(_sizes) > 2_000:
                _sizes.clear()
            if not self.keys:
                _sizes[self.keys] = 0
            else:
                query = PersonWord.select(pw.SQL("1")).where(PersonWord.word.in_(list(self.keys)))
                _sizes[self.keys] = query.limit(SIZE_CAP).count()
        return _sizes[self.keys]


@dataclass
class NameMatch:
    """How to find the people matching a query: the drivers whose rows,
    intersected, are the matches (the one with several keys first)."""

    terms: list[Term]
    drivers: list[Driver] = field(default_factory=list)
    small: bool = True

    def condition(self, person_id: pw.Node = Person.id) -> pw.Expression | None:
        """All the terms, as a condition on a person id column."""
        cond = None
        for driver in self.drivers:
            part = person_id.in_(PersonWord.select(PersonWord.person).where(PersonWord.word.in_(list(driver.keys))))
            cond = part if cond is None else cond & part
        return cond


def drivers(found: list[Term]) -> list[Driver]:
    """Each term alone, and each pair of terms (a term being typed pairs
    with each word it stands for)."""
    words = {t: t.words() for t in found}
    result = [Driver(tuple(words[t]), frozenset([t])) for t in found]
    for a, b in combinations(found, 2):
        exact, other = (a, b) if a.exact else (b, a)
        keys = tuple(dict.fromkeys(pair_key(exact.word, w) for w in words[other] if w != exact.word))
        result.append(Driver(keys, frozenset([a, b])))
    return result


def plan(search: str) -> NameMatch:
    """How to search, remembered while nothing is written (the words a
    typed prefix stands for are read from the index)."""
    from .db import data_stamp

    global _last
    stamp = data_stamp()
    if stamp is not None and _last is not None and _last[:2] == (search, stamp):
        return _last[2]
    match = _plan(search)
    _last = (search, stamp, match)
    return match


def _plan(search: str) -> NameMatch:
    """The drivers that cover every term with the fewest rows: the
    smallest, then for each term left the smallest driver that takes it
    in. Only one driver may have several keys (the word being typed):
    the candidates are written as one flat compound query."""
    found = terms(search)
    if not found:
        return NameMatch([])
    candidates = drivers(found)
    chosen: list[Driver] = []
    covered: set[Term] = set()
    while covered != set(found):
        several = any(len(d.keys) > 1 for d in chosen)
        usable = [d for d in candidates if d.covers - covered and not (several and len(d.keys) > 1)]
        best = min(usable, key=lambda d: (d.size(), -len(d.covers - covered), len(d.keys)))
        chosen.append(best)
        covered |= best.covers
    chosen.sort(key=lambda d: len(d.keys) <= 1)
    return NameMatch(found, chosen, min(d.size() for d in chosen) <= SMALL)


def _live(query: pw.ModelSelect, person_id: pw.Node, filters: list[pw.Expression]) -> pw.ModelSelect:
    """Only the filters need the person's row; the index holds living people only."""
    if filters:
        query = query.join(Person, on=(Person.id == person_id)).where(*filters)
    return query


def _candidates(match: NameMatch, filters: list[pw.Expression]) -> tuple[str, list]:
    """The matching people as (k = sort_key, p = person) rows, each once,
    in name order: one arm per key, each walking the index in name order,
    merged (the keys of the first driver) and intersected (each other
    driver): ``a UNION b UNION c INTERSECT d INTERSECT e ORDER BY k, p``,
    which SQLite merges lazily, so a page stops as soon as it is full."""
    from .db import ordered_compound

    arms, ops = [], []
    keys = [(n, key) for n, driver in enumerate(match.drivers) for key in driver.keys]
    for i, (n, key) in enumerate(keys):
        word = PersonWord.alias("w")
        arm = word.select(word.sort_key.alias("k"), word.person.alias("p")).where(word.word == key)
        # Filters on every arm of a union; once intersected, on the last arm only.
        if len(match.drivers) == 1 or i == len(keys) - 1:
            arm = _live(arm, word.person, filters)
        if i:
            ops.append("UNION" if n == 0 else "INTERSECT")
        arms.append(arm)
    return ordered_compound(arms, ops, "k, p")


def _rows(sql: str, params: list) -> list[tuple]:
    return list(PersonWord._meta.database.execute_sql(sql, params).fetchall())


def page_ids(match: NameMatch, offset: int, limit: int, filters: list[pw.Expression]) -> list[int]:
    """Ids of one page of matching living people, in Vietnamese name order.

    Reads the index alone and touches the people's rows for the filters
    only: a row of ``person`` is far from the next one on disk."""
    if not match.drivers:
        query = Person.select(Person.id).where(Person.deleted_at.is_null(), *filters).order_by(
            Person.sort_key, Person.id)
        return [row[0] for row in query.offset(offset).limit(limit).tuples()]
    if not all(d.keys for d in match.drivers):
        return []
    sql, params = _candidates(match, filters)
    return [row[1] for row in _rows(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])]


def count(match: NameMatch, filters: list[pw.Expression], cap: int) -> int:
    """How many living people match; a large result is counted up to
    ``cap`` + 1, merging the driver's rows in name order."""
    if not match.drivers:
        return Person.select(Person.id).where(Person.deleted_at.is_null(), *filters).count()
    if not all(d.keys for d in match.drivers):
        return 0
    sql, params = _candidates(match, filters)
    if match.small:
        return _rows(f"SELECT COUNT(*) FROM ({sql}) AS m", params)[0][0]
    # The ORDER BY stays: it is what makes the merge stop at the cap.
    return _rows(f"SELECT COUNT(*) FROM ({sql} LIMIT ?) AS m", [*params, cap + 1])[0][0]
