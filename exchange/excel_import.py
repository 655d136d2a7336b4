"""Bringing a ward office's Excel sheet in: people, groups, members, party members.

All or nothing: every row is checked, every row that cannot be taken is
reported with its row number and reason, and the database changes only when
no row is wrong. A dry run does the whole work inside a transaction and
rolls it back, so its report is what a real run would do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from models import registers
from models.areas import ResidentialArea
from models.base import ModelError, database
from models.catalogues import GroupType
from models.enums import AreaKind, Gender, Role
from models.fields import parse_id_number
from models.groups import Group
from models.people import Person
from models.text import fold, format_date, nfc

from . import excel_sheet as xs
from .excel_sheet import Field

KINDS = ("people", "groups", "members", "party-members")
KIND_LABELS = {"people": "người dân", "groups": "tổ", "members": "thành viên tổ", "party-members": "đảng viên"}

NAME = Field("full_name", "Họ và tên", ("ho va ten", "ho ten", "ho va ten dem", "ten nguoi", "ho va ten nguoi"), True)
BIRTH = Field("birth", "Ngày sinh", ("ngay sinh", "nam sinh", "ngay thang nam sinh", "ngay thang nam sinh"))
ID = Field("id_number", "Số CCCD", ("so cccd", "cccd", "so dinh danh", "so dinh danh ca nhan", "cccd cmnd",
                                    "so cccd cmnd", "cmnd", "so cmnd"))
PHONE = Field("phone", "Điện thoại", ("dien thoai", "so dien thoai", "sdt", "dt", "so dt"))
GENDER = Field("gender", "Giới tính", ("gioi tinh", "gioi", "nam nu"))
ADDRESS = Field("address", "Địa chỉ", ("dia chi", "noi o hien nay", "cho o hien nay", "noi cu tru", "noi o"))
AREA = Field("area", "Khu dân cư", ("khu dan cu", "thon", "khu pho", "ap", "khom", "ban", "thon to dan pho",
                                    "thon khu pho"))
GROUP = Field("group", "Tổ", ("to", "ten to", "to dan pho", "thuoc to"))
FIELDS: dict[str, list[Field]] = {
    "people": [NAME, BIRTH, GENDER, ID, PHONE, ADDRESS, AREA,
               Field("ethnicity", "Dân tộc", ("dan toc",)), Field("religion", "Tôn giáo", ("ton giao",)),
               Field("occupation", "Nghề nghiệp", ("nghe nghiep",))],
    "groups": [Field("name", "Tên tổ", ("ten to", "to", "ten to dan phố", "ten"), True), AREA,
               Field("group_type", "Loại tổ", ("loai to", "loai")),
               Field("founded_on", "Ngày thành lập", ("ngay thanh lap", "thanh lap"))],
    "members": [NAME, BIRTH, GENDER, ID, PHONE, Field("group", GROUP.header, GROUP.aliases, True),
                Field("role", "Chức vụ", ("chuc vu", "vai tro", "chuc danh")),
                Field("start_date", "Ngày bắt đầu", ("ngay bat dau", "tu ngay", "ngay nhan nhiem vu"))],
    "party-members": [NAME, BIRTH, GENDER, ID, Field("card_number", "Số thẻ đảng viên", ("so the dang vien", "so the")),
                      Field("admitted_on", "Ngày vào Đảng", ("ngay vao dang", "ngay ket nap")),
                      Field("official_on", "Ngày chính thức", ("ngay chinh thuc", "ngay cong nhan chinh thuc")),
                      Field("party_cell", "Chi bộ", ("chi bo", "sinh hoat tai chi bo")),
                      Field("workplace_org", "Nơi công tác", ("noi cong tac", "to chuc dang noi cong tac",
                                                              "don vi cong tac")),
                      Field("lives_here", "Sinh hoạt nơi cư trú", ("sinh hoat noi cu tru", "dv noi cu tru")),
                      Field("excused", "Miễn sinh hoạt", ("mien sinh hoat",))],
}
ROLES = {"to truong": Role.LEADER, "quyen to truong": Role.ACTING_LEADER, "to pho": Role.DEPUTY,
         "thu ky": Role.SECRETARY, "thanh vien": Role.MEMBER, "": Role.MEMBER}
AREA_KINDS = {"thon": AreaKind.THON, "ap": AreaKind.AP, "ban": AreaKind.BAN, "khom": AreaKind.KHOM,
              "khu pho": AreaKind.KHU_PHO, "to dan pho": AreaKind.TO_DAN_PHO}


@dataclass
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.row}: {self.message}"


@dataclass
class ImportReport:
    kind: str
    sheet: str = ""
    header_row: int = 0
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    taken: int = 0
    created_people: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    cancelled: bool = False

    @property
    def applied(self) -> bool:
        return not self.errors and not self.dry_run and not self.cancelled

    def mapping_lines(self) -> list[str]:
        names = {f.key: f.header for f in FIELDS[self.kind]}
        return [f"{names[k]} \u2190 cột {_letter(c)} \u201c{self.headers[c]}\u201d" for k, c in self.mapping.items()]

    def summary(self) -> str:
        what = KIND_LABELS[self.kind]
        if self.cancelled:
            return "Đã hủy: không có gì thay đổi."
        if self.errors:
            return f"{len(self.errors)} dòng không nhận được; không nhập dòng nào, dữ liệu không thay đổi."
        verb = "Thử nhập: sẽ nhận" if self.dry_run else "Đã nhập"
        extra = f" (thêm {self.created_people} người dân mới)" if self.kind != "people" and self.created_people else ""
        tail = "; dữ liệu không thay đổi." if self.dry_run else "."
        return f"{verb} {self.taken} {what}{extra}{tail}"


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(col + 1)


class _Rollback(Exception):
    pass


def inspect(path: str | Path, kind: str, sheet_name: str | None = None) -> ImportReport:
    """Find the header and guess the mapping (the wizard's first page)."""
    sheet = xs.read_sheet(path, FIELDS[_kind(kind)], sheet_name)
    report = ImportReport(kind, sheet.name, sheet.header_row, sheet.headers)
    report.mapping = xs.guess_mapping(sheet.headers, FIELDS[kind])
    report.rows = len(_records(sheet, report.mapping))
    return report


def _records(sheet: xs.Sheet, mapping: dict[str, int]) -> list[tuple[int, dict[str, Any]]]:
    """The data rows as (row number, field -> value)."""
    stt = next((i for i, h in enumerate(sheet.headers) if xs._key(h) in ("stt", "tt", "so tt")), None)
    records = []
    for number, values in sheet.rows:
        # Notes under the table ("Người lập biểu") have no number in the STT column.
        if stt is not None:
            mark = values[stt] if stt < len(values) else None
            if not isinstance(mark, (int, float)) and not str(mark or "").strip().isdigit():
                continue
        record = {k: (values[c] if c < len(values) else None) for k, c in mapping.items()}
        if all(v in (None, "") for v in record.values()):
            continue
        records.append((number, record))
    return records


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ModelError(f"Loại dữ liệu {kind} không có; chọn một trong: {', '.join(KINDS)}.")
    return kind


def run_import(path: str | Path, kind: str, dry_run: bool = False, mapping: dict[str, int] | None = None,
               sheet_name: str | None = None, progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> ImportReport:
    fields = FIELDS[_kind(kind)]
    sheet = xs.read_sheet(path, fields, sheet_name)
    report = ImportReport(kind, sheet.name, sheet.header_row, sheet.headers, dry_run=dry_run)
    report.mapping = dict(mapping) if mapping is not None else xs.guess_mapping(sheet.headers, fields)
    missing = [f.header for f in fields if f.required and f.key not in report.mapping]
    if missing:
        raise ModelError(f"Chưa chọn cột cho: {', '.join(missing)}.")
    records = _records(sheet, report.mapping)
    report.rows = len(records)
    writer = _WRITERS[kind]
    try:
        with database.atomic():
            seen: dict[Any, int] = {}
            for done, (number, record) in enumerate(records, start=1):
                if cancelled and cancelled():
                    report.cancelled = True
                    break
                try:
                    with database.atomic():
                        writer(record, report, seen, number)
                    report.taken += 1
                except (ModelError, ValueError) as exc:
                    report.errors.append(RowError(number, _reason(exc)))
                if progress:
                    progress(done, len(records))
            if not report.applied:
                raise _Rollback
    except _Rollback:
        pass
    if report.errors or report.cancelled:
        report.taken = 0 if not report.dry_run else report.taken
    return report


def _reason(exc: Exception) -> str:
    if isinstance(exc, registers.FormError):
        return " ".join(exc.errors.values())
    return exc.message if isinstance(exc, ModelError) else str(exc)


# -- one row of each kind --------------------------------------------------

def _once(seen: dict[Any, int], key: Any, number: int, what: str) -> None:
    if key in seen:
        raise ModelError(f"trùng {what} với dòng {seen[key]}")
    seen[key] = number


def _person_values(record: dict[str, Any]) -> dict[str, Any]:
    year, born = xs.birth(record.get("birth"))
    gender = fold(xs.text(record.get("gender")))
    values = {
        "full_name": xs.text(record.get("full_name")),
        "birth": format_date(born) if born else (str(year) if year else ""),
        "id_number": _id_or_raw(record.get("id_number")),
        "phone": record.get("phone"),
        "gender": {"nam": Gender.MALE, "nu": Gender.FEMALE, "": None}.get(gender, "?"),
    }
    if values["gender"] == "?":
        raise ValueError(f"giới tính \u201c{record.get('gender')}\u201d phải là Nam hoặc Nữ")
    return values


def _id_or_raw(value: Any) -> Any:
    """The clean number; a wrong one is left for save_person to report
    along with the row's other mistakes."""
    try:
        return parse_id_number(value)
    except ValueError:
        return value


def _dedupe(values: dict[str, Any], seen: dict[Any, int], number: int) -> None:
    if isinstance(values["id_number"], str) and values["id_number"].isdigit():
        _once(seen, ("id", values["id_number"]), number, f"số CCCD {values['id_number']}")
    if values["birth"]:
        _once(seen, ("name", fold(values["full_name"]), values["birth"]), number, "họ tên và ngày sinh")


def _find_person(values: dict[str, Any]) -> Person | None:
    if isinstance(values["id_number"], str):
        found = Person.live().where(Person.id_number == values["id_number"]).first()
        if found is not None:
            return found
    query = Person.live().where(Person.full_name == nfc(values["full_name"]))
    year, born = xs.birth(values["birth"]) if values["birth"] else (None, None)
    if born:
        query = query.where(Person.birth_date == born)
    elif year:
        query = query.where(Person.birth_year == year)
    matches = list(query.limit(2))
    return matches[0] if len(matches) == 1 else None


def _area(name: Any, create: bool = True) -> ResidentialArea | None:
    name = xs.text(name)
    if not name:
        return None
    found = ResidentialArea.live().where(ResidentialArea.name == name).first()
    if found is None:
        folded = fold(name)
        found = next((a for a in ResidentialArea.live() if fold(a.name) == folded), None)
    if found is None and create:
        kind = next((k for prefix, k in sorted(AREA_KINDS.items(), key=lambda p: -len(p[0]))
                     if fold(name).startswith(prefix + " ")), AreaKind.KHU_PHO)
        found = registers.save_area(name=name, kind=kind)
    return found


def _people(record: dict[str, Any], report: ImportReport, seen: dict[Any, int], number: int) -> None:
    values = _person_values(record)
    _dedupe(values, seen, number)
    if not values["id_number"] and values["birth"]:
        twin = _find_person(values)
        if twin is not None:
            raise ModelError(f"đã có {twin.full_name} cùng ngày sinh trong danh sách")
    area = _area(record.get("area"))
    registers.save_person(**values, address=xs.text(record.get("address")), area_id=area.id if area else None,
                          ethnicity=xs.text(record.get("ethnicity")), religion=xs.text(record.get("religion")),
                          occupation=xs.text(record.get("occupation")))


def _person_for(record: dict[str, Any], report: ImportReport) -> Person:
    values = _person_values(record)
    person = _find_person(values)
    if person is None:
        person = registers.save_person(**values)
        report.created_people += 1
    return person


def _group(name: Any) -> Group:
    name = xs.text(name)
    if not name:
        raise ValueError("chưa ghi tổ")
    matches = list(Group.live().where(Group.search_name == fold(name)).limit(2))
    if len(matches) != 1:
        raise ValueError(f"không tìm thấy tổ \u201c{name}\u201d" if not matches else f"có nhiều tổ tên \u201c{name}\u201d")
    return matches[0]


def _groups(record: dict[str, Any], report: ImportReport, seen: dict[Any, int], number: int) -> None:
    name = xs.text(record.get("name"))
    area = _area(record.get("area"))
    if area is None:
        raise ValueError("chưa ghi khu dân cư của tổ")
    _once(seen, (area.id, fold(name)), number, f"tổ {name}")
    if Group.live().where(Group.area == area, Group.search_name == fold(name)).exists():
        raise ModelError(f"tổ {name} đã có trong {area.name}")
    type_name = fold(xs.text(record.get("group_type"))) or "to dan pho"
    gtype = next((t for t in GroupType.select() if fold(t.name) == type_name), None)
    if gtype is None:
        raise ValueError(f"loại tổ \u201c{record.get('group_type')}\u201d không có trong danh mục")
    founded = xs.day(record.get("founded_on"))
    registers.save_group(name=name, area_id=area.id, group_type_id=gtype.id, founded_on=founded)


def _members(record: dict[str, Any], report: ImportReport, seen: dict[Any, int], number: int) -> None:
    group = _group(record.get("group"))
    role = ROLES.get(" ".join(fold(xs.text(record.get("role"))).split()))
    if role is None:
        raise ValueError(f"chức vụ \u201c{record.get('role')}\u201d không rõ (Tổ trưởng, Tổ phó, Thư ký, Thành viên)")
    person = _person_for(record, report)
    _once(seen, (group.id, person.id, role), number, f"{person.full_name} trong {group.name}")
    registers.add_member(group_id=group.id, person_id=person.id, role=role,
                         start_date=xs.day(record.get("start_date")) or dt.date.today())


def _yes(value: Any) -> bool:
    return fold(xs.text(value)) in ("x", "co", "c", "1", "true", "yes", "v")


def _party(record: dict[str, Any], report: ImportReport, seen: dict[Any, int], number: int) -> None:
    person = _person_for(record, report)
    _once(seen, ("pm", person.id), number, f"đảng viên {person.full_name}")
    registers.save_party_member(
        person_id=person.id, card_number=xs.text(record.get("card_number")),
        admitted_on=xs.day(record.get("admitted_on")), official_on=xs.day(record.get("official_on")),
        party_cell=xs.text(record.get("party_cell")), workplace_org=xs.text(record.get("workplace_org")),
        lives_here=_yes(record.get("lives_here")), excused=_yes(record.get("excused")))


_WRITERS = {"people": _people, "groups": _groups, "members": _members, "party-members": _party}


def write_template(kind: str, path: str | Path) -> Path:
    """An empty sheet with our column names, for clerks starting a new list."""
    fields = FIELDS[_kind(kind)]
    from openpyxl import Workbook  # loaded on use: every command would pay for it
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Mẫu"
    ws.append([f"DANH SÁCH {KIND_LABELS[kind].upper()}"])
    ws.append([])
    ws.append(["STT"] + [f.header for f in fields])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 6
    from openpyxl.utils import get_column_letter
    for i, f in enumerate(fields, start=2):
        ws.column_dimensions[get_column_letter(i)].width = max(14, len(f.header) + 4)
    ws.freeze_panes = "A4"
    path = Path(path)
    wb.save(path)
    return path


__all__ = ["KINDS", "ImportReport", "RowError", "inspect", "run_import", "write_template"]
