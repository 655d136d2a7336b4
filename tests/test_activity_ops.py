"""Rules of meetings, recommendations, terms, yearly work and the year figures."""

import datetime as dt

import pytest

from models import meeting_ops as mo
from models import recommendation_ops as ro
from models import statistics as st
from models import terms, yearly_ops
from models.areas import ResidentialArea
from models.base import ModelError
from models.catalogues import GroupType, MeetingTopic, RecommendationCategory
from models.enums import AreaKind, GroupTitleKind, HouseholdTitleKind, MediationOutcome, Role
from models.enums import RecommendationState as S
from models.groups import Group, Membership
from models.meetings import Attendance, Meeting
from models.party import PartyAssignment, PartyMember
from models.people import Person
from models.recommendations import RecommendationEvent
from models.text import format_int

TODAY = dt.date(2026, 11, 24)


def topic(code):
    return MeetingTopic.get(MeetingTopic.code == code).id


# -- meetings --------------------------------------------------------------------

def test_save_meeting_keeps_members_present_in_step_and_copy_last(seeded):
    g1 = seeded.groups[0]
    m = mo.save_meeting(group=g1.id, held_on=dt.date(2026, 3, 5), place="Nhà văn hóa", chair=seeded.yen.id,
                        topics=[topic("an_ninh_trat_tu")], present=[seeded.yen.id, seeded.dang.id],
                        other_attendees=14, minutes="Họp tháng 3", today=TODAY)
    assert Meeting.get_by_id(m.id).members_present == 2
    assert Attendance.select().where(Attendance.meeting == m.id).count() == 2
    # Editing with fewer ticks follows.
    mo.save_meeting(meeting=m.id, group=g1.id, held_on=dt.date(2026, 3, 5), topics=[topic("an_ninh_trat_tu")],
                    present=[seeded.yen.id], other_attendees=14, today=TODAY)
    assert Meeting.get_by_id(m.id).members_present == 1
    assert [e.name for e in mo.absentees(m.id)] == ["Phạm Quốc Hùng", "Đặng Văn Long"]
    assert mo.party_present(m.id) == 1
    copy = mo.copy_last_meeting(g1.id, held_on=dt.date(2026, 4, 2))
    assert (copy.place, copy.chair_id, copy.present_ids, copy.other_attendees, copy.minutes) == (
        "", None, [seeded.yen.id], 14, "")  # the edit cleared place and chair
    assert copy.topic_ids == [topic("an_ninh_trat_tu")] and copy.meeting_id is None and copy.held_on == dt.date(2026, 4, 2)


def test_save_meeting_refuses_strangers_future_and_twice_a_day(seeded):
    g1 = seeded.groups[0]
    with pytest.raises(ModelError, match="Không phải thành viên của tổ .*Trần Văn An"):
        mo.save_meeting(group=g1.id, held_on=dt.date(2026, 3, 5), topics=[topic("an_ninh_trat_tu")],
                        present=[seeded.an.id], today=TODAY)
    with pytest.raises(ModelError, match="chưa tới"):
        mo.save_meeting(group=g1.id, held_on=TODAY + dt.timedelta(days=1), topics=[topic("an_ninh_trat_tu")],
                        today=TODAY)
    with pytest.raises(ModelError, match="Chưa chọn nội dung"):
        mo.save_meeting(group=g1.id, held_on=dt.date(2026, 3, 5), topics=[], today=TODAY)
    # A fixed topic of another group type is not offered to a tổ dân phố.
    with pytest.raises(ModelError, match="không dùng được"):
        mo.save_meeting(group=g1.id, held_on=dt.date(2026, 3, 5), topics=[topic("nong_dan")], today=TODAY)
    day = seeded.meetings[0].held_on
    with pytest.raises(ModelError, match="đã có buổi sinh hoạt"):
        mo.save_meeting(group=g1.id, held_on=day, topics=[topic("an_ninh_trat_tu")], today=TODAY)


def test_linked_group_gets_its_four_fixed_topics(seeded):
    linked = GroupType.get(GroupType.code == "to_dan_phong_lien_ket")
    g = Group.create(name="Tổ dân phòng liên kết số 1", area=seeded.areas[0], group_type=linked)
    draft = mo.new_draft(g.id, dt.date(2026, 5, 1))
    names = [t.name for t in mo.topic_choices(g.id) if t.topic_id in draft.topic_ids]
    assert names == ["An toàn", "Văn hóa", "Khuyến học", "Nông dân"]


