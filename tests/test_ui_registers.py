"""The register screens driven as a clerk would: forms, filters, Excel in and out."""

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QPushButton

from models.base import context
from models.enums import Role
from models.groups import Membership
from models.people import Person
from models.users import AuditEntry
from ui.pages.groups import GroupsPage
from ui.pages.people import PeoplePage
from ui.register_dialogs import GroupDetailDialog, MemberDialog, PersonDialog
from ui.excel_dialogs import ImportDialog


@pytest.fixture
def people(seeded, qtbot):
    page = PeoplePage()
    qtbot.addWidget(page)
    page.activate()
    return page


def test_person_form_shows_errors_next_to_fields_then_saves(db, qtbot):
    dialog = PersonDialog()
    qtbot.addWidget(dialog)
    dialog.fields["full_name"].setText("Vũ Thị  Hoa")  # keyClicks types ASCII only
    qtbot.keyClicks(dialog.fields["id_number"], "12345")
    qtbot.keyClicks(dialog.fields["birth"], "30/02/1990")
    dialog.try_accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "12 chữ số" in dialog.errors["id_number"].text() and not dialog.errors["id_number"].isHidden()
    assert "ngày/tháng/năm" in dialog.errors["birth"].text()
    assert dialog.errors["full_name"].isHidden()
    assert Person.select().count() == 0
    dialog.fields["id_number"].setText("001190000123")
    dialog.fields["birth"].setText("1990")
    dialog.try_accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = Person.get()
    assert saved.full_name == "Vũ Thị Hoa" and saved.birth_year == 1990 and saved.id_number == "001190000123"


def test_people_filters_and_count(people, seeded):
    assert people.count_label.text() == "5 người"
    box = people.filter_boxes["area_id"]
    box.setCurrentIndex(box.findData(seeded.areas[1].id))
    assert people.count_label.text() == "2 người"
    role = people.filter_boxes["role"]
    box.setCurrentIndex(0)
    role.setCurrentIndex(role.findData(Role.LEADER))
    assert [people.model.row(i)[0] for i in range(people.model.rowCount())] == ["Nguyễn Thị Hải Yến"]


def test_viewer_sees_masked_numbers_and_cannot_add(seeded, qtbot):
    context.read_only = True
    try:
        page = PeoplePage()
        qtbot.addWidget(page)
        page.activate()
        page.search_box.setText("yen")
        page.apply_search()
        index = page.model.index(0, 3)
        assert page.model.data(index, Qt.ItemDataRole.DisplayRole) == "********4512"
        assert page.model.data(page.model.index(0, 4), Qt.ItemDataRole.DisplayRole) == "0912***678"
        buttons = {b.text(): b for b in page.findChildren(QPushButton)}
        assert not buttons["&Thêm…"].isEnabled() and buttons["Xuất Excel…"].isEnabled()
    finally:
        context.read_only = False


def test_export_people_asks_why_and_logs_it(people, tmp_path, monkeypatch, qtbot):
    out = tmp_path / "nguoi.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: asked.append(a[2]) or ("Gửi công an phường", True))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    people.search_box.setText("van")
    people.apply_search()
    assert people.export_excel() == 2
    assert "không được mã hóa" in asked[0]
    ws = load_workbook(out).active
    assert [c.value for c in ws[2]][:2] == ["Họ và tên", "Giới tính"]
    assert [ws.cell(row=r, column=1).value for r in (3, 4)] == ["Trần Văn An", "Đặng Văn Long"]
    entry = AuditEntry.select().where(AuditEntry.action == "export").get()
    assert "Gửi công an phường" in entry.changes


def test_export_without_a_reason_writes_nothing(people, tmp_path, monkeypatch):
    out = tmp_path / "nguoi.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    assert people.export_excel() is None
    assert not out.exists()


def test_group_members_new_leader_from_the_detail(seeded, qtbot):
    g1 = seeded.groups[0]
    detail = GroupDetailDialog(g1.id)
    qtbot.addWidget(detail)
    assert detail.members.item(0, 0).text() == "Nguyễn Thị Hải Yến"
    assert detail.members.item(0, 4).text() == "Có"  # she is a party member
    add = MemberDialog(g1.id, detail)
    qtbot.addWidget(add)
    qtbot.keyClicks(add.picker.search, "dang van")
    assert add.picker.results.count() == 1
    add.fields["role"].setCurrentIndex(add.fields["role"].findData(Role.LEADER.value))
    add.fields["start_date"].setText("01/08/2025")
    add.try_accept()
    assert add.result() == QDialog.DialogCode.Accepted
    detail.refresh()
    old = Membership.get(Membership.person == seeded.yen, Membership.role == Role.LEADER)
    assert old.end_date == dt.date(2025, 7, 31)
    assert detail.members.item(0, 0).text() == "Đặng Văn Long"


def test_groups_page_filters_by_type_and_shows_party_leaders(seeded, qtbot):
    page = GroupsPage()
    qtbot.addWidget(page)
    page.activate()
    assert page.count_label.text() == "3 tổ"
    types = page.filter_boxes["group_type_id"]
    types.setCurrentIndex(types.findText("Tổ dân vận"))
    assert page.count_label.text() == "1 tổ"
    types.setCurrentIndex(0)
    first = page.model.index(0, 7)
    assert page.model.data(first, Qt.ItemDataRole.DisplayRole) == "Có"


def test_import_wizard(db, tmp_path, qtbot):
    from test_excel_import import people_sheet

    dialog = ImportDialog("people")
    qtbot.addWidget(dialog)
    dialog.load(str(people_sheet(tmp_path / "ds.xlsx")))
    assert "dòng 4" in dialog.found.text() and "4 dòng dữ liệu" in dialog.found.text()
    assert dialog.combos["full_name"].currentText() == "Cột B: Họ tên"
    assert not dialog.import_button.isEnabled()
    dialog.try_button.click()
    assert "Thử nhập: sẽ nhận 4 người dân" in dialog.result.toPlainText()
    assert Person.select().count() == 0
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    assert Person.select().count() == 4
