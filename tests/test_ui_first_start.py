"""The first-start dialog: choosing the office's unit."""

import pytest
from PySide6.QtWidgets import QMessageBox

from models import db as dbmod
from models.enums import Level
from exchange.keys import office_key, unlock
from ui.first_start import FirstStartDialog, matches


@pytest.fixture
def empty_db(tmp_path):
    database = dbmod.open_database(tmp_path / "new.todan")
    yield database
    database.close()


def set_passphrase(dialog, text="mat khau kho doan", again=None):
    dialog.passphrase.setText(text)
    dialog.passphrase_again.setText(text if again is None else again)


def select_province(dialog, code):
    for i in range(dialog.province.count()):
        if dialog.province.itemData(i).code == code:
            dialog.province.setCurrentIndex(i)
            return
    raise AssertionError(code)


def test_commune_office_stores_the_chosen_ward(qtbot, empty_db):
    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    assert dialog.province.itemText(0) == "Thành phố Hà Nội"
    select_province(dialog, "01")
    everything = dialog.commune.count()
    qtbot.keyClicks(dialog.filter, "phuc loi")
    assert 0 < dialog.commune.count() < everything
    assert "Phường Phúc Lợi" in [dialog.commune.itemText(i) for i in range(dialog.commune.count())]
    assert dialog.select_commune("00136")
    set_passphrase(dialog)
    dialog.accept()
    assert dialog.result() == FirstStartDialog.DialogCode.Accepted
    assert dbmod.home_unit().code == "00136"
    assert dbmod.home_level() is Level.COMMUNE
    key = office_key()
    assert key is not None and key.unit_code == "00136"
    unlock(key, "mat khau kho doan")  # the keys open with the chosen passphrase


def test_province_office_stores_the_province(qtbot, empty_db):
    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.province_level.setChecked(True)
    assert not dialog.commune.isVisible()
    select_province(dialog, "79")
    set_passphrase(dialog)
    dialog.accept()
    assert dbmod.home_unit().full_name == "Thành phố Hồ Chí Minh"
    assert dbmod.home_level() is Level.PROVINCE


def test_changing_province_refills_the_communes(qtbot, empty_db):
    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    select_province(dialog, "01")
    hanoi = {dialog.commune.itemData(i).province_code for i in range(dialog.commune.count())}
    select_province(dialog, "79")
    hcm = {dialog.commune.itemData(i).province_code for i in range(dialog.commune.count())}
    assert hanoi == {"01"} and hcm == {"79"}


def test_a_unit_cannot_be_chosen_twice(qtbot, db, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    select_province(dialog, "01")
    set_passphrase(dialog)
    dialog.accept()
    assert warnings and "không thể đổi" in warnings[0]
    assert dialog.result() != FirstStartDialog.DialogCode.Accepted
    assert dbmod.home_unit().code == "00136"


def test_filter_ignores_marks():
    assert matches("Phường Phúc Lợi", "phuc loi")
    assert matches("Phường Phúc Lợi", "Phúc")
    assert matches("Xã Đông Anh", "dong")
    assert not matches("Phường Phúc Lợi", "loi phuc x")


@pytest.mark.parametrize("first, again, message", [
    ("ngan", "ngan", "ít nhất 8"),
    ("mat khau kho doan", "mat khau khac", "không giống nhau"),
])
def test_a_weak_or_mistyped_passphrase_saves_nothing(qtbot, empty_db, monkeypatch, first, again, message):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    select_province(dialog, "01")
    assert dialog.select_commune("00136")
    set_passphrase(dialog, first, again)
    dialog.accept()
    assert warnings and message in warnings[0]
    assert dialog.result() != FirstStartDialog.DialogCode.Accepted
    assert dbmod.home_unit() is None
    assert office_key() is None
