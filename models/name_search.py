"""Search people by name as the clerk types, over the word index.

The query is folded like the names (``text.fold``: no marks, no case, đ is
d). Each of its words must match a word of the name: whole, for the words
the clerk has finished (a space follows), or as a prefix, for the word being
typed — so "nguyen thi h" finds "Nguyễn Thị Hải Yến", and "yen" finds her
too, but "thi" finished does not also find "Thiện".

Each word is looked up in ``person_word`` as a range of the index
(``word >= 'yen' AND word < 'yeo'``), portable SQL. The rarest word decides
the plan:

* a *small* result (the rarest word has few rows): the matches are found
  through that word and sorted; the count is exact;
* a *large* one: the list walks people in Vietnamese name order (through
  the rarest finished word's rows, which the index keeps in that order, or
  through ``person.sort_key``) and stops at the page; the count stops at
  ``COUNT_CAP`` and the screen says "more than".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import peewee as pw

from .people import Person, PersonWord
from .text import fold

# A word with at most this many index rows makes a small result.
SMALL = 15_000
# Words are sized up to here to choose the rarest; bigger ones tie.
SIZE_CAP = 30_000
# Counting a large result stops here; the screen shows "hơn 500".
COUNT_CAP = 500
# Sizes only choose a plan (the results never depend on them), so they are
# remembered: the count and each page of one keystroke plan alike.
_sizes: dict[Term, int] = {}


@dataclass(frozen=True)
class Term:
    word: str
    exact: bool

    def condition(self) -> pw.Expression:
        if self.exact:
            return PersonWord.word == self.word
        upper = self.word[:-1] + chr(ord(self.word[-1]) + 1)
        return (PersonWord.word >= self.word) & (PersonWord.word < upper)

    def size(self) -> int:
        """Rows of the index for this term, counted up to SIZE_CAP."""
        if self not in _sizes:
            if len(_sizes) > 2_000:
                _sizes.clear()
            _sizes[self] = PersonWord.select(pw.SQL("1")).where(self.condition()).limit(SIZE_CAP).count()
        return _sizes[self]


def forget_sizes() -> None:
    """Another database was opened."""
    _sizes.clear()


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
    if typing and words[-1] not in unique:
        found.append(Term(words[-1], False))
    return found


def has(person_id: pw.Node, term: Term) -> pw.Expression:
    """The person has a word matching ``term`` (a probe of the index)."""
    return pw.fn.EXISTS(
        PersonWord.select(pw.SQL("1")).where((PersonWord.person == person_id) & term.condition())
    )


@dataclass
class NameMatch:
    """How to find the people matching a query."""

    terms: list[Term]  # rarest first
    small: bool
    # The rarest finished word: its index rows stream in name order.
    stream: Term | None

    def condition(self, person_id: pw.Node = Person.id) -> pw.Expression | None:
        """All the terms, as a condition on a person id column."""
        if not self.terms:
            return None
        first, *rest = self.terms
        if self.small:
            cond = person_id.in_(PersonWord.select(PersonWord.person).where(first.condition()))
        else:
            cond = has(person_id, first)
        for term in rest:
            cond &= has(person_id, term)
        return cond

    def probes(self, person_id: pw.Node, driver: Term | None) -> pw.Expression | None:
        """The terms other than ``driver``, as index probes."""
        cond = None
        for term in self.terms:
            if term != driver:
                part = has(person_id, term)
                cond = part if cond is None else cond & part
        return cond


def plan(search: str) -> NameMatch:
    found = terms(search)
    if not found:
        return NameMatch([], True, None)
    sizes = {t: t.size() for t in found}
    ordered = sorted(found, key=lambda t: (sizes[t], not t.exact))
    if sizes[ordered[0]] <= SMALL:
        return NameMatch(ordered, True, None)
    exact = [t for t in ordered if t.exact]
    return NameMatch(ordered, False, exact[0] if exact else None)


def _range(alias: pw.ModelAlias, term: Term) -> pw.Expression:
    if term.exact:
        return alias.word == term.word
    upper = term.word[:-1] + chr(ord(term.word[-1]) + 1)
    return (alias.word >= term.word) & (alias.word < upper)


def _live(query: pw.ModelSelect, person_id: pw.Node, filters: list[pw.Expression]) -> pw.ModelSelect:
    """Only the filters need the person's row; the index holds living people only."""
    if filters:
        query = query.join(Person, on=(Person.id == person_id)).where(*filters)
    return query


def page_ids(match: NameMatch, offset: int, limit: int, filters: list[pw.Expression]) -> list[int]:
    """Ids of one page of matching living people, in Vietnamese name order.

    Reads the index alone and touches the people's rows for the filters
    only: a row of ``person`` is far from the next one on disk."""
    if not match.terms:
        query = Person.select(Person.id).where(Person.deleted_at.is_null(), *filters).order_by(
            Person.sort_key, Person.id)
    elif match.small or match.stream is not None:
        driver = match.terms[0] if match.small else match.stream
        word = PersonWord.alias("d")
        query = word.select(word.person, word.sort_key).where(_range(word, driver))
        probes = match.probes(word.person, driver)
        if probes is not None:
            query = query.where(probes)
        if not driver.exact:
            query = query.distinct()
        query = _live(query, word.person, filters).order_by(word.sort_key, word.person)
    else:
        # Only the word being typed, and it is common: walk everyone in
        # name order (the sort_key index) and stop at the page.
        query = Person.select(Person.id).where(Person.deleted_at.is_null(), match.condition(Person.id), *filters)
        query = query.order_by(Person.sort_key, Person.id)
    return [row[0] for row in query.offset(offset).limit(limit).tuples()]


def count(match: NameMatch, filters: list[pw.Expression], cap: int) -> int:
    """How many living people match; a large result is counted up to
    ``cap`` + 1, walking the rarest word's index rows. A person with two
    words starting with the prefix is counted at the first of them only."""
    if not match.terms:
        return Person.select(Person.id).where(Person.deleted_at.is_null(), *filters).count()
    driver = match.terms[0]
    word = PersonWord.alias("c")
    query = word.select(word.person).where(_range(word, driver))
    probes = match.probes(word.person, driver)
    if probes is not None:
        query = query.where(probes)
    if not driver.exact:
        earlier = PersonWord.alias("e")
        query = query.where(~pw.fn.EXISTS(
            earlier.select(pw.SQL("1")).where(
                (earlier.person == word.person) & (earlier.word >= driver.word) & (earlier.word < word.word))))
    query = _live(query, word.person, filters)
    return query.count() if match.small else query.limit(cap + 1).count()
