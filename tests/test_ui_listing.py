"""The lists the pages show, tested without a window."""

import datetime as dt

import pytest

from models import listing
from models.enums import Gender, Level, RecommendationState
from models.people import Person


def names(rows):
    return [row[0] for row in rows]


def test_people_in_vietnamese_order_without_tombstoned(seeded):
    people = listing.PersonListing()
    rows = people.fetch(0, 100)
    # Given name first (An, Bình, Hùng, Long, Yến), đ after d, tones as ties.
    assert names(rows) == ["Trần Văn An", "Lê Thị Bình", "Phạm Quốc Hùng", "Đặng Văn Long", "Nguyễn Thị Hải Yến"]
    assert people.count() == 5
    assert "Hoàng Văn Tèo" not in names(rows)


def test_person_row_is_display_ready(seeded):
    yen = listing.PersonListing().fetch(0, 100, "yen")[0]
    assert yen == ("Nguyễn Thị Hải Yến", Gender.FEMALE, "14/05/1978", "001178004512", "0912345678",
                   "Khu phố 1", "Số 12 ngõ 5 phố Phúc Lợi", seeded.yen.id)
    long_ = listing.PersonListing().fetch(0, 100, "long")[0]
    assert long_[2] == "1955"  # only the year is known
    assert long_[3] == ""


@pytest.mark.parametrize(
    "query, expected",
    [
        ("yen", ["Nguyễn Thị Hải Yến"]),
        ("YẾN", ["Nguyễn Thị Hải Yến"]),
        ("nguyen thi hai yen", ["Nguyễn Thị Hải Yến"]),
        ("hai y", ["Nguyễn Thị Hải Yến"]),
        ("dang", ["Đặng Văn Long"]),
        ("Đặng", ["Đặng Văn Long"]),
        ("van", ["Trần Văn An", "Đặng Văn Long"]),
        ("an", ["Trần Văn An"]),  # a word prefix: not "Đặng Văn Long" nor "Hoàng"
        ("teo", []),  # tombstoned
        ("yen%", ["Nguyễn Thị Hải Yến"]),  # wildcards are not patterns
        ("x_y", []),
    ],
)
def test_people_search_folds_marks_and_matches_word_prefixes(seeded, query, expected):
    people = listing.PersonListing()
    assert names(people.fetch(0, 100, query)) == expected
    assert people.count(query) == len(expected)


def test_people_pages_follow_each_other(seeded):
    people = listing.PersonListing()
    assert names(people.fetch(0, 2)) + names(people.fetch(2, 2)) + names(people.fetch(4, 2)) == names(
        people.fetch(0, 100))
    assert people.fetch(10, 5) == []


def test_people_filter_by_area(seeded):
    people = listing.PersonListing()
    assert names(people.fetch(0, 10, area_id=seeded.areas[1].id)) == ["Trần Văn An", "Lê Thị Bình"]
    with pytest.raises(TypeError):
        people.count(colour="red")


def test_groups_show_current_leader_members_and_status(seeded):
    rows = listing.GroupListing().fetch(0, 10)
    by_name = {row[0]: row for row in rows}
    assert by_name["Tổ dân phố số 1"][:7] == (
        "Tổ dân phố số 1", "Khu phố 1", "Tổ dân phố", "Nguyễn Thị Hải Yến", 3, dt.date(2010, 3, 1), True)
    # Yến, the tổ trưởng, is a party member; An, the acting leader of the other, is not.
    assert by_name["Tổ dân phố số 1"][7] is True and by_name["Tổ dân vận Hòa Bình"][7] is False
    # No tổ trưởng: the acting leader stands in.
    assert by_name["Tổ dân vận Hòa Bình"][3] == "Trần Văn An"
    assert by_name["Tổ dân phố Đồng Tâm"][6] is False
    assert names(rows) == ["Tổ dân phố số 1", "Tổ dân vận Hòa Bình", "Tổ dân phố Đồng Tâm"]


def test_groups_search_and_tombstone(seeded):
    groups = listing.GroupListing()
    assert names(groups.fetch(0, 10, "dong tam")) == ["Tổ dân phố Đồng Tâm"]
    assert groups.count(active=True) == 2
    seeded.groups[1].tombstone()
    assert groups.count() == 2
    assert "Tổ dân vận Hòa Bình" not in names(groups.fetch(0, 10))


