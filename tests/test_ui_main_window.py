"""The main window: its pages, their lists, search as you type, switching files."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import db as dbmod
from models.enums import Level
from models.units import find_unit
from ui.main_window import MainWindow, about_text

PAGES = ["Tổng quan", "Khu dân cư & Tổ", "Người dân", "Đảng viên", "Sinh hoạt", "Kiến nghị",
         "Hòa giải", "Danh hiệu", "Quỹ, kinh phí", "Quy chế phối hợp", "Nhiệm kỳ",
         "Khen thưởng", "Báo cáo", "Trao đổi dữ liệu", "Cài đặt"]
SETTINGS = PAGES.index("Cài đặt")


@pytest.fixture
def window(qtbot, seeded, tmp_path):
    win = MainWindow(tmp_path / "test.todan")
    qtbot.addWidget(win)
    win.show()
    return win


def shown(page, column=0):
    model = page.model
    return [model.data(model.index(r, column), Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())]


def test_window_title_status_and_pages(window, tmp_path):
    assert window.windowTitle() == "Tổ Dân — Phường Phúc Lợi"
    assert window.page_titles() == PAGES
    assert window.stack.count() == len(PAGES)
    assert "Phường Phúc Lợi" in window.unit_label.text()
    assert str(tmp_path / "test.todan") in window.path_label.text()
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["Tệp", "Trợ giúp"]


def test_every_page_opens_and_lists_show_seeded_rows(window):
    expected_first_column = {
        1: "Tổ dân phố số 1",
        2: "Trần Văn An",
        3: "Đặng Văn Long",
        PAGES.index("Khen thưởng"): "125/QĐ-UBND",
        PAGES.index("Trao đổi dữ liệu"): "00136",
    }
    for i in range(len(PAGES)):
        window.nav.setCurrentRow(i)
        assert window.stack.currentIndex() == i
        page = window.current_page()
        assert page.isVisible()
        if i in expected_first_column:
            assert shown(page)[0] == expected_first_column[i]
    assert window.pages[4].count_label.text() == "3 buổi sinh hoạt"
    assert shown(window.pages[4], 1)[0] == "Tổ dân vận Hòa Bình"
    assert window.pages[5].count_label.text() == "2 kiến nghị"
    assert window.pages[1].count_label.text() == "3 tổ"
    assert shown(window.pages[1], 6) == ["Đang hoạt động", "Đang hoạt động", "Đã giải thể"]
    groups = window.pages[1].model
    assert groups.data(groups.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert groups.data(groups.index(2, 0), Qt.ItemDataRole.ForegroundRole) is not None  # dissolved: greyed


def test_dashboard_shows_the_figures(window, qtbot):
    page = window.pages[0]
    qtbot.waitUntil(lambda: page.overview is not None and not page.busy, timeout=5000)
    year = page.overview.this_year.year
    table = page.figures
    figures = {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
               for r in range(table.rowCount())}
    assert table.horizontalHeaderItem(2).text() == f"Năm {year}"
    assert figures["Tổ đang hoạt động / tổng số tổ"] == ("2/3", "2/3")
    # Yến (a party member) leads one of the two active groups.
    assert figures["Đảng viên trực tiếp làm tổ trưởng (tỷ lệ so với số tổ)"][1] == "1 (50,00%)"
    assert figures["Buổi sinh hoạt tổ"] == ("1", "2")
    assert figures["Lượt người dự sinh hoạt"] == ("7", "36")
    assert page.overdue_button.text() == "1 kiến nghị quá hạn"
    assert "color: rgb(190, 20, 20)" in page.overdue_button.styleSheet()
    # The overdue figure opens the list of overdue recommendations.
    qtbot.mouseClick(page.overdue_button, Qt.MouseButton.LeftButton)
    recs = window.current_page()
    assert window.page_titles()[window.stack.currentIndex()] == "Kiến nghị"
    assert recs.count_label.text() == "1 kiến nghị"


def test_search_as_you_type_in_people(window, qtbot):
    window.nav.setCurrentRow(2)
    page = window.current_page()
    assert page.count_label.text() == "5 người"
    qtbot.keyClicks(page.search_box, "yen")
    qtbot.waitUntil(lambda: page.count_label.text() == "1 người", timeout=2000)
    assert shown(page) == ["Nguyễn Thị Hải Yến"]
    page.search_box.clear()
    qtbot.keyClicks(page.search_box, "dang")
    qtbot.waitUntil(lambda: shown(page) == ["Đặng Văn Long"], timeout=2000)
    page.search_box.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=2000)


def test_search_waits_for_a_pause_in_typing(window, qtbot):
    window.nav.setCurrentRow(2)
    page = window.current_page()
    searches = []
    page.model.totalChanged.connect(searches.append)
    qtbot.keyClicks(page.search_box, "nguyen thi")
    qtbot.waitUntil(lambda: len(searches) > 0, timeout=2000)
    qtbot.wait(300)
    assert searches == [1]  # one query for the whole word typed, not one per key


def test_settings_and_about(window):
    window.nav.setCurrentRow(SETTINGS)
    values = window.pages[SETTINGS].values
    assert values["unit"].text() == "Phường Phúc Lợi"
    assert values["level"].text() == "Cấp xã"
    assert values["path"].text().endswith("test.todan")
    assert "Tổ Dân" in about_text() and "Phiên bản 0.1.0" in about_text()


def test_opening_another_database_reopens_the_window(window, qtbot, tmp_path):
    other = tmp_path / "other.todan"
    dbmod.init_database(other, find_unit("01", Level.PROVINCE), Level.PROVINCE)
    dbmod.open_database(tmp_path / "test.todan")
    new = window.open_database_file(other)
    qtbot.addWidget(new)
    assert new.windowTitle() == "Tổ Dân — Thành phố Hà Nội"
    new.nav.setCurrentRow(2)
    assert new.current_page().count_label.text() == "0 người"
    assert not window.isVisible()


def test_a_file_that_is_not_ours_keeps_the_open_database(window, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: errors.append(text))
    stranger = tmp_path / "notes.todan"
    stranger.write_text("không phải cơ sở dữ liệu")
    assert window.open_database_file(stranger) is None
    assert errors and "không phải là cơ sở dữ liệu của Tổ Dân" in errors[0]
    assert dbmod.home_unit().code == "00136"
    window.nav.setCurrentRow(2)
    assert window.current_page().count_label.text() == "5 người"
