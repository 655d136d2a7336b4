"""Opening a database: pragmas, schema version, migrations, backups.

The only module that knows the engine is SQLite; everything else speaks
peewee's portable query API.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Callable

import peewee as pw
from playhouse.migrate import SqliteMigrator, migrate

from . import registry
from .base import OWNER_INDEXED, BaseModel, ModelError, TrackedModel, context, database
from .catalogues import seed_catalogues
from .enums import Level
from .units import AdminUnit, OfficialUnit, find_unit

APP_ID = "todan"
SCHEMA_VERSION = 10

PRAGMAS = {
    # For a new file only (an existing one keeps its size): 8 KiB pages take a
    # province's first 150 packages ~10 % faster than SQLite's 4 KiB, with the
    # same cache in bytes. Set before WAL, which fixes the size once the file exists.
    "page_size": 8192,
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: a power cut must not lose a committed save
    "foreign_keys": 1,
    "cache_size": -64_000,
    "temp_store": "memory",
    "busy_timeout": 5_000,
}


class Setting(BaseModel):
    key = pw.CharField(primary_key=True)
    value = pw.TextField()


class NotOurDatabase(ModelError):
    pass


class DamagedDatabase(ModelError):
    """Ours, but SQLite cannot read it whole: offer a backup, touch nothing."""


def get_setting(key: str, default: str | None = None) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else row.value


def set_setting(key: str, value: str) -> None:
    Setting.insert(key=key, value=value).on_conflict_replace().execute()


def all_models() -> list[type[BaseModel]]:
    return [Setting, *registry.MODELS]


# Numbered steps from one schema version to the next. A new database is
# created at SCHEMA_VERSION directly; an older one runs the steps it lacks.
def _to_v2(migrator: SqliteMigrator) -> None:
    from .people import Person

    migrate(migrator.add_column("person", "erased_at", Person.erased_at))


def _to_v3(migrator: SqliteMigrator) -> None:
    from .users import User

    migrate(
        migrator.add_column("user", "failed_attempts", User.failed_attempts),
        migrator.add_column("user", "locked_until", User.locked_until),
    )
    _guard_audit_log(migrator.database)


def _guard_audit_log(db: pw.Database) -> None:
    """The audit log can be added to, never edited or emptied."""
    for event in ("UPDATE", "DELETE"):
        db.execute_sql(
            f"CREATE TRIGGER IF NOT EXISTS audit_entry_no_{event.lower()} BEFORE {event} ON audit_entry "
            "BEGIN SELECT RAISE(ABORT, 'Nhật ký thay đổi không được sửa hoặc xóa.'); END"
        )


def _to_v4(migrator: SqliteMigrator) -> None:
    """The word index that makes search as you type fast on 600,000 people."""
    from .people import PersonWord

    db = migrator.database
    db.create_tables([PersonWord], safe=True)
    _fill_words(db)
    analyze(db)


# Covering indexes for the year figures and the summary report (statistics,
# report_figures): each aggregate reads a narrow index, not the wide rows.
REPORT_INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("person_figures", "person", ("area_id", "deleted_at", "household_head_id")),
    ("membership_figures", "membership", ("role", "group_id", "person_id", "start_date", "end_date", "deleted_at")),
    ("meeting_figures", "meeting", ("held_on", "group_id", "members_present", "other_attendees", "deleted_at")),
    ("recommendation_figures", "recommendation",
     ("category_id", "group_id", "raised_on", "closed_on", "state", "due_on", "deleted_at", "owner_unit")),
    ("household_title_figures", "household_title", ("year", "kind", "head_id", "deleted_at")),
    ("group_title_figures", "group_title", ("year", "kind", "group_id", "area_id", "deleted_at")),
    ("fund_contribution_figures", "fund_contribution",
     ("year", "fund_id", "group_id", "target", "raised", "deleted_at")),
    ("group_budget_figures", "group_budget", ("year", "group_id", "amount", "deleted_at")),
)


def create_report_indexes(db: pw.Database) -> None:
    for name, table, columns in REPORT_INDEXES:
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({", ".join(columns)})')


def _to_v5(migrator: SqliteMigrator) -> None:
    """Covering indexes that make the summary report fast on a province."""
    create_report_indexes(migrator.database)
    analyze(migrator.database)


def _to_v6(migrator: SqliteMigrator) -> None:
    """Pairs of words in the search index: two common words that rarely
    meet ("van thi") are found by their own rows."""
    from .people import PAIR

    db = migrator.database
    db.execute_sql("DELETE FROM person_word WHERE word >= ?", (PAIR,))
    _fill_pairs(db)
    analyze(db)


def fill_person_words(db: pw.Database, first_id: int = 0) -> int:
    """Index the names of living people with id > ``first_id`` in bulk
    (the demo generator): their words, then the pairs of their words.
    ``Person.save`` keeps it in step afterwards. Returns the number of rows
    written."""
    return _fill_words(db, first_id) + _fill_pairs(db, first_id)


def _fill_words(db: pw.Database, first_id: int = 0) -> int:
    from .people import words_of

    conn = db.connection()
    cursor = conn.execute(
        "SELECT id, search_name, sort_key FROM person WHERE deleted_at IS NULL AND id > ? ORDER BY id", (first_id,))
    written = 0
    while True:
        chunk = cursor.fetchmany(20_000)
        if not chunk:
            return written
        rows = [(word, key, pid) for pid, name, key in chunk for word in words_of(name)]
        conn.executemany("INSERT INTO person_word (word, sort_key, person_id) VALUES (?, ?, ?)", rows)
        written += len(rows)


def _fill_pairs(db: pw.Database, first_id: int = 0) -> int:
    """The pair rows (``people.pair_key``) of the people whose word rows are
    there, made by SQLite from those rows and written in the table's order."""
    from .people import PAIR

    cursor = db.execute_sql(
        "INSERT INTO person_word (word, sort_key, person_id) "
        "SELECT ? || a.word || ' ' || b.word, a.sort_key, a.person_id FROM person_word a "
        "JOIN person_word b ON b.person_id = a.person_id AND a.word < b.word "
        "WHERE a.person_id > ? AND a.word < ? AND b.word < ? ORDER BY 3, 1",
        (PAIR, first_id, PAIR, PAIR))
    return cursor.rowcount