def test_party_members_in_name_order(seeded):
    party = listing.PartyMemberListing()
    rows = party.fetch(0, 10)
    assert names(rows) == ["Đặng Văn Long", "Nguyễn Thị Hải Yến"]
    assert rows[1] == ("Nguyễn Thị Hải Yến", "07654321", dt.date(2005, 2, 3), dt.date(2006, 2, 3),
                       "Chi bộ Khu phố 1", "Đảng bộ Sở Y tế", True, False, seeded.party[1].id)
    assert names(party.fetch(0, 10, "yen")) == ["Nguyễn Thị Hải Yến"]
    assert party.count(lives_here=True) == 1
    seeded.party[0].tombstone()
    assert party.count() == 1


def test_meetings_newest_first_with_attendance(seeded):
    meetings = listing.MeetingListing()
    rows = meetings.fetch(0, 10)
    assert [row[0] for row in rows] == sorted((m.held_on for m in seeded.meetings), reverse=True)
    assert rows[0][1:] == ("Tổ dân vận Hòa Bình", "Nhà ông Trần Văn An", "Trần Văn An", 1, 12, 13)
    assert meetings.count("hoa binh") == 1
    assert meetings.count(year=seeded.year) == 2


def test_recommendations_newest_first_with_overdue_flag(seeded):
    recs = listing.RecommendationListing()
    rows = recs.fetch(0, 10)
    assert [row[3] for row in rows] == ["Thu gom rác thải ngõ 7", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất"]
    assert rows[0][6] is RecommendationState.RESOLVED and rows[0][7] is False  # past due but closed
    assert rows[1][6] is RecommendationState.FORWARDED and rows[1][7] is True
    assert recs.count(overdue=True) == 1
    # Before its due date the same recommendation is not overdue.
    early = listing.RecommendationListing(today=dt.date(seeded.year - 1, 6, 15))
    assert early.count(overdue=True) == 0


def test_decisions_count_live_recipients(seeded):
    decisions = listing.DecisionListing()
    assert decisions.fetch(0, 10) == [
        ("125/QĐ-UBND", dt.date(seeded.year, 1, 10), "Giấy khen của Chủ tịch UBND cấp xã", "Nguyễn Văn Thắng", 2)]
    seeded.decision.recipients[0].tombstone()
    assert decisions.fetch(0, 10)[0][4] == 1
    assert decisions.count("125") == 1 and decisions.count("999") == 0


def test_admin_units_and_settings(seeded):
    assert listing.AdminUnitListing().fetch(0, 10) == [("00136", "Phường Phúc Lợi", Level.COMMUNE, "01")]
    assert listing.AdminUnitListing().count("phuc loi") == 1
    assert listing.AdminUnitListing().count("ha noi") == 0
    info = listing.settings_info()
    assert (info.unit_code, info.unit_name, info.level) == ("00136", "Phường Phúc Lợi", Level.COMMUNE)
    assert info.database_path.endswith("test.todan")


def test_dashboard_counts_this_year_only(seeded):
    figures = listing.dashboard()
    assert figures.year == seeded.year
    assert figures.active_groups == 2
    assert figures.people == 5
    assert figures.party_members == 2
    assert figures.meetings == 2  # the December meeting of last year is not counted
    assert figures.attendance == 3 + 20 + 1 + 12
    assert figures.open_recommendations == 1
    assert figures.overdue_recommendations == 1
    Person.create(full_name="Vũ Thị Mai", gender=Gender.FEMALE)
    assert listing.dashboard().people == 6


def test_whole_party_list_walks_people_in_name_order(seeded):
    """Without search or area/group filter the list walks people in name
    order; it must page exactly as sorting the party members would."""

    from models.party import PartyMember
    from models.people import Person

    for i, name in enumerate(["Trần Văn An", "Lê Thị Bình", "Trần Văn An", "Phạm Thu Hà", "Ngô An"]):
        person = Person.create(full_name=name)
        PartyMember.create(person=person, card_number=f"9{i}", lives_here=bool(i % 2))
    Person.create(full_name="Ai Không Là Đảng Viên")
    party = listing.PartyMemberListing()
    for lives_here in (None, True, False):
        filters = {} if lives_here is None else {"lives_here": lives_here}
        wanted = [tuple(r) for r in party._page(party._base("", **filters), 0, 100)]
        assert party.count(**filters) == len(wanted) == party._base("", **filters).count()
        pages = [r for off in range(0, len(wanted) + 3, 3) for r in party.fetch(off, 3, **filters)]
        assert pages == wanted
    assert party._whole_list("") and not party._whole_list("an") and not party._whole_list("", area_id=1)
