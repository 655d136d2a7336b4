"""Lists out: tab-separated in screen order, .xlsx read back, .csv."""

import datetime as dt

from openpyxl import load_workbook

import app
from models.base import context
from models.listing import PersonListing
from reports.excel_lists import rows_of, write_list_xlsx
from reports.list_cli import LISTS


def seeded_file(seeded):
    from models.base import database
    return str(database.obj.database)


def test_list_people_prints_screen_order(seeded, capsys):
    path = seeded_file(seeded)
    assert app.main(["list", "people", "--db", path]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:3] == ["Họ và tên", "Giới tính", "Ngày sinh"]
    # Same order as the screen: given name first, in Vietnamese order.
    assert [line.split("\t")[0] for line in lines[1:]] == [
        "Trần Văn An", "Lê Thị Bình", "Phạm Quốc Hùng", "Đặng Văn Long", "Nguyễn Thị Hải Yến"]
    assert lines[-1].split("\t")[1:3] == ["Nữ", "14/05/1978"]


def test_list_with_search_and_other_kinds(seeded, capsys):
    path = seeded_file(seeded)
    assert app.main(["list", "people", "--db", path, "--search", "dang"]) == 0
    assert [ln.split("\t")[0] for ln in capsys.readouterr().out.splitlines()[1:]] == ["Đặng Văn Long"]
    for kind in ("groups", "party-members", "meetings", "recommendations"):
        assert app.main(["list", kind, "--db", path]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[0].split("\t") == [c.header for c in LISTS[kind][1]]
    assert app.main(["list", "people", "--db", path, "--out", "x.pdf"]) == 2


def test_xlsx_has_headers_widths_and_real_dates(seeded, tmp_path, capsys):
    out = tmp_path / "dang-vien.xlsx"
    assert app.main(["list", "party-members", "--db", seeded_file(seeded), "--out", str(out)]) == 0
    ws = load_workbook(out).active
    assert ws["A1"].value == "DANH SÁCH ĐẢNG VIÊN"
    assert [c.value for c in ws[2]][:3] == ["Họ và tên", "Số thẻ", "Ngày vào Đảng"]
    assert ws.column_dimensions["A"].width == 28
    by_name = {row[0].value: row for row in ws.iter_rows(min_row=3)}
    yen = by_name["Nguyễn Thị Hải Yến"]
    assert yen[2].value == dt.datetime(2005, 2, 3) and yen[2].number_format == "DD/MM/YYYY"
    assert yen[6].value == "Có"


def test_csv_opens_in_excel(seeded, tmp_path):
    out = tmp_path / "nguoi.csv"
    assert app.main(["list", "people", "--db", seeded_file(seeded), "--out", str(out), "--search", "yen"]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[1].startswith("Nguyễn Thị Hải Yến,Nữ,14/05/1978,001178004512")


def test_viewers_get_masked_numbers(seeded, tmp_path):
    context.read_only = True
    try:
        out = tmp_path / "nguoi.xlsx"
        write_list_xlsx(out, "DANH SÁCH", LISTS["people"][1], rows_of(PersonListing(), "yen"))
    finally:
        context.read_only = False
    row = [c.value for c in load_workbook(out).active[3]]
    assert row[3] == "********4512" and row[4] == "0912***678"


def test_a_whole_list_walks_in_screen_order_past_equal_names(seeded):
    """An export pages on the name's key, not by skipping rows: people with
    the same name, added later, deleted ones, and a filter all come out as
    the screen shows them, each once."""
    from models.people import Person

    area = Person.get(Person.full_name == "Lê Thị Bình").area
    for n in range(7):
        Person.create(full_name="Lê Thị Bình", gender="female", birth_year=1990 + n, area=area)
    Person.create(full_name="Bùi Văn Cường", gender="male", birth_year=1970, area=area)
    gone = Person.create(full_name="Bùi Thị Ánh", gender="female", birth_year=1971, area=area)
    gone.tombstone()
    listing = PersonListing()
    screen = [row for offset in range(0, 40, 3) for row in listing.fetch(offset, 3)]
    walked = [row for page in listing.walk(3) for row in page]
    assert walked == screen and len(walked) == listing.count() == 13
    assert [r[0] for r in walked].count("Lê Thị Bình") == 8 and "Bùi Thị Ánh" not in [r[0] for r in walked]
    in_area = [row for page in listing.walk(2, area_id=area.id) for row in page]
    assert in_area == listing.fetch(0, 100, area_id=area.id)
