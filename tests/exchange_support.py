"""Offices for the exchange tests: two tiny demo communes of Thanh Hóa and
the province, with keys made and cards registered both ways; built once per
session and copied for each test."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from models import db as dbmod
from models.base import database
from models.demo import SCALES, build_demo
from models.enums import Level
from models.units import communes_of, find_unit

PASS = "mat-khau-thu-nghiem"
PROVINCE = "38"
C1, C2 = (u.code for u in communes_of(PROVINCE)[:2])


def fast_keys() -> None:
    """scrypt at test strength: the same code path, a fraction of the time."""
    from exchange import keys as K

    K._SCRYPT_LOG2_N = 10


def use(path: Path | str):
    """Point the models at ``path`` (closing whatever was open)."""
    if database.obj is not None and not database.is_closed():
        database.close()
    return dbmod.open_database(path, create=False)


def close() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()


def file_hash(path: Path | str) -> str:
    """The bytes on disk: the database file and its write-ahead log (an
    empty log, as opening in WAL mode leaves, is the same as none)."""
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        p = Path(f"{path}{suffix}")
        h.update(p.read_bytes() if p.exists() else b"")
        h.update(b"|")
    return h.hexdigest()


@dataclass
class Offices:
    folder: Path
    c1: Path
    c2: Path
    p: Path

    def card(self, name: str) -> Path:
        return self.folder / f"{name}.card"


def build_offices(folder: Path) -> Offices:
    from exchange import keys as K

    fast_keys()
    folder.mkdir(parents=True, exist_ok=True)
    offices = Offices(folder, folder / "c1.todan", folder / "c2.todan", folder / "p.todan")
    build_demo(offices.c1, scale=SCALES["tiny"], seed=1, unit=C1)
    build_demo(offices.c2, scale=SCALES["tiny"], seed=2, unit=C2)
    dbmod.init_database(offices.p, find_unit(PROVINCE, Level.PROVINCE), Level.PROVINCE).close()
    cards = {}
    for name in ("c1", "c2", "p"):
        use(getattr(offices, name))
        K.create_office_keys(dbmod.home_unit().code, PASS)
        unit = dbmod.home_unit()
        cards[name] = K.export_card(offices.card(name), unit.full_name, dbmod.home_level().value)
    for name, others in (("c1", ["p"]), ("c2", ["p"]), ("p", ["c1", "c2"])):
        use(getattr(offices, name))
        for other in others:
            K.register_card(cards[other], cards[other].fingerprint)
    close()
    return offices


def copy_offices(template: Offices, folder: Path) -> Offices:
    folder.mkdir(parents=True, exist_ok=True)
    for p in template.folder.iterdir():
        if p.suffix in (".todan", ".card"):
            shutil.copy(p, folder / p.name)
    return Offices(folder, folder / "c1.todan", folder / "c2.todan", folder / "p.todan")


def export_from(db: Path, out: Path, **kwargs):
    from exchange.export import export_package

    use(db)
    try:
        return export_package(out, PASS, **kwargs)
    finally:
        close()


def import_into(db: Path, package: Path, **kwargs):
    from exchange.merge import import_package

    use(db)
    try:
        return import_package(package, PASS, db_path=db, **kwargs)
    finally:
        close()
