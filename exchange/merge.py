"""Importing packages: fail closed in the order of design.md, then one code
path for the dry run and the commit — each package planned, then applied,
all in one transaction that a dry run (or a "no" to the summary) rolls back.
A batch (a province's USB folder) is one transaction after one backup; a
large one opens its packages in a helper process (exchange.opening), which
also plans the first package of each commune never heard from, and writes
with its secondary indexes set aside (exchange.deferred_indexes).

Merge per uuid: new → create; same rev and content → unchanged; higher rev →
update; lower rev → stale, ignored; same rev with other content, a record not
owned by the signer, or one that points at a record this database lacks →
conflict, listed and not applied.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import ExitStack, closing
from dataclasses import astuple, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import peewee as pw

from models import audit
from models import db as dbmod
from models.base import PermissionDenied, context, database
from models.enums import Level
from models.meetings import Meeting
from models.packages import ImportMark, PackageLog
from models.people import Person
from models.units import AdminUnit, find_unit

from . import keys as K
from .export import Cancelled
from .opening import check_signed, open_file, opened
from .package import (
    KIND_CATALOGUE_DOWN,
    KIND_DATA_UP,
    Package,
    PackageRefused,
    check_payload_hash,
    read_package,
)
from .records import TABLE_LABELS, Column, Spec, catalogue_tables, specs

_CHUNK = 500
_CONTENT_SKIP = {"uuid", "owner_unit", "rev", "updated_at"}
_MISSING = object()
# Page cache while a batch goes in (KiB; SQLite takes it only as pages are used, and its
# sorter as much again while indexes are built; 150 packages peak at ~0.8 GB in all):
# the indexes a province's batch touches stay in memory instead of being re-read.
BATCH_CACHE_KIB = 256 * 1024
_UNRESOLVED = "tham chiếu tới một bản ghi chưa có trong cơ sở dữ liệu này"



@dataclass
class Conflict:
    table: str
    uuid: str
    label: str
    reason: str


@dataclass
class TableCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    conflicts: int = 0

    @staticmethod
    def summed(counts: Iterable[TableCounts]) -> TableCounts:
        total = TableCounts()
        for c in counts:
            for name, value in vars(c).items():
                setattr(total, name, getattr(total, name) + value)
        return total


@dataclass
class _Ops:
    spec: Spec
    inserts: list[tuple] = field(default_factory=list)  # (id, values...) in spec column order
    updates: list[tuple] = field(default_factory=list)  # (values..., id)
    links: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict)  # meeting id → persons, topics
    replaced_links: list[int] = field(default_factory=list)
    people_words: list[tuple[int, str, str, bool]] = field(default_factory=list)  # id, search, sort, live


@dataclass
class ImportResult:
    package: str
    package_id: str
    kind: str
    source: str
    source_name: str
    target: str
    sequence: int
    full: bool
    counts: dict[str, TableCounts]
    conflicts: list[Conflict]
    gap: str | None
    committed: bool = False
    backup: Path | None = None

    def totals(self) -> TableCounts:
        return TableCounts.summed(self.counts.values())

    def text(self) -> str:
        """The summary as the command line prints it."""
        what = "dữ liệu" if self.kind == KIND_DATA_UP else "danh mục"
        lines = [(f"Gói {self.package}: {what} của {self.source_name} ({self.source}), số {self.sequence}, "
                  f"{'đầy đủ' if self.full else 'các thay đổi'}.")]
        if self.gap:
            lines.append(f"Cảnh báo: {self.gap}")
        lines.append(f"{'Bảng':<28}{'thêm mới':>10}{'cập nhật':>10}{'không đổi':>10}{'cũ hơn':>10}{'xung đột':>10}")
        for table, c in self.counts.items():
            lines.append(f"{TABLE_LABELS.get(table, table):<28}{c.created:>10}{c.updated:>10}{c.unchanged:>10}"
                         f"{c.stale:>10}{c.conflicts:>10}")
        for x in self.conflicts[:200]:
            lines.append(f"  Xung đột – {TABLE_LABELS.get(x.table, x.table)} {x.label} ({x.uuid[:8]}): {x.reason}")
        if len(self.conflicts) > 200:
            lines.append(f"  … và {len(self.conflicts) - 200} xung đột khác.")
        return "\n".join(lines)


# -- checks before anything is decrypted


def _check_sequence(pkg: Package) -> str | None:
    m = pkg.manifest
    seen = PackageLog.get_or_none(PackageLog.direction == "received", PackageLog.package_id == m["package_id"])
    if seen is not None:
        raise PackageRefused(f"Gói {pkg.name} đã được nhập ngày {seen.at:%d/%m/%Y}; không cần nhập lại.")
    mark = ImportMark.get_or_none(ImportMark.source == m["source"], ImportMark.kind == m["kind"])
    if mark is not None and m["sequence"] <= mark.last_sequence:
        raise PackageRefused(f"Gói {pkg.name} (số {m['sequence']}) cũ hơn gói đã nhập gần nhất của đơn vị "
                             f"{m['source']} (số {mark.last_sequence}); không nhập lại gói cũ, hãy dùng gói mới nhất.")
    return None


def _gap(m: dict[str, Any]) -> str | None:
    mark = ImportMark.get_or_none(ImportMark.source == m["source"], ImportMark.kind == m["kind"])
    last = mark.last_sequence if mark else 0
    if m["sequence"] > last + 1 and not m["full"]:
        missing = f"số {last + 1}" if m["sequence"] == last + 2 else f"từ số {last + 1} đến số {m['sequence'] - 1}"
        return (f"chưa nhận gói {missing} của đơn vị {m['source']}; hãy đề nghị đơn vị đó gửi lại các gói còn thiếu "
                "hoặc một gói đầy đủ.")
    return None


# -- the plan


class _Planner:
    def __init__(self, m: dict[str, Any], payload: dict[str, Any]):
        self.m = m
        self.kind = m["kind"]
        self.source = m["source"]
        self.payload = payload["tables"]
        self.ids: dict[type[pw.Model], dict[str, int]] = {}  # uuid → local id, existing or planned
        self.counts: dict[str, TableCounts] = {}
        self.conflicts: list[Conflict] = []
        self.ops: list[_Ops] = []
        # Nothing of a commune never heard from can be here yet: its rows need not be
        # looked for one by one (a uuid that clashes anyway trips the unique index and
        # the whole import is refused).
        self.first_from_source = self._first_from_source()

    # what the plan asks of the database (_DetachedPlanner answers without one)
    def _first_from_source(self) -> bool:
        return self.kind == KIND_DATA_UP and ImportMark.get_or_none(
            ImportMark.source == self.source, ImportMark.kind == self.kind) is None

    def _next_id(self, table: str) -> int:
        return _next_free_id(table)

    def owners_ok(self, owner: str) -> bool:
        # A method, not a lambda held by the planner: a cycle would keep every
        # package's planned rows alive until the (paused) cycle collector ran.
        if owner == self.source:
            return True
        return self.kind == KIND_CATALOGUE_DOWN and (
            (u := find_unit(owner, Level.COMMUNE)) is not None and u.province_code == self.source)

    @classmethod
    def adopt(cls, m: dict[str, Any], plan: tuple) -> _Planner:
        """A plan made by plan_detached."""
        planner = cls(m, {"tables": {}})
        ops, counts, conflicts = plan
        all_specs = specs()
        planner.ops = [_Ops(all_specs[t], inserts, links=links, people_words=words) for t, inserts, links, words in ops]
        planner.counts = {t: TableCounts(*c) for t, c in counts.items()}
        planner.conflicts = [Conflict(*c) for c in conflicts]
        return planner

    # bulk look-ups
    def _lookup(self, model: type[pw.Model], uuids: list[str], columns: str = "uuid, id") -> list[tuple]:
        found = []
        table = model._meta.table_name
        for i in range(0, len(uuids), _CHUNK):
            chunk = uuids[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found += database.execute_sql(f'SELECT {columns} FROM "{table}" WHERE uuid IN ({marks})', chunk).fetchall()
        return found

    def _resolve_refs(self, model: type[pw.Model], wanted: set[str]) -> dict[str, int]:
        known = self.ids.setdefault(model, {})
        missing = [u for u in wanted if u not in known]
        if missing:
            known.update(self._lookup(model, missing))
        return known

    def run(self) -> None:
        for table, spec in specs().items():
            block = self.payload.get(table)
            if block:
                self._plan_table(spec, block["rows"])

    def _plan_table(self, spec: Spec, rows: list[list]) -> None:
        model, cols = spec.model, spec.columns
        counts = self.counts.setdefault(spec.table, TableCounts())
        ops = _Ops(spec)
        self.ops.append(ops)
        # Existing copies: id, rev, owner, then the content columns as stored.
        db_cols = ", ".join(["id", "rev", "owner_unit"] + [f'"{c.db}"' for c in cols])
        existing = {} if self.first_from_source else {
            r[3]: r for r in self._lookup(model, [r[0] for r in rows], db_cols)}
        own_ids = self.ids.setdefault(model, {})
        own_ids.update({u: r[0] for u, r in existing.items()})
        next_id = self._next_id(spec.table)
        # New ids first, so that a row may point at a later one of the same table.
        fresh = [r[0] for r in rows if r[0] not in own_ids]
        own_ids.update(zip(fresh, range(next_id, next_id + len(fresh))))
        # Foreign keys to other tables, resolved in bulk.
        ref_cols = [(i, c) for i, c in enumerate(cols) if c.ref is not None]
        for i, c in ref_cols:
            self._resolve_refs(c.ref, {r[i] for r in rows if r[i] is not None})
        links = None
        if model is Meeting:
            from models.catalogues import MeetingTopic

            links = (self._resolve_refs(Person, {u for r in rows for u in r[-2]}),
                     self._resolve_refs(MeetingTopic, {u for r in rows for u in r[-1]}))
        planned_new = self._plan_new(spec, ops, counts, [r for r in rows if r[0] not in existing] if existing
                                     else rows, ref_cols, links)
        if existing:
            self._plan_known(spec, ops, counts, [r for r in rows if r[0] in existing], existing, ref_cols, links)
        # Planned ids of rows that will not be created must not be resolvable.
        for u in fresh:
            if u not in planned_new:
                own_ids.pop(u, None)
        if model is Person:
            self._check_unique_people(ops)
        self._drop_orphans(spec, ops, counts, next_id, [i for i, c in ref_cols if c.ref is model])

    def _conflict(self, spec: Spec, counts: TableCounts, row: list, reason: str) -> None:
        counts.conflicts += 1
        self.conflicts.append(Conflict(spec.table, row[0], _label(spec, row), reason))

    def _plan_new(self, spec: Spec, ops: _Ops, counts: TableCounts, rows: list[list],
                  ref_cols: list[tuple[int, Column]], links: tuple[dict, dict] | None) -> set[str]:
        """Rows this database lacks, column by column (a first import at the
        province is almost nothing else); the uuids that will be created."""
        if not rows:
            return set()
        ncols = len(spec.columns)
        columns = [list(c) for c in zip(*rows)]
        rejected: dict[int, str] = {}
        strangers = {o for o in set(columns[1]) if not self.owners_ok(o)}
        if strangers:
            rejected.update((k, f"bản ghi thuộc đơn vị {o}, không thuộc đơn vị gửi {self.source}")
                            for k, o in enumerate(columns[1]) if o in strangers)
        for i, c in ref_cols:
            known = self.ids[c.ref]
            mapped = [None if v is None else known.get(v, _MISSING) for v in columns[i]]
            for k, v in enumerate(mapped):
                if v is _MISSING:
                    rejected.setdefault(k, _UNRESOLVED)
                    mapped[k] = None
            columns[i] = mapped
        own_ids = self.ids[spec.model]
        ids = [own_ids[u] for u in columns[0]]
        if links is not None:
            persons, topics = links
            planned_links = []
            for k, (present, talked) in enumerate(zip(columns[ncols], columns[ncols + 1])):
                p = [persons.get(x) for x in present]
                t = [topics.get(x) for x in talked]
                if None in p or None in t:
                    rejected.setdefault(k, _UNRESOLVED)
                planned_links.append((sorted(p), sorted(t)) if k not in rejected else None)
        inserts = list(zip(ids, *columns[:ncols]))
        keep = range(len(rows))
        if rejected:
            for k, reason in rejected.items():
                self._conflict(spec, counts, rows[k], reason)
            keep = [k for k in keep if k not in rejected]
            inserts = [inserts[k] for k in keep]
        ops.inserts.extend(inserts)
        counts.created += len(inserts)
        if links is not None:
            ops.links.update((ids[k], planned_links[k]) for k in keep)
        if spec.model is Person:
            names = [c.name for c in spec.columns]
            search, key, dead = (columns[names.index(n)] for n in ("search_name", "sort_key", "deleted_at"))
            ops.people_words.extend((ids[k], search[k] or "", key[k] or "", dead[k] is None) for k in keep)
        return {columns[0][k] for k in keep}

    def _plan_known(self, spec: Spec, ops: _Ops, counts: TableCounts, rows: list[list], existing: dict[str, tuple],
                    ref_cols: list[tuple[int, Column]], links: tuple[dict, dict] | None) -> None:
        """Rows this database already holds: unchanged, stale, updated or in conflict."""
        cols = spec.columns
        old_links = self._existing_links([existing[r[0]][0] for r in rows if existing[r[0]][1] == r[2]]) \
            if links is not None else {}
        content_idx = [i for i, c in enumerate(cols) if c.name not in _CONTENT_SKIP]
        for r in rows:
            owner, rev = r[1], r[2]
            ex = existing[r[0]]
            if not self.owners_ok(owner):
                self._conflict(spec, counts, r, f"bản ghi thuộc đơn vị {owner}, không thuộc đơn vị gửi {self.source}")
                continue
            if ex[2] != owner and self.kind == KIND_DATA_UP:
                self._conflict(spec, counts, r, f"trùng mã với bản ghi của đơn vị {ex[2]} đã có trong cơ sở dữ liệu")
                continue
            if rev < ex[1]:
                counts.stale += 1
                continue
            # Values as they will be stored: foreign keys as local ids.
            values = list(r[:len(cols)])
            unresolved = False
            for i, c in ref_cols:
                if values[i] is not None:
                    values[i] = self.ids[c.ref].get(values[i])
                    unresolved = unresolved or values[i] is None
            link_ids = None
            if links is not None:
                p = [links[0].get(x) for x in r[-2]]
                t = [links[1].get(x) for x in r[-1]]
                unresolved = unresolved or None in p or None in t
                link_ids = (sorted(p), sorted(t)) if not unresolved else None
            if rev == ex[1]:
                same = not unresolved and all(values[i] == ex[3 + i] for i in content_idx)
                if same and links is not None:
                    same = old_links.get(ex[0], ([], [])) == link_ids
                if same:
                    counts.unchanged += 1
                else:
                    self._conflict(spec, counts, r, "cùng phiên bản nhưng nội dung khác với bản đã có")
                continue
            if unresolved:
                self._conflict(spec, counts, r, _UNRESOLVED)
                continue
            ops.updates.append((*values, ex[0]))
            counts.updated += 1
            if links is not None:
                ops.replaced_links.append(ex[0])
                ops.links[ex[0]] = link_ids
            if spec.model is Person:
                named = {c.name: values[i] for i, c in enumerate(cols)}
                ops.people_words.append((ex[0], named["search_name"] or "", named["sort_key"] or "",
                                         named["deleted_at"] is None))

    def _drop_orphans(self, spec: Spec, ops: _Ops, counts: TableCounts, first_new: int,
                      self_refs: list[int]) -> None:
        """A row pointing at a new row of its own table that will not be written
        (refused above, or a clashing citizen number) becomes a conflict too, and
        so on down the chain: foreign keys are not enforced row by row while
        packages go in (see import_packages), so nothing written may point at a
        row that is not there. Other tables resolve their references only after
        this one is settled."""
        if not self_refs:
            return

        def dangling(values: tuple, written: set[int]) -> bool:
            return any((v := values[i]) is not None and v >= first_new and v not in written for i in self_refs)

        while True:
            written = {r[0] for r in ops.inserts}
            new = {r[0] for r in ops.inserts if dangling(r[1:], written)}
            old = {r[-1] for r in ops.updates if dangling(r[:-1], written)}
            if not new and not old:
                return
            for values in [r[1:] for r in ops.inserts if r[0] in new] + [r[:-1] for r in ops.updates if r[-1] in old]:
                self._conflict(spec, counts, list(values), _UNRESOLVED)
            for r in ops.inserts:
                if r[0] in new:
                    self.ids[spec.model].pop(r[1], None)
            counts.created -= len(new)
            counts.updated -= len(old)
            ops.inserts = [r for r in ops.inserts if r[0] not in new]
            ops.updates = [r for r in ops.updates if r[-1] not in old]
            gone = new | old
            ops.replaced_links = [i for i in ops.replaced_links if i not in gone]
            for i in gone:
                ops.links.pop(i, None)
            ops.people_words = [w for w in ops.people_words if w[0] not in gone]

    def _existing_links(self, meeting_ids: list[int]) -> dict[int, tuple[list[int], list[int]]]:
        links: dict[int, tuple[list[int], list[int]]] = {}
        for i in range(0, len(meeting_ids), _CHUNK):
            chunk = meeting_ids[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for slot, sql in ((0, f"SELECT meeting_id, person_id FROM attendance WHERE meeting_id IN ({marks})"),
                              (1, f"SELECT meeting_id, topic_id FROM meeting_topic_link WHERE meeting_id IN ({marks})")):
                for mid, other in database.execute_sql(sql, chunk).fetchall():
                    links.setdefault(mid, ([], []))[slot].append(other)
        return {k: (sorted(a), sorted(b)) for k, (a, b) in links.items()}

    def numbers_taken(self) -> set[str]:
        """The citizen numbers of living people this plan writes that a living
        person of another record already holds."""
        ops = next((o for o in self.ops if o.spec.model is Person), None)
        if ops is None:
            return set()
        cols = [c.name for c in ops.spec.columns]
        num, dead = cols.index("id_number"), cols.index("deleted_at")
        numbers = {}
        for row in ops.inserts:
            if row[1 + num] and row[1 + dead] is None:
                numbers[row[1 + num]] = row[0]
        for row in ops.updates:
            if row[num] and row[dead] is None:
                numbers[row[num]] = row[-1]
        clash: set[str] = set()
        keys = list(numbers)
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for number, pid in database.execute_sql(
                    f"SELECT id_number, id FROM person WHERE deleted_at IS NULL AND id_number IN ({marks})", chunk):
                if pid != numbers[number]:
                    clash.add(number)
        return clash

    def _check_unique_people(self, ops: _Ops) -> None:
        """A citizen number already held by a living person of another record
        (someone registered in two communes) is a conflict, not a crash."""
        clash = self.numbers_taken()
        if not clash:
            return
        cols = [c.name for c in ops.spec.columns]
        num, dead = cols.index("id_number"), cols.index("deleted_at")
        counts = self.counts[ops.spec.table]
        uuid_i = cols.index("uuid")
        for is_new, rows in ((True, ops.inserts), (False, ops.updates)):
            kept = []
            for row in rows:
                values = row[1:] if is_new else row[:-1]
                if values[num] in clash and values[dead] is None:
                    if is_new:
                        counts.created -= 1
                        self.ids[Person].pop(values[uuid_i], None)
                    else:
                        counts.updated -= 1
                    counts.conflicts += 1
                    self.conflicts.append(Conflict("person", values[uuid_i], values[cols.index("full_name")],
                                                   f"số định danh {values[num]} trùng với một người dân đã có"))
                else:
                    kept.append(row)
            rows[:] = kept
        live_ids = {r[0] for r in ops.inserts} | {r[-1] for r in ops.updates}
        ops.people_words = [w for w in ops.people_words if w[0] in live_ids]


class _DetachedPlanner(_Planner):
    """Plans the first package of a commune in the helper process, away from
    the database: its new rows take ids from the range the batch set aside for
    it, and its references go to its own rows or to the catalogues. A plan
    that would need anything else (a reference to another record, which only
    the database can answer) is given up, and the package planned in the
    batch's own process; so is one whose citizen numbers clash there."""

    def __init__(self, m: dict[str, Any], payload: dict[str, Any], first_ids: dict[str, int],
                 catalogues: dict[str, dict[str, int]]):
        self.first_ids, self.catalogues, self.missed = first_ids, catalogues, False
        super().__init__(m, payload)

    def _first_from_source(self) -> bool:
        return True

    def _next_id(self, table: str) -> int:
        return self.first_ids[table]

    def _lookup(self, model: type[pw.Model], uuids: list[str], columns: str = "uuid, id") -> list[tuple]:
        known = self.catalogues.get(model._meta.table_name, {})
        found = [(u, known[u]) for u in uuids if u in known]
        self.missed = self.missed or len(found) < len(uuids)
        return found

    def _check_unique_people(self, ops: _Ops) -> None:
        pass  # against the database, when the plan comes back (numbers_taken)


