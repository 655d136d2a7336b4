"""The main window: its pages, their lists, search as you type, switching files."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import db as dbmod
from models.enums import Level
from models.units import find_unit
from ui.main_window import MainWindow, about_text

PAGES = ["Tổng quan", "Khu dân cư & Tổ", "Người dân", "Đảng viên", "Sinh hoạt", "Kiến nghị",
         "Khen thưởng", "Báo cáo", "Trao đổi dữ liệu", "Cài đặt"]


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
    assert window.stack.count() == 10
    assert "Phường Phúc Lợi" in window.unit_label.text()
    assert str(tmp_path / "test.todan") in window.path_label.text()
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["Tệp", "Trợ giúp"]


def test_every_page_opens_and_lists_show_seeded_rows(window):
    expected_first_column = {
        1: "Tổ dân phố số 1",
        2: "Trần Văn An",
        3: "Đặng Văn Long",
        6: "125/QĐ-UBND",
        8: "00136",
    }
    for i in range(10):
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


def test_dashboard_shows_the_figures(window):
    page = window.pages[0]
    figures = {f.caption.text(): f.value.text() for f in page.figures.values()}
    year = page.subtitle.text()[-4:]
    assert figures["Người dân"] == "5"
    assert figures["Tổ đang hoạt động"] == "2"
    assert figures["Đảng viên"] == "2"
    assert figures[f"Buổi sinh hoạt tổ năm {year}"] == "2"
    assert figures[f"Lượt người dự sinh hoạt năm {year}"] == "36"
    assert figures["Kiến nghị quá hạn"] == "1"


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
    window.nav.setCurrentRow(9)
    values = window.pages[9].values
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
