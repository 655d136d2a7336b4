"""Backups beside the database, thinned over time, and restoring one.

Copies are made with SQLite's backup API, never by copying the file of a live
database (a copy taken mid-write can be torn).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .base import ModelError, database
from .db import APP_ID, SCHEMA_VERSION, backup_to

FOLDER = "sao-luu"
STAMP = "%Y%m%d-%H%M%S"
REASONS = {
    "close": "khi đóng chương trình",
    "import": "trước khi nhập gói dữ liệu",
    "restore": "trước khi khôi phục",
    "migrate": "trước khi nâng cấp",
    "manual": "do người dùng tạo",
}


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


def backup_folder(db_path: Path | str) -> Path:
    return Path(db_path).resolve().parent / FOLDER


def take_backup(db_path: Path | str, reason: str = "manual", when: dt.datetime | None = None,
                progress: Callable[[int, int], None] | None = None) -> Path:
    """Copy the open database into its backups folder, then thin the folder."""
    if reason not in REASONS:
        raise ValueError(reason)
    when = when or dt.datetime.now()
    db_path = Path(db_path)
    target = backup_folder(db_path) / f"{db_path.stem}-{when.strftime(STAMP)}-{reason}.todan"
    n = 1
    while target.exists():  # two backups in the same second
        n += 1
        target = target.with_name(f"{db_path.stem}-{when.strftime(STAMP)}-{reason}-{n}.todan")
    backup_to(target, progress)
    thin(db_path, now=when)
    return target


def list_backups(db_path: Path | str) -> list[Backup]:
    """Backups of this database, newest first."""
    db_path = Path(db_path)
    found = []
    for path in backup_folder(db_path).glob(f"{db_path.stem}-*.todan"):
        parts = path.stem[len(db_path.stem) + 1:].split("-")
        try:
            taken = dt.datetime.strptime(f"{parts[0]}-{parts[1]}", STAMP)
        except (IndexError, ValueError):
            continue
        reason = parts[2] if len(parts) > 2 else "manual"
        found.append(Backup(path, taken, reason, path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def to_keep(times: list[dt.datetime], now: dt.datetime, recent: int = 10) -> set[int]:
    """Which backups to keep, as positions in ``times``: the last ``recent``,
    then the newest of each day for a month, then the newest of each month
    for a year; older ones go."""
    order = sorted(range(len(times)), key=lambda i: times[i], reverse=True)
    keep = set(order[:recent])
    days: set[dt.date] = set()
    months: set[tuple[int, int]] = set()
    for i in order:
        t = times[i]
        age = now - t
        if age <= dt.timedelta(days=31) and t.date() not in days:
            keep.add(i)
        elif age <= dt.timedelta(days=366) and (t.year, t.month) not in months:
            keep.add(i)
        # A kept backup stands for its day and month, so that an older one
        # of the same day or month is not kept as well.
        if i in keep:
            days.add(t.date())
            months.add((t.year, t.month))
    return keep


def thin(db_path: Path | str, now: dt.datetime | None = None) -> list[Path]:
    """Delete the backups that ``to_keep`` lets go; returns what was deleted."""
    backups = list_backups(db_path)
    keep = to_keep([b.taken_at for b in backups], now or dt.datetime.now())
    removed = []
    for i, b in enumerate(backups):
        if i not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def check_file(path: Path | str) -> str | None:
    """Why a file is not a sound Tổ Dân database, or None if it is.

    Opened read-only: a check must never change what it looks at.
    """
    path = Path(path)
    if not path.exists():
        return f"Không tìm thấy tệp {path}."
    try:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return f"Tệp {path.name} không phải là cơ sở dữ liệu của Tổ Dân."
        raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return f"Không đọc được tệp {path.name}."
    try:
        try:
            result = raw.execute("PRAGMA quick_check").fetchall()
        except (sqlite3.DatabaseError, UnicodeDecodeError):  # garbage where text should be
            result = [("hỏng",)]
        if result != [("ok",)]:
            return f"Tệp {path.name} bị hỏng: dữ liệu bên trong không còn nguyên vẹn."
        try:
            settings = dict(raw.execute("SELECT key, value FROM setting").fetchall())
        except sqlite3.DatabaseError:
            settings = {}
        except UnicodeDecodeError:
            return f"Tệp {path.name} bị hỏng: dữ liệu bên trong không còn nguyên vẹn."
        if settings.get("app") != APP_ID:
            return f"Tệp {path.name} không phải là cơ sở dữ liệu của Tổ Dân."
        if int(settings.get("schema_version", "0")) > SCHEMA_VERSION:
            return f"Tệp {path.name} được tạo bởi phiên bản Tổ Dân mới hơn."
        return None
    finally:
        raw.close()


def newest_good_backup(db_path: Path | str) -> Path | None:
    for b in list_backups(db_path):
        if check_file(b.path) is None:
            return b.path
    return None


def restore(db_path: Path | str, source: Path | str) -> Path:
    """Replace the open database's content with a backup, in one step.

    The current state is backed up first, so a restore can itself be undone.
    Returns that backup.
    """
    problem = check_file(source)
    if problem:
        raise ModelError(problem)
    safety = take_backup(db_path, "restore")
    live = database.connection()
    size = live.execute("PRAGMA page_size").fetchone()[0]
    src = sqlite3.connect(f"file:{Path(source)}?mode=ro", uri=True)
    with tempfile.TemporaryDirectory(dir=Path(db_path).resolve().parent) as work:
        try:
            if src.execute("PRAGMA page_size").fetchone()[0] != size:
                # A database in WAL mode takes in only pages of its own size, and a backup
                # from an older installation (4 KiB pages) may differ: a copy at this size goes in.
                resized = sqlite3.connect(Path(work) / "resized.todan", isolation_level=None)
                try:
                    src.backup(resized)
                finally:
                    src.close()
                    src = resized
                src.execute("PRAGMA journal_mode = DELETE")
                src.execute(f"PRAGMA page_size = {size}")
                src.execute("VACUUM")
            # The backup API writes every page in one transaction of the target.
            src.backup(live)
        finally:
            src.close()
    return safety


def recover_from_backup(db_path: Path | str, source: Path | str) -> Path:
    """Put a good backup in place of a damaged database (which must not be open).

    Nothing is deleted: the damaged file and its journal are renamed aside
    (``<name>.hong-<time>``) and kept for whoever may repair it. Returns the
    damaged file's new name.
    """
    db_path = Path(db_path)
    problem = check_file(source)
    if problem:
        raise ModelError(problem)
    stamp = dt.datetime.now().strftime(STAMP)
    kept = db_path.with_name(f"{db_path.name}.hong-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{db_path}{suffix}")
        if part.exists():
            part.rename(Path(f"{kept}{suffix}"))
    src = sqlite3.connect(f"file:{Path(source)}?mode=ro", uri=True)
    dest = sqlite3.connect(db_path)
    try:
        src.backup(dest)
    finally:
        src.close()
        dest.close()
    return kept
