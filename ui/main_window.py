"""The main window: navigation on the left, one page at a time on the right."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from models import db as dbmod
from models.base import database

from .labels import label
from .pages.base import BasePage
from .pages.commendations import CommendationsPage
from .pages.dashboard import DashboardPage
from .pages.exchange import ExchangePage
from .pages.groups import GroupsPage
from .pages.meetings import MeetingsPage
from .pages.party import PartyPage
from .pages.people import PeoplePage
from .pages.recommendations import RecommendationsPage
from .pages.reports import ReportsPage
from .pages.settings import SettingsPage
from .pages.yearly import FundsPage, MediationPage, RulesPage, TermsPage, TitlesPage

PROGRAM = "Tổ Dân"
NAV_STYLE = """
QListWidget#navigation { outline: 0; border: none; border-right: 1px solid #c8c8c8; background: #f3f5f7; padding-top: 8px; }
QListWidget#navigation::item { padding: 7px 12px; }
QListWidget#navigation::item:selected { background: #2f6fb0; color: white; }
"""
DATABASE_FILTER = "Cơ sở dữ liệu Tổ Dân (*.todan);;Mọi tệp (*)"


def program_version() -> str:
    try:
        return metadata.version("todan")
    except metadata.PackageNotFoundError:
        return "0.1.0"


def about_text() -> str:
    return (
        f"<h3>{PROGRAM}</h3>"
        f"<p>Phiên bản {program_version()}</p>"
        "<p>Quản lý khu dân cư, tổ dân phố, đảng viên phụ trách, sinh hoạt tổ, "
        "kiến nghị và khen thưởng cho văn phòng xã, phường, đặc khu và tỉnh. "
        "Chạy trên máy, không cần mạng.</p>"
    )


class MainWindow(QMainWindow):
    def __init__(self, db_path: Path | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        unit = dbmod.home_unit()
        unit_name = unit.full_name if unit else ""
        self.setWindowTitle(f"{PROGRAM} — {unit_name}")
        self.resize(1320, 820)

        self.pages: list[BasePage] = [
            DashboardPage(),
            GroupsPage(),
            PeoplePage(),
            PartyPage(),
            MeetingsPage(),
            RecommendationsPage(),
            MediationPage(),
            TitlesPage(),
            FundsPage(),
            RulesPage(),
            TermsPage(),
            CommendationsPage(),
            ReportsPage(),
            ExchangePage(),
            SettingsPage(version=program_version()),
        ]
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(180)
        self.nav.setSpacing(1)
        self.nav.setStyleSheet(NAV_STYLE)
        self.stack = QStackedWidget()
        for page in self.pages:
            self.nav.addItem(page.nav_title or page.title)
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self.show_page)
        self.pages[0].open_page.connect(self.open_from_dashboard)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.watch_restore()
        self._build_menus()
        level = dbmod.home_level()
        self.unit_label = QLabel(f"Đơn vị: {unit_name}" + (f" ({label(level)})" if level else ""))
        self.path_label = QLabel(f"Tệp dữ liệu: {self.db_path}")
        self.statusBar().addWidget(self.unit_label)
        self.statusBar().addPermanentWidget(self.path_label)
        self.nav.setCurrentRow(0)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        self.open_action = QAction("&Mở cơ sở dữ liệu khác…", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_database)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        quit_action = QAction("T&hoát", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        help_menu = self.menuBar().addMenu("T&rợ giúp")
        about = QAction("&Giới thiệu", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def page_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def show_page(self, index: int) -> None:
        if 0 <= index < len(self.pages):
            self.stack.setCurrentIndex(index)
            self.pages[index].activate()

    def open_from_dashboard(self, key: str) -> None:
        """Show the list behind one of the dashboard's "needs action" figures."""
        for i, page in enumerate(self.pages):
            if key == "recommendations" and isinstance(page, RecommendationsPage):
                self.nav.setCurrentRow(i)
                page.show_overdue()
            elif key == "rules" and isinstance(page, RulesPage):
                self.nav.setCurrentRow(i)
                page.show_due()
            elif key == "terms" and isinstance(page, TermsPage):
                self.nav.setCurrentRow(i)
                page.show_attention()

    def current_page(self) -> BasePage:
        return self.pages[self.stack.currentIndex()]

    def show_about(self) -> None:
        QMessageBox.about(self, f"Giới thiệu {PROGRAM}", about_text())

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Mở cơ sở dữ liệu khác", str(self.db_path.parent), DATABASE_FILTER
        )
        if path:
            self.open_database_file(Path(path))

    def open_database_file(self, path: Path) -> "MainWindow | None":
        """Switch to another database and reopen the window on it."""
        from .app import show_main_window, switch_database

        if not switch_database(path, parent=self):
            return None
        window = show_main_window(path)
        self.close()
        return window

    def watch_restore(self) -> None:
        for page in self.pages:
            if isinstance(page, SettingsPage):
                page.backups.restored.connect(self.reopen_after_restore)

    def reopen_after_restore(self) -> "MainWindow":
        """The content was replaced by a backup: open it afresh (an older
        backup is migrated on opening) and show a new window on it."""
        from .app import show_main_window

        database.close()
        dbmod.open_database(self.db_path, create=False)
        window = show_main_window(self.db_path)
        self.close()
        return window

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        for page in self.pages:
            page.release()
        super().closeEvent(event)
