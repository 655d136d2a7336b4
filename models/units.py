"""Administrative units: the official list after 1 July 2025, and the units
whose data this database holds."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import peewee as pw

from .base import BaseModel
from .enums import Level


@dataclass(frozen=True)
class OfficialUnit:
    code: str
    name: str
    level: Level
    province_code: str

    @property
    def full_name(self) -> str:
        if self.level is Level.PROVINCE and not self.name.startswith("Thành phố"):
            return f"Tỉnh {self.name}"
        return self.name


def province_code(value: int | str) -> str:
    return f"{int(value):02d}"


def commune_code(value: int | str) -> str:
    return f"{int(value):05d}"


def _nested_divisions() -> list[dict] | None:
    """The package's own JSON of provinces and their communes, read without
    importing the package: its Python tables take ~0.1 s to import, the JSON
    ~10 ms, and every start of the program needs the home unit's name."""
    spec = importlib.util.find_spec("vietnam_provinces")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "nested-divisions.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return None


@lru_cache(maxsize=1)
def _official() -> tuple[dict[str, OfficialUnit], dict[str, OfficialUnit]]:
    provinces: dict[str, OfficialUnit] = {}
    communes: dict[str, OfficialUnit] = {}
    nested = _nested_divisions()
    if nested is not None:
        for p in nested:
            pcode = province_code(p["code"])
            provinces[pcode] = OfficialUnit(pcode, p["name"], Level.PROVINCE, pcode)
            for w in p["wards"]:
                communes[commune_code(w["code"])] = OfficialUnit(commune_code(w["code"]), w["name"],
                                                                 Level.COMMUNE, pcode)
        return provinces, communes
    # A bundle that left the data file out: the package's tables hold the same list.
    from vietnam_provinces import Province, Ward

    for p in Province.iter_all():
        pcode = province_code(p.code)
        provinces[pcode] = OfficialUnit(pcode, p.name, Level.PROVINCE, pcode)
    for w in Ward.iter_all():
        communes[commune_code(w.code)] = OfficialUnit(commune_code(w.code), w.name, Level.COMMUNE,
                                                      province_code(w.province_code))
    return provinces, communes


def provinces() -> list[OfficialUnit]:
    return sorted(_official()[0].values(), key=lambda u: u.code)


def communes_of(province: str) -> list[OfficialUnit]:
    return sorted((u for u in _official()[1].values() if u.province_code == province), key=lambda u: u.code)


def find_unit(code: str, level: Level | None = None) -> OfficialUnit | None:
    """Look up an official code; a bare number is padded as the level needs."""
    code = (code or "").strip()
    if not code.isdigit():
        return None
    provinces_, communes_ = _official()
    if level is Level.PROVINCE:
        return provinces_.get(province_code(code))
    if level is Level.COMMUNE:
        return communes_.get(commune_code(code))
    if len(code) == 5:
        return communes_.get(code)
    if len(code) <= 2:
        return provinces_.get(province_code(code))
    return communes_.get(commune_code(code))


class AdminUnit(BaseModel):
    """A unit whose data sit in this database: the home unit, and at a
    province office each commune that has sent data."""

    code = pw.CharField(max_length=5, primary_key=True)
    name = pw.CharField()
    level = pw.CharField(max_length=10)
    province_code = pw.CharField(max_length=2)

    @classmethod
    def ensure(cls, unit: OfficialUnit) -> "AdminUnit":
        row, _ = cls.get_or_create(
            code=unit.code,
            defaults={"name": unit.full_name, "level": unit.level.value, "province_code": unit.province_code},
        )
        return row
