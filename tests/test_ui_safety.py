"""What the clerk meets of backups, locks, sign-in and the audit log."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from models import auth, backups
from models import db as dbmod
from models.enums import Level, UserRole
from models.lock import WriterLock
from models.people import Person
from models.units import find_unit
from ui import app as uiapp
from ui.main_window import MainWindow
from ui.pages.accounts_tab import NewUserDialog
from ui.signin import SignInDialog


@pytest.fixture(autouse=True)
def signed_out():
    yield
    auth.sign_out()


@pytest.fixture
def window(qtbot, seeded, tmp_path):
    win = MainWindow(tmp_path / "test.todan")
    qtbot.addWidget(win)
    win.show()
    win.nav.setCurrentRow(win.page_titles().index("Cài đặt"))
    return win


def cells(model, column):
    return [model.data(model.index(r, column), Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())]


def test_backup_now_adds_a_backup_to_the_list(window, qtbot, db):
    settings = window.current_page()
    settings.tabs.setCurrentWidget(settings.backups)
    assert settings.backups.model.rowCount() == 0
    settings.backups.backup_now()
    assert settings.backups.model.rowCount() == 1
    assert cells(settings.backups.model, 1) == ["Do người dùng tạo"]
    assert backups.check_file(backups.list_backups(Path(db.database))[0].path) is None


def test_restore_from_the_list_brings_back_old_data_in_a_new_window(window, qtbot, db, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    settings = window.current_page()
    settings.tabs.setCurrentWidget(settings.backups)
    settings.backups.backup_now()
    Person.create(full_name="Người Thêm Sau Sao Lưu")
    settings.backups.table.selectRow(0)
    reopened = []
    monkeypatch.setattr(MainWindow, "reopen_after_restore", lambda self: reopened.append(True))
    settings.backups.restored.connect(lambda: reopened.append("signal"))
    settings.backups.restore_selected()
    assert not Person.select().where(Person.full_name == "Người Thêm Sau Sao Lưu").exists()
    assert reopened  # the window is told to reload
    assert len(backups.list_backups(Path(db.database))) == 2  # the state before restoring was kept


def test_first_account_turns_sign_in_on(window, qtbot):
    settings = window.current_page()
    settings.tabs.setCurrentWidget(settings.accounts)
    assert "Chưa có tài khoản" in settings.accounts.note.text()
    dialog = NewUserDialog(first=True)
    qtbot.addWidget(dialog)
    assert [dialog.role.itemText(i) for i in range(dialog.role.count())] == ["Quản trị"]
    dialog.username.setText("quantri")
    dialog.password.setText("ngan")
    dialog.save()
    assert "ít nhất 8" in dialog.error.text()
    dialog.password.setText("mat-khau-du-dai")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    settings.accounts.load()
    assert cells(settings.accounts.model, 0) == ["quantri"]
    assert cells(settings.accounts.model, 2) == ["Quản trị"]
    assert auth.signin_required()


def test_sign_in_dialog_says_what_is_wrong(qtbot, db):
    auth.create_user("quantri", "mat-khau-du-dai", UserRole.ADMIN)
    auth.sign_out()
    dialog = SignInDialog("Phường Phúc Lợi")
    qtbot.addWidget(dialog)
    dialog.username.setText("quantri")
    dialog.password.setText("sai-mat-khau")
    dialog.try_sign_in()
    assert "không đúng" in dialog.error.text()
    assert dialog.password.text() == ""
    dialog.password.setText("mat-khau-du-dai")
    dialog.try_sign_in()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_audit_tab_shows_changes_newest_first(window, qtbot):
    person = Person.create(full_name="Mai Văn Sửa", phone="0912000000")
    person.phone = "0988000000"
    person.save()
    settings = window.current_page()
    settings.tabs.setCurrentWidget(settings.audit)
    model = settings.audit.model
    assert cells(model, 3)[:2] == ["Sửa", "Thêm"]
    assert "0912000000 → 0988000000" in cells(model, 5)[0]
    settings.audit.search.setText("khong-co-ai")
    assert model.rowCount() == 0


def test_a_database_open_elsewhere_is_refused_and_the_old_one_kept(window, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: errors.append(text))
    other = tmp_path / "other.todan"
    dbmod.init_database(other, find_unit("00070"), Level.COMMUNE).close()
    dbmod.open_database(tmp_path / "test.todan")
    holder = WriterLock(other).acquire()
    try:
        assert window.open_database_file(other) is None
    finally:
        holder.release()
    assert errors and "đang được mở" in errors[0]
    assert dbmod.home_unit().code == "00136"


def test_leaving_a_changed_database_backs_it_up(window, tmp_path, qtbot, monkeypatch):
    first = tmp_path / "test.todan"
    Person.create(full_name="Người Mới Thêm")
    other = tmp_path / "other.todan"
    dbmod.init_database(other, find_unit("00070"), Level.COMMUNE).close()
    dbmod.open_database(first)  # back to the window's database
    Person.create(full_name="Thêm Nữa")
    new = window.open_database_file(other)
    qtbot.addWidget(new)
    assert [b.reason for b in backups.list_backups(first)] == ["close"]
    assert dbmod.home_unit().code == "00070"


def test_damaged_file_offers_the_newest_good_backup(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "hong.todan"
    db = dbmod.init_database(path, find_unit("00136"), Level.COMMUNE)
    Person.create(full_name="Người Trong Bản Sao")
    good = backups.take_backup(path, "manual")
    db.close()
    path.write_bytes(path.read_bytes()[:4096] + b"\x00" * 4096)
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    assert uiapp._open(path, None, create=False)
    assert good.name in asked[0]
    assert Person.get().full_name == "Người Trong Bản Sao"
    assert list(tmp_path.glob("hong.todan.hong-*"))  # the damaged file is kept


def test_admin_changes_a_role_from_the_accounts_tab(window, qtbot, monkeypatch):
    auth.create_user("quantri", "mat-khau-du-dai", UserRole.ADMIN)
    auth.create_user("canbo", "mat-khau-can-bo", UserRole.CLERK)
    settings = window.current_page()
    settings.tabs.setCurrentWidget(settings.accounts)
    tab = settings.accounts
    tab.load()
    assert tab.role_button.isEnabled()
    tab.table.selectRow(cells(tab.model, 0).index("canbo"))
    tab.role_box.setCurrentIndex(tab.role_box.findText("Xem"))
    tab.change_role()
    assert cells(tab.model, 2)[cells(tab.model, 0).index("canbo")] == "Xem"
    # The last administrator cannot be demoted: the tab says why.
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    tab.table.selectRow(cells(tab.model, 0).index("quantri"))
    tab.change_role()
    assert warnings and "ít nhất một" in warnings[0]
