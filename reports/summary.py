"""The year-end summary (báo cáo tổng kết) and the half-year one (sơ kết):
the figures the seeds report, this year beside last year, by residential
area (by commune at a province office) and by group type, with a bar chart
of the shares over the years.

Figures come from ``models.statistics.years_figures`` (totals) and
``models.report_figures.breakdown`` (per area, commune, group type); this
module only words and lays them out. They are gathered on a few threads:
each is a read on its own SQLite connection, and WAL lets them run side by
side, which halves the wait on a province database.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models.base import database
from models.enums import GroupTitleKind, HouseholdTitleKind, Level
from models.report_figures import BreakdownRow, By, breakdowns_plan, period_end
from models.statistics import Job, YearFigures, years_figures_plan
from models.text import format_date, format_int, format_money, format_percent

from .errors import Cancelled
from .letterhead import Format, Letterhead, place_name
from .listdoc import Column

if TYPE_CHECKING:
    from .document import (
        Chart,  # noqa: TC004 (bound at run time by _load_document)
        Count,  # noqa: TC004 (bound at run time by _load_document)
        Heading,  # noqa: TC004 (bound at run time by _load_document)
        Money,  # noqa: TC004 (bound at run time by _load_document)
        Para,  # noqa: TC004 (bound at run time by _load_document)
        Percent,  # noqa: TC004 (bound at run time by _load_document)
        Report,  # noqa: TC004 (bound at run time by _load_document)
        Series,  # noqa: TC004 (bound at run time by _load_document)
        Signature,  # noqa: TC004 (bound at run time by _load_document)
        TableBlock,  # noqa: TC004 (bound at run time by _load_document)
        write_report,  # noqa: TC004 (bound at run time by _load_document)
    )

_DOCUMENT_NAMES = ("Chart", "Count", "Heading", "Money", "Para", "Percent", "Report", "Series", "Signature",
                   "TableBlock", "write_report")


def _load_document() -> None:
    """Import ``reports.document`` (reportlab's charts: about 0.1 s) into
    this module's names. ``gather`` calls it on the caller's thread while
    the workers read the figures, rather than before them."""
    if "TableBlock" in globals():
        return
    from . import document

    globals().update({name: getattr(document, name) for name in _DOCUMENT_NAMES})


CHART_YEARS = 3  # this year and the two before it
READ_MMAP_SIZE = 2_000_000_000  # bytes of the file the report's reading connections map


@dataclass(frozen=True)
class Unit:
    """Whose report it is: the office's unit or, at a province, one commune."""

    code: str
    name: str  # "Phường Phúc Lợi"
    level: Level
    province_name: str = ""  # "Thành phố Hà Nội"


@dataclass
class SummaryData:
    year: int
    half: bool
    unit: Unit
    filtered: bool  # one commune of a province database
    this: YearFigures
    last: YearFigures
    history: list[YearFigures]  # oldest first, ending with this year
    by_place: list[BreakdownRow]
    place_kind: By
    by_type: list[BreakdownRow]


def office_unit(unit: str | None = None) -> Unit:
    """The home unit, or the commune ``unit`` of a province office."""
    from models.db import home_level, home_unit
    from models.units import find_unit

    home = home_unit()
    level = home_level() or Level.COMMUNE
    if unit is not None:
        found = find_unit(unit, Level.COMMUNE)
        if found is None:
            from models.base import ModelError

            raise ModelError(f"Mã xã, phường {unit} không có trong danh mục.", field="unit")
        home, level = found, Level.COMMUNE
    if home is None:
        return Unit("", "", level)
    province = find_unit(home.province_code, Level.PROVINCE)
    return Unit(home.code, home.full_name, level, province.full_name if province else "")


def _run_jobs(jobs: list[Job], workers: int, cancelled: Callable[[], bool] | None,
              progress: Callable[[int, int], None] | None, meanwhile: Callable[[], object] = lambda: None) -> object:
    """Run ``jobs``, longest first, on ``workers`` threads, each reading on
    its own SQLite connection (WAL lets them read side by side); 1 reads on
    the caller's own connection. ``meanwhile`` runs on the caller's thread
    (first, when reading there) and its result is returned."""
    order = sorted(jobs, key=lambda j: -j.cost)
    total = len(order)
    if workers <= 1:
        result = meanwhile()
        for done, job in enumerate(order, start=1):
            if cancelled is not None and cancelled():
                raise Cancelled()
            job.run()
            if progress is not None:
                progress(done, total)
        return result
    pending = iter(order)
    lock = threading.Lock()
    finished = queue.SimpleQueue()
    stop = threading.Event()

    def worker() -> None:
        try:
            # The file mapped into memory: a cold connection reads the
            # pages it needs without copying them (a tenth of a second
            # on a province database). Read-only, and only these short-lived
            # connections.
            database.execute_sql(f"PRAGMA mmap_size={READ_MMAP_SIZE}")
            while not stop.is_set():
                with lock:
                    job = next(pending, None)
                if job is None:
                    return
                try:
                    job.run()
                except BaseException as exc:  # noqa: BLE001 (handed to the caller, who re-raises it)
                    stop.set()
                    finished.put(exc)
                    return
                finished.put(None)
        finally:
            if not database.is_closed():
                database.close()  # this worker thread's own connection

    threads = [threading.Thread(target=worker, name=f"summary-{i}", daemon=True) for i in range(workers)]
    for t in threads:
        t.start()
    try:
        result = meanwhile()
        for done in range(1, total + 1):
            outcome = finished.get()
            if outcome is not None:
                raise outcome
            if progress is not None:
                progress(done, total)
            if cancelled is not None and cancelled():
                raise Cancelled()
    finally:
        stop.set()
        for t in threads:
            t.join()
    return result


def gather(year: int, half: bool = False, unit: str | None = None, today: dt.date | None = None,
           chart_years: int = CHART_YEARS, cancelled: Callable[[], bool] | None = None,
           progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> SummaryData:
    """Every figure of the report, read on ``workers`` parallel connections
    (default: one per processor, at most three; 1 reads on the caller's own)."""
    today = today or dt.date.today()
    if unit is None:
        from models.db import home_level

        province = (home_level() or Level.COMMUNE) is Level.PROVINCE
    else:
        province = False  # one commune of a province database: by area
    by_place = By.COMMUNE if province else By.AREA
    years = list(range(year - max(chart_years, 2) + 1, year + 1))
    # All the years in one pass per table (the chart's years cost little more
    # than one); the reads of both plans are shared out among the workers.
    totals = years_figures_plan([(y, period_end(y, half)) for y in years], unit=unit, today=today)
    parts = breakdowns_plan(year, (by_place, By.GROUP_TYPE), unit=unit, today=today, until=period_end(year, half),
                            totals=totals)
    workers = workers or min(os.cpu_count() or 1, 3)

    def meanwhile() -> Unit:
        # What only Python does (the unit's names, the document's modules)
        # while the workers read.
        office = office_unit(unit)
        _load_document()
        from . import fonts

        fonts.register_fonts()
        return office

    office = _run_jobs(totals.jobs + parts.jobs, workers, cancelled, progress, meanwhile)
    results = {"years": totals.finish(), "breakdowns": parts.finish()}
    return _data(year, half, unit, office, by_place, years, chart_years, results)


def _data(year, half, unit, office, by_place, years, chart_years, results) -> SummaryData:
    history = [results["years"][y] for y in years]
    return SummaryData(year=year, half=half, unit=office, filtered=unit is not None, this=history[-1],
                       last=history[-2], history=history[-chart_years:] if chart_years >= 2 else history,
                       by_place=results["breakdowns"][by_place], place_kind=by_place,
                       by_type=results["breakdowns"][By.GROUP_TYPE])


# -- words ---------------------------------------------------------------------------------


def n(value: int) -> str:
    """A count in running text: "1.817"; below ten with a leading zero, as
    official reports write them ("06 vụ việc")."""
    return f"{value:02d}" if 0 < value < 10 else format_int(value)


def unit_word(name: str) -> str:
    """'Phường Phúc Lợi' -> 'phường' (as in "toàn phường")."""
    for prefix in ("Đặc khu", "Thành phố", "Thị trấn", "Phường", "Xã", "Tỉnh"):
        if name.startswith(prefix + " "):
            return prefix.lower()
    return "đơn vị"


def period_words(year: int, half: bool) -> str:
    return f"6 tháng đầu năm {year}" if half else f"năm {year}"


def _h(f: YearFigures, kind: HouseholdTitleKind) -> int:
    return f.household_titles.get(kind, 0)


def _g(f: YearFigures, kind: GroupTitleKind) -> int:
    return f.group_titles.get(kind, 0)


def narrative(d: SummaryData) -> list[Para]:
    f, period = d.this, period_words(d.year, d.half)
    where = f"toàn {unit_word(d.unit.name)}"
    paras = []
    leaders = f"{n(f.leaders)} tổ trưởng"
    if f.interim_leaders:
        leaders += f" (trong đó {n(f.interim_leaders)} quyền tổ trưởng)"
    paras.append(Para(
        f"Về tổ chức: đến ngày {format_date(f.reference_day)}, {where} có {n(f.groups_active)}/{n(f.groups_total)} "
        f"tổ đang hoạt động ở {n(f.areas)} khu dân cư; {leaders}, {n(f.deputies)} tổ phó. "
        f"Có {n(f.party_leaders)} đảng viên trực tiếp làm tổ trưởng, chiếm tỷ lệ {f.party_leader_share.percent} "
        f"so với tổng số tổ; {n(f.assigned_party_members)} đảng viên được phân công phụ trách tổ, chiếm tỷ lệ "
        f"{f.assigned_share.percent}."))
    paras.append(Para(
        f"Về sinh hoạt tổ: trong {period}, {n(f.groups_meeting)} tổ đã tổ chức {n(f.meetings)} buổi sinh hoạt, "
        f"với {n(f.attendance)} lượt người dân tham dự (năm trước cùng kỳ: {n(d.last.meetings)} buổi, "
        f"{n(d.last.attendance)} lượt)."))
    raised = [c for c in f.categories if c.raised]
    detail = ", ".join(f"{n(c.raised)} {c.name.lower()}" for c in raised)
    paras.append(Para(
        f"Về kiến nghị, đề xuất: nhân dân nêu {n(f.recommendations_raised)} lượt kiến nghị, đề xuất"
        + (f" (trong đó {detail})" if detail else "")
        + f"; {n(f.recommendations_settled)} lượt được giải quyết hoặc trả lời ({n(f.recommendations_resolved)} "
        f"giải quyết, {n(f.recommendations_answered)} trả lời); {n(f.recommendations_out_of_scope)} không thuộc "
        f"thẩm quyền; đến ngày {format_date(f.reference_day)} còn {n(f.recommendations_open)} kiến nghị chưa "
        f"giải quyết, trong đó {n(f.recommendations_overdue)} quá hạn."))
    paras.append(Para(
        f"Về hòa giải: tiếp nhận {n(f.mediation_cases)} vụ việc mâu thuẫn trong nhân dân, hòa giải thành công "
        f"{n(f.mediation_success)} vụ việc, không thành {n(f.mediation_failure)}, đang hòa giải "
        f"{n(f.mediation_pending)}."))
    cf, tn = HouseholdTitleKind.CULTURED_FAMILY, HouseholdTitleKind.THREE_NO
    paras.append(Para(
        f"Về xây dựng đời sống văn hóa: có {n(_h(f, cf))} hộ gia đình đạt danh hiệu gia đình văn hóa, chiếm "
        f"{f.household_share(cf).percent}; {n(_h(f, tn))} hộ đạt \u201c3 không\u201d (không tội phạm, không tệ nạn, "
        f"không ma túy), chiếm {f.household_share(tn).percent}; {n(_g(f, GroupTitleKind.CULTURED))} tổ đạt tổ văn "
        f"hóa ({f.group_share(GroupTitleKind.CULTURED).percent}), {n(_g(f, GroupTitleKind.SAFE))} tổ an toàn "
        f"({f.group_share(GroupTitleKind.SAFE).percent}); {n(f.area_titles.get(GroupTitleKind.CULTURED, 0))} khu "
        f"dân cư đạt chuẩn văn hóa ({f.area_share(GroupTitleKind.CULTURED).percent})."))
    funds = "; ".join(f"quỹ \u201c{x.name}\u201d vận động được {format_money(x.raised)}, đạt {x.share.percent} "
                      f"chỉ tiêu" for x in f.funds)
    paras.append(Para(
        "Về quỹ và kinh phí: " + (funds + "; " if funds else "")
        + f"{n(f.budget_groups)} tổ được cấp kinh phí hoạt động, tổng cộng {format_money(f.budget_total)}."))
    paras.append(Para(
        f"Về quy chế phối hợp giữa tổ trưởng và trưởng ban công tác Mặt trận: {n(f.rules)} tổ đã ký quy chế; "
        f"{n(f.rule_reviews)} lượt rà soát, đánh giá trong năm."))
    return paras


# -- tables --------------------------------------------------------------------------------

Row = tuple[str, Callable[[YearFigures], object]]
COMPARISON: list[Row] = [
    ("Tổng số tổ", lambda f: Count(f.groups_total)),
    ("Tổ đang hoạt động", lambda f: Count(f.groups_active)),
    ("Khu dân cư", lambda f: Count(f.areas)),
    ("Tổ trưởng (kể cả quyền tổ trưởng)", lambda f: Count(f.leaders)),
    ("Tổ phó", lambda f: Count(f.deputies)),
    ("Đảng viên trực tiếp làm tổ trưởng", lambda f: Count(f.party_leaders)),
    ("   Tỷ lệ so với tổng số tổ", lambda f: Percent(f.party_leaders, f.groups_active)),
    ("Đảng viên được phân công phụ trách tổ", lambda f: Count(f.assigned_party_members)),
    ("   Tỷ lệ so với tổng số tổ", lambda f: Percent(f.assigned_party_members, f.groups_active)),
    ("Buổi sinh hoạt tổ", lambda f: Count(f.meetings)),
    ("Lượt người dự sinh hoạt", lambda f: Count(f.attendance)),
    ("Kiến nghị, đề xuất phát sinh", lambda f: Count(f.recommendations_raised)),
    ("Kiến nghị được giải quyết hoặc trả lời", lambda f: Count(f.recommendations_settled)),
    ("Kiến nghị quá hạn (cuối kỳ)", lambda f: Count(f.recommendations_overdue)),
    ("Vụ việc hòa giải", lambda f: Count(f.mediation_cases)),
    ("Hòa giải thành", lambda f: Count(f.mediation_success)),
    ("Hộ gia đình văn hóa", lambda f: Count(_h(f, HouseholdTitleKind.CULTURED_FAMILY))),
    ("   Tỷ lệ so với số hộ", lambda f: Percent(_h(f, HouseholdTitleKind.CULTURED_FAMILY), f.households)),
    ("Hộ đạt \u201c3 không\u201d", lambda f: Count(_h(f, HouseholdTitleKind.THREE_NO))),
    ("   Tỷ lệ so với số hộ", lambda f: Percent(_h(f, HouseholdTitleKind.THREE_NO), f.households)),
    ("Tổ văn hóa", lambda f: Count(_g(f, GroupTitleKind.CULTURED))),
    ("   Tỷ lệ so với số tổ", lambda f: Percent(_g(f, GroupTitleKind.CULTURED), f.groups_active)),
    ("Tổ an toàn", lambda f: Count(_g(f, GroupTitleKind.SAFE))),
    ("Kinh phí hoạt động của các tổ", lambda f: Money(f.budget_total)),
    ("Quy chế phối hợp đã ký", lambda f: Count(f.rules)),
]


def change(before: object, after: object) -> str:
    """Tăng (+) / giảm (−): counts and money by their difference, shares in
    percentage points."""
    if isinstance(before, Percent) and isinstance(after, Percent):
        diff = float(after.fraction - before.fraction) * 100
        if abs(diff) < 0.005:
            return "0"
        return ("+" if diff > 0 else "−") + format_percent(abs(diff), 100).rstrip("%") + " điểm"
    a = getattr(before, "value", 0)
    b = getattr(after, "value", 0)
    if a == b:
        return "0"
    diff = b - a
    return ("+" if diff > 0 else "−") + format_int(abs(diff))


def comparison_table(d: SummaryData) -> TableBlock:
    last, this = d.last, d.this
    label = "6 tháng" if d.half else "Năm"
    columns = [Column("STT", 10, centred=True), Column("Chỉ tiêu", 70),
               Column(f"{label} {last.year}", 28), Column(f"{label} {this.year}", 28), Column("Tăng (+), giảm (−)", 29, centred=True)]
    rows = []
    number = 0
    for caption, value in COMPARISON:
        sub = caption.startswith("   ")
        if not sub:
            number += 1
        before, after = value(last), value(this)
        rows.append(["" if sub else str(number), caption.strip() if not sub else "– " + caption.strip(),
                     before, after, change(before, after)])
    for fund in this.funds:
        before = next((x for x in last.funds if x.fund_id == fund.fund_id), None)
        number += 1
        rows.append([str(number), f"Quỹ \u201c{fund.name}\u201d: số tiền vận động được",
                     Money(before.raised) if before else Money(0), Money(fund.raised),
                     change(Money(before.raised if before else 0), Money(fund.raised))])
    return TableBlock("So sánh với năm trước", columns, rows, font_size=11)


def category_table(d: SummaryData) -> TableBlock:
    f = d.this
    columns = [Column("Lĩnh vực", 45), Column("Phát sinh", 20), Column("Giải quyết", 20), Column("Trả lời", 20),
               Column("Không thuộc thẩm quyền", 22), Column("Chưa giải quyết", 20), Column("Quá hạn", 18)]
    rows = [[c.name, Count(c.raised), Count(c.resolved), Count(c.answered), Count(c.out_of_scope), Count(c.open),
             Count(c.overdue)] for c in f.categories]
    rows.append(["Cộng", Count(f.recommendations_raised), Count(f.recommendations_resolved),
                 Count(f.recommendations_answered), Count(f.recommendations_out_of_scope),
                 Count(f.recommendations_open), Count(f.recommendations_overdue)])
    return TableBlock("Kiến nghị theo lĩnh vực", columns, rows, bold_rows={len(rows) - 1}, font_size=11)


def _total(rows: list[BreakdownRow]) -> BreakdownRow:
    names = [k for k in BreakdownRow.__dataclass_fields__ if k not in ("key", "name")]
    return BreakdownRow(key=None, name="Cộng", **{k: sum(getattr(r, k) for r in rows) for k in names})


def breakdown_table(d: SummaryData, rows: list[BreakdownRow], title: str, what: str,
                    households: bool) -> TableBlock:
    columns = [Column("STT", 9, centred=True), Column(what, 32), Column("Tổ hoạt động", 13),
               Column("ĐV làm tổ trưởng", 14), Column("Tỷ lệ", 15), Column("ĐV phụ trách tổ", 14),
               Column("Tỷ lệ", 15), Column("Buổi sinh hoạt", 14), Column("Lượt người dự", 16),
               Column("Kiến nghị phát sinh", 14), Column("Kiến nghị quá hạn", 13)]
    if households:
        columns += [Column("Hộ gia đình văn hóa (tỷ lệ)", 17)]
    total = _total(rows)
    body = []
    for i, r in enumerate(rows + [total], start=1):
        line = ["" if r is total else str(i), r.name, Count(r.groups_active), Count(r.party_leaders),
                Percent(r.party_leaders, r.groups_active), Count(r.assigned_party_members),
                Percent(r.assigned_party_members, r.groups_active), Count(r.meetings), Count(r.attendance),
                Count(r.recommendations_raised), Count(r.recommendations_overdue)]
        if households:
            line.append(Percent(r.cultured_households, r.households))
        body.append(line)
    note = ("Ghi chú: kiến nghị không gắn với tổ nào chỉ tính ở số liệu chung; đảng viên phụ trách tổ ở nhiều "
            "nơi được tính ở mỗi nơi.")
    return TableBlock(title, columns, body, bold_rows={len(body) - 1}, font_size=9.5, note=note)


CHART_SERIES: list[tuple[str, Callable[[YearFigures], Percent]]] = [
    ("ĐV làm tổ trưởng", lambda f: Percent(f.party_leaders, f.groups_active)),
    ("ĐV phụ trách tổ", lambda f: Percent(f.assigned_party_members, f.groups_active)),
    ("Hộ gia đình văn hóa", lambda f: Percent(_h(f, HouseholdTitleKind.CULTURED_FAMILY), f.households)),
    ("Hộ \u201c3 không\u201d", lambda f: Percent(_h(f, HouseholdTitleKind.THREE_NO), f.households)),
    ("Tổ văn hóa", lambda f: Percent(_g(f, GroupTitleKind.CULTURED), f.groups_active)),
]


def shares_chart(d: SummaryData) -> Chart:
    years = [f.year for f in d.history]
    return Chart(
        title=f"Biểu đồ: tỷ lệ qua các năm {years[0]}–{years[-1]}",
        categories=[name for name, _ in CHART_SERIES],
        series=[Series(f"Năm {f.year}", tuple(share(f) for _, share in CHART_SERIES)) for f in d.history],
    )


# -- the document ----------------------------------------------------------------------------


def letterhead_for(unit: Unit, fmt: Format, when: dt.date, issuer: str | None = None) -> tuple[Letterhead, tuple[str, ...]]:
    """The header and the signature titles of the office's report."""
    place = place_name(unit.name)
    if fmt is Format.PARTY:
        body = issuer or (("Thành ủy " if unit.name.startswith("Thành phố") else "Tỉnh ủy ")
                          + place_name(unit.name) if unit.level is Level.PROVINCE else f"Đảng ủy {unit.name}")
        parent = "" if unit.level is Level.PROVINCE else (f"Đảng bộ {unit.province_name}" if unit.province_name else "")
        lh = Letterhead(body=body, place=place, date=when, number="      -BC/ĐU", parent_body=parent,
                        format=Format.PARTY)
        return lh, ("T/M BAN THƯỜNG VỤ" if unit.level is Level.PROVINCE else "T/M ĐẢNG ỦY", "BÍ THƯ")
    lh = Letterhead(body=issuer or f"UBND {unit.name}", place=place, date=when, number="      /BC-UBND")
    return lh, ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")


def build_summary(d: SummaryData, fmt: Format = Format.STATE, when: dt.date | None = None,
                  issuer: str | None = None, signer: str = "") -> Report:
    _load_document()
    when = when or dt.date.today()
    lh, titles = letterhead_for(d.unit, fmt, when, issuer)
    kind = "Sơ kết" if d.half else "Tổng kết"
    subtitle = f"{kind} hoạt động các tổ ở khu dân cư {period_words(d.year, d.half)}"
    if d.filtered:
        subtitle += f" – {d.unit.name}"
    place_word = "xã, phường" if d.place_kind is By.COMMUNE else "khu dân cư"
    blocks = [
        Heading("I. KẾT QUẢ THỰC HIỆN"),
        *narrative(d),
        Heading("II. SỐ LIỆU SO SÁNH VỚI CÙNG KỲ NĂM TRƯỚC"),
        comparison_table(d),
        Heading("III. KIẾN NGHỊ, ĐỀ XUẤT THEO LĨNH VỰC"),
        category_table(d),
        Heading(f"IV. SỐ LIỆU THEO {place_word.upper()}"),
        breakdown_table(d, d.by_place, f"Theo {place_word}", "Xã, phường" if d.place_kind is By.COMMUNE
                        else "Khu dân cư", households=True),
        Heading("V. SỐ LIỆU THEO LOẠI TỔ"),
        breakdown_table(d, d.by_type, "Theo loại tổ", "Loại tổ", households=False),
        Heading("VI. TỶ LỆ QUA CÁC NĂM"),
        shares_chart(d),
        Heading("VII. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"),
        Para("(Phần này do cán bộ soạn thảo bổ sung trước khi trình ký.)", italic=True),
        Signature(titles=titles, signer=signer,
                  recipients=("Ban Thường trực Ủy ban MTTQ cấp trên;", "Lưu: VT.") if fmt is Format.STATE
                  else ("Ban Thường vụ cấp trên;", "Lưu: Văn phòng.")),
    ]
    return Report(letterhead=lh, title="BÁO CÁO", subtitle=subtitle, blocks=blocks,
                  doc_title=f"Báo cáo {kind.lower()} {period_words(d.year, d.half)}")


def write_summary(year: int, out_path: str | os.PathLike, *, half: bool = False, unit: str | None = None,
                  fmt: Format = Format.STATE, today: dt.date | None = None, signer: str = "",
                  issuer: str | None = None, progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Path:
    data = gather(year, half=half, unit=unit, today=today, progress=progress, cancelled=cancelled)
    return write_report(build_summary(data, fmt, when=today, issuer=issuer, signer=signer), out_path)
