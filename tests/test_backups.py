"""Backups, thinning, restore, integrity checks and the one-writer lock."""

import datetime as dt
import hashlib
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from models import db as dbmod
from models.backups import check_file, list_backups, newest_good_backup, restore, take_backup, thin, to_keep
from models.base import ModelError
from models.lock import WriterLock
from models.people import Person

ROOT = Path(__file__).resolve().parent.parent


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_backup_taken_while_another_connection_writes_is_consistent(db, tmp_path):
    path = Path(db.database)
    Person.create(full_name="Nguyễn Văn Trước")
    stop = threading.Event()

    def writer():
        other = sqlite3.connect(path)
        n = 0
        while not stop.is_set():
            with other:
                other.execute("INSERT INTO setting(key, value) VALUES (?, ?)", (f"k{n}", "x" * 500))
            n += 1
        other.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = [take_backup(path, "manual", when=dt.datetime(2026, 1, 1, 8, 0, i)) for i in range(3)]
    finally:
        stop.set()
        thread.join()
    for copy in copies:
        assert check_file(copy) is None
        with sqlite3.connect(copy) as raw:
            assert raw.execute("SELECT full_name FROM person").fetchall() == [("Nguyễn Văn Trước",)]


def test_thinning_keeps_recent_then_daily_then_monthly():
    now = dt.datetime(2026, 11, 24, 12, 0)
    # Four backups a day for the last 400 days.
    times = [now - dt.timedelta(hours=6 * k) for k in range(1600)]
    keep = {times[i] for i in to_keep(times, now)}
    newest_ten = sorted(times, reverse=True)[:10]
    assert set(newest_ten) <= keep
    recent_days = {t.date() for t in keep if now - t <= dt.timedelta(days=31)}
    assert len(recent_days) == 32  # one a day for a month (today included)
    older = [t for t in keep if dt.timedelta(days=31) < now - t]
    months = [(t.year, t.month) for t in older]
    assert len(months) == len(set(months))  # at most one a month
    assert all(now - t <= dt.timedelta(days=366) for t in keep)  # nothing older than a year
    assert 11 <= len(older) <= 12
    assert len(keep) < 60


def test_thin_deletes_files(tmp_path, db):
    path = Path(db.database)
    start = dt.datetime(2026, 1, 1, 9, 0)
    for k in range(14):
        take_backup(path, "close", when=start + dt.timedelta(minutes=k))
    names = [b.path.name for b in list_backups(path)]
    assert len(names) == 10  # same day: only the last ten stay
    assert names[0].startswith("test-20260101-091300-close")
    for day in range(1, 13):
        take_backup(path, "close", when=start + dt.timedelta(days=day))
    left = [b.path.name for b in list_backups(path)]
    # The newest ten (4 to 13 January), then the newest of each older day.
    assert len(left) == 13
    assert [n for n in left if "-20260101-" in n] == ["test-20260101-091300-close.todan"]
    # A year later only the newest ten stay, however old.
    gone = thin(path, now=start + dt.timedelta(days=400))
    assert sorted(p.name for p in gone) == sorted(left[10:])
    assert [b.path.name for b in list_backups(path)] == left[:10]


def test_restore_first_backs_up_then_brings_back_the_old_state(db, tmp_path):
    path = Path(db.database)
    Person.create(full_name="Lê Văn Cũ")
    old = take_backup(path, "manual")
    Person.create(full_name="Trần Thị Mới")
    safety = restore(path, old)
    assert [p.full_name for p in Person.select()] == ["Lê Văn Cũ"]
    with sqlite3.connect(safety) as raw:
        assert raw.execute("SELECT COUNT(*) FROM person").fetchone()[0] == 2


def test_a_backup_with_pages_of_another_size_is_restored(db, tmp_path):
    """A backup from an older installation (SQLite's 4 KiB pages) goes into a
    database made since (8 KiB)."""
    path = Path(db.database)
    Person.create(full_name="Lê Văn Cũ")
    old = take_backup(path, "manual")
    with sqlite3.connect(old, isolation_level=None) as raw:
        raw.execute("PRAGMA journal_mode = DELETE")
        raw.execute("PRAGMA page_size = 4096")
        raw.execute("VACUUM")
        assert raw.execute("PRAGMA page_size").fetchone()[0] == 4096
    Person.create(full_name="Trần Thị Mới")
    restore(path, old)
    assert [p.full_name for p in Person.select()] == ["Lê Văn Cũ"]
    assert db.execute_sql("PRAGMA page_size").fetchone()[0] == 8192
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert list(tmp_path.glob("tmp*")) == []  # the resized copy is gone


