"""The demo generator: deterministic, realistic, consistent."""

import datetime as dt
import hashlib
import sqlite3
import unicodedata

import pytest

from models.demo import build_demo

TODAY = dt.date(2026, 11, 24)


def _dump(path) -> str:
    """A digest of every row of every table, in a stable order."""
    digest = hashlib.sha256()
    with sqlite3.connect(path) as raw:
        tables = [r[0] for r in raw.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite%' ORDER BY name")]
        for table in tables:
            if table in ("setting", "audit_entry"):
                continue  # when the file was made, not what it holds
            for row in raw.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2'):
                digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "tiny.todan"
    build_demo(path, scale="tiny", seed=7, today=TODAY)
    return path


def test_same_seed_same_data_other_seed_other_data(tiny, tmp_path):
    again = tmp_path / "again.todan"
    build_demo(again, scale="tiny", seed=7, today=TODAY)
    other = tmp_path / "other.todan"
    build_demo(other, scale="tiny", seed=8, today=TODAY)
    assert _dump(again) == _dump(tiny)
    assert _dump(other) != _dump(tiny)


def test_names_are_vietnamese_in_nfc(tiny):
    with sqlite3.connect(tiny) as raw:
        names = [r[0] for r in raw.execute("SELECT full_name FROM person")]
        areas = [r[0] for r in raw.execute("SELECT name FROM residential_area")]
    assert len(names) == 240
    assert all(unicodedata.is_normalized("NFC", n) for n in names + areas)
    assert all(len(n.split()) >= 3 for n in names)
    assert any(n.startswith("Nguyễn ") for n in names)
    assert any("Đ" in n or "ư" in n or "ơ" in n for n in names)
    assert all(a.startswith(("Khu phố ", "Tổ dân phố số ")) for a in areas)  # Phúc Lợi is a ward


def test_every_state_category_and_outcome_occurs(tiny):
    with sqlite3.connect(tiny) as raw:
        states = {r[0] for r in raw.execute("SELECT DISTINCT state FROM recommendation")}
        categories = raw.execute("SELECT COUNT(DISTINCT category_id) FROM recommendation").fetchone()[0]
        outcomes = {r[0] for r in raw.execute("SELECT DISTINCT outcome FROM mediation_case")}
        history = raw.execute(
            "SELECT COUNT(*) FROM recommendation r WHERE NOT EXISTS "
            "(SELECT 1 FROM recommendation_event e WHERE e.recommendation_id = r.id AND e.state = r.state)"
        ).fetchone()[0]
    assert states == {"new", "forwarded", "in_progress", "resolved", "answered", "out_of_scope"}
    assert categories == 7
    assert {"success", "failure"} <= outcomes
    assert history == 0  # the current state is always in the history


def test_meetings_cover_the_years_with_attendance(tiny):
    with sqlite3.connect(tiny) as raw:
        years = {r[0] for r in raw.execute("SELECT DISTINCT substr(held_on, 1, 4) FROM meeting")}
        mismatched = raw.execute(
            "SELECT COUNT(*) FROM meeting m WHERE members_present != "
            "(SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id)").fetchone()[0]
        late = raw.execute("SELECT COUNT(*) FROM meeting WHERE held_on > ?", (TODAY.isoformat(),)).fetchone()[0]
    assert years == {"2025", "2026"}
    assert mismatched == 0
    assert late == 0


def test_database_is_consistent(tiny):
    with sqlite3.connect(tiny) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        two_leaders = raw.execute(
            "SELECT group_id FROM membership WHERE role='leader' AND end_date IS NULL "
            "GROUP BY group_id HAVING COUNT(*) > 1").fetchall()
        assert two_leaders == []
        owners = {r[0] for r in raw.execute("SELECT DISTINCT owner_unit FROM person")}
        assert owners == {"00136"}


def test_existing_file_is_never_overwritten(tiny):
    from models.base import ModelError

    before = tiny.read_bytes()
    with pytest.raises(ModelError):
        build_demo(tiny, scale="tiny", seed=1, today=TODAY)
    assert tiny.read_bytes() == before
