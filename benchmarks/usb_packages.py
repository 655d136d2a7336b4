"""USB packages: export one commune; import many commune packages into one
province database, against raw sqlite3.executemany of the same rows.

    .venv/bin/python benchmarks/usb_packages.py /tmp/exchange-bench [--communes 150] [--runs 3]

Builds (once, kept in the folder) that many commune-scale demo databases of
Thanh Hóa with distinct seeds and units, makes keys, exports a package from
each (every export is timed; the median is reported), imports the whole
folder into a new province database with the command a clerk runs
(``app.py import --db PROVINCE FOLDER``: one batch, one backup; a warm-up,
then the median of ``--runs``, each into the same new database), then copies
the rows the import wrote into a second empty province database with plain
executemany in one transaction, under the same page cache as the import.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exchange import keys as K
from exchange.export import export_package
from exchange.merge import BATCH_CACHE_KIB
from exchange.records import specs
from models import db as dbmod
from models.base import database
from models.demo import build_demo
from models.enums import Level
from models.units import communes_of, find_unit

PASS = "bench-passphrase"
PROVINCE = "38"


def use(path: Path) -> None:
    if database.obj is not None and not database.is_closed():
        database.close()
    dbmod.open_database(path, create=False)


def new_province(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    dbmod.init_database(path, find_unit(PROVINCE, Level.PROVINCE), Level.PROVINCE).close()


def flush() -> None:
    """Put what the system still holds for the disk on it (where the system can be told)."""
    if hasattr(os, "sync"):
        os.sync()


def measure(communes: int = 150, runs: int = 1, folder: Path | None = None) -> list[tuple]:
    """(name, value, unit, target, ok) for benchmarks/run.py; ok None marks a comparison.
    The commune databases are kept in ``folder`` (built once)."""
    folder = Path(folder or Path(__file__).resolve().parent / "cache" / "exchange")
    result = run(folder, communes, quiet=True, runs=runs)
    export_median = result["export_median"]
    return [
        ("Xuất gói dữ liệu một xã (trung vị)", export_median, "giây", "≤ 1 giây", export_median <= 1.0),
        (f"Nhập {communes} gói dữ liệu xã vào tỉnh", result["import"], "giây",
         f"≤ {60 * communes / 150:.0f} giây", result["import"] <= 60 * communes / 150),
        ("  sqlite3.executemany cùng các dòng, một giao dịch", result["raw"], "giây", "(để so sánh)", None),
        ("  tỉ lệ nhập / executemany", result["import"] / result["raw"], "lần", "≤ 3 lần",
         result["import"] / result["raw"] <= 3),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--communes", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    run(Path(args.folder), args.communes, quiet=False, runs=args.runs)


def run(folder: Path, communes: int, quiet: bool, runs: int = 1) -> dict[str, float]:
    def say(text: str) -> None:
        if not quiet:
            print(text)

    (folder / "communes").mkdir(parents=True, exist_ok=True)
    units = communes_of(PROVINCE)[:communes]

    started = time.perf_counter()
    built = 0
    for n, unit in enumerate(units):
        path = folder / "communes" / f"{unit.code}.todan"
        if not path.exists():
            build_demo(path, scale="commune", seed=1000 + n, unit=unit.code)
            built += 1
    if built:
        say(f"built {built} commune databases in {time.perf_counter() - started:.0f} s")

    province = folder / "province.todan"
    new_province(province)
    use(province)
    K.create_office_keys(PROVINCE, PASS)
    card = K.own_card("Tỉnh Thanh Hóa", "province")
    packages = folder / "packages"
    shutil.rmtree(packages, ignore_errors=True)
    packages.mkdir()
    export_times, commune_cards = [], []
    for unit in units:
        path = folder / "communes" / f"{unit.code}.todan"
        use(path)
        from models.packages import ExportMark, PackageLog, SentRecord

        if K.office_key() is None:
            K.create_office_keys(unit.code, PASS)
        K.register_card(card, card.fingerprint)
        # Each run sends a fresh full package as number 1.
        for model in (ExportMark, SentRecord, PackageLog):
            model.delete().execute()
        commune_cards.append(K.own_card(unit.full_name, "commune"))
        t = time.perf_counter()
        export_package(packages, PASS)
        export_times.append(time.perf_counter() - t)
    database.close()
    export_times.sort()
    export_median = export_times[len(export_times) // 2]
    say(f"export one commune: median {export_median:.2f} s, worst {export_times[-1]:.2f} s "
        f"(target ≤ 1 s); package {sum(p.stat().st_size for p in packages.iterdir()) / len(units) / 1e6:.2f} MB")

    use(province)
    for c in commune_cards:
        K.register_card(c, c.fingerprint)
    database.close()
    files = sorted(packages.iterdir())
    ready = folder / "province-ready.todan"
    shutil.copy(province, ready)

    def import_once() -> float:
        """The whole command, as the province clerk runs it on the USB folder (one batch,
        one backup), into the province as it was before its first import."""
        for suffix in ("-wal", "-shm"):
            Path(f"{province}{suffix}").unlink(missing_ok=True)
        shutil.copy(ready, province)
        # Gigabytes written while getting ready (the exports, the run before) go to disk
        # first, so that the system's flushing of them is not counted against this import.
        flush()
        t = time.perf_counter()
        done = subprocess.run([sys.executable, str(ROOT / "app.py"), "import", "--db", str(province), str(packages)],
                              env={**os.environ, "TODAN_PASSPHRASE": PASS}, capture_output=True, text=True)
        took = time.perf_counter() - t
        if done.returncode != 0:
            raise SystemExit(f"import failed: {done.stderr or done.stdout}")
        return took

    # A warm-up, then the median of the runs.
    times = [import_once() for _ in range(1 + runs)][1:]
    imported = statistics.median(times)
    say(f"import runs: {', '.join(f'{t:.1f}' for t in times)} s")
    with sqlite3.connect(province) as check:
        rows = check.execute("SELECT SUM(json_extract(counts, '$.person.created')) FROM exchange_package_log "
                             "WHERE direction = 'received'").fetchone()[0]
    say(f"import {len(files)} packages (app.py import, whole command): {imported:.1f} s, {rows:,} people "
        f"and every other record (target ≤ 60 s for 150)")

    # The same rows, raw: every table the import wrote, into an empty province database.
    raw_target = folder / "raw.todan"
    new_province(raw_target)
    src = sqlite3.connect(province)
    dst = sqlite3.connect(raw_target)
    dst.execute("PRAGMA journal_mode=WAL")
    dst.execute("PRAGMA synchronous=FULL")
    dst.execute("PRAGMA foreign_keys=ON")
    dst.execute(f"PRAGMA cache_size = -{BATCH_CACHE_KIB}")  # the same cache as the import
    tables = [*specs(), "attendance", "meeting_topic_link", "person_word"]
    data = {}
    for table in tables:
        cols = [r[1] for r in src.execute(f'PRAGMA table_info("{table}")')]
        where = " WHERE owner_unit <> ?" if "owner_unit" in cols else ""
        params = (PROVINCE,) if where else ()
        data[table] = (cols, src.execute(f'SELECT * FROM "{table}"{where}', params).fetchall())
    flush()
    t = time.perf_counter()
    dst.execute("BEGIN")
    for table in tables:
        cols, rows_ = data[table]
        if rows_:
            marks = ", ".join("?" * len(cols))
            names = ", ".join(f'"{c}"' for c in cols)
            dst.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows_)
    dst.execute("COMMIT")
    raw = time.perf_counter() - t
    total_rows = sum(len(r) for _, r in data.values())
    say(f"raw executemany of the same {total_rows:,} rows: {raw:.1f} s; import / raw = {imported / raw:.1f}× "
        "(target ≤ 3×)")
    src.close()
    dst.close()
    say(f"province database: {os.path.getsize(province) / 1e6:.0f} MB")
    return {"export_median": export_median, "import": imported, "raw": raw}


if __name__ == "__main__":
    main()
