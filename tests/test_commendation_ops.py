"""Commendation operations: saving a decision, the "one achievement, one
form" warning, finding a decision, and the rows its documents show."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from test_reports_helpers import make_decision

from models.base import ModelError
from models.catalogues import CommendationForm
from models.commendation_ops import (
    create_decision,
    decision_rows,
    decision_summaries,
    duplicate_commendations,
    find_decision,
    form_short_name,
)
from models.commendations import Decision, Recipient


def default_form():
    return CommendationForm.get(CommendationForm.is_default == True)  # noqa: E712


def args(seeded, **over):
    base = dict(
        number="08/QĐ-UBND",
        signed_on=dt.date(2026, 1, 5),
        issuer="UBND phường Phúc Lợi",
        signer_name="Nguyễn Văn Thắng",
        signer_title="Chủ tịch",
        form=default_form(),
        recipients=[{"person": seeded.hung, "achievement": "Tích cực"}],
    )
    base.update(over)
    return base


def test_create_decision_saves_all_recipients(seeded):
    decision = make_decision(seeded)
    assert decision.number == "07/QĐ-UBND"
    recipients = list(Recipient.select().where(Recipient.decision == decision).order_by(Recipient.id))
    assert [(r.person_id, r.group_id) for r in recipients] == [
        (seeded.yen.id, None),
        (None, seeded.groups[1].id),
        (seeded.dang.id, None),
    ]
    assert recipients[0].golden_book_no == "12/2026"


def test_create_decision_accepts_ids_and_form_code(seeded):
    decision = create_decision(
        **args(
            seeded,
            form="bang_khen_ct_tinh",
            recipients=[
                {"person": seeded.an.id, "achievement": "Xuất sắc"},
                {"group": seeded.groups[0].id, "achievement": "Tiêu biểu"},
            ],
        )
    )
    assert decision.form.code == "bang_khen_ct_tinh"
    assert decision.recipients.count() == 2


def test_create_decision_normalises_text(seeded):
    decomposed = unicodedata.normalize("NFD", "  126/QĐ-UBND ")
    assert decomposed != "126/QĐ-UBND"
    decision = create_decision(**args(seeded, number=decomposed))
    assert decision.number == "126/QĐ-UBND"


@pytest.mark.parametrize(
    "over, message",
    [
        ({"number": "  "}, "Chưa nhập số quyết định."),
        ({"recipients": []}, "Quyết định chưa có cá nhân hoặc tập thể nào được khen thưởng."),
        ({"signer_name": ""}, "Chưa nhập họ tên người ký quyết định."),
        ({"issuer": ""}, "Chưa nhập cơ quan ban hành quyết định."),
        ({"signed_on": None}, "Chưa nhập ngày ký quyết định."),
        ({"form": "khong_co"}, "Không có hình thức khen thưởng mã khong_co."),
    ],
)
def test_create_decision_refuses_bad_input(seeded, over, message):
    before = Decision.select().count()
    with pytest.raises(ModelError) as err:
        create_decision(**args(seeded, **over))
    assert err.value.message == message
    assert Decision.select().count() == before


def test_recipient_must_be_person_or_group(seeded):
    for entry in (
        {"achievement": "x"},
        {"person": seeded.yen, "group": seeded.groups[0], "achievement": "x"},
    ):
        with pytest.raises(ModelError, match="phải là một cá nhân hoặc một tập thể"):
            create_decision(**args(seeded, recipients=[{"person": seeded.an, "achievement": "y"}, entry]))
    assert Recipient.select().count() == 2  # only the seeded ones: nothing half-saved


def test_recipient_needs_achievement_and_appears_once(seeded):
    with pytest.raises(ModelError, match=r"Dòng 1 \(Trần Văn An\): chưa nhập thành tích."):
        create_decision(**args(seeded, recipients=[{"person": seeded.an, "achievement": " "}]))
    twice = [{"person": seeded.an, "achievement": "a"}, {"person": seeded.an.id, "achievement": "b"}]
    with pytest.raises(ModelError, match="Trần Văn An có hai lần"):
        create_decision(**args(seeded, recipients=twice))


def test_tombstoned_person_cannot_be_commended(seeded):
    with pytest.raises(ModelError, match="Không tìm thấy người được khen"):
        create_decision(**args(seeded, recipients=[{"person": seeded.gone, "achievement": "x"}]))


def test_same_number_same_year_is_refused(seeded):
    create_decision(**args(seeded))
    with pytest.raises(ModelError, match="Quyết định số 08/QĐ-UBND năm 2026 .* đã có"):
        create_decision(**args(seeded))
    # The same number next year is a different decision.
    assert create_decision(**args(seeded, signed_on=dt.date(2027, 1, 4))).number == "08/QĐ-UBND"


def test_duplicates_found_for_same_form_same_year(seeded):
    seeded.decision.tombstone()  # the seeded one is dated this year, which may be 2026
    make_decision(seeded)  # Yến, Tổ dân vận Hòa Bình and Long, in 2026, default form
    dups = duplicate_commendations(
        [{"person": seeded.yen}, {"group": seeded.groups[1]}, {"person": seeded.an}], default_form(), 2026
    )
    assert [d.name for d in dups] == ["Nguyễn Thị Hải Yến", "Tổ dân vận Hòa Bình"]
    assert dups[0].message == (
        "Nguyễn Thị Hải Yến đã được khen thưởng hình thức Giấy khen của Chủ tịch UBND "
        "cấp xã năm 2026 (Quyết định số 07/QĐ-UBND ngày 05/01/2026)."
    )


def test_duplicates_not_found_other_year_other_form_or_deleted(seeded):
    seeded.decision.tombstone()
    decision = make_decision(seeded)
    who = [seeded.yen, seeded.groups[1]]
    assert duplicate_commendations(who, default_form(), 2025) == []
    assert duplicate_commendations(who, "bang_khen_ct_tinh", 2026) == []
    assert duplicate_commendations(who, default_form(), 2026, exclude_decision=decision) == []
    decision.tombstone()
    assert duplicate_commendations(who, default_form(), 2026) == []


def test_seeded_decision_is_a_duplicate_in_its_year(seeded):
    dups = duplicate_commendations(
        [seeded.yen, seeded.groups[0], seeded.groups[1]], default_form(), seeded.year
    )
    assert [(d.name, d.decision_number) for d in dups] == [
        ("Nguyễn Thị Hải Yến", "125/QĐ-UBND"),
        ("Tổ dân phố số 1", "125/QĐ-UBND"),
    ]
    assert duplicate_commendations([seeded.yen], default_form(), seeded.year - 1) == []


def test_find_decision(seeded):
    made = make_decision(seeded)
    assert find_decision("07/QĐ-UBND").id == made.id
    assert find_decision(" 07/qd-ubnd ").id == made.id  # marks and case forgiven
    assert find_decision("125/QĐ-UBND").id == seeded.decision.id
    with pytest.raises(ModelError) as err:
        find_decision("999/QĐ-UBND")
    assert err.value.message == "Không tìm thấy quyết định số 999/QĐ-UBND."
    made.tombstone()
    with pytest.raises(ModelError, match="Không tìm thấy quyết định số 07/QĐ-UBND"):
        find_decision("07/QĐ-UBND")


def test_find_decision_prefers_newest_or_the_year_given(seeded):
    old = create_decision(**args(seeded, signed_on=dt.date(2024, 12, 1)))
    new = create_decision(**args(seeded, signed_on=dt.date(2025, 12, 1)))
    assert find_decision("08/QĐ-UBND").id == new.id
    assert find_decision("08/QĐ-UBND", year=2024).id == old.id
    with pytest.raises(ModelError, match="năm 2023"):
        find_decision("08/QĐ-UBND", year=2023)


def test_decision_rows_groups_first_with_positions(seeded):
    decision = make_decision(seeded)
    rows = decision_rows(decision)
    assert [(r.is_group, r.name, r.position) for r in rows] == [
        (True, "Tổ dân vận Hòa Bình", "Khu phố 1"),  # a group: its area
        (False, "Nguyễn Thị Hải Yến", "Tổ trưởng Tổ dân phố số 1"),  # a serving leader
        (False, "Đặng Văn Long", "Thành viên Tổ dân phố số 1"),
    ]
    assert rows[1].achievement == "Hoàn thành xuất sắc nhiệm vụ tổ trưởng năm 2025"
    assert rows[1].golden_book_no == "12/2026"
    assert {r.form_name for r in rows} == {"Giấy khen của Chủ tịch UBND cấp xã"}


def test_decision_rows_address_when_no_current_role_and_live_only(seeded):
    # Bình led Tổ dân phố số 1 until 2019 only: her address (none) falls back to her area.
    decision = make_decision(
        seeded,
        recipients=[
            {"person": seeded.binh, "achievement": "a"},
            {"person": seeded.an, "achievement": "b"},
        ],
    )
    seeded.an.address = "Số 9 ngõ 2"
    seeded.an.save()
    rows = decision_rows(decision)
    assert [(r.name, r.position) for r in rows] == [
        ("Lê Thị Bình", "Khu phố 2"),
        ("Trần Văn An", "Quyền tổ trưởng Tổ dân vận Hòa Bình"),
    ]
    Recipient.get(Recipient.decision == decision, Recipient.person == seeded.an).tombstone()
    assert [r.name for r in decision_rows(decision)] == ["Lê Thị Bình"]


def test_decision_summaries_count_live_recipients(seeded):
    decision = make_decision(seeded)
    Recipient.get(Recipient.decision == decision, Recipient.person == seeded.dang).tombstone()
    summaries = {s.number: s for s in decision_summaries()}
    assert summaries["07/QĐ-UBND"].recipients == 2
    assert summaries["07/QĐ-UBND"].signed_on == dt.date(2026, 1, 5)
    assert summaries["125/QĐ-UBND"].recipients == 2


def test_form_short_name():
    assert form_short_name("Giấy khen của Chủ tịch UBND cấp xã") == "Giấy khen"
    assert form_short_name("Bằng khen của Chủ tịch UBND cấp tỉnh") == "Bằng khen"
    assert form_short_name("Kỷ niệm chương") == "Kỷ niệm chương"
