"""Measure the targets of design.md and print one line per figure.

    python benchmarks/run.py [--scale commune|province] [--runs N] [--json FILE]

Builds (once, cached under benchmarks/cache/, which git ignores) the demo
database of the scale, then measures each figure the way a user meets it,
as the median of several runs after a warm-up:

- start-up: a new process until the main window is shown and idle (offscreen);
- search: from a keystroke to the list model holding the new rows;
- summary report for a year, and 1,000 certificates, written to files;
- export of one commune and import of commune packages, as whole commands;
- memory: the peak resident size of the program with the people list shown.

Beside our figures it prints the limits they are compared with: reportlab
drawing the same pages with no data access, and raw ``sqlite3.executemany``
of the same rows as an import.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "benchmarks" / "cache"
PY = sys.executable


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: str
    ok: bool | None  # None: a comparison, not a target

    def line(self) -> str:
        verdict = "" if self.ok is None else ("đạt" if self.ok else "CHƯA ĐẠT")
        return f"{self.name:<48} {self.value:>10.3f} {self.unit:<12} mục tiêu {self.target:<22} {verdict}"


def median_of(fn: Callable[[], float], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    return statistics.median(fn() for _ in range(runs))


def demo_database(scale: str) -> Path:
    """The cached demo database of a scale, built on first use."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{scale}.todan"
    if not path.exists():
        from models.demo import build_demo

        print(f"Đang tạo cơ sở dữ liệu mẫu quy mô {scale} (một lần)…", file=sys.stderr)
        build_demo(path, scale=scale, seed=1)
    return path


# -- start-up and memory: a real process of the program ----------------------

_PROBE = r"""
import os, resource, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
import ui.app as uiapp

def when_shown():
    window = uiapp._current_window
    if window is None or not window.isVisible():
        QTimer.singleShot(5, when_shown)
        return
    # Idle: this runs once the events queued by showing the window are done.
    QTimer.singleShot(0, lambda: finish(window))

def finish(window):
    print("shown", time.perf_counter(), flush=True)
    if {memory!r}:
        titles = window.page_titles()
        window.nav.setCurrentRow(titles.index("Người dân"))
        page = window.current_page()
        for _ in range(10):
            page.model.fetchMore()
        app.processEvents()
        print("rss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    os._exit(0)  # measure the window, not the background check or the exit

QTimer.singleShot(0, when_shown)
uiapp.run(Path({db!r}))
"""


