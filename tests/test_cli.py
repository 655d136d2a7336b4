"""The command line is a contract: scripts and checks run it."""

import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "app.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def setting(path, key):
    with sqlite3.connect(path) as raw:
        return raw.execute("SELECT value FROM setting WHERE key=?", (key,)).fetchone()[0]


def test_init_makes_an_empty_database_for_a_commune(tmp_path):
    path = tmp_path / "phuc-loi.todan"
    result = run("init", "--db", path, "--unit", "00136")
    assert result.returncode == 0, result.stderr
    assert "Phường Phúc Lợi" in result.stdout
    assert setting(path, "home_unit") == "00136"
    assert setting(path, "level") == "commune"
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT COUNT(*) FROM person").fetchone()[0] == 0
        assert raw.execute("SELECT COUNT(*) FROM group_type").fetchone()[0] >= 6


def test_init_for_a_province_office(tmp_path):
    path = tmp_path / "thanh-hoa.todan"
    result = run("init", "--db", path, "--unit", "38", "--level", "province")
    assert result.returncode == 0, result.stderr
    assert setting(path, "home_unit") == "38"
    assert setting(path, "level") == "province"


def test_unknown_unit_is_refused_and_nothing_written(tmp_path):
    path = tmp_path / "x.todan"
    result = run("init", "--db", path, "--unit", "99999")
    assert result.returncode == 2
    assert "99999" in result.stderr and "không có trong danh mục" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not path.exists()


def test_existing_database_is_not_overwritten(tmp_path):
    path = tmp_path / "x.todan"
    assert run("init", "--db", path, "--unit", "00136").returncode == 0
    before = path.read_bytes()
    result = run("init", "--db", path, "--unit", "00070")
    assert result.returncode == 2
    assert "đã tồn tại" in result.stderr
    assert path.read_bytes() == before


def test_demo_command_writes_a_living_ward(tmp_path):
    path = tmp_path / "demo.todan"
    result = run("demo", path, "--scale", "commune", "--seed", "3")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(path) as raw:
        counts = {t: raw.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
                  for t in ("person", "group", "party_member", "meeting", "recommendation", "decision")}
    assert counts["person"] == 4000
    assert counts["group"] == 200
    assert counts["party_member"] == 800
    assert counts["recommendation"] == 600
    assert 2000 <= counts["meeting"] <= 2800
    assert counts["decision"] >= 3


def test_init_creates_missing_folders(tmp_path):
    path = tmp_path / "van-phong" / "du-lieu" / "x.todan"
    result = run("init", "--db", path, "--unit", "00136")
    assert result.returncode == 0, result.stderr
    assert setting(path, "home_unit") == "00136"


def test_help_lists_every_command_while_a_command_loads_only_its_own():
    result = run("--help")
    for command in ("init", "demo", "report", "list", "import-excel", "keys", "export", "import", "check"):
        assert f"    {command}" in result.stdout
    code = ("import sys, app; app.build_parser(['report', 'summary']); "
            "print(sorted(m for m in sys.modules if m.startswith(('exchange', 'openpyxl'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert loaded.stdout.strip() == "[]", loaded.stderr