def ordered_compound(arms: list[pw.SelectQuery], ops: list[str], order: str) -> tuple[str, list]:
    """SQL and parameters of ``arms[0] ops[0] arms[1] ...`` (UNION or
    INTERSECT), folded left to right and sorted by ``order``.

    SQLite folds a flat compound left to right and, when each arm comes out
    of an index in that order, merges the arms lazily: a LIMIT stops the walk
    of every arm. Peewee would wrap the nested compound as a subquery (which
    SQLite then computes whole), so the flat text is written here; other
    engines get peewee's grouped form."""
    if isinstance(database.obj, pw.SqliteDatabase):
        texts, params = [], []
        for arm in arms:
            text, values = arm.sql()
            texts.append(text)
            params.extend(values)
        return texts[0] + "".join(f" {op} {text}" for op, text in zip(ops, texts[1:])) + f" ORDER BY {order}", params
    compound = arms[0]
    for op, arm in zip(ops, arms[1:]):
        compound = (compound | arm) if op == "UNION" else (compound & arm)
    return compound.order_by(pw.SQL(order)).sql()


def data_stamp() -> tuple[int, int] | None:
    """Changes to the database, as a value that differs after any write by
    this connection or a commit by another one (None: not known here)."""
    if not isinstance(database.obj, pw.SqliteDatabase):
        return None
    conn = database.connection()
    return conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0]


def _to_v7(migrator: SqliteMigrator) -> None:
    """The USB exchange's tables: keys, partner cards, the package log, marks."""
    from .packages import EXCHANGE_MODELS

    migrator.database.create_tables(EXCHANGE_MODELS, safe=True)


# Single-column indexes that a wider one starting with the same column serves as
# well: each cost the writes of every import and the space, and bought nothing.
REDUNDANT_INDEXES = ("person_area_id", "membership_person_id", "party_comment_party_member_id", "meeting_held_on",
                     "recommendation_category_id", "household_title_year", "group_title_year",
                     "fund_contribution_year", "group_budget_year")


def _to_v8(migrator: SqliteMigrator) -> None:
    """Indexes another index already covers, dropped."""
    for name in REDUNDANT_INDEXES:
        migrator.database.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
    analyze(migrator.database)


def _to_v9(migrator: SqliteMigrator) -> None:
    """The search index stored by person, without a rowid table and the index
    by person beside it: a third less to write on every import."""
    from .people import PersonWord

    db = migrator.database
    db.execute_sql("ALTER TABLE person_word RENAME TO person_word_v8")
    PersonWord._schema.create_table()
    # In the new table's order; its index is built once the rows are in.
    db.execute_sql("INSERT OR IGNORE INTO person_word (person_id, word, sort_key) "
                   "SELECT person_id, word, sort_key FROM person_word_v8 ORDER BY person_id, word")
    db.execute_sql("DROP TABLE person_word_v8")
    PersonWord._schema.create_indexes()
    analyze(db)


def _to_v10(migrator: SqliteMigrator) -> None:
    """Indexes no query reads: the owning unit where no list filters on it
    (base.by_owner), the folded name of people (searched through PersonWord)."""
    db = migrator.database
    unused = [f"{model._meta.table_name}_owner_unit" for model in registry.MODELS
              if issubclass(model, TrackedModel) and model not in OWNER_INDEXED] + ["person_search_name"]
    for name in unused:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')


def analyze(db: pw.Database) -> None:
    """Give the query planner the shape of the indexes (after bulk writes)."""
    db.execute_sql("ANALYZE")


MIGRATIONS: dict[int, Callable[[SqliteMigrator], None]] = {2: _to_v2, 3: _to_v3, 4: _to_v4, 5: _to_v5,
                                                          6: _to_v6, 7: _to_v7, 8: _to_v8,
                                                          9: _to_v9, 10: _to_v10}


