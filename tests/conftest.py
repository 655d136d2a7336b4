"""Shared fixtures: a fresh database per test, and a few seeded rows.

Qt must run without a display, so the platform is set before anything
imports Qt (pytest-qt creates one QApplication for the session).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
from types import SimpleNamespace  # noqa: E402

import pytest  # noqa: E402

from models import db as dbmod  # noqa: E402
from models.enums import Level  # noqa: E402
from models.units import find_unit  # noqa: E402

HOME_UNIT = "00136"  # Phường Phúc Lợi, Hà Nội


@pytest.fixture
def db(tmp_path):
    """A new database in tmp_path, with its home unit chosen (catalogues seeded)."""
    database = dbmod.open_database(tmp_path / "test.todan")
    dbmod.set_home_unit(find_unit(HOME_UNIT), Level.COMMUNE)
    yield database
    database.close()


@pytest.fixture
def seeded(db):
    """Two areas, three groups, people with real names, memberships, party
    members, meetings, recommendations and a commendation decision."""
    from models.areas import ResidentialArea
    from models.catalogues import CommendationForm, GroupType, RecommendationCategory
    from models.commendations import Decision, Recipient
    from models.enums import AreaKind, Gender, RecommendationState, Role
    from models.groups import Group, Membership
    from models.meetings import Meeting
    from models.party import PartyMember
    from models.people import Person
    from models.recommendations import Recommendation

    this_year = dt.date.today().year
    kp1 = ResidentialArea.create(name="Khu phố 1", kind=AreaKind.KHU_PHO, commune_code=HOME_UNIT)
    kp2 = ResidentialArea.create(name="Khu phố 2", kind=AreaKind.KHU_PHO, commune_code=HOME_UNIT)
    tdp = GroupType.get(GroupType.code == "to_dan_pho")
    tdv = GroupType.get(GroupType.code == "to_dan_van")
    g1 = Group.create(name="Tổ dân phố số 1", area=kp1, group_type=tdp, founded_on=dt.date(2010, 3, 1))
    g2 = Group.create(name="Tổ dân vận Hòa Bình", area=kp1, group_type=tdv, founded_on=dt.date(2015, 9, 2))
    g3 = Group.create(name="Tổ dân phố Đồng Tâm", area=kp2, group_type=tdp, dissolved_on=dt.date(2024, 12, 31))

    def person(name, gender, area, **kw):
        return Person.create(full_name=name, gender=gender, area=area, **kw)

    yen = person("Nguyễn Thị Hải Yến", Gender.FEMALE, kp1, birth_date=dt.date(1978, 5, 14),
                 id_number="001178004512", phone="0912345678", address="Số 12 ngõ 5 phố Phúc Lợi")
    dang = person("Đặng Văn Long", Gender.MALE, kp1, birth_year=1955, address="Số 3 ngõ 7")
    an = person("Trần Văn An", Gender.MALE, kp2, birth_date=dt.date(1990, 1, 2), id_number="001090000111")
    binh = person("Lê Thị Bình", Gender.FEMALE, kp2, birth_year=1962)
    hung = person("Phạm Quốc Hùng", Gender.MALE, kp1, birth_year=1970)
    gone = person("Hoàng Văn Tèo", Gender.MALE, kp1, birth_year=1980)
    gone.tombstone()

    Membership.create(group=g1, person=yen, role=Role.LEADER, start_date=dt.date(2020, 1, 1))
    Membership.create(group=g1, person=hung, role=Role.DEPUTY, start_date=dt.date(2020, 1, 1))
    Membership.create(group=g1, person=dang, role=Role.MEMBER, start_date=dt.date(2020, 1, 1))
    # A former leader: not shown as the current one, not counted.
    Membership.create(group=g1, person=binh, role=Role.LEADER,
                      start_date=dt.date(2010, 1, 1), end_date=dt.date(2019, 12, 31))
    Membership.create(group=g2, person=an, role=Role.ACTING_LEADER, start_date=dt.date(2023, 1, 1))

    pm_dang = PartyMember.create(person=dang, card_number="01234567", admitted_on=dt.date(1975, 5, 19),
                                 official_on=dt.date(1976, 5, 19), party_cell="Chi bộ Khu phố 1", excused=True)
    pm_yen = PartyMember.create(person=yen, card_number="07654321", admitted_on=dt.date(2005, 2, 3),
                                official_on=dt.date(2006, 2, 3), party_cell="Chi bộ Khu phố 1",
                                workplace_org="Đảng bộ Sở Y tế", lives_here=True)

    m_old = Meeting.create(group=g1, held_on=dt.date(this_year, 1, 15), place="Nhà văn hóa Khu phố 1",
                           chair=yen, members_present=3, other_attendees=20)
    m_new = Meeting.create(group=g2, held_on=dt.date(this_year, 2, 20), place="Nhà ông Trần Văn An",
                           chair=an, members_present=1, other_attendees=12)
    m_last_year = Meeting.create(group=g1, held_on=dt.date(this_year - 1, 12, 10), place="Nhà văn hóa",
                                 members_present=2, other_attendees=5)

    land = RecommendationCategory.get(RecommendationCategory.code == "dat_dai")
    env = RecommendationCategory.get(RecommendationCategory.code == "moi_truong")
    rec_late = Recommendation.create(group=g1, meeting=m_old, category=land, raised_by=dang,
                                     content="Đề nghị cấp giấy chứng nhận quyền sử dụng đất",
                                     raised_on=dt.date(this_year - 1, 6, 1), forwarded_to="UBND phường",
                                     due_on=dt.date(this_year - 1, 7, 1), state=RecommendationState.FORWARDED)
    rec_done = Recommendation.create(group=g2, category=env, content="Thu gom rác thải ngõ 7",
                                     raised_on=dt.date(this_year, 2, 20), due_on=dt.date(this_year, 3, 1),
                                     state=RecommendationState.RESOLVED, closed_on=dt.date(this_year, 2, 28))

    form = CommendationForm.get(CommendationForm.is_default == True)  # noqa: E712
    decision = Decision.create(number="125/QĐ-UBND", signed_on=dt.date(this_year, 1, 10), issuer="UBND phường Phúc Lợi",
                               signer_name="Nguyễn Văn Thắng", signer_title="Chủ tịch", form=form)
    Recipient.create(decision=decision, person=yen, achievement="Hoàn thành xuất sắc nhiệm vụ tổ trưởng")
    Recipient.create(decision=decision, group=g1, achievement="Tổ dân phố tiêu biểu")

    return SimpleNamespace(
        areas=[kp1, kp2], groups=[g1, g2, g3], yen=yen, dang=dang, an=an, binh=binh, hung=hung, gone=gone,
        party=[pm_dang, pm_yen], meetings=[m_old, m_new, m_last_year], recommendations=[rec_late, rec_done],
        decision=decision, year=this_year,
    )


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(monkeypatch):
    """A message box nobody answers would hang the suite: fail instead.
    Tests that expect one patch it again with their own answer."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