def test_roster_has_assigned_party_member_who_is_not_a_member(seeded):
    g2 = seeded.groups[1]
    PartyAssignment.create(party_member=seeded.party[1], group=g2, start_date=dt.date(2024, 1, 1))
    entries = mo.roster(g2.id, dt.date(2026, 3, 1))
    assert [(e.name, e.role, e.is_party_member) for e in entries] == [
        ("Trần Văn An", Role.ACTING_LEADER, False), ("Nguyễn Thị Hải Yến", None, True)]


def test_three_missed_in_a_row(seeded):
    g1 = seeded.groups[0]
    t = [topic("an_ninh_trat_tu")]
    # Yến attends all; Đặng misses 3 in a row, then comes; Hùng misses 2, comes, misses 2.
    pattern = {1: [1, 1, 1], 2: [1, 0, 1], 3: [1, 0, 0], 4: [1, 0, 1], 5: [1, 1, 0], 6: [1, 1, 0]}
    for month, (yen, dang, hung) in pattern.items():
        present = [p.id for p, on in ((seeded.yen, yen), (seeded.dang, dang), (seeded.hung, hung)) if on]
        mo.save_meeting(group=g1.id, held_on=dt.date(2025, month, 3), topics=t, present=present, today=TODAY)
    # (The seeded meeting of December has no ticks: everyone missed it.)
    found = mo.missed_in_a_row(first=dt.date(2025, 1, 1), last=dt.date(2025, 6, 30), group=g1.id)
    assert [(a.name, a.missed, a.last_missed) for a in found] == [("Đặng Văn Long", 3, dt.date(2025, 4, 3))]
    found2 = mo.missed_in_a_row(first=dt.date(2025, 1, 1), last=dt.date(2025, 6, 30), group=g1.id, in_a_row=2)
    assert {a.name for a in found2} == {"Đặng Văn Long", "Phạm Quốc Hùng"}
    whole = mo.missed_in_a_row(first=dt.date(2025, 1, 1), last=dt.date(2025, 12, 31), group=g1.id)
    assert [(a.name, a.missed) for a in whole] == [("Phạm Quốc Hùng", 3), ("Đặng Văn Long", 3)]


# -- recommendations ---------------------------------------------------------------

def land():
    return RecommendationCategory.get(RecommendationCategory.code == "dat_dai").id


def test_state_machine_allows_the_path_and_dates_every_step(seeded):
    rec = ro.create_recommendation(content="Đường ngõ 5 ngập nước", category=land(), raised_on=dt.date(2026, 9, 1),
                                   meeting=seeded.meetings[0].id, due_on=dt.date(2026, 10, 1), today=TODAY)
    assert rec.group_id == seeded.groups[0].id and rec.state is S.NEW
    ro.change_state(rec.id, S.FORWARDED, on_date=dt.date(2026, 9, 3), forwarded_to="UBND phường", today=TODAY)
    ro.change_state(rec.id, S.IN_PROGRESS, on_date=dt.date(2026, 9, 10), note="Đã khảo sát", today=TODAY)
    done = ro.change_state(rec.id, S.RESOLVED, on_date=dt.date(2026, 9, 20), answer="Đã nạo vét cống", today=TODAY)
    assert (done.state, done.closed_on, done.answer) == (S.RESOLVED, dt.date(2026, 9, 20), "Đã nạo vét cống")
    assert [(h.state, h.on_date) for h in ro.history(rec.id)] == [
        (S.NEW, dt.date(2026, 9, 1)), (S.FORWARDED, dt.date(2026, 9, 3)),
        (S.IN_PROGRESS, dt.date(2026, 9, 10)), (S.RESOLVED, dt.date(2026, 9, 20))]
    assert RecommendationEvent.select().where(RecommendationEvent.recommendation == rec.id).count() == 4


