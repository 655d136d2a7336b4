"""Time the year summary report on a database, e.g. the province demo:

    python app.py demo /tmp/prov5.todan --scale province --seed 1
    python benchmarks/summary_report.py /tmp/prov5.todan [--year 2026] [--runs 3]

Prints, best and worst of several runs: gathering the figures (two years
for the comparison, a third for the chart, by commune or area and by group
type) read serially and on parallel connections; building and writing the
PDF, DOCX and XLSX; and the whole report as the command writes it.
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

from models import db as dbmod
from reports import summary
from reports.document import write_report


def timed(label: str, fn, runs: int) -> object:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    print(f"{label:<56} best {min(times):6.3f} s   worst {max(times):6.3f} s")
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--year", type=int, default=dt.date.today().year)
    parser.add_argument("--runs", type=int, default=3)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
