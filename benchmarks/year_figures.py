"""Time the year figures (models.statistics) on a database, e.g. the province demo:

    python app.py demo /tmp/prov4.todan --scale province --seed 1
    python benchmarks/year_figures.py /tmp/prov4.todan [--year 2026] [--runs 3]

Prints the best and worst of several runs for the whole database, for one
commune, and for the dashboard (this year beside last year, and what needs
action). Target: the year summary in at most 1.5 s on the province database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from models import db as dbmod
from models import statistics
from models.areas import ResidentialArea
from timing import timed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--year", type=int, default=dt.date.today().year)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    dbmod.open_database(args.db, create=False)
    commune = ResidentialArea.select(ResidentialArea.commune_code).first().commune_code
    figures = timed(f"year figures {args.year}, whole database", lambda: statistics.year_figures(args.year), args.runs)
    timed(f"year figures {args.year}, commune {commune}",
          lambda: statistics.year_figures(args.year, unit=commune), args.runs)
    timed("dashboard (two years and what needs action)", lambda: statistics.overview(args.year), args.runs)
    f = figures
    print(f"groups {f.groups_active}/{f.groups_total}, party-member leaders {f.party_leader_share}, "
          f"assigned {f.assigned_share}, meetings {f.meetings}, attendance {f.attendance}, "
          f"recommendations raised {f.recommendations_raised}, overdue {f.recommendations_overdue}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