def test_state_machine_refuses_bad_moves_in_vietnamese(seeded):
    rec = ro.create_recommendation(content="Xin lắp đèn đường", category=land(), raised_on=dt.date(2026, 9, 1),
                                   today=TODAY)
    with pytest.raises(ModelError, match="Không thể chuyển kiến nghị từ “Mới” sang “Đã giải quyết”"):
        ro.change_state(rec.id, S.RESOLVED, on_date=dt.date(2026, 9, 2), today=TODAY)
    with pytest.raises(ModelError, match="Chưa nhập cơ quan"):
        ro.change_state(rec.id, S.FORWARDED, on_date=dt.date(2026, 9, 2), today=TODAY)
    with pytest.raises(ModelError, match="không được trước ngày 01/09/2026"):
        ro.change_state(rec.id, S.FORWARDED, on_date=dt.date(2026, 8, 30), forwarded_to="UBND", today=TODAY)
    with pytest.raises(ModelError, match="sau hôm nay"):
        ro.change_state(rec.id, S.FORWARDED, on_date=TODAY + dt.timedelta(days=1), forwarded_to="UBND", today=TODAY)
    ro.change_state(rec.id, S.FORWARDED, on_date=dt.date(2026, 9, 2), forwarded_to="UBND", today=TODAY)
    with pytest.raises(ModelError, match="Chưa nhập nội dung trả lời"):
        ro.change_state(rec.id, S.ANSWERED, on_date=dt.date(2026, 9, 5), today=TODAY)
    ro.change_state(rec.id, S.ANSWERED, on_date=dt.date(2026, 9, 5), answer="Đã có kế hoạch năm sau", today=TODAY)
    with pytest.raises(ModelError, match="Kiến nghị đã kết thúc"):
        ro.change_state(rec.id, S.IN_PROGRESS, on_date=dt.date(2026, 9, 6), today=TODAY)
    assert len(ro.history(rec.id)) == 3  # the refused moves left no trace


def test_overdue_is_open_and_past_due(seeded):
    late, done = seeded.recommendations
    today = dt.date(seeded.year, 3, 2)
    assert [r.id for r in ro.overdue(today)] == [late.id]  # done is closed though its due day passed
    assert ro.is_overdue(late, today) and not ro.is_overdue(done, today)
    assert not ro.is_overdue(late, late.due_on)  # due today is not yet late
    ro.change_state(late.id, S.IN_PROGRESS, on_date=today, today=today)
    ro.change_state(late.id, S.ANSWERED, on_date=today, answer="Đã trả lời", today=today)
    assert ro.overdue(today) == []


# -- terms ---------------------------------------------------------------------------

def test_terms_ending_soon_past_due_and_interim_six_months(seeded):
    g1, g2 = seeded.groups[:2]
    # Yến leads g1 since 01/01/2020: a 5-year term ended 31/12/2024.
    assert terms.term_months() == 60
    today = dt.date(2026, 3, 1)
    rows = {r.group_id: r for r in terms.terms(today)}
    assert (rows[g1.id].ends_on, rows[g1.id].status) == (dt.date(2024, 12, 31), terms.TermStatus.PAST_DUE)
    # An acting leader since 01/01/2023: six months at most, so long past due.
    assert (rows[g2.id].ends_on, rows[g2.id].status) == (dt.date(2023, 6, 30), terms.TermStatus.PAST_DUE)
    terms.set_term_months(30)
    m = Membership.get((Membership.person == seeded.yen.id) & (Membership.role == Role.LEADER)
                       & Membership.end_date.is_null())
    m.start_date = dt.date(2023, 10, 1)  # 30 months → ends 31/03/2026, within 90 days of 01/03/2026
    m.save()
    soon = terms.terms(today, status=terms.TermStatus.ENDING_SOON)
    assert [(r.person_name, r.ends_on) for r in soon] == [("Nguyễn Thị Hải Yến", dt.date(2026, 3, 31))]
    assert terms.attention(today) == (1, 1)
    with pytest.raises(ModelError, match="2,5 năm hoặc 5 năm"):
        terms.set_term_months(48)
    with pytest.raises(ModelError, match="tối đa 6 tháng"):
        terms.check_interim(dt.date(2026, 1, 31), dt.date(2026, 8, 1))
    terms.check_interim(dt.date(2026, 8, 31), dt.date(2027, 2, 27))  # 31/08 + 6 months ends 27/02
    assert terms.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)


# -- yearly work ------------------------------------------------------------------

