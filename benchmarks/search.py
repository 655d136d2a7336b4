"""Search as you type over all people, and opening the people list.

    .venv/bin/python app.py demo /tmp/prov.todan --scale province --seed 1
    .venv/bin/python benchmarks/search.py /tmp/prov.todan

Each keystroke costs what the screen does after it: count the matches and
fetch the first page, in Vietnamese name order. Prints the median and the
worst milliseconds per keystroke for typing "nguyen thi hai yen" letter by
letter, for a few rare words, and the time to open the people list.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models import db as dbmod  # noqa: E402
from models.listing import PersonListing  # noqa: E402

PAGE = 200
TYPED = "nguyen thi hai yen"
RARE = ["quach", "uyen", "khai", "oanh", "lai xa", "dinh", "tran y", "le thi hai yen"]
HARD = ["van thi", "thi van", "n", "a"]  # dense words that rarely meet, one-letter queries


def keystroke(people: PersonListing, text: str) -> float:
    started = time.perf_counter()
    total = people.count(text)
    if total:
        people.fetch(0, PAGE, text)
    return (time.perf_counter() - started) * 1000


def report(label: str, times: list[float]) -> None:
    print(f"{label:<32} median {statistics.median(times):7.1f} ms   worst {max(times):7.1f} ms   ({len(times)} queries)")


def main(path: str) -> None:
    started = time.perf_counter()
    db = dbmod.open_database(path, create=False)
    opened = time.perf_counter()
    people = PersonListing()
    total = people.count()
    people.fetch(0, PAGE)
    listed = time.perf_counter()
    print(f"open database {1000 * (opened - started):.0f} ms; people list (count {total:,} + first page) "
          f"{1000 * (listed - opened):.0f} ms")
    keystroke(people, "warm up")
    # First as the clerk's first search after opening the file (the index
    # pages are not in SQLite's cache yet), then once more.
    for run in ("first", "again"):
        print(f"-- {run}")
        typed = [keystroke(people, TYPED[: i]) for i in range(1, len(TYPED) + 1)]
        report(f'typing "{TYPED}"', typed)
        print("  per key: " + " ".join(f"{t:.0f}" for t in typed))
        report("rare words", [keystroke(people, w) for w in RARE])
        hard = [keystroke(people, w) for w in HARD]
        report("hard cases " + ",".join(HARD), hard)
        print("  per query: " + " ".join(f"{t:.0f}" for t in hard))
    db.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/prov.todan")