def backup_to(target: Path | str, progress: Callable[[int, int], None] | None = None) -> Path:
    """Copy the open database with SQLite's backup API (safe while it is live)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(target)
    try:
        if progress is None:
            database.connection().backup(dest)
        else:
            database.connection().backup(
                dest, pages=4096, progress=lambda _status, remaining, total: progress(total - remaining, total))
    finally:
        dest.close()
    return target


_changes_at_open = 0


def changed_since_open() -> bool:
    """Whether this program wrote anything since it opened the database
    (a backup on close is only worth taking then)."""
    return database.connection().total_changes > _changes_at_open


def open_database(path: Path | str, create: bool = True) -> pw.SqliteDatabase:
    """Open (or create) a Tổ Dân database and bring its schema up to date.

    A file that is not ours, or is newer than this program, is refused before
    anything is bound or written, so the database open until now stays usable.
    """
    path = Path(path)
    fresh = not path.exists() or path.stat().st_size == 0
    if fresh and not create:
        raise NotOurDatabase(f"Không tìm thấy tệp dữ liệu {path}.")
    version = SCHEMA_VERSION if fresh else _probe(path)
    db = pw.SqliteDatabase(str(path), pragmas=PRAGMAS)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    if fresh:
        with db.atomic():
            db.create_tables(all_models())
            create_report_indexes(db)
            _guard_audit_log(db)
            set_setting("app", APP_ID)
            set_setting("schema_version", str(SCHEMA_VERSION))
    elif version < SCHEMA_VERSION:
        _migrate(db, path, version)
    context.unit_code = get_setting("home_unit", "") or ""
    from .name_search import forget_sizes

    forget_sizes()
    global _changes_at_open
    _changes_at_open = db.connection().total_changes
    return db


def _probe(path: Path) -> int:
    """The schema version of an existing file, read without changing it."""
    foreign = NotOurDatabase(f"Tệp {path.name} không phải là cơ sở dữ liệu của Tổ Dân.")
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise foreign
    try:
        raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            settings = dict(raw.execute("SELECT key, value FROM setting WHERE key IN ('app', 'schema_version')"))
        finally:
            raw.close()
    except UnicodeDecodeError as exc:
        raise DamagedDatabase(f"Tệp {path.name} bị hỏng: dữ liệu bên trong không còn nguyên vẹn.") from exc
    except sqlite3.DatabaseError as exc:
        if "no such table" in str(exc):
            raise foreign from exc
        raise DamagedDatabase(f"Tệp {path.name} bị hỏng: dữ liệu bên trong không còn nguyên vẹn.") from exc
    except sqlite3.Error as exc:
        raise foreign from exc
    if settings.get("app") != APP_ID:
        raise foreign
    version = int(settings.get("schema_version") or 0)
    if version > SCHEMA_VERSION:
        raise NotOurDatabase(
            f"Tệp {path.name} được tạo bởi phiên bản Tổ Dân mới hơn; hãy cài phiên bản mới để mở."
        )
    return version


def _migrate(db: pw.SqliteDatabase, path: Path, version: int) -> None:
    # Same folder and name pattern as models.backups, so the copy is listed there.
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup_to(path.resolve().parent / "sao-luu" / f"{path.stem}-{stamp}-migrate.todan")
    migrator = SqliteMigrator(db)
    for step in range(version + 1, SCHEMA_VERSION + 1):
        with db.atomic():
            MIGRATIONS[step](migrator)
            set_setting("schema_version", str(step))


def schema_version() -> int:
    return int(get_setting("schema_version", "0") or 0)


def home_unit() -> OfficialUnit | None:
    code = get_setting("home_unit")
    level = get_setting("level")
    if not code or not level:
        return None
    return find_unit(code, Level(level))


def home_level() -> Level | None:
    level = get_setting("level")
    return Level(level) if level else None


def set_home_unit(unit: OfficialUnit, level: Level) -> None:
    """Store the home unit chosen at first start and seed the catalogues."""
    if home_unit() is not None:
        raise ModelError("Đơn vị của cơ sở dữ liệu này đã được chọn; không thể đổi.")
    if level is Level.PROVINCE and unit.level is not Level.PROVINCE:
        raise ModelError("Văn phòng cấp tỉnh phải chọn một tỉnh, thành phố.")
    if level is Level.COMMUNE and unit.level is not Level.COMMUNE:
        raise ModelError("Văn phòng cấp xã phải chọn một xã, phường hoặc đặc khu.")
    with database.atomic():
        set_setting("home_unit", unit.code)
        set_setting("level", level.value)
        context.unit_code = unit.code
        AdminUnit.ensure(unit)
        seed_catalogues(unit.code)


def init_database(path: Path | str, unit: OfficialUnit, level: Level) -> pw.SqliteDatabase:
    """A new, empty database for one unit (the command line's ``init``)."""
    path = Path(path)
    if path.exists() and path.stat().st_size:
        raise ModelError(f"Tệp {path} đã tồn tại; hãy chọn tên tệp khác.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"Không tạo được thư mục {path.parent}: {exc.strerror}.") from exc
    db = open_database(path)
    set_home_unit(unit, level)
    return db
