"""At a province office the dashboard can show one commune's figures."""

import datetime as dt

import pytest

from models import db as dbmod
from models.areas import ResidentialArea
from models.catalogues import GroupType
from models.enums import AreaKind, Level
from models.groups import Group
from models.units import AdminUnit, find_unit
from ui.pages.dashboard import DashboardPage


@pytest.fixture
def province(tmp_path):
    database = dbmod.init_database(tmp_path / "tinh.todan", find_unit("38", Level.PROVINCE), Level.PROVINCE)
    kind = GroupType.get(GroupType.code == "to_dan_pho")
    for code, groups in (("14758", 3), ("14797", 1)):
        unit = find_unit(code, Level.COMMUNE)
        AdminUnit.ensure(unit)
        area = ResidentialArea.create(name=f"Thôn Một {code}", kind=AreaKind.THON, commune_code=code,
                                      owner_unit=code)
        for n in range(groups):
            Group.create(name=f"Tổ {n + 1}", area=area, group_type=kind, founded_on=dt.date(2020, 1, 1),
                         owner_unit=code)
    yield database
    database.close()


def active_groups(page):
    return page.overview.this_year.groups_active


def test_province_dashboard_filters_by_commune_then_area(province, qtbot):
    page = DashboardPage()
    qtbot.addWidget(page)
    page.activate()
    qtbot.waitUntil(lambda: page.overview is not None and not page.busy)
    assert page.unit_box.isVisibleTo(page)
    assert active_groups(page) == 4
    names = [page.unit_box.itemText(i) for i in range(page.unit_box.count())]
    assert names[0] == "Toàn đơn vị" and len(names) == 3
    assert not page.area_box.isEnabled()  # areas come with a commune
    first = AdminUnit.get_by_id("14758").name
    page.overview = None
    page.unit_box.setCurrentIndex(names.index(first))
    qtbot.waitUntil(lambda: page.overview is not None and not page.busy)
    assert active_groups(page) == 3
    assert [page.area_box.itemText(i) for i in range(page.area_box.count())] == ["Toàn đơn vị", "Thôn Một 14758"]


def test_commune_office_has_no_commune_filter(seeded, qtbot):
    page = DashboardPage()
    qtbot.addWidget(page)
    page.activate()
    qtbot.waitUntil(lambda: page.overview is not None and not page.busy)
    assert not page.unit_box.isVisibleTo(page)
    assert page.area_box.count() == 3  # the whole ward and its two areas


def test_province_people_list_filters_by_commune(province, qtbot):
    from models.people import Person
    from ui.pages.people import PeoplePage

    area = ResidentialArea.get(ResidentialArea.commune_code == "14797")
    for name in ("Lê Văn Một", "Lê Thị Hai"):
        Person.create(full_name=name, area=area, owner_unit="14797")
    Person.create(full_name="Trần Văn Khác", owner_unit="14758")
    page = PeoplePage()
    qtbot.addWidget(page)
    page.activate()
    assert page.count_label.text() == "3 người"
    box = page.filter_boxes["unit"]
    box.setCurrentIndex(box.findData("14797"))
    assert page.count_label.text() == "2 người"
    page.search_box.setText("hai")
    page.apply_search()
    assert page.count_label.text() == "1 người"


def test_commune_office_people_list_has_no_commune_filter(seeded, qtbot):
    from ui.pages.people import PeoplePage

    page = PeoplePage()
    qtbot.addWidget(page)
    assert "unit" not in page.filter_boxes


def test_province_groups_and_party_lists_filter_by_commune(province, qtbot):
    from models.party import PartyMember
    from models.people import Person
    from ui.pages.groups import GroupsPage
    from ui.pages.party import PartyPage

    groups = GroupsPage()
    qtbot.addWidget(groups)
    groups.activate()
    assert groups.model.rowCount() == 4
    areas = groups.filter_boxes["area_id"]
    assert areas.count() == 3  # every area of the province
    box = groups.filter_boxes["unit"]
    box.setCurrentIndex(box.findData("14797"))
    assert groups.model.rowCount() == 1
    assert [areas.itemText(i) for i in range(areas.count())] == ["Mọi khu dân cư", "Thôn Một 14797"]
    areas.setCurrentIndex(1)
    box.setCurrentIndex(box.findData("14758"))
    assert areas.currentIndex() == 0 and groups.model.rowCount() == 3

    for name, code in (("Lê Văn Một", "14797"), ("Trần Văn Hai", "14758"), ("Phạm Văn Ba", "14758")):
        person = Person.create(full_name=name, owner_unit=code)
        PartyMember.create(person=person, card_number=name[-3:], owner_unit=code)
    party = PartyPage()
    qtbot.addWidget(party)
    party.activate()
    assert party.model.rowCount() == 3
    box = party.filter_boxes["unit"]
    box.setCurrentIndex(box.findData("14758"))
    assert [party.model.data(party.model.index(r, 0)) for r in range(party.model.rowCount())] == [
        "Phạm Văn Ba", "Trần Văn Hai"]
