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
