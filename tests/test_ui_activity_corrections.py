"""Correcting activity records from the screens: deleting (a tombstone, asked
first) a meeting, a recommendation, a mediation case; editing a coordination
rule."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import recommendation_ops, yearly_ops
from models.base import ModelError, context
from models.coordination import CoordinationRule
from models.enums import MediationOutcome
from models.mediation import MediationCase
from models.meetings import Meeting
from models.recommendations import Recommendation, RecommendationEvent
from ui.pages import yearly
from ui.pages.meetings import MeetingsPage
from ui.pages.recommendations import RecommendationsPage
from ui.pages.yearly import MediationPage, RulesPage

YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


@pytest.fixture
def answers(monkeypatch):
    """The confirmation: answered with the next value of the list; the
    questions asked are kept."""
    asked = []
    replies = []

    def question(parent, title, text, *args, **kwargs):
        asked.append((title, text))
        return replies.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked, replies


def page_of(qtbot, cls):
    page = cls()
    qtbot.addWidget(page)
    page.activate()
    return page


def select(page, column, text):
    model = page.model
    for r in range(model.rowCount()):
        if model.data(model.index(r, column), Qt.ItemDataRole.DisplayRole) == text:
            page.table.setCurrentIndex(model.index(r, 0))
            return r
    raise AssertionError(text)


def test_delete_meeting_asks_then_tombstones(qtbot, seeded, answers):
    asked, replies = answers
    page = page_of(qtbot, MeetingsPage)
    assert page.count_label.text() == "3 buổi sinh hoạt"
    m_new = seeded.meetings[1]
    select(page, 1, "Tổ dân vận Hòa Bình")
    replies.append(NO)
    page.delete_button.click()
    assert asked[0][0] == "Xóa buổi sinh hoạt"
    assert f"20/02/{seeded.year}" in asked[0][1] and "Tổ dân vận Hòa Bình" in asked[0][1]
    assert Meeting.get_by_id(m_new.id).deleted_at is None and page.count_label.text() == "3 buổi sinh hoạt"
    replies.append(YES)
    page.delete_button.click()
    kept = Meeting.get_by_id(m_new.id)  # still in the file, marked deleted
    assert kept.deleted_at is not None
    assert page.count_label.text() == "2 buổi sinh hoạt"


def test_deleting_a_meeting_keeps_the_recommendations_raised_at_it(qtbot, seeded, answers):
    from models.recommendations import Recommendation

    asked, replies = answers
    m_new = seeded.meetings[1]
    rec = Recommendation.get_by_id(seeded.recommendations[0].id)
    rec.meeting = m_new
    rec.save()
    page = page_of(qtbot, MeetingsPage)
    select(page, 1, "Tổ dân vận Hòa Bình")
    replies.append(YES)
    page.delete_button.click()
    assert "1 kiến nghị nêu tại buổi này vẫn được giữ lại" in asked[0][1]
    kept = Recommendation.get_by_id(rec.id)
    assert kept.deleted_at is None and kept.meeting_id is None
    assert kept.rev == rec.rev + 1  # the change travels to the province with the next package


def test_delete_recommendation_entered_by_mistake(qtbot, seeded, answers):
    asked, replies = answers
    page = page_of(qtbot, RecommendationsPage)
    rec = seeded.recommendations[1]
    select(page, 3, "Thu gom rác thải ngõ 7")
    replies.append(YES)
    page.delete_button.click()
    assert "Thu gom rác thải ngõ 7" in asked[0][1]
    assert Recommendation.get_by_id(rec.id).deleted_at is not None
    assert page.count_label.text() == "1 kiến nghị"
    assert recommendation_ops.get_recommendation(rec.id) is None
    assert not RecommendationEvent.live().where(RecommendationEvent.recommendation == rec.id).exists()
    with pytest.raises(ModelError, match="có thể đã bị xóa"):
        recommendation_ops.delete_recommendation(rec.id)


def test_delete_mediation_case(qtbot, seeded, answers):
    asked, replies = answers
    case = yearly_ops.save_mediation(area=seeded.areas[0].id, opened_on=dt.date.today(),
                                     parties="Ông Nguyễn Văn A và bà Trần Thị B", subject="Tranh chấp lối đi",
                                     outcome=MediationOutcome.PENDING)
    page = page_of(qtbot, MediationPage)
    assert page.count_label.text() == "1 vụ việc"
    page.table.setCurrentIndex(page.model.index(0, 0))
    replies.append(YES)
    page.delete_button.click()
    assert asked[0][0] == "Xóa vụ việc hòa giải" and "Ông Nguyễn Văn A và bà Trần Thị B" in asked[0][1]
    assert MediationCase.get_by_id(case.id).deleted_at is not None
    assert page.count_label.text() == "0 vụ việc"


def test_viewer_cannot_delete(qtbot, seeded, monkeypatch):
    context.read_only = True
    try:
        for cls in (MeetingsPage, RecommendationsPage, MediationPage):
            assert not page_of(qtbot, cls).delete_button.isEnabled()
        with pytest.raises(ModelError, match="chỉ có quyền xem"):
            recommendation_ops.delete_recommendation(seeded.recommendations[0].id)
    finally:
        context.read_only = False
    assert Recommendation.get_by_id(seeded.recommendations[0].id).deleted_at is None


def test_refused_deletion_is_shown(qtbot, seeded, answers, monkeypatch):
    """A refusal from the model layer reaches the clerk as a message."""
    _asked, replies = answers
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))
    page = page_of(qtbot, MeetingsPage)
    page.table.setCurrentIndex(page.model.index(0, 0))
    context.read_only = True
    try:
        replies.append(YES)
        page.delete_selected()
    finally:
        context.read_only = False
    assert shown == [("Không xóa được", "Tài khoản chỉ có quyền xem, không được thay đổi dữ liệu.")]
    assert page.count_label.text() == "3 buổi sinh hoạt"


def test_rules_page_edits_a_rule(qtbot, seeded, monkeypatch):
    rule = yearly_ops.save_rule(group=seeded.groups[0].id, signed_on=dt.date(2014, 11, 10),
                                leader_name="Nguyễn Thị Hải Yến", front_head_name="Đặng Văn Long")
    page = page_of(qtbot, RulesPage)
    page.table.setCurrentIndex(page.model.index(0, 0))
    seen = []

    def correct(self):
        seen.append((self.windowTitle(), self.group.currentData(), self.leader.text()))
        self.front_head.setText("")
        self.save()  # refused: the name is needed
        self.front_head.setText("Lê Thị Bình")
        self.save()
        return self.result()

    errors = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(yearly.RuleDialog, "exec", correct)
    page.edit_selected()
    assert seen == [("Sửa quy chế phối hợp", seeded.groups[0].id, "Nguyễn Thị Hải Yến")]
    assert errors == ["Chưa nhập họ tên Trưởng ban công tác Mặt trận ký quy chế."]
    assert CoordinationRule.select().count() == 1
    assert CoordinationRule.get_by_id(rule.id).front_head_name == "Lê Thị Bình"
    assert page.model.data(page.model.index(0, 4), Qt.ItemDataRole.DisplayRole) == "Lê Thị Bình"
