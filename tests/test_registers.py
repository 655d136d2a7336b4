"""Register operations and the checks of what a clerk types."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import registers
from models.base import ModelError
from models.enums import Role
from models.fields import parse_birth, parse_id_number, parse_phone
from models.groups import Membership
from models.listing import GroupListing


@given(st.integers(min_value=10**9, max_value=10**12 - 1))
def test_cccd_stored_as_a_number_gets_its_leading_zeros_back(n):
    text = f"{n:012d}"
    assert parse_id_number(n) == text
    assert parse_id_number(float(n)) == text
    assert parse_id_number(text) == text
    assert parse_id_number(f" {text[:3]} {text[3:]} ") == text


@pytest.mark.parametrize("raw, expected", [(1178004512, "001178004512"), (12345678, "012345678"),
                                           ("001178004512", "001178004512"), (None, None), ("", None)])
def test_cccd_and_cmnd(raw, expected):
    assert parse_id_number(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "0011780045123", "00117800451a"])
def test_bad_cccd_is_refused_in_vietnamese(raw):
    with pytest.raises(ValueError, match="12 chữ số|chữ số"):
        parse_id_number(raw)


def test_birth_as_date_or_year():
    assert parse_birth("14/05/1978") == (1978, dt.date(1978, 5, 14))
    assert parse_birth("1955") == (1955, None)
    assert parse_birth("") == (None, None)
    for bad in ("31/02/1978", "1878", "abc", "01/01/2999"):
        with pytest.raises(ValueError):
            parse_birth(bad)


def test_phones():
    assert parse_phone("0912 345 678") == "0912345678"
    assert parse_phone("+84912345678") == "0912345678"
    assert parse_phone(912345678) == "0912345678"
    with pytest.raises(ValueError, match="10 chữ số"):
        parse_phone("12345")


def test_person_form_lists_every_wrong_field(seeded):
    with pytest.raises(registers.FormError) as err:
        registers.save_person(full_name="  ", birth="32/13/1990", id_number="123", phone="abc")
    assert set(err.value.errors) == {"full_name", "birth", "id_number", "phone"}


def test_cccd_unique_among_living_people(seeded):
    with pytest.raises(registers.FormError) as err:
        registers.save_person(full_name="Ai Đó", id_number="001178004512")
    assert "Nguyễn Thị Hải Yến" in err.value.errors["id_number"]
    # Saving Yến herself again is fine.
    registers.save_person(person_id=seeded.yen.id, full_name="Nguyễn Thị Hải Yến", id_number=1178004512,
                          birth="14/05/1978")


def test_save_person_normalises_and_indexes(db):
    p = registers.save_person(full_name="Nguye\u0302\u0303n  Thi\u0323 Ye\u0302\u0301n", birth="1/2/80",
                              phone="0912.345.678", gender="female")
    assert p.full_name == "Nguyễn Thị Yến" and p.birth_date == dt.date(1980, 2, 1) and p.phone == "0912345678"
    from models.listing import PersonListing
    assert PersonListing().count("yen") == 1


def test_new_leader_ends_the_previous_term_on_the_day_before(seeded):
    g1 = seeded.groups[0]
    registers.add_member(group_id=g1.id, person_id=seeded.dang.id, role=Role.LEADER, start_date=dt.date(2025, 7, 1))
    old = Membership.get(Membership.person == seeded.yen, Membership.role == Role.LEADER)
    assert old.end_date == dt.date(2025, 6, 30)
    row = next(r for r in GroupListing().fetch(0, 10) if r[0] == g1.name)
    assert row[3] == "Đặng Văn Long"


def test_new_leader_ends_a_serving_interim_leader(seeded):
    """The tổ trưởng left; a quyền tổ trưởng served until the new one was chosen."""
    g1 = seeded.groups[0]
    registers.end_membership(membership_id=Membership.get(Membership.person == seeded.yen,
                                                          Membership.role == Role.LEADER).id,
                             end_date=dt.date(2025, 2, 28))
    acting = registers.add_member(group_id=g1.id, person_id=seeded.an.id, role=Role.ACTING_LEADER,
                                  start_date=dt.date(2025, 3, 1), end_date=dt.date(2025, 8, 31))
    registers.add_member(group_id=g1.id, person_id=seeded.dang.id, role=Role.LEADER, start_date=dt.date(2025, 6, 1))
    assert Membership.get_by_id(acting.id).end_date == dt.date(2025, 5, 31)
    row = next(r for r in GroupListing().fetch(0, 10) if r[0] == g1.name)
    assert row[3] == "Đặng Văn Long"


def test_leader_cannot_start_before_the_current_one(seeded):
    with pytest.raises(ModelError, match="tổ trưởng mới phải bắt đầu sau"):
        registers.add_member(group_id=seeded.groups[0].id, person_id=seeded.dang.id, role=Role.LEADER,
                             start_date=dt.date(2019, 1, 1))
    assert Membership.get(Membership.person == seeded.yen, Membership.role == Role.LEADER).end_date is None


def test_dissolve_group_keeps_it_and_ends_terms(seeded):
    g1 = seeded.groups[0]
    registers.dissolve_group(group_id=g1.id, on=dt.date(2025, 12, 31))
    row = next(r for r in GroupListing().fetch(0, 10) if r[0] == g1.name)
    assert row[6] is False and row[4] == 0
    with pytest.raises(ModelError, match="đã giải thể"):
        registers.dissolve_group(group_id=g1.id, on=dt.date(2026, 1, 1))
    with pytest.raises(ModelError, match="giải thể"):
        registers.add_member(group_id=g1.id, person_id=seeded.an.id)


def test_party_member_checks_and_assignment(seeded):
    with pytest.raises(registers.FormError) as err:
        registers.save_party_member(person_id=seeded.dang.id, admitted_on="01/01/2000", official_on="01/01/1999")
    assert set(err.value.errors) == {"official_on", "person"}
    pm = registers.save_party_member(person_id=seeded.an.id, card_number="1234 5678", admitted_on="19/05/2015",
                                     official_on="19/05/2016", party_cell="Chi bộ Khu phố 2")
    assert pm.card_number == "12345678" and pm.official_on == dt.date(2016, 5, 19)
    made = registers.assign_party_member(party_member_id=pm.id, group_ids=[g.id for g in seeded.groups[:2]],
                                         start_date=dt.date(2025, 1, 1))
    assert len(made) == 2
    assert registers.assign_party_member(party_member_id=pm.id, group_ids=[seeded.groups[0].id]) == []
