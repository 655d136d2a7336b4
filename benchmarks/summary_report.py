"""Time the year summary report on a database, e.g. the province demo:

    python app.py demo /tmp/prov5.todan --scale province --seed 1
    python benchmarks/summary_report.py /tmp/prov5.todan [--year 2026] [--runs 3]

Prints, best and worst of several runs: gathering the figures (two years
for the comparison, a third for the chart, by commune or area and by group
type) read serially and on parallel connections; building and writing the
PDF, DOCX and XLSX; and the whole report as the command writes it. Then
the slowest reads of the gathering, each timed on its own (``--reads N``).
Target: the year summary in at most 1.5 s on the province database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from models import db as dbmod
from models.report_figures import By, breakdowns_plan, period_end
from models.statistics import years_figures_plan
from reports import summary
from reports.document import write_report
from timing import timed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--year", type=int, default=dt.date.today().year)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reads", type=int, default=10, help="how many of the slowest reads to list")
    args = parser.parse_args()
    dbmod.open_database(args.db, create=False)
    y, runs = args.year, args.runs
    timed(f"figures {y}, 3 years + breakdowns, serial", lambda: summary.gather(y, workers=1), runs)
    timed(f"figures {y}, 2 years + breakdowns, serial",
          lambda: summary.gather(y, workers=1, chart_years=2), runs)
    data = timed(f"figures {y}, 3 years + breakdowns, parallel", lambda: summary.gather(y), runs)
    timed(f"figures {y}, 2 years + breakdowns, parallel", lambda: summary.gather(y, chart_years=2), runs)
    report = summary.build_summary(data)
    with tempfile.TemporaryDirectory() as tmp:
        for suffix in (".pdf", ".docx", ".xlsx"):
            timed(f"write {suffix} from gathered figures", lambda s=suffix: write_report(report, Path(tmp) / f"r{s}"),
                  runs)
        timed("whole report as the command writes it (PDF)",
              lambda: summary.write_summary(y, Path(tmp) / "tk.pdf"), runs)
    print(f"{len(data.by_place)} rows by {data.place_kind.value}, {len(data.by_type)} by group type; "
          f"groups {data.this.groups_active}, party-member leaders {data.this.party_leader_share}")
    slowest_reads(y, data.place_kind, args.reads)
    return 0


def slowest_reads(year: int, place: By, count: int) -> None:
    """Each read of the report's plans timed on its own, on this (warm)
    connection, as summary.gather shares them out."""
    years = [(y, period_end(y, False)) for y in range(year - summary.CHART_YEARS + 1, year + 1)]
    totals = years_figures_plan(years)
    parts = breakdowns_plan(year, (place, By.GROUP_TYPE), until=period_end(year, False), totals=totals)
    times = []
    for job in totals.jobs + parts.jobs:
        started = time.perf_counter()
        job.run()
        times.append((time.perf_counter() - started, job.name))
    print(f"reads: {len(times)}, {sum(t for t, _ in times):.3f} s in all; the slowest:")
    for seconds, name in sorted(times, reverse=True)[:count]:
        print(f"  {name:<40} {seconds:6.3f} s")


if __name__ == "__main__":
    sys.exit(main())
