"""A person's rights on the Người dân page: their full record, and erasure."""

import json

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from models import audit, auth
from models.enums import UserRole
from models.people import Person
from models.privacy import ERASED_NAME
from ui.pages.people import PeoplePage


@pytest.fixture
def page(seeded, qtbot):
    page = PeoplePage()
    qtbot.addWidget(page)
    page.activate()
    return page


def select(page, name):
    model = page.model
    for r in range(model.rowCount()):
        if model.data(model.index(r, 0)) == name:
            page.table.selectRow(r)
            return
    raise AssertionError(name)


def test_full_record_is_written_for_the_person_and_logged(page, seeded, tmp_path, monkeypatch):
    target = tmp_path / "ho-so.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    select(page, "Nguyễn Thị Hải Yến")
    page.export_record()
    record = json.loads(target.read_text(encoding="utf-8"))
    assert record["full_name"] == "Nguyễn Thị Hải Yến"
    assert record["id_number"] == "001178004512"
    assert record["party_member"]["card_number"] == "07654321"
    assert told and "không được mã hóa" in told[0]
    assert audit.entries(record_uuid=seeded.yen.uuid.hex)[0].action == "access"


def test_erasure_asks_then_clears_the_name_and_keeps_the_row(page, seeded, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    count = page.model.rowCount()
    select(page, "Nguyễn Thị Hải Yến")
    page.erase_record()
    assert page.model.rowCount() == count
    erased = Person.get_by_id(seeded.yen.id)
    assert erased.full_name == ERASED_NAME and erased.id_number is None
    assert audit.entries(record_uuid=seeded.yen.uuid.hex)[0].action == "erase"


def test_a_viewer_cannot_take_a_full_record(page, seeded, tmp_path, monkeypatch):
    auth.create_user("quantri", "mat-khau-du-dai", UserRole.ADMIN)
    auth.create_user("xem", "mat-khau-xem-1", UserRole.VIEWER)
    try:
        auth.authenticate("xem", "mat-khau-xem-1")
        target = tmp_path / "ho-so.json"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
        warned = []
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
        select(page, "Nguyễn Thị Hải Yến")
        page.export_record()
        assert warned and "chỉ có quyền xem" in warned[0]
        assert not target.exists()
    finally:
        auth.sign_out()
