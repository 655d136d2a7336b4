"""A process killed in the middle of saving leaves a sound database."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from models import db as dbmod
from models.enums import Level
from models.units import find_unit

ROOT = Path(__file__).resolve().parent.parent

# Each transaction renames everyone to the same new name and writes a counter:
# any state that mixes two names, or names and a counter that disagree, is torn.
WRITER = """
import sys
sys.path.insert(0, {root!r})
from models import db as dbmod
from models.people import Person
db = dbmod.open_database({path!r})
n = 0
print("ready", flush=True)
while True:
    n += 1
    with db.atomic():
        for p in Person.select():
            p.full_name = f"Lần {{n}}"
            p.save()
        dbmod.set_setting("round", str(n))
"""


def test_kill_during_saves_leaves_old_or_new_state(tmp_path):
    path = tmp_path / "crash.todan"
    db = dbmod.init_database(path, find_unit("00136"), Level.COMMUNE)
    from models.people import Person

    for i in range(40):
        Person.create(full_name="Lần 0")
    dbmod.set_setting("round", "0")
    db.close()
    for delay in (0.05, 0.13, 0.31, 0.47):
        proc = subprocess.Popen([sys.executable, "-c", WRITER.format(root=str(ROOT), path=str(path))],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        with sqlite3.connect(path) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            names = {r[0] for r in raw.execute("SELECT full_name FROM person")}
            done = raw.execute("SELECT value FROM setting WHERE key='round'").fetchone()[0]
        assert names == {f"Lần {done}"}, (names, done)
