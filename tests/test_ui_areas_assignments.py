"""Residential areas (add, correct, dissolve), ending a party assignment, and
the 6-month limit of an interim leader: operations and screens."""

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog

from models import registers
from models.areas import ResidentialArea
from models.base import ModelError, context
from models.enums import AreaKind, Role
from models.groups import Group, Membership
from models.party import PartyAssignment
from ui.pages.groups import GroupsPage
from ui.pages.party import PartyPage
from ui.register_dialogs import (
    AreaDialog,
    AreasDialog,
    DateDialog,
    EndAssignmentDialog,
    GroupDetailDialog,
    MemberDialog,
)


def row_of(dialog, name):
    return next(i for i, r in enumerate(dialog.rows) if r.name == name)


# -- areas -------------------------------------------------------------------------

def test_area_dialog_adds_then_corrects_an_area(db, qtbot):
    dialog = AreaDialog()
    qtbot.addWidget(dialog)
    dialog.try_accept()
    assert "Tên khu dân cư" in dialog.errors["name"].text() and not dialog.errors["name"].isHidden()
    assert ResidentialArea.select().count() == 0
    dialog.fields["name"].setText("Thôn Đông")
    dialog.fields["kind"].setCurrentIndex(dialog.fields["kind"].findData(AreaKind.THON.value))
    dialog.fields["front_head_name"].setText("Trần Văn Bình")
    dialog.try_accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    area = ResidentialArea.get()
    assert (area.name, area.kind, area.front_head_name) == ("Thôn Đông", AreaKind.THON, "Trần Văn Bình")

    edit = AreaDialog(area_id=area.id)
    qtbot.addWidget(edit)
    assert edit.windowTitle() == "Sửa khu dân cư"
    assert edit.fields["name"].text() == "Thôn Đông" and edit.value("kind") == AreaKind.THON.value
    edit.fields["front_head_name"].setText("Lê Thị Hoa")
    edit.try_accept()
    assert edit.result() == QDialog.DialogCode.Accepted
    assert ResidentialArea.get_by_id(area.id).front_head_name == "Lê Thị Hoa"
    assert ResidentialArea.select().count() == 1


def test_areas_dialog_lists_areas_and_refuses_to_dissolve_one_with_working_groups(seeded, qtbot, monkeypatch):
    dialog = AreasDialog()
    qtbot.addWidget(dialog)
    assert [r.name for r in dialog.rows] == ["Khu phố 1", "Khu phố 2"]
    assert dialog.table.item(0, 3).text() == "2"  # two groups still working in Khu phố 1
    assert dialog.table.item(1, 3).text() == "0"  # its only group was dissolved
    assert not dialog.dissolve_button.isEnabled()  # nothing chosen yet
    dialog.table.selectRow(row_of(dialog, "Khu phố 1"))
    assert dialog.dissolve_button.isEnabled()

    shown = []

    def run_date_dialog(self):
        shown.append(self)
        self.try_accept()
        return self.result()

    monkeypatch.setattr(DateDialog, "exec", run_date_dialog)
    dialog.dissolve_area()
    message = shown[0].errors["on"].text()
    assert "Chưa giải thể được Khu phố 1: còn 2 tổ đang hoạt động" in message and "Tổ dân phố số 1" in message
    assert not shown[0].errors["on"].isHidden()
    assert ResidentialArea.get_by_id(seeded.areas[0].id).dissolved_on is None
    assert Group.get_by_id(seeded.groups[0].id).dissolved_on is None

    dialog.table.selectRow(row_of(dialog, "Khu phố 2"))
    dialog.dissolve_area()
    assert shown[1].result() == QDialog.DialogCode.Accepted
    assert ResidentialArea.get_by_id(seeded.areas[1].id).dissolved_on == dt.date.today()
    assert dialog.changed
    assert dialog.table.item(row_of(dialog, "Khu phố 2"), 4).text().startswith("Đã giải thể ngày")
    assert not dialog.dissolve_button.isEnabled()  # already dissolved


def test_dissolve_area_rules_live_in_the_operation(seeded):
    kp2 = seeded.areas[1]
    with pytest.raises(ModelError, match="sau hôm nay"):
        registers.dissolve_area(area_id=kp2.id, on=dt.date.today() + dt.timedelta(days=1))
    # Its group was dissolved on 31/12/2024: on an earlier day it still worked.
    with pytest.raises(ModelError, match="còn 1 tổ đang hoạt động"):
        registers.dissolve_area(area_id=kp2.id, on=dt.date(2024, 6, 1))
    registers.dissolve_area(area_id=kp2.id, on=dt.date(2025, 1, 1))
    with pytest.raises(ModelError, match="đã giải thể ngày 01/01/2025"):
        registers.dissolve_area(area_id=kp2.id, on=dt.date(2025, 2, 1))
    # A dissolved area takes no new group.
    with pytest.raises(registers.FormError) as caught:
        registers.save_group(name="Tổ mới", area_id=kp2.id, group_type_id=seeded.groups[0].group_type_id)
    assert "đã giải thể" in caught.value.errors["area"]


def test_groups_page_opens_the_areas_and_reloads_the_filter(seeded, qtbot, monkeypatch):
    page = GroupsPage()
    qtbot.addWidget(page)
    page.activate()

    def add_one(self):
        registers.save_area(name="Thôn Tây", kind=AreaKind.THON)
        self.changed = True
        return 0

    monkeypatch.setattr(AreasDialog, "exec", add_one)
    page.manage_areas()
    box = page.filter_boxes["area_id"]
    assert box.findText("Thôn Tây") > 0