def test_titles_in_bulk_mediation_funds_and_reviews(seeded):
    kp1 = seeded.areas[0]
    heads = yearly_ops.households_of_area(kp1.id, 2025, HouseholdTitleKind.THREE_NO)
    assert [h.head_name for h in heads] == ["Phạm Quốc Hùng", "Đặng Văn Long", "Nguyễn Thị Hải Yến"]
    assert yearly_ops.set_household_titles(area=kp1.id, year=2025, kind=HouseholdTitleKind.THREE_NO,
                                           heads=[seeded.yen.id, seeded.dang.id]) == (2, 0)
    assert yearly_ops.set_household_titles(area=kp1.id, year=2025, kind=HouseholdTitleKind.THREE_NO,
                                           heads=[seeded.yen.id]) == (0, 1)
    with pytest.raises(ModelError, match="không phải chủ hộ"):
        yearly_ops.set_household_titles(area=kp1.id, year=2025, kind=HouseholdTitleKind.THREE_NO,
                                        heads=[seeded.an.id])
    assert yearly_ops.set_group_titles(area=kp1.id, year=2025, kind=GroupTitleKind.CULTURED,
                                       groups=[seeded.groups[0].id], area_titled=True) == (2, 0)
    choices = yearly_ops.group_titles_of_area(kp1.id, 2025, GroupTitleKind.CULTURED)
    assert [(c.name, c.titled) for c in choices] == [
        ("Khu phố 1", True), ("Tổ dân phố số 1", True), ("Tổ dân vận Hòa Bình", False)]

    case = yearly_ops.save_mediation(area=kp1.id, opened_on=dt.date(2025, 4, 1), parties="Ông A và ông B",
                                     subject="Tranh chấp lối đi", outcome=MediationOutcome.SUCCESS,
                                     closed_on=dt.date(2025, 4, 10), today=TODAY)
    assert case.outcome is MediationOutcome.SUCCESS
    with pytest.raises(ModelError, match="Chưa nhập ngày kết thúc"):
        yearly_ops.save_mediation(area=kp1.id, opened_on=dt.date(2025, 4, 1), parties="A và B", subject="Ồn",
                                  outcome=MediationOutcome.FAILURE, today=TODAY)

    fund = yearly_ops.create_fund(name="Quỹ Vì người nghèo")
    with pytest.raises(ModelError, match="Đã có quỹ"):
        yearly_ops.create_fund(name="Quỹ  Vì người nghèo")
    yearly_ops.save_fund_lines(fund=fund.id, year=2025, lines=[(seeded.groups[0].id, 5_000_000, 5_500_000)])
    yearly_ops.set_budgets(year=2025, amounts=[(seeded.groups[0].id, 2_000_000), (seeded.groups[1].id, 2_000_000)])
    lines = yearly_ops.fund_lines(fund=fund.id, year=2025, area=kp1.id)
    assert [(l.group_name, l.target, l.raised, l.budget) for l in lines] == [
        ("Tổ dân phố số 1", 5_000_000, 5_500_000, 2_000_000), ("Tổ dân vận Hòa Bình", 0, 0, 2_000_000)]
    with pytest.raises(ModelError, match="không được âm"):
        yearly_ops.set_budgets(year=2025, amounts=[(seeded.groups[0].id, -1)])

    rule = yearly_ops.save_rule(group=seeded.groups[0].id, signed_on=dt.date(2014, 11, 10),
                                leader_name="Nguyễn Thị Hải Yến", front_head_name="Đặng Văn Long", today=TODAY)
    yearly_ops.add_review(rule=rule.id, year=2024, reviewed_on=dt.date(2024, 12, 5), today=TODAY)
    with pytest.raises(ModelError, match="đã được rà soát năm 2024"):
        yearly_ops.add_review(rule=rule.id, year=2024, reviewed_on=dt.date(2024, 12, 6), today=TODAY)
    [row] = yearly_ops.rules(TODAY)
    assert (row.last_review_year, row.review_due, row.review_late) == (2024, True, True)  # 2025 was missed
    yearly_ops.add_review(rule=rule.id, year=2025, reviewed_on=dt.date(2025, 12, 5), today=TODAY)
    assert yearly_ops.reviews_attention(TODAY) == (1, 0)
    yearly_ops.add_review(rule=rule.id, year=2026, reviewed_on=dt.date(2026, 11, 5), today=TODAY)
    assert yearly_ops.reviews_attention(TODAY) == (0, 0)


# -- the year figures ----------------------------------------------------------------