def test_damaged_file_is_detected_and_left_untouched(tmp_path):
    path = tmp_path / "hong.todan"
    db = dbmod.open_database(path)
    for i in range(3000):
        Person.insert(full_name=f"Người {i}", uuid=f"{i:032x}", owner_unit="00136").execute()
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    for offset in range(8192, len(data) - 4096, 4096):
        data[offset + 100: offset + 140] = b"\xff" * 40
    path.write_bytes(bytes(data))
    before = digest(path)
    problem = check_file(path)
    assert problem is not None and "bị hỏng" in problem
    assert digest(path) == before
    result = subprocess.run([sys.executable, str(ROOT / "app.py"), "check", "--db", str(path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert "bị hỏng" in result.stderr
    assert digest(path) == before


def test_newest_good_backup_skips_damaged_ones(db):
    path = Path(db.database)
    good = take_backup(path, "manual", when=dt.datetime(2026, 3, 1, 8, 0))
    bad = take_backup(path, "manual", when=dt.datetime(2026, 3, 2, 8, 0))
    bad.write_bytes(bad.read_bytes()[:3000])
    assert newest_good_backup(path) == good


def test_restoring_a_foreign_file_changes_nothing(db, tmp_path):
    path = Path(db.database)
    Person.create(full_name="Phạm Văn Giữ")
    stranger = tmp_path / "la.todan"
    stranger.write_text("không phải cơ sở dữ liệu")
    with pytest.raises(ModelError, match="không phải"):
        restore(path, stranger)
    assert [p.full_name for p in Person.select()] == ["Phạm Văn Giữ"]


def test_a_second_writer_is_refused_with_who_holds_it(tmp_path):
    path = tmp_path / "x.todan"
    with WriterLock(path):
        code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from models.lock import WriterLock, DatabaseBusy\n"
                f"try:\n    WriterLock({str(path)!r}).acquire()\nexcept DatabaseBusy as e:\n    print(e.message)")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert "đang được mở" in result.stdout
        assert "trên máy" in result.stdout
    # Released: the next one gets it.
    WriterLock(path).acquire().release()


def test_lock_of_a_dead_process_does_not_block(tmp_path):
    path = tmp_path / "x.todan"
    code = (f"import sys, os; sys.path.insert(0, {str(ROOT)!r}); from models.lock import WriterLock\n"
            f"WriterLock({str(path)!r}).acquire(); os._exit(0)")
    subprocess.run([sys.executable, "-c", code], check=True)
    WriterLock(path).acquire().release()


def test_cli_backup_and_restore(tmp_path):
    path = tmp_path / "a.todan"
    db = dbmod.open_database(path)
    Person.create(full_name="Vũ Thị Hà")
    db.close()
    out = tmp_path / "usb" / "copy.todan"
    app = [sys.executable, str(ROOT / "app.py")]
    assert subprocess.run(app + ["backup", "--db", str(path), "--out", str(out)], cwd=ROOT).returncode == 0
    assert check_file(out) is None
    db = dbmod.open_database(path)
    Person.create(full_name="Người thêm sau")
    db.close()
    result = subprocess.run(app + ["restore", "--db", str(path), str(out)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT full_name FROM person").fetchall() == [("Vũ Thị Hà",)]
    bad = subprocess.run(app + ["restore", "--db", str(path), str(tmp_path / "khong-co.todan")],
                         cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "Không tìm thấy" in bad.stderr


def test_recovery_keeps_the_damaged_file_and_puts_the_backup_in_place(db, tmp_path):
    from models.backups import recover_from_backup

    path = Path(db.database)
    Person.create(full_name="Đinh Văn Còn")
    good = take_backup(path, "manual")
    db.close()
    path.write_bytes(path.read_bytes()[:5000])  # damaged
    damaged = digest(path)
    kept = recover_from_backup(path, good)
    assert digest(kept) == damaged
    assert check_file(path) is None
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT full_name FROM person").fetchall() == [("Đinh Văn Còn",)]
