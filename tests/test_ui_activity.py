"""The activity screens driven as a clerk would: meetings, recommendations,
titles, funds, coordination rules, terms."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from models import recommendation_ops, statistics
from models.enums import HouseholdTitleKind, RecommendationState
from models.meetings import Attendance, Meeting
from ui.pages import forms
from ui.pages.meetings import MeetingDialog, MeetingsPage
from ui.pages.recommendations import RecommendationsPage, StateDialog
from ui.pages.yearly import FundsPage, RulesPage, TermsPage, TitlesPage
from ui.table_model import OVERDUE_COLOR


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


def shown_active(qtbot, widget):
    """Shortcuts reach only a window that is shown and active."""
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=3000)


def save_button(dialog):
    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Save)


def tick(widget, names):
    for i in range(widget.count()):
        item = widget.item(i)
        if any(item.text().startswith(n) for n in names):
            item.setCheckState(Qt.CheckState.Checked)


def test_meeting_form_ticks_attendance_copies_last_and_saves(qtbot, seeded, warnings):
    page = MeetingsPage()
    qtbot.addWidget(page)
    page.activate()
    assert page.count_label.text() == "3 buổi sinh hoạt"
    dialog = MeetingDialog(page)
    qtbot.addWidget(dialog)
    forms.select_value(dialog.group_box, seeded.groups[0].id)
    dialog.date.setDate(forms.to_qdate(dt.date(seeded.year, 1, 20)))
    names = [dialog.roster.item(i).text() for i in range(dialog.roster.count())]
    assert names == ["Nguyễn Thị Hải Yến — Tổ trưởng · Đảng viên", "Phạm Quốc Hùng — Tổ phó",
                     "Đặng Văn Long — Thành viên · Đảng viên"]
    # Nothing chosen as topic yet: the clerk is told, nothing is saved.
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert warnings == ["Chưa chọn nội dung sinh hoạt nào."]
    tick(dialog.topics, ["An ninh trật tự"])
    tick(dialog.roster, ["Nguyễn Thị Hải Yến", "Đặng Văn Long"])
    dialog.others.setValue(15)
    assert dialog.summary.text() == "Có mặt: 2 · Đảng viên dự: 2 · Vắng: 1 · Lượt người dự: 17"
    dialog.place.setText("Nhà văn hóa Khu phố 1")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = Meeting.get_by_id(dialog.saved_id)
    assert (saved.members_present, saved.other_attendees, saved.place) == (2, 15, "Nhà văn hóa Khu phố 1")
    assert Attendance.select().where(Attendance.meeting == saved.id).count() == 2

    # "Copy last meeting" pre-fills a new one from the latest.
    copy = MeetingDialog(page)
    qtbot.addWidget(copy)
    forms.select_value(copy.group_box, seeded.groups[0].id)
    copy.date.setDate(forms.to_qdate(dt.date(seeded.year, 2, 20)))
    qtbot.mouseClick(copy.copy_button, Qt.MouseButton.LeftButton)
    assert copy.place.text() == "Nhà văn hóa Khu phố 1" and copy.others.value() == 15
    assert forms.checked_values(copy.roster) == [seeded.yen.id, seeded.dang.id]
    page.model.reload()
    assert page.count_label.text() == "4 buổi sinh hoạt"


def test_recommendation_state_dialog_offers_only_allowed_states(qtbot, seeded, warnings):
    late = seeded.recommendations[0]
    dialog = StateDialog(None, late)
    qtbot.addWidget(dialog)
    offered = [dialog.next_box.itemText(i) for i in range(dialog.next_box.count())]
    assert offered == ["Đang giải quyết", "Đã trả lời", "Không thuộc thẩm quyền"]
    forms.select_value(dialog.next_box, RecommendationState.ANSWERED)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert warnings == ["Chưa nhập nội dung trả lời."]
    dialog.answer.setPlainText("Đã hướng dẫn thủ tục cấp giấy chứng nhận")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [h.state for h in recommendation_ops.history(late.id)][-1] is RecommendationState.ANSWERED
    closed = StateDialog(None, recommendation_ops.get_recommendation(late.id))
    qtbot.addWidget(closed)
    assert not save_button(closed).isEnabled()


def test_overdue_recommendations_stand_out_and_filter(qtbot, seeded):
    page = RecommendationsPage()
    qtbot.addWidget(page)
    page.activate()
    model = page.model
    colors = [model.data(model.index(r, 0), Qt.ItemDataRole.ForegroundRole) for r in range(model.rowCount())]
    assert colors == [None, OVERDUE_COLOR]  # newest first: the resolved one, then the late one
    page.overdue_only.setChecked(True)
    assert page.count_label.text() == "1 kiến nghị"
    assert model.data(model.index(0, 7), Qt.ItemDataRole.DisplayRole) == "Quá hạn"
    page.overdue_only.setChecked(False)
    forms.select_value(page.state_box, RecommendationState.RESOLVED)
    assert page.count_label.text() == "1 kiến nghị"


def test_titles_ticked_in_bulk_show_in_the_year_figures(qtbot, seeded):
    page = TitlesPage()
    qtbot.addWidget(page)
    shown_active(qtbot, page)
    page.activate()
    forms.select_value(page.area_box, seeded.areas[0].id)
    forms.select_value(page.kind_box, HouseholdTitleKind.THREE_NO)
    assert page.checks.count() == 3
    tick(page.checks, ["Nguyễn Thị Hải Yến", "Đặng Văn Long"])
    assert page.summary.text() == "Đạt danh hiệu: 2/3 hộ (66,67%)"
    page.checks.setFocus()
    qtbot.keyClick(page.checks, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "đã lưu: thêm 2, bỏ 0" in page.summary.text()
    f = statistics.year_figures(page.year_box.value(), area=seeded.areas[0].id)
    assert f.household_share(HouseholdTitleKind.THREE_NO).percent == "66,67%"


def test_funds_typed_in_the_table_are_saved(qtbot, seeded):
    from models import yearly_ops

    fund = yearly_ops.create_fund(name="Quỹ Khuyến học")
    page = FundsPage()
    qtbot.addWidget(page)
    shown_active(qtbot, page)
    page.activate()
    forms.select_value(page.area_box, seeded.areas[0].id)
    forms.select_value(page.fund_box, fund.id)
    assert page.table.rowCount() == 2
    page.table.item(0, 1).setText("3.000.000")
    page.table.item(0, 2).setText("3.600.000")
    page.table.item(0, 4).setText("2.000.000")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.table.item(0, 3).text() == "120,00%"
    assert page.summary.text().startswith("Cộng: chỉ tiêu 3.000.000 đ, vận động được 3.600.000 đ (120,00%)")
    f = statistics.year_figures(page.year_box.value())
    assert (f.funds[0].raised, f.budget_total) == (3_600_000, 2_000_000)


def test_terms_page_marks_past_due_and_follows_the_setting(qtbot, seeded):
    page = TermsPage()
    qtbot.addWidget(page)
    page.activate()
    model = page.model
    rows = {model.row(r)[2]: r for r in range(model.rowCount())}
    # Yến leads since 01/01/2020 (5 years: ended 31/12/2024); An is acting since 2023.
    r = rows["Nguyễn Thị Hải Yến"]
    assert model.data(model.index(r, 5), Qt.ItemDataRole.DisplayRole) == "31/12/2024"
    assert model.data(model.index(r, 7), Qt.ItemDataRole.DisplayRole) == "Đã quá nhiệm kỳ"
    assert model.data(model.index(r, 0), Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOR
    forms.select_value(page.settings.box, 30)
    r = {model.row(i)[2]: i for i in range(model.rowCount())}["Nguyễn Thị Hải Yến"]
    assert model.data(model.index(r, 5), Qt.ItemDataRole.DisplayRole) == "30/06/2022"


def test_rules_page_reviews_a_rule(qtbot, seeded, monkeypatch):
    from models import yearly_ops
    from ui.pages import yearly

    yearly_ops.save_rule(group=seeded.groups[0].id, signed_on=dt.date(2014, 11, 10),
                         leader_name="Nguyễn Thị Hải Yến", front_head_name="Đặng Văn Long")
    page = RulesPage()
    qtbot.addWidget(page)
    shown_active(qtbot, page)
    page.activate()
    model = page.model
    assert model.data(model.index(0, 6), Qt.ItemDataRole.DisplayRole) == "Bỏ sót rà soát năm trước"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOR

    def review(self):  # the dialog, filled and saved as a clerk would
        self.year.setValue(dt.date.today().year)
        self.save()
        return self.result()

    monkeypatch.setattr(yearly.ReviewDialog, "exec", review)
    page.table.setCurrentIndex(model.index(0, 0))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert model.data(model.index(0, 5), Qt.ItemDataRole.DisplayRole) == str(dt.date.today().year)
    assert model.data(model.index(0, 6), Qt.ItemDataRole.DisplayRole) == "Đã rà soát"


def test_term_length_is_set_in_settings(qtbot, seeded):
    from ui.pages.settings import SettingsPage

    settings = SettingsPage()
    terms_page = TermsPage()
    for w in (settings, terms_page):
        qtbot.addWidget(w)
    settings.activate()
    tab = settings.terms
    settings.tabs.setCurrentWidget(tab)
    assert tab.box.box.currentText() == "5 năm"
    forms.select_value(tab.box.box, 30)
    terms_page.activate()
    assert terms_page.settings.box.currentText() == "2,5 năm"
    model = terms_page.model
    r = {model.row(i)[2]: i for i in range(model.rowCount())}["Nguyễn Thị Hải Yến"]
    assert model.data(model.index(r, 5), Qt.ItemDataRole.DisplayRole) == "30/06/2022"
