"""Bringing in sheets as ward offices keep them."""

import datetime as dt
import hashlib
import unicodedata

from openpyxl import Workbook, load_workbook

import app
from exchange.excel_import import inspect, run_import, write_template
from models.groups import Membership
from models.party import PartyMember
from models.people import Person
from models.enums import Role

DECOMPOSED = unicodedata.normalize("NFD", "Nguyễn Thị  Hải Yến")


def people_sheet(path, rows=None):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "UBND PHƯỜNG PHÚC LỢI"
    ws.merge_cells("A2:H2")
    ws["A2"] = "DANH SÁCH NHÂN KHẨU KHU PHỐ 1"
    ws.append([])
    ws.append(["STT", "Họ tên", "Năm sinh", "Giới tính", "Số định danh", "Điện thoại", "Địa chỉ", "Khu dân cư"])
    for row in rows or [
        [1, DECOMPOSED, dt.datetime(1978, 5, 14), "Nữ", 1178004512, "0912 345 678", "Số 12 ngõ 5", "Khu phố 1"],
        [2, "Đặng Văn Long", 1955, "Nam", None, None, "Số 3 ngõ 7", None],
        [3, "Trần Văn An", "2/1/90", "nam", "001090000111", "", "", "Khu phố 2"],
        [4, "Lê Thị Bình", "05/03/1962", "Nữ", "", 912000111, "", None],
    ]:
        ws.append(row)
    # The area is written once for the rows below it, merged.
    ws.merge_cells(start_row=5, start_column=8, end_row=6, end_column=8)
    ws.append([])
    ws.append(["", "Người lập biểu"])
    wb.save(path)
    return path


def digest(db):
    rows = db.execute_sql("SELECT full_name, id_number FROM person ORDER BY id").fetchall()
    return hashlib.sha1(repr(rows).encode()).hexdigest(), db.execute_sql("SELECT COUNT(*) FROM audit_entry").fetchone()


def test_header_found_below_titles_and_columns_mapped(db, tmp_path):
    report = inspect(people_sheet(tmp_path / "ds.xlsx"), "people")
    assert report.header_row == 4
    assert {k: report.headers[c] for k, c in report.mapping.items()} == {
        "full_name": "Họ tên", "birth": "Năm sinh", "gender": "Giới tính", "id_number": "Số định danh",
        "phone": "Điện thoại", "address": "Địa chỉ", "area": "Khu dân cư"}


def test_awkward_sheet_is_taken_clean(db, tmp_path):
    report = run_import(people_sheet(tmp_path / "ds.xlsx"), "people")
    assert report.errors == [] and report.taken == 4
    yen = Person.get(Person.id_number == "001178004512")
    assert yen.full_name == "Nguyễn Thị Hải Yến" and yen.birth_date == dt.date(1978, 5, 14)
    assert yen.phone == "0912345678" and yen.area.name == "Khu phố 1"
    long_ = Person.get(Person.full_name == "Đặng Văn Long")
    assert long_.birth_year == 1955 and long_.birth_date is None
    assert long_.area.name == "Khu phố 1"  # from the merged cell
    assert Person.get(Person.full_name == "Trần Văn An").birth_date == dt.date(1990, 1, 2)
    assert Person.get(Person.full_name == "Lê Thị Bình").phone == "0912000111"
    assert not Person.select().where(Person.full_name == "Người lập biểu").exists()
    from models.listing import PersonListing
    assert PersonListing().count("hai yen") == 1


def test_dry_run_changes_nothing(db, tmp_path):
    before = digest(db)
    report = run_import(people_sheet(tmp_path / "ds.xlsx"), "people", dry_run=True)
    assert report.taken == 4 and not report.errors
    assert "không thay đổi" in report.summary()
    assert digest(db) == before


