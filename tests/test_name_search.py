"""Search by name through the word index: same answers as the plain rule,
kept in step with every save, and the large-result plans."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import name_search
from models.listing import PersonListing
from models.people import Person, PersonWord
from models.text import fold, sort_key

WORDS = ["Nguyễn", "Nguyên", "Thị", "Thiện", "Hải", "Hà", "Yến", "Đặng", "Dương", "An", "Anh", "Văn"]


def expected(names, query):
    """The rule, by brute force: finished words whole, the last one a prefix."""
    words = fold(query).split()
    if not words:
        return sorted(names, key=sort_key)
    typing = not query.endswith(" ")
    finished, last = (words[:-1], words[-1]) if typing else (words, None)

    def match(name):
        have = fold(name).split()
        return all(w in have for w in finished) and (last is None or any(h.startswith(last) for h in have))

    return sorted((n for n in names if match(n)), key=sort_key)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.lists(st.sampled_from(WORDS), min_size=2, max_size=4).map(" ".join), min_size=1, max_size=12),
       query=st.lists(st.sampled_from(["nguyen", "ng", "thi", "th", "hai", "ha", "yen", "dang", "d", "an"]),
                      min_size=1, max_size=3).map(" ".join),
       trailing=st.booleans())
def test_index_answers_as_the_rule_says(db, names, query, trailing):
    Person.delete().execute()
    PersonWord.delete().execute()
    for n in names:
        Person.create(full_name=n)
    q = query + (" " if trailing else "")
    people = PersonListing()
    got = [row[0] for row in people.fetch(0, 100, q)]
    assert got == expected(names, q)
    assert people.count(q) == len(got)


def test_index_follows_renames_and_tombstones(db):
    p = Person.create(full_name="Nguyễn Thị Hải Yến")
    people = PersonListing()
    assert people.count("yen") == 1
    p.full_name = "Nguyễn Thị Hải Hà"
    p.save()
    assert people.count("yen") == 0 and people.count("ha") == 1
    p.tombstone()
    assert people.count("ha") == 0
    assert PersonWord.select().count() == 0


def test_finished_word_is_matched_whole(db):
    Person.create(full_name="Nguyễn Thiện Hùng")
    Person.create(full_name="Nguyễn Thị Hồng")
    people = PersonListing()
    assert [r[0] for r in people.fetch(0, 10, "nguyen thi")] == ["Nguyễn Thị Hồng", "Nguyễn Thiện Hùng"]
    assert [r[0] for r in people.fetch(0, 10, "nguyen thi ")] == ["Nguyễn Thị Hồng"]


def test_large_results_are_counted_up_to_the_cap_and_paged_in_order(db, monkeypatch):
    monkeypatch.setattr(name_search, "SMALL", 5)
    monkeypatch.setattr(name_search, "COUNT_CAP", 8)
    name_search.forget_sizes()
    for i in range(30):
        Person.create(full_name=f"Nguyễn Văn {chr(ord('A') + i % 26)}{'h' * (i // 26)}")
    Person.create(full_name="Trần Thị Nga")
    people = PersonListing()
    people.count_cap = 8
    from models import listing
    monkeypatch.setattr(listing, "COUNT_CAP", 8)
    assert people.count("nguyen") == 9  # more than the cap
    assert people.count("nguyen v") == 9
    everyone = [r[0] for r in people.fetch(0, 100, "nguyen van")]
    assert len(everyone) == 30
    assert everyone == sorted(everyone, key=sort_key)
    pages = [r[0] for off in range(0, 30, 7) for r in people.fetch(off, 7, "nguyen van")]
    assert pages == everyone
    # A one-letter query walks people in name order.
    assert [r[0] for r in people.fetch(0, 3, "n")] == everyone[:3]


@pytest.mark.parametrize("query", ["", "   ", "%", "!!"])
def test_empty_queries_list_everyone(seeded, query):
    assert PersonListing().count(query) == 5


def test_the_index_holds_each_word_and_each_pair_of_words(db):
    p = Person.create(full_name="Nguyễn Thị Hải Yến")
    keys = {w for (w,) in PersonWord.select(PersonWord.word).where(PersonWord.person == p.id).tuples()}
    assert keys == {"nguyen", "thi", "hai", "yen", "~hai nguyen", "~hai thi", "~hai yen", "~nguyen thi",
                    "~nguyen yen", "~thi yen"}


def test_a_word_being_typed_that_a_finished_word_starts_needs_no_other_word(db):
    Person.create(full_name="Trần Văn An")
    Person.create(full_name="Lê Thị Vân Anh")
    people = PersonListing()
    assert [r[0] for r in people.fetch(0, 10, "van va")] == ["Trần Văn An", "Lê Thị Vân Anh"]
    assert people.count("van va") == 2
    assert [r[0] for r in people.fetch(0, 10, "thi th")] == ["Lê Thị Vân Anh"]


def test_words_that_rarely_meet_and_prefixes_with_many_words(db, monkeypatch):
    """Several words of the index under one typed prefix, merged in name
    order, intersected with pairs; small and large plans alike."""
    names = [f"{f} {m} {g}" for f in ("Nguyễn", "Trần", "Lê") for m in ("Văn", "Thị", "Thanh")
             for g in ("Tâm", "Thu", "Tùng", "Hải", "Thiện", "Văn")]
    for n in names:
        Person.create(full_name=n)
    people = PersonListing()
    for small in (15_000, 2):
        monkeypatch.setattr(name_search, "SMALL", small)
        name_search.forget_sizes()
        for q in ["t", "th", "van t", "nguyen van t", "nguyen thi th", "thi van", "van thi ", "le th", "x",
                  "tran thanh thien", "van van", "thanh t"]:
            got = [r[0] for r in people.fetch(0, 100, q)]
            assert got == expected(names, q), q
            assert people.count(q) == len(got), q
            pages = [r[0] for off in range(0, len(got) + 5, 5) for r in people.fetch(off, 5, q)]
            assert pages == got, q


def test_version_5_databases_get_the_pairs(tmp_path):
    from models import db as dbmod

    path = tmp_path / "v5.todan"
    db = dbmod.open_database(path)
    Person.create(full_name="Trần Văn Thi")
    Person.create(full_name="Lê Thị Vân")
    db.execute_sql("DELETE FROM person_word WHERE word >= '~'")
    dbmod.set_setting("schema_version", "5")
    db.close()
    db = dbmod.open_database(path)
    assert dbmod.schema_version() == dbmod.SCHEMA_VERSION
    assert PersonWord.select().where(PersonWord.word == "~thi van").count() == 2
    assert [r[0] for r in PersonListing().fetch(0, 10, "van thi")] == ["Trần Văn Thi", "Lê Thị Vân"]
    db.close()


def test_version_8_search_words_are_stored_by_person(tmp_path):
    """The words of a version 8 database (a rowid table with two indexes) move
    into the table stored by person, every one of them, and search still finds."""
    import sqlite3

    from models import db as dbmod

    path = tmp_path / "v8.todan"
    db = dbmod.open_database(path)
    for name in ("Trần Văn Thi", "Lê Thị Vân", "Nguyễn Văn An"):
        Person.create(full_name=name)
    words = sorted(db.execute_sql("SELECT word, sort_key, person_id FROM person_word").fetchall())
    db.execute_sql("DROP TABLE person_word")
    db.execute_sql('CREATE TABLE "person_word" ("id" INTEGER NOT NULL PRIMARY KEY, "word" VARCHAR(40) NOT NULL, '
                   '"sort_key" VARCHAR(255) NOT NULL, "person_id" INTEGER NOT NULL, '
                   'FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE)')
    db.execute_sql('CREATE UNIQUE INDEX "person_word_word_sort_key_person_id" ON "person_word" '
                   '("word", "sort_key", "person_id")')
    db.execute_sql('CREATE INDEX "person_word_person_id_word" ON "person_word" ("person_id", "word")')
    db.connection().executemany("INSERT INTO person_word (word, sort_key, person_id) VALUES (?, ?, ?)", words)
    dbmod.set_setting("schema_version", "8")
    db.close()

    db = dbmod.open_database(path)
    assert dbmod.schema_version() == dbmod.SCHEMA_VERSION
    assert sorted(db.execute_sql("SELECT word, sort_key, person_id FROM person_word").fetchall()) == words
    assert [r[0] for r in PersonListing().fetch(0, 10, "van")] == ["Nguyễn Văn An", "Trần Văn Thi", "Lê Thị Vân"]
    db.close()
    with sqlite3.connect(path) as raw:
        schema = dict(raw.execute("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'person_word'"))
    assert "WITHOUT ROWID" in schema["person_word"] and set(schema) == {"person_word", "person_word_word_sort_key"}
