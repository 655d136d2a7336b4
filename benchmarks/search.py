"""Search as you type over all people, and opening the people and party lists.

    .venv/bin/python app.py demo /tmp/prov.todan --scale province --seed 1
    .venv/bin/python benchmarks/search.py /tmp/prov.todan [--runs 3]

Opening the file migrates it: use a copy, not benchmarks/cache/.

Each keystroke costs what the screen does after it: count the matches and
fetch the first page, in Vietnamese name order. Prints the median and the
worst milliseconds per keystroke (each keystroke's median over the runs)
for the phrases of ``run.py`` typed letter by letter, and for the hard
cases: common words that rarely meet, one-letter prefixes. The sizes the
plans remember are forgotten before each run, as after opening the file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models import db as dbmod
from models import name_search
from models.listing import PartyMemberListing, PersonListing

PAGE = 200
TYPED = ["nguyen thi hai yen", "tran van", "yen", "dang", "ổn"]  # as benchmarks/run.py types them
HARD = ["nguyen thi hai", "van thi", "thi van", "nguyen van thi", "le thi hai yen", "tran thi thu", "n", "t", "a"]


def keystroke(listing, text: str) -> float:
    started = time.perf_counter()
    total = listing.count(text)
    if total:
        listing.fetch(0, PAGE, text)
    return (time.perf_counter() - started) * 1000


def typed(phrases: list[str]) -> list[str]:
    return [p[:i] for p in phrases for i in range(1, len(p) + 1)]


def report(label: str, times: dict[str, float]) -> None:
    values = list(times.values())
    worst = max(times, key=times.__getitem__)
    print(f"{label:<28} median {statistics.median(values):6.1f} ms   worst {max(values):6.1f} ms "
          f"({worst!r})   ({len(values)} keystrokes)")


def main(path: str, runs: int) -> None:
    started = time.perf_counter()
    db = dbmod.open_database(path, create=False)
    opened = time.perf_counter()
    people, party = PersonListing(), PartyMemberListing()
    total = people.count()
    people.fetch(0, PAGE)
    listed = time.perf_counter()
    party_total = party.count()
    party.fetch(0, PAGE)
    party_listed = time.perf_counter()
    print(f"open database {1000 * (opened - started):.0f} ms; people list (count {total:,} + first page) "
          f"{1000 * (listed - opened):.0f} ms; party list (count {party_total:,} + first page) "
          f"{1000 * (party_listed - listed):.0f} ms (first time)")
    keystroke(people, "warm up")
    main_keys, hard_keys = typed(TYPED), typed(HARD)
    times: dict[str, list[float]] = {k: [] for k in main_keys + hard_keys}
    party_times = []
    for _ in range(runs):
        name_search.forget_sizes()
        for key, spent in times.items():
            spent.append(keystroke(people, key))
        t = time.perf_counter()
        party.count()
        party.fetch(0, PAGE)
        party_times.append((time.perf_counter() - t) * 1000)
    med = {k: statistics.median(v) for k, v in times.items()}
    report("typing " + ", ".join(TYPED), {k: med[k] for k in main_keys})
    report("hard cases", {k: med[k] for k in hard_keys})
    slow = sorted(med, key=med.__getitem__, reverse=True)[:8]
    print("  slowest: " + "  ".join(f"{k!r} {med[k]:.1f}" for k in slow))
    print(f"party list (count + first page) median {statistics.median(party_times):.0f} ms")
    db.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default="/tmp/prov.todan")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    main(args.path, args.runs)