@pytest.fixture
def district(db):
    """1.825 groups of which 1.817 active, 497 led by a party member, 985
    party members assigned: the figures of seed 002 (Cao Lãnh)."""
    area = ResidentialArea.create(name="Ấp 1", kind=AreaKind.AP, commune_code="00136")
    other = ResidentialArea.create(name="Ấp 2", kind=AreaKind.AP, commune_code="00136")
    linked = GroupType.get(GroupType.code == "to_dan_phong_lien_ket").id

    def rows(model, cols, values):
        for i in range(0, len(values), 400):  # peewee fills uuid and the other defaults
            model.insert_many([dict(zip(cols, v)) for v in values[i:i + 400]]).execute()

    rows(Group, ["id", "name", "area", "group_type", "founded_on", "dissolved_on"],
         [(i, f"Tổ {i}", area.id if i <= 1000 else other.id, linked, dt.date(2009, 1, 1),
           dt.date(2010, 3, 1) if i > 1817 else None) for i in range(1, 1826)])
    rows(Person, ["id", "full_name", "area"], [(i, f"Người {i}", area.id) for i in range(1, 2900)])
    # Leaders of every active group; the first 497 are party members.
    rows(Membership, ["group", "person", "role", "start_date"],
         [(i, i, Role.LEADER, dt.date(2009, 1, 1)) for i in range(1, 1818)])
    rows(PartyMember, ["id", "person"], [(i, i) for i in range(1, 498)] + [(i, 1320 + i) for i in range(498, 1483)])
    # 985 party members (not leaders) assigned to groups, one each.
    rows(PartyAssignment, ["party_member", "group", "start_date"],
         [(i, i - 497, dt.date(2009, 6, 1)) for i in range(498, 1483)])
    # One dissolved group's former leader is a party member: not counted.
    rows(Membership, ["group", "person", "role", "start_date", "end_date"],
         [(1820, 1, Role.LEADER, dt.date(2009, 1, 1), dt.date(2010, 3, 1))])
    return area, other


def test_year_figures_compute_the_seed_shares_exactly(district):
    f = st.year_figures(2010, today=dt.date(2010, 12, 31))
    assert (f.groups_active, f.groups_total) == (1817, 1825)
    assert (format_int(f.groups_active), f.party_leader_share.percent) == ("1.817", "27,35%")
    assert str(f.party_leader_share) == "497/1.817 (27,35%)"
    assert (f.assigned_party_members, f.assigned_share.percent) == (985, "54,21%")
    assert f.leaders == 1817 and f.party_members == 1482
    # Filtered to one area: 1.000 groups there, 497 party-member leaders.
    area, other = district
    a = st.year_figures(2010, area=area.id, today=dt.date(2010, 12, 31))
    assert (a.groups_active, a.party_leaders, a.party_leader_share.percent) == (1000, 497, "49,70%")
    b = st.year_figures(2010, area=other.id, today=dt.date(2010, 12, 31))
    assert (b.groups_total, b.groups_active, b.party_leaders) == (825, 817, 0)


def test_year_figures_meetings_recommendations_titles(seeded):
    y = seeded.year
    f = st.year_figures(y)
    # Two meetings this year: 3 + 20 and 1 + 12 people.
    assert (f.meetings, f.attendance) == (2, 36)
    assert (st.year_figures(y - 1).meetings, st.year_figures(y - 1).attendance) == (1, 7)
    cats = {c.name: c for c in f.categories}
    assert (cats["Môi trường"].raised, cats["Môi trường"].resolved) == (1, 1)
    # The land one was raised last year and is still open and overdue.
    assert (cats["Đất đai"].raised, cats["Đất đai"].open, cats["Đất đai"].overdue) == (0, 1, 1)
    last = st.year_figures(y - 1)
    assert (last.recommendations_raised, last.recommendations_overdue) == (1, 1)
    assert f.groups_active == 2 and f.groups_total == 3
    assert f.party_leaders == 1  # Yến leads g1 and is a party member; An (acting, g2) is not
    assert f.party_leader_share.percent == "50,00%"
    yearly_ops.set_household_titles(area=seeded.areas[0].id, year=y, kind=HouseholdTitleKind.CULTURED_FAMILY,
                                    heads=[seeded.yen.id, seeded.dang.id])
    f = st.year_figures(y)
    # Households: the 5 live people are each their own household.
    assert f.households == 5 and f.household_share(HouseholdTitleKind.CULTURED_FAMILY).percent == "40,00%"
    a = st.year_figures(y, area=seeded.areas[0].id)
    assert a.households == 3 and a.household_share(HouseholdTitleKind.CULTURED_FAMILY).percent == "66,67%"
