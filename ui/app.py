"""Starting the interface: the application object, fonts, the database, the windows."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import peewee as pw
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from models import db as dbmod
from models.base import ModelError, context, database

from .assets import asset_path
from .first_start import FirstStartDialog

FONT_FAMILY = "Liberation Sans"
FONT_POINT_SIZE = 10

# The window on screen; kept here so that Python does not collect it.
_current_window = None


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
    if FONT_FAMILY in load_fonts():
        app.setFont(QFont(FONT_FAMILY, FONT_POINT_SIZE))


def _explain(parent: QWidget | None, path: Path, error: Exception) -> None:
    if isinstance(error, ModelError):
        message = error.message
    else:
        message = f"Tệp {path.name} bị hỏng hoặc không đọc được ({error})."
    QMessageBox.critical(parent, "Không mở được cơ sở dữ liệu", message)


def switch_database(path: Path, parent: QWidget | None = None, create: bool = False) -> bool:
    """Open ``path`` as the database; on failure or a cancelled first start,
    tell the user and keep the database that was open before."""
    previous = database.obj
    previous_unit = context.unit_code
    try:
        opened = dbmod.open_database(path, create=create)
    except (ModelError, pw.DatabaseError, sqlite3.DatabaseError, OSError) as error:
        _restore(previous, previous_unit)
        _explain(parent, Path(path), error)
        return False
    if dbmod.home_unit() is None and FirstStartDialog(parent).exec() != QDialog.DialogCode.Accepted:
        opened.close()
        _restore(previous, previous_unit)
        return False
    if previous is not None and previous is not opened:
        previous.close()
    return True


def _restore(previous: pw.Database | None, unit_code: str) -> None:
    # open_database binds the proxy before it checks the file; put the old one back.
    if previous is not None:
        database.initialize(previous)
        context.unit_code = unit_code


def show_main_window(path: Path):
    from .main_window import MainWindow

    global _current_window
    _current_window = MainWindow(path)
    _current_window.show()
    return _current_window


def run(db_path: Path) -> int:
    """Open the program on ``db_path`` (created if new); the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    setup_application(app)
    db_path = Path(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _explain(None, db_path, error)
        return 2
    try:
        dbmod.open_database(db_path)
    except (ModelError, pw.DatabaseError, sqlite3.DatabaseError, OSError) as error:
        _explain(None, db_path, error)
        return 2
    if dbmod.home_unit() is None and FirstStartDialog().exec() != QDialog.DialogCode.Accepted:
        database.close()
        return 0  # the user chose not to set up now; the next start asks again
    show_main_window(db_path)
    code = app.exec()
    if not database.is_closed():
        database.close()
    return code
