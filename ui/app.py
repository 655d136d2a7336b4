"""Starting the interface: the application object, fonts, the database, the windows.

A database is held with a writer lock while it is open, checked in the
background, signed into when accounts exist, and backed up on close when
anything changed.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import peewee as pw
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from models import auth, backups
from models import db as dbmod
from models.base import ModelError, context, database
from models.lock import WriterLock

from .assets import asset_path
from .first_start import FirstStartDialog
from .signin import SignInDialog
from .tasks import Task

FONT_FAMILY = "Liberation Sans"
FONT_POINT_SIZE = 10

# The window on screen and the lock of its database; kept here so that
# Python does not collect them.
_current_window = None
_lock: WriterLock | None = None
_check_task: Task | None = None


def load_fonts() -> list[str]:
    """Register the shipped fonts (full Vietnamese coverage on every PC)."""
    families: list[str] = []
    for path in sorted(asset_path("fonts").glob("Liberation*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def setup_application(app: QApplication) -> None:
    app.setApplicationName("Tổ Dân")
    app.setOrganizationName("todan")
    app.setWindowIcon(QIcon(str(asset_path("icons", "todan.png"))))
    if FONT_FAMILY in load_fonts():
        app.setFont(QFont(FONT_FAMILY, FONT_POINT_SIZE))


def _explain(parent: QWidget | None, path: Path, error: Exception) -> None:
    if isinstance(error, ModelError):
        message = error.message
    else:
        message = f"Tệp {path.name} bị hỏng hoặc không đọc được ({error})."
    QMessageBox.critical(parent, "Không mở được cơ sở dữ liệu", message)


def offer_recovery(parent: QWidget | None, path: Path, problem: str) -> bool:
    """Tell the user the file is damaged and offer the newest good backup.
    Nothing is deleted: the damaged file is renamed aside. True if recovered."""
    good = backups.newest_good_backup(path)
    if good is None:
        QMessageBox.critical(parent, "Cơ sở dữ liệu bị hỏng",
                             f"{problem}\n\nKhông tìm thấy bản sao lưu nào còn tốt trong {backups.backup_folder(path)}. "
                             "Tệp được giữ nguyên; hãy liên hệ cán bộ kỹ thuật.")
        return False
    answer = QMessageBox.warning(
        parent, "Cơ sở dữ liệu bị hỏng",
        f"{problem}\n\nBản sao lưu tốt gần nhất: {good.name}.\nDùng bản này? Tệp bị hỏng sẽ được đổi tên "
        "và giữ lại, không bị xóa.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    kept = backups.recover_from_backup(path, good)
    QMessageBox.information(parent, "Đã khôi phục", f"Đã dùng bản sao lưu {good.name}. Tệp hỏng được giữ tại {kept}.")
    return True


def _take_lock(path: Path, parent: QWidget | None) -> WriterLock | None:
    try:
        return WriterLock(path).acquire()
    except ModelError as error:
        QMessageBox.critical(parent, "Cơ sở dữ liệu đang được dùng", error.message)
        return None


def _open(path: Path, parent: QWidget | None, create: bool) -> bool:
    """Open ``path``; a damaged file is offered its newest good backup."""
    try:
        dbmod.open_database(path, create=create)
        return True
    except (dbmod.DamagedDatabase, pw.DatabaseError, sqlite3.DatabaseError) as error:
        problem = backups.check_file(path) or f"Tệp {path.name} không đọc được ({error})."
        if offer_recovery(parent, path, problem):
            return _open(path, parent, create)
        return False
    except (ModelError, OSError) as error:
        _explain(parent, path, error)
        return False


def _first_start_and_sign_in(parent: QWidget | None) -> bool:
    if dbmod.home_unit() is None and FirstStartDialog(parent).exec() != QDialog.DialogCode.Accepted:
        return False
    auth.sign_out()
    if auth.signin_required():
        unit = dbmod.home_unit()
        if SignInDialog(unit.full_name if unit else "", parent).exec() != QDialog.DialogCode.Accepted:
            return False
    return True


def switch_database(path: Path, parent: QWidget | None = None, create: bool = False) -> bool:
    """Open ``path`` as the database; on failure or a cancelled first start,
    tell the user and keep the database that was open before."""
    global _lock
    path = Path(path)
    previous = database.obj
    previous_unit, previous_user, previous_ro = context.unit_code, context.user, context.read_only
    new_lock = _take_lock(path, parent)
    if new_lock is None:
        return False
    if not _open(path, parent, create) or not _first_start_and_sign_in(parent):
        if database.obj is not previous and not database.is_closed():
            database.close()
        new_lock.release()
        if previous is not None:
            database.initialize(previous)
            context.unit_code, context.user, context.read_only = previous_unit, previous_user, previous_ro
        return False
    if previous is not None and previous is not database.obj:
        _backup_on_close(Path(previous.database), previous)
        previous.close()
    if _lock is not None:
        _lock.release()
    _lock = new_lock
    return True


def _backup_on_close(path: Path, db: pw.Database | None = None) -> None:
    """A backup when the program leaves a database it changed."""
    db = db or database.obj
    if db is None or db.is_closed():
        return
    current = database.obj
    database.initialize(db)
    try:
        if dbmod.changed_since_open():
            backups.take_backup(path, "close")
    except (OSError, sqlite3.Error, pw.DatabaseError):
        pass  # a failed backup must not stop the user from closing; the next close tries again
    finally:
        database.initialize(current)


def show_main_window(path: Path):
    from .main_window import MainWindow

    global _current_window
    _current_window = MainWindow(path)
    _current_window.show()
    start_integrity_check(path, _current_window)
    return _current_window


def start_integrity_check(path: Path, window: QWidget) -> Task:
    """PRAGMA quick_check reads the whole file (seconds on a province), so it
    runs in the background while the clerk already works."""
    global _check_task
    task = Task(backups.check_file, path, parent=window)

    def report(problem: object) -> None:
        if problem and window.isVisible():
            QMessageBox.warning(window, "Cơ sở dữ liệu có thể bị hỏng",
                                f"{problem}\n\nHãy đóng chương trình và mở lại: chương trình sẽ đề nghị dùng "
                                "bản sao lưu tốt gần nhất. Không có gì bị xóa.")

    task.signals.done.connect(report)
    _check_task = task.start()
    return task


def run(db_path: Path) -> int:
    """Open the program on ``db_path`` (created if new); the exit code."""
    global _lock
    app = QApplication.instance() or QApplication(sys.argv)
    setup_application(app)
    db_path = Path(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _explain(None, db_path, error)
        return 2
    _lock = _take_lock(db_path, None)
    if _lock is None:
        return 2
    try:
        if not _open(db_path, None, create=True):
            return 2
        if not _first_start_and_sign_in(None):
            return 0  # the user chose not to go on; the next start asks again
        show_main_window(db_path)
        code = app.exec()
        window_path = Path(database.obj.database)
        _backup_on_close(window_path)
        return code
    finally:
        if database.obj is not None and not database.is_closed():
            database.close()
        if _lock is not None:
            _lock.release()
            _lock = None