def _run_probe(db: Path, memory: bool) -> dict[str, float]:
    script = _PROBE.format(root=str(ROOT), db=str(db), memory=memory)
    started = time.perf_counter()
    out = subprocess.run([PY, "-c", script], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    ended = time.perf_counter()
    values: dict[str, float] = {}
    for line in out.stdout.splitlines():
        key, _, value = line.partition(" ")
        values[key] = float(value)
    if "shown" not in values:
        raise RuntimeError(f"the program did not show its window: {out.stderr[-2000:]}")
    # perf_counter is system-wide on Linux (CLOCK_MONOTONIC): comparable across processes.
    values["startup"] = values["shown"] - started if values["shown"] > started else ended - started
    return values


def startup(db: Path, runs: int) -> Figure:
    seconds = median_of(lambda: _run_probe(db, memory=False)["startup"], runs)
    return Figure("Khởi động đến cửa sổ chính sẵn sàng", seconds, "giây", "≤ 1,0 giây", seconds <= 1.0)


def memory(db: Path, runs: int) -> Figure:
    # Peak resident size varies from one start to the next (when the background check and
    # the system's file cache happen to land): the median, like every other figure.
    mb = median_of(lambda: _run_probe(db, memory=True)["rss_kb"] / 1024, runs)
    return Figure("Bộ nhớ khi mở danh sách người dân", mb, "MB", "≤ 300 MB", mb <= 300)


# -- search as you type ------------------------------------------------------

def search(db: Path, runs: int) -> list[Figure]:
    """Each keystroke of the phrases, typed letter by letter: the time until
    the list model holds the new rows. The phrases are typed once to warm up,
    then ``runs`` times, the sizes the plans remember forgotten before each
    run (as after opening the file); each keystroke's median over the runs,
    then the median and the worst of those."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from models import name_search
    from models.db import open_database
    from models.listing import PersonListing
    from ui.table_model import Column, ListingTableModel

    QCoreApplication.instance() or QCoreApplication([])
    open_database(db)
    model = ListingTableModel(PersonListing(), [Column("Họ và tên")])
    model.reload()
    typed = [phrase[:i] for phrase in ("nguyen thi hai yen", "tran van", "yen", "dang", "ổn")
             for i in range(1, len(phrase) + 1)]
    per_key: list[list[float]] = [[] for _ in typed]
    for run in range(runs + 1):
        name_search.forget_sizes()
        for i, text in enumerate(typed):
            t = time.perf_counter()
            model.set_search(text)
            if run:  # the first pass warms up
                per_key[i].append((time.perf_counter() - t) * 1000)
    medians = [statistics.median(v) for v in per_key]
    med, worst = statistics.median(medians), max(medians)
    return [
        Figure("Tìm khi gõ, mỗi phím (trung vị)", med, "ms", "≤ 15 ms", med <= 15),
        Figure(f"Tìm khi gõ, mỗi phím (chậm nhất: “{typed[medians.index(worst)]}”)", worst, "ms", "≤ 50 ms",
               worst <= 50),
    ]


# -- documents ---------------------------------------------------------------

def summary_report(db: Path, runs: int, out_dir: Path) -> Figure:
    year = dt.date.today().year
    out = out_dir / "tong-ket.pdf"
    cmd = [PY, str(ROOT / "app.py"), "report", "summary", "--db", str(db), "--year", str(year), "--out", str(out)]

    def once() -> float:
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        return time.perf_counter() - t

    seconds = median_of(once, runs)
    return Figure("Báo cáo tổng kết năm (lệnh, PDF)", seconds, "giây", "≤ 1,5 giây", seconds <= 1.5)


def certificates(runs: int, out_dir: Path) -> list[Figure]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import certificates as bench  # benchmarks/certificates.py

    return [Figure(name, value, unit, target, ok) for name, value, unit, target, ok in
            bench.measure(count=1000, runs=runs, folder=out_dir)]


# -- exchange ----------------------------------------------------------------

def exchange(scale: str, runs: int, out_dir: Path) -> list[Figure]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import usb_packages as bench  # benchmarks/usb_packages.py

    communes = {"province": 150, "commune": 3}.get(scale, 2)
    return [Figure(name, value, unit, target, ok) for name, value, unit, target, ok in
            bench.measure(communes=communes, runs=runs, folder=CACHE / f"exchange-{communes}")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo các chỉ tiêu của design.md.")
    parser.add_argument("--scale", choices=["tiny", "commune", "province"], default="commune")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", help="ghi kết quả ra tệp JSON")
    parser.add_argument("--only", nargs="*", help="chỉ đo các mục này: startup memory search summary "
                                                    "certificates exchange")
    args = parser.parse_args(argv)
    db = demo_database(args.scale)
    wanted = set(args.only or ["startup", "memory", "search", "summary", "certificates", "exchange"])
    figures: list[Figure] = []
    print(f"Cơ sở dữ liệu: {db} ({db.stat().st_size / 1e6:.0f} MB), {args.runs} lần đo mỗi mục")
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = Path(tmp)
        steps: list[tuple[str, Callable[[], Figure | list[Figure]]]] = [
            ("startup", lambda: startup(db, args.runs)),
            ("memory", lambda: memory(db, args.runs)),
            ("search", lambda: search(db, args.runs)),
            ("summary", lambda: summary_report(db, args.runs, out_dir)),
            ("certificates", lambda: certificates(min(args.runs, 3), out_dir)),
            ("exchange", lambda: exchange(args.scale, min(args.runs, 3), out_dir)),
        ]
        for key, step in steps:
            if key not in wanted:
                continue
            result = step()
            for figure in result if isinstance(result, list) else [result]:
                figures.append(figure)
                print(figure.line(), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(f) for f in figures], ensure_ascii=False, indent=2),
                                   encoding="utf-8")
    return 0 if all(f.ok is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