def test_one_bad_row_changes_nothing_and_is_reported(db, tmp_path):
    path = people_sheet(tmp_path / "ds.xlsx", rows=[
        [1, "Nguyễn Văn Một", 1970, "Nam", "001070000001", "", "", "Khu phố 1"],
        [2, "Nguyễn Văn Hai", "31/02/1971", "Nam", "", "", "", ""],
        [3, "", 1980, "Nữ", "12345", "", "", ""],
        [4, "Lê Văn Ba", 1972, "Nam", 1070000001, "", "", ""],
        [5, "Trần Thị Tư", 1972, "Bê đê", "", "", "", ""],
    ])
    before = digest(db)
    report = run_import(path, "people")
    assert [e.row for e in report.errors] == [6, 7, 8, 9]
    messages = [str(e) for e in report.errors]
    assert "Dòng 6" in messages[0] and "31/02/1971" in messages[0]
    assert "không được để trống" in messages[1] and "12 chữ số" in messages[1]
    assert "trùng số CCCD 001070000001 với dòng 5" in messages[2]
    assert "giới tính" in messages[3]
    assert digest(db) == before
    assert Person.select().count() == 0


def test_same_name_and_birth_is_a_duplicate(db, tmp_path):
    path = people_sheet(tmp_path / "ds.xlsx", rows=[
        [1, "Nguyễn Văn Một", "01/01/1970", "Nam", "", "", "", ""],
        [2, "Nguyễn  Văn Một", dt.datetime(1970, 1, 1), "Nam", "", "", "", ""],
    ])
    report = run_import(path, "people")
    assert [str(e) for e in report.errors] == ["Dòng 6: trùng họ tên và ngày sinh với dòng 5"]


def test_members_and_party_members(seeded, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH TỔ TRƯỞNG, TỔ PHÓ"])
    ws.append(["TT", "Họ và tên", "Ngày sinh", "CCCD", "Tổ", "Chức vụ", "Ngày nhận nhiệm vụ",
               "Số thẻ đảng viên", "Ngày vào Đảng"])
    ws.append([1, "Đặng Văn Long", 1955, None, "Tổ dân phố số 1", "Tổ trưởng", "01/07/2025", "01234567", "19/05/1975"])
    ws.append([2, "Vũ Thị Mới", "03/04/1985", 1085000222, "Tổ dân phố số 1", "Tổ phó", dt.datetime(2025, 7, 1), "", ""])
    path = tmp_path / "tt.xlsx"
    wb.save(path)
    report = run_import(path, "members")
    assert report.errors == [] and report.taken == 2 and report.created_people == 1
    leader = Membership.get(Membership.person == seeded.dang, Membership.role == Role.LEADER)
    assert leader.start_date == dt.date(2025, 7, 1)
    old = Membership.get(Membership.person == seeded.yen, Membership.role == Role.LEADER)
    assert old.end_date == dt.date(2025, 6, 30)
    # The same sheet as party members: Long already is one.
    report = run_import(path, "party-members")
    assert [e.row for e in report.errors] == [3]
    assert PartyMember.select().count() == 2


def test_template_reads_back(db, tmp_path):
    path = write_template("party-members", tmp_path / "mau.xlsx")
    ws = load_workbook(path).active
    assert [c.value for c in ws[3]][:4] == ["STT", "Họ và tên", "Ngày sinh", "Giới tính"]
    assert inspect(path, "party-members").header_row == 3


def test_command_line(tmp_path, capsys):
    dbpath = tmp_path / "c.todan"
    assert app.main(["init", "--db", str(dbpath), "--unit", "00136"]) == 0
    sheet = people_sheet(tmp_path / "ds.xlsx")
    assert app.main(["import-excel", "--db", str(dbpath), str(sheet), "--kind", "people", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Họ và tên ← cột B “Họ tên”" in out and "Thử nhập: sẽ nhận 4 người dân" in out
    assert app.main(["import-excel", "--db", str(dbpath), str(sheet), "--kind", "people"]) == 0
    assert "Đã nhập 4 người dân" in capsys.readouterr().out
    # The same sheet again: every row is a duplicate, nothing changes.
    assert app.main(["import-excel", "--db", str(dbpath), str(sheet), "--kind", "people"]) == 2
    err = capsys.readouterr().err
    assert "Dòng 5:" in err and "không nhập dòng nào" in err
    assert app.main(["import-excel", "--db", str(dbpath), str(tmp_path / "none.xlsx"), "--kind", "people"]) == 2
    assert "Không tìm thấy tệp" in capsys.readouterr().err