def plan_detached(m: dict[str, Any], payload: dict[str, Any], first_ids: dict[str, int],
                  catalogues: dict[str, dict[str, int]]) -> tuple | None:
    """In the helper: the plan of a commune's first package as plain values
    (``_Planner.adopt`` takes it back), or None when it needs the database."""
    planner = _DetachedPlanner(m, payload, first_ids, catalogues)
    planner.run()
    if planner.missed:
        return None
    return ([(o.spec.table, o.inserts, o.links, o.people_words) for o in planner.ops],
            {t: astuple(c) for t, c in planner.counts.items()}, [astuple(c) for c in planner.conflicts])


def _label(spec: Spec, row: list) -> str:
    names = spec.names
    for key in ("full_name", "name", "number", "held_on", "content", "year"):
        if key in names:
            value = row[names.index(key)]
            return str(value)[:60] if value is not None else ""
    return ""


# -- applying the plan


def _apply(planner: _Planner, pkg: Package) -> None:
    conn = database.connection()
    if isinstance(database.obj, pw.SqliteDatabase):
        # A row may point at one inserted later in the same transaction.
        conn.execute("PRAGMA defer_foreign_keys = ON")
    m = pkg.manifest
    if m["kind"] == KIND_DATA_UP:
        unit = find_unit(m["source"], Level.COMMUNE)
        if unit is not None:
            AdminUnit.ensure(unit)
    for ops in planner.ops:
        spec = ops.spec
        names = [c.db for c in spec.columns]
        quoted = ", ".join(f'"{n}"' for n in names)
        if ops.inserts:
            marks = ", ".join("?" * (len(names) + 1))
            conn.executemany(f'INSERT INTO "{spec.table}" (id, {quoted}) VALUES ({marks})', ops.inserts)
        if ops.updates:
            sets = ", ".join(f'"{n}" = ?' for n in names)
            conn.executemany(f'UPDATE "{spec.table}" SET {sets} WHERE id = ?', ops.updates)
        if ops.links:
            for i in range(0, len(ops.replaced_links), _CHUNK):
                chunk = ops.replaced_links[i:i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                conn.execute(f"DELETE FROM attendance WHERE meeting_id IN ({marks})", chunk)
                conn.execute(f"DELETE FROM meeting_topic_link WHERE meeting_id IN ({marks})", chunk)
            conn.executemany("INSERT INTO attendance (meeting_id, person_id) VALUES (?, ?)",
                             [(mid, p) for mid, (ps, _) in ops.links.items() for p in ps])
            conn.executemany("INSERT INTO meeting_topic_link (meeting_id, topic_id) VALUES (?, ?)",
                             [(mid, t) for mid, (_, ts) in ops.links.items() for t in ts])
        if ops.people_words:
            _index_people(conn, ops.people_words, [row[-1] for row in ops.updates] if spec.model is Person else [])


def _index_people(conn, people: list[tuple[int, str, str, bool]], replaced: list[int]) -> None:
    """Keep the name search index in step: the words of people replaced go
    first, then those of every living person written."""
    for i in range(0, len(replaced), _CHUNK):
        chunk = replaced[i:i + _CHUNK]
        conn.execute(f"DELETE FROM person_word WHERE person_id IN ({','.join('?' * len(chunk))})", chunk)
    conn.executemany("INSERT INTO person_word (word, sort_key, person_id) VALUES (?, ?, ?)",
                     [(w, key, pid) for pid, name, key, live in people if live for w in _name_keys(name)])


@lru_cache(maxsize=1 << 16)
def _name_keys(search_name: str) -> tuple[str, ...]:
    # Names repeat a great deal (a commune has a few hundred distinct ones per thousand people).
    from models.people import name_words

    return tuple(name_words(search_name))


@dataclass
class BatchResult:
    """What a batch of packages did (or, in a dry run, would do)."""

    results: list[ImportResult]
    refused: list[tuple[str, str]]  # file name, why
    committed: bool = False
    backup: Path | None = None

    @property
    def counts(self) -> dict[str, TableCounts]:
        """Per table, over every package (tables in the order they were met)."""
        tables = dict.fromkeys(t for r in self.results for t in r.counts)
        return {t: TableCounts.summed(r.counts[t] for r in self.results if t in r.counts) for t in tables}

    def totals(self) -> TableCounts:
        return TableCounts.summed(r.totals() for r in self.results)

    def refusals(self) -> list[str]:
        """One line per refused package (the reason names the file as a rule)."""
        return [f"Bị từ chối: {why}" if name in why else f"Bị từ chối – gói {name}: {why}" for name, why in self.refused]

    def text(self) -> str:
        parts = [r.text() for r in self.results]
        parts += self.refusals()
        if len(self.results) + len(self.refused) > 1:
            t = self.totals()
            parts.append(f"Tổng cộng {len(self.results)} gói nhập được, {len(self.refused)} gói bị từ chối: "
                         f"{t.created} thêm mới, {t.updated} cập nhật, {t.unchanged} không đổi, {t.stale} cũ hơn, "
                         f"{t.conflicts} xung đột.")
        return "\n\n".join(parts)


class _Rollback(Exception):
    pass


def package_files(paths: list[Path | str]) -> list[Path]:
    """The packages named, a folder standing for the .tdx files in it."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.suffix.lower() == ".tdx" and f.is_file())
            if not found:
                raise PackageRefused(f"Thư mục {p} không có gói dữ liệu .tdx nào; hãy chọn đúng thư mục trên USB.")
            files += found
        else:
            files.append(p)
    return files


def _check_outside(path: Path) -> Package:
    """Every check that needs no passphrase: structure, signature, addressee, replay, hash."""
    pkg = read_package(path)
    check_signed(pkg, _sender_key(pkg.manifest["source"]))
    _check_addressed(pkg)
    check_payload_hash(pkg)
    return pkg


def _next_free_id(table: str) -> int:
    return (database.execute_sql(f'SELECT MAX(id) FROM "{table}"').fetchone()[0] or 0) + 1


def _unchanged(pkg: Package, checked: dict[str, Any]) -> None:
    if pkg.manifest != checked:
        raise PackageRefused(f"Gói {pkg.name} đã thay đổi trên USB trong lúc nhập; hãy chép lại gói từ máy của "
                             "văn phòng gửi rồi nhập lại.")


def _set_aside(order: list[Path], manifests: dict[Path, dict[str, Any]], known: set[str]) -> dict[Path, tuple]:
    """The arguments of plan_detached for each package that is the first of a
    commune never heard from. Every package of the batch, in order, has a range
    of new ids set aside for as many rows as it announces: one planned in the
    helper takes its ids from there, one planned here from the largest id
    written so far, which never reaches past its own range. Rows left out
    leave gaps, which cost nothing."""
    all_specs = specs()
    top = {t: _next_free_id(t) for t in all_specs}
    catalogues = {t: dict(database.execute_sql(f'SELECT uuid, id FROM "{t}"').fetchall())
                  for t in catalogue_tables()}
    planning, seen = {}, set()
    for f in order:
        m = manifests[f]
        if m["kind"] == KIND_DATA_UP and m["source"] not in known | seen:
            planning[f] = (dict(top), catalogues)
        seen.add(m["source"])
        for t, n in m["counts"].items():
            if t in top:
                top[t] += n
    return planning


def _sender_key(source: str) -> bytes | None:
    partner = K.partner(source)
    return None if partner is None or partner.sign_public is None else bytes(partner.sign_public)


def _check_addressed(pkg: Package) -> None:
    """For this office, of a kind it takes, and not older than what came before."""
    m = pkg.manifest
    source = m["source"]
    home, level = dbmod.home_unit(), dbmod.home_level()
    if home is None or m["target"] != home.code:
        raise PackageRefused(f"Gói {pkg.name} gửi cho đơn vị {m['target']}, không phải cho văn phòng này "
                             f"({home.code if home else 'chưa chọn đơn vị'}); hãy đưa gói cho đúng văn phòng nhận.")
    if m["kind"] == KIND_DATA_UP:
        unit = find_unit(source, Level.COMMUNE)
        if level is not Level.PROVINCE or unit is None or unit.province_code != home.code:
            raise PackageRefused(f"Gói dữ liệu của đơn vị {source} chỉ nhập được ở văn phòng cấp tỉnh của "
                                 "đơn vị đó; hãy đưa gói cho đúng văn phòng nhận.")
    elif level is not Level.COMMUNE or home.province_code != source:
        raise PackageRefused(f"Gói danh mục của đơn vị {source} chỉ nhập được ở xã, phường thuộc đơn vị đó; "
                             "hãy đưa gói cho đúng văn phòng nhận.")
    _check_sequence(pkg)


def _record(pkg: Package, planner: _Planner, result: ImportResult) -> None:
    m = pkg.manifest
    ImportMark.insert(source=m["source"], kind=m["kind"], last_sequence=m["sequence"],
                      at=dt.datetime.now().replace(microsecond=0)).on_conflict_replace().execute()
    counts = {t: vars(c) for t, c in planner.counts.items()}
    PackageLog.create(direction="received", package_id=m["package_id"], kind=m["kind"],
                      source_unit=m["source"], target_unit=m["target"], sequence=m["sequence"],
                      full=m["full"], file_name=pkg.name, counts=json.dumps(counts),
                      note=f"{len(planner.conflicts)} xung đột" + (f"; {result.gap}" if result.gap else ""))
    audit.log("exchange_package", m["package_id"], "import",
              {"source": m["source"], "sequence": m["sequence"], **vars(result.totals())})


def import_packages(paths: list[Path | str], passphrase: str, db_path: Path | str | None = None,
                    dry_run: bool = False, skip_refused: bool = False,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None, escrow_key: Any = None,
                    confirm: Callable[[BatchResult], bool] | None = None) -> BatchResult:
    """Check, plan and (unless ``dry_run``) commit a batch of packages (a
    folder stands for its .tdx files) in one transaction, after one backup.

    Packages are taken in order of sender and number, each planned against
    the database as the ones before it left it. Every package is checked
    before anything is written; a refusal raises PackageRefused and changes
    nothing, unless ``skip_refused`` (the others go in) or ``dry_run`` (every
    refusal is listed in the result). ``db_path`` names the open database for
    the backup. ``escrow_key`` (``keys.open_escrow``) opens the packages
    instead of this office's key, whose passphrase is then not needed.
    ``confirm`` (the screen's question) sees the summary of everything
    written, before the commit, and may say no: then nothing changes.
    """
    from . import deferred_indexes

    files = package_files(paths)
    total = len(files) + 2

    def step(done: int) -> None:
        if progress:
            progress(done, total)

    step(0)
    if not dry_run and context.read_only:
        raise PermissionDenied("Tài khoản chỉ có quyền xem, không được nhập gói dữ liệu.")
    refused: list[tuple[str, str]] = []
    manifests: dict[Path, dict[str, Any]] = {}
    seen: dict[str, str] = {}
    for f in files:
        try:
            m = _check_outside(f).manifest
            if m["package_id"] in seen:
                raise PackageRefused(f"Gói {f.name} trùng với gói {seen[m['package_id']]} đã chọn; "
                                     "mỗi gói chỉ nhập một lần.")
        except PackageRefused as exc:
            if not (dry_run or skip_refused) or len(files) == 1:
                raise
            refused.append((f.name, str(exc)))
            continue
        seen[m["package_id"]] = f.name
        manifests[f] = m
    batch = BatchResult([], refused)
    if not manifests:
        if dry_run:
            return batch
        raise PackageRefused("\n".join(["Không có gói nào nhập được; cơ sở dữ liệu không thay đổi.",
                                         *batch.refusals()[:5]]))
    order = sorted(manifests, key=lambda f: (manifests[f]["source"], manifests[f]["kind"], manifests[f]["sequence"]))
    enc = escrow_key if escrow_key is not None else K.unlock(K.require_office_key(), passphrase)[1]
    senders = {m["source"]: _sender_key(m["source"]) for m in manifests.values()}
    if not dry_run and db_path is not None:
        from models.backups import take_backup

        batch.backup = take_backup(db_path, "import")
    step(1)
    conn = database.connection()
    # Rows surely new: those of communes never heard from (a later full package is mostly unchanged rows).
    # When each package is the first of its commune, none looks a row up by its uuid.
    incoming = Counter()
    known = {mark.source for mark in ImportMark.select(ImportMark.source).where(ImportMark.kind == KIND_DATA_UP)}
    firsts = [m for m in manifests.values() if m["kind"] == KIND_DATA_UP and m["source"] not in known]
    for m in firsts:
        incoming.update(m["counts"])
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {min(cache, -BATCH_CACHE_KIB)}")
    # Millions of short-lived rows make Python's cycle collector walk the heap over and
    # over (a tenth of a large batch's time); the rows hold no cycles, so it waits.
    collecting = gc.isenabled()
    gc.disable()
    # Checking every reference of millions of rows one by one is a tenth of a province's
    # import; the plan resolves each through rows that are there or written in this same
    # transaction, and leaves out whatever points at a row left out (_drop_orphans). The
    # setting takes effect only outside a transaction: inside one, checks stay on.
    enforcing = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    current: str | None = None
    try:
        with database.atomic(), ExitStack() as stack:
            if isinstance(database.obj, pw.SqliteDatabase):
                # A row may point at one inserted later in the same transaction.
                conn.execute("PRAGMA defer_foreign_keys = ON")
            deferred = deferred_indexes.drop(conn, deferred_indexes.tables_to_defer(conn, incoming),
                                             uuids_too=len({m["source"] for m in firsts}) == len(manifests)) \
                if len(order) > 1 else []
            planning = _set_aside(order, manifests, known)
            packages = stack.enter_context(closing(opened(order, senders, enc, planning)))
            for done, (f, open_it) in enumerate(packages, start=1):
                current = f.name
                if cancelled and cancelled():
                    raise Cancelled("Đã hủy việc nhập gói; cơ sở dữ liệu không thay đổi.")
                try:
                    # Read again (by the helper, if any): the file may have changed on the USB since
                    # it was checked.
                    pkg, payload, plan = open_it()
                    # The same manifest was checked for this office before; the order of a
                    # sender's packages may have moved with the ones written since.
                    _unchanged(pkg, manifests[f])
                    _check_sequence(pkg)
                    planner = _Planner.adopt(pkg.manifest, plan) if plan is not None else None
                    if planner is not None and planner.numbers_taken():
                        # Someone registered in two communes: planned here, row by row.
                        planner = None
                        pkg, payload = open_file(f, senders, enc)
                        _unchanged(pkg, manifests[f])
                except PackageRefused as exc:
                    if not (dry_run or skip_refused) or len(files) == 1:
                        raise
                    refused.append((f.name, str(exc)))
                    continue
                m = pkg.manifest
                if planner is None:
                    planner = _Planner(m, payload)
                    planner.run()
                del payload, plan
                result = ImportResult(pkg.name, m["package_id"], m["kind"], m["source"], m["source_name"],
                                      m["target"], m["sequence"], m["full"], planner.counts, planner.conflicts,
                                      _gap(m))
                batch.results.append(result)
                # A dry run still writes all but the last, so that each package is planned against the
                # database as the ones before it leave it; it is all rolled back.
                if not (dry_run and done == len(order)):
                    _apply(planner, pkg)
                    _record(pkg, planner, result)
                del planner
                step(1 + done)
            current = None
            if dry_run or (confirm is not None and not confirm(batch)):
                raise _Rollback
            try:
                deferred_indexes.rebuild(conn, deferred)
            except (pw.IntegrityError, sqlite3.IntegrityError) as exc:
                clash = deferred_indexes.duplicated_uuid(conn, exc)
                if clash is None:
                    raise
                table, uuid, owners = clash
                names = ", ".join(f.name for f in order if manifests[f]["source"] in owners)
                raise PackageRefused(
                    f"Không nhập được các gói {names}: cùng một mã bản ghi ({TABLE_LABELS.get(table, table)} "
                    f"{uuid[:8]}) có trong dữ liệu của {len(owners)} đơn vị {', '.join(owners)}; cơ sở dữ liệu "
                    "không thay đổi, hãy báo cho các văn phòng gửi kiểm tra lại.") from exc
    except _Rollback:
        return batch
    except (pw.IntegrityError, sqlite3.IntegrityError) as exc:  # raw executemany raises sqlite3's own
        which = f"gói {current}" if current else "các gói đã chọn"
        what = ("một bản ghi trong gói trùng mã với bản ghi của đơn vị khác đã có" if ".uuid" in str(exc)
                else f"dữ liệu trong gói mâu thuẫn với dữ liệu đã có ({exc})")
        raise PackageRefused(f"Không nhập được {which}: {what}; cơ sở dữ liệu không thay đổi, hãy báo cho "
                             "văn phòng gửi kiểm tra lại.") from exc
    finally:
        conn.execute(f"PRAGMA cache_size = {cache}")
        conn.execute(f"PRAGMA foreign_keys = {enforcing}")
        if collecting:
            gc.enable()
    step(total)
    batch.committed = True
    for r in batch.results:
        r.committed, r.backup = True, batch.backup
    return batch


def import_package(path: Path | str, passphrase: str, db_path: Path | str | None = None, dry_run: bool = False,
                   progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Check, plan and (unless ``dry_run``) commit one package; a refusal
    raises PackageRefused and changes nothing."""
    return import_packages([path], passphrase, db_path=db_path, dry_run=dry_run, progress=progress).results[0]
