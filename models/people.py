"""People living in the commune."""

from __future__ import annotations

import re

import peewee as pw

from .areas import ResidentialArea
from .base import BaseModel, EnumField, TrackedModel, by_owner, database
from .enums import Gender
from .text import fold, nfc, sort_key


class Person(TrackedModel):
    full_name = pw.CharField()
    # Folded name for search ('dang' finds 'Đặng') and the Vietnamese sort key;
    # both are derived from full_name on every save.
    search_name = pw.CharField(default="")  # searched through PersonWord
    sort_key = pw.CharField(index=True, default="")
    gender = EnumField(Gender, null=True)
    # Old records often hold the year alone: birth_date is then empty.
    birth_year = pw.IntegerField(null=True)
    birth_date = pw.DateField(null=True)
    id_number = pw.CharField(max_length=12, null=True)
    phone = pw.CharField(max_length=20, default="")
    address = pw.CharField(default="")
    ethnicity = pw.CharField(default="Kinh")
    religion = pw.CharField(default="")
    occupation = pw.CharField(default="")
    area = pw.ForeignKeyField(ResidentialArea, null=True, backref="people", index=False)  # person_figures
    household_head = pw.ForeignKeyField("self", null=True, backref="household")
    # Set when the person's own data were erased on request; counts stay.
    erased_at = pw.DateTimeField(null=True)

    def save(self, *args, **kwargs):  # type: ignore[override]
        self.full_name = nfc(self.full_name)
        self.search_name = fold(self.full_name)
        self.sort_key = sort_key(self.full_name)
        if self.birth_date is not None:
            self.birth_year = self.birth_date.year
        with database.atomic():
            result = super().save(*args, **kwargs)
            index_person_words(self)
        return result

    @property
    def is_household_head(self) -> bool:
        return self.household_head_id is None or self.household_head_id == self.id


# A CCCD/CMND number is unique among living records only: a tombstoned
# duplicate must not block the correction.
Person.add_index(
    Person.index(Person.id_number, unique=True, name="person_unique_id_number",
                 where=(Person.deleted_at.is_null() & Person.id_number.is_null(False)))
)


def words_of(search_name: str) -> list[str]:
    """The distinct words of a folded name."""
    return sorted(set(re.findall(r"[a-z0-9]+", search_name or "")))


# Pair keys start with a character that sorts after every word, so that a
# range of words ("yen" up to "yeo") never takes in a pair.
PAIR = "~"


def pair_key(a: str, b: str) -> str:
    """The index key of two words of one name, in either order: "~thi van"."""
    return f"{PAIR}{a} {b}" if a < b else f"{PAIR}{b} {a}"


def name_words(search_name: str) -> list[str]:
    """The keys the search index holds for a folded name: each distinct
    word, and each pair of distinct words (``pair_key``)."""
    words = words_of(search_name)
    return words + [pair_key(a, b) for i, a in enumerate(words) for b in words[i + 1:]]


class PersonWord(BaseModel):
    """The search index over people's names: one row per word of the folded
    name of each living person and one per pair of its words (``name_words``),
    with the person's sort key so that one key's rows come out in Vietnamese
    name order. Kept in step by
    ``Person.save``; filled in bulk by the migration and the demo generator."""

    # The key's columns first: SQLite 3.40's integrity check misreads a WITHOUT
    # ROWID table whose NOT NULL column comes before one of its key's.
    person = pw.ForeignKeyField(Person, backref="words", index=False, on_delete="CASCADE")
    word = pw.CharField(max_length=40)
    sort_key = pw.CharField(default="")

    class Meta:
        # Stored by person (a person's rows are rewritten together, and a batch of
        # packages appends), with no rowid table beside it; searched through
        # (word, sort_key), an index that holds the person too.
        primary_key = pw.CompositeKey("person", "word")
        without_rowid = True
        indexes = ((("word", "sort_key"), False),)


def index_person_words(person: Person) -> None:
    """Rewrite one person's rows of the search index (none once tombstoned)."""
    PersonWord.delete().where(PersonWord.person == person.id).execute()
    if person.deleted_at is None:
        rows = [(w, person.sort_key, person.id) for w in name_words(person.search_name)]
        if rows:
            PersonWord.insert_many(rows, fields=[PersonWord.word, PersonWord.sort_key, PersonWord.person]).execute()


by_owner(Person)