def test_viewer_cannot_change_areas(seeded, qtbot):
    context.read_only = True
    try:
        dialog = AreasDialog()
        qtbot.addWidget(dialog)
        dialog.table.selectRow(0)
        assert not dialog.add_button.isEnabled() and not dialog.edit_button.isEnabled()
        assert not dialog.dissolve_button.isEnabled()
        with pytest.raises(ModelError):
            registers.dissolve_area(area_id=seeded.areas[1].id, on=dt.date(2025, 1, 1))
    finally:
        context.read_only = False


# -- party assignments -------------------------------------------------------------------

@pytest.fixture
def assignment(seeded):
    pm_dang = seeded.party[0]
    return registers.assign_party_member(party_member_id=pm_dang.id, group_ids=[seeded.groups[0].id],
                                         start_date=dt.date(2024, 3, 1))[0]


def test_end_assignment_from_the_group_detail(seeded, assignment, qtbot, monkeypatch):
    detail = GroupDetailDialog(seeded.groups[0].id)
    qtbot.addWidget(detail)
    assert detail.carers.item(0).text() == "Đặng Văn Long — từ 01/03/2024"
    detail.carers.setCurrentRow(0)
    dialogs = []

    def enter_dates(self):
        dialogs.append(self)
        assert self.value("assignment") == assignment.id
        self.fields["end_date"].setText("15/02/2024")  # before the start
        self.try_accept()
        assert "không được trước ngày bắt đầu phân công (01/03/2024)" in self.errors["end_date"].text()
        assert PartyAssignment.get_by_id(assignment.id).end_date is None
        self.fields["end_date"].setText("30/06/2025")
        self.try_accept()
        return self.result()

    monkeypatch.setattr(EndAssignmentDialog, "exec", enter_dates)
    detail.end_assignment()
    assert PartyAssignment.get_by_id(assignment.id).end_date == dt.date(2025, 6, 30)
    assert detail.carers.item(0).text() == "Đặng Văn Long — từ 01/03/2024 đến 30/06/2025"
    # Ended: nothing left to end.
    again = EndAssignmentDialog(group_id=seeded.groups[0].id)
    qtbot.addWidget(again)
    again.try_accept()
    assert "Không có phân công nào" in again.errors["assignment"].text()


def test_end_assignment_from_the_party_page(seeded, assignment, qtbot, monkeypatch):
    page = PartyPage()
    qtbot.addWidget(page)
    page.activate()
    names = [page.model.row(i)[0] for i in range(page.model.rowCount())]
    page.table.setCurrentIndex(page.model.index(names.index("Đặng Văn Long"), 0))

    def enter_date(self):
        assert self.fields["assignment"].currentText().startswith("Đặng Văn Long — Tổ dân phố số 1")
        self.fields["end_date"].setText("01/01/2025")
        self.try_accept()
        return self.result()

    monkeypatch.setattr(EndAssignmentDialog, "exec", enter_date)
    page.end_assignment()
    assert PartyAssignment.get_by_id(assignment.id).end_date == dt.date(2025, 1, 1)


# -- interim leaders -------------------------------------------------------------------------

def test_interim_leader_serves_at_most_six_months(seeded, qtbot):
    g1 = seeded.groups[0]
    add = MemberDialog(g1.id)
    qtbot.addWidget(add)
    qtbot.keyClicks(add.picker.search, "tran van an")
    add.fields["role"].setCurrentIndex(add.fields["role"].findData(Role.ACTING_LEADER.value))
    add.fields["start_date"].setText("01/02/2025")
    add.fields["end_date"].setText("15/09/2025")
    add.try_accept()
    assert add.result() != QDialog.DialogCode.Accepted
    message = add.errors["end_date"].text()
    assert "Quyền tổ trưởng chỉ được giao tối đa 6 tháng" in message and "31/07/2025" in message
    assert not add.errors["end_date"].isHidden()
    assert not Membership.select().where(Membership.group == g1, Membership.role == Role.ACTING_LEADER).exists()
    add.fields["end_date"].setText("31/07/2025")
    add.try_accept()
    assert add.result() == QDialog.DialogCode.Accepted
    made = Membership.get(Membership.group == g1, Membership.role == Role.ACTING_LEADER)
    assert (made.start_date, made.end_date) == (dt.date(2025, 2, 1), dt.date(2025, 7, 31))


def test_ending_an_interim_term_late_is_refused_next_to_the_date(seeded, qtbot, monkeypatch):
    g2 = seeded.groups[1]
    detail = GroupDetailDialog(g2.id)
    qtbot.addWidget(detail)
    detail.members.setCurrentCell(0, 0)  # Trần Văn An, quyền tổ trưởng since 01/01/2023

    def enter_date(self):
        self.fields["end_date"].setText("01/01/2024")
        self.try_accept()
        assert "tối đa 6 tháng" in self.errors["end_date"].text()
        assert "30/06/2023" in self.errors["end_date"].text()
        self.fields["end_date"].setText("30/06/2023")
        self.try_accept()
        return self.result()

    monkeypatch.setattr(DateDialog, "exec", enter_date)
    detail.end_member()
    assert Membership.get(Membership.group == g2, Membership.person == seeded.an).end_date == dt.date(2023, 6, 30)
    with pytest.raises(ModelError, match="tối đa 6 tháng"):
        registers.add_member(group_id=g2.id, person_id=seeded.hung.id, role=Role.ACTING_LEADER,
                             start_date=dt.date(2025, 8, 31), end_date=dt.date(2026, 3, 1))
