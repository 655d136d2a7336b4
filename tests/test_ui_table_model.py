"""The on-demand table model, without a window."""

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from models import listing
from models.areas import ResidentialArea
from models.base import database
from models.enums import AreaKind, Gender
from models.people import Person
from ui.pages.people import PeoplePage
from ui.pages.recommendations import RecommendationsPage
from ui.table_model import OVERDUE_COLOR, ListingTableModel, display


@pytest.fixture
def many_people(db):
    area = ResidentialArea.create(name="Thôn Đông", kind=AreaKind.THON, commune_code="00136")
    with database.atomic():
        for i in range(500):
            Person.create(full_name=f"Nguyễn Văn Số{i:03d}", gender=Gender.MALE, area=area, birth_year=1950 + i % 50)
    return 500


def text(model, row, column):
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def test_rows_are_fetched_page_by_page(qapp, many_people):
    model = ListingTableModel(listing.PersonListing(), PeoplePage.columns, page_size=200)
    model.reload()
    assert model.total == 500
    assert model.rowCount() == 200
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 500
    assert not model.canFetchMore(QModelIndex())
    assert [text(model, r, 0) for r in (0, 199, 200, 499)] == [
        "Nguyễn Văn Số000", "Nguyễn Văn Số199", "Nguyễn Văn Số200", "Nguyễn Văn Số499"]


def test_view_fetches_more_when_scrolled_to_the_bottom(qtbot, many_people):
    model = ListingTableModel(listing.PersonListing(), PeoplePage.columns, page_size=200)
    model.reload()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    assert model.rowCount() == 200
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 200, timeout=2000)


def test_search_restarts_from_the_first_page(qapp, many_people):
    model = ListingTableModel(listing.PersonListing(), PeoplePage.columns, page_size=200)
    model.reload()
    totals = []
    model.totalChanged.connect(totals.append)
    model.set_search("so49")
    assert model.rowCount() == 10 and totals == [10]
    assert text(model, 0, 0) == "Nguyễn Văn Số490"


def test_cells_show_vietnamese_labels_and_formats(qapp, seeded):
    model = ListingTableModel(listing.PersonListing(), PeoplePage.columns)
    model.set_search("yen")
    assert [text(model, 0, c) for c in range(7)] == [
        "Nguyễn Thị Hải Yến", "Nữ", "14/05/1978", "001178004512", "0912345678", "Khu phố 1", "Số 12 ngõ 5 phố Phúc Lợi"]
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Họ và tên"
    # Roles the model does not handle give Python None, never Qt's empty value.
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(99, 0), Qt.ItemDataRole.DisplayRole) is None


def test_overdue_recommendations_are_red(qapp, seeded):
    page = RecommendationsPage()
    page.activate()
    model = page.model
    rows = {text(model, r, 3): r for r in range(model.rowCount())}
    late = rows["Đề nghị cấp giấy chứng nhận quyền sử dụng đất"]
    done = rows["Thu gom rác thải ngõ 7"]
    assert model.data(model.index(late, 0), Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOR
    assert text(model, late, 7) == "Quá hạn"
    assert text(model, late, 6) == "Đã chuyển"
    assert model.data(model.index(done, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert text(model, done, 6) == "Đã giải quyết"


def test_display_formats():
    assert display(dt.date(2025, 7, 1)) == "01/07/2025"
    assert display(1817) == "1.817"
    assert display(True) == "Có" and display(False) == ""
    assert display(Gender.MALE) == "Nam"
    assert display(None) == ""


def test_whole_people_list_is_counted_exactly_past_the_search_cap(db):
    from models.name_search import COUNT_CAP
    from models.people import Person
    from ui.pages.people import PeoplePage

    with db.atomic():
        for i in range(COUNT_CAP + 20):
            Person.create(full_name=f"Nguyễn Văn Số {i}")
    page = PeoplePage()
    page.activate()
    assert page.count_label.text() == f"{COUNT_CAP + 20} người"
    page.search_box.setText("nguyen")
    page.apply_search()
    assert page.count_label.text() == f"hơn {COUNT_CAP} người"
    page.deleteLater()
