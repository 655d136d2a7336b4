"""Secondary indexes set aside while a large batch of packages goes in.

Inserting a province's first 150 commune packages row by row into every
index costs far more than building those indexes once from sorted data at
the end. So when a batch at least half again as large as a table arrives,
that table's secondary indexes are dropped inside the import's transaction
and created again before it commits: the schema a reader can ever see is
unchanged, and a rollback (refusal, dry run, a killed process) puts them back
with everything else.

Kept in place: the indexes the import itself reads while it works (each
table's uuid, the citizen-number check; the search words of a person being
replaced are found by the table's own key), so planning the next package
never scans a table. When every package comes from a commune never heard
from, nothing looks its own rows up by uuid, so the uuid indexes wait too; a
uuid two packages share then stops the import when its unique index is built
again (``duplicated_uuid`` tells whose it was).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

KEPT = {"person_unique_id_number"}
# Rows that travel inside another table's rows, or are derived from them.
FOLLOWS = {"attendance": "meeting", "meeting_topic_link": "meeting", "person_word": "person"}
# Defer when the batch brings at least this share of a table's present size.
SHARE = 0.5


def _kept(name: str, keep_uuids: bool) -> bool:
    return name in KEPT or (keep_uuids and name.endswith("_uuid"))


def _size(conn: Any, table: str) -> int:
    # The highest rowid: the number of rows ever stored, without a scan.
    return conn.execute(f'SELECT COALESCE(MAX(rowid), 0) FROM "{table}"').fetchone()[0]


def tables_to_defer(conn: Any, incoming: Counter) -> list[str]:
    """The tables whose secondary indexes are worth rebuilding after a batch
    bringing ``incoming`` rows per table (as the manifests announce them)."""
    chosen = [t for t, n in incoming.items() if n and n >= SHARE * _size(conn, t)]
    chosen += [t for t, parent in FOLLOWS.items() if parent in chosen]
    return chosen


def drop(conn: Any, tables: Iterable[str], uuids_too: bool = False) -> list[tuple[str, str]]:
    """Drop the deferrable indexes of ``tables`` (``uuids_too``: their uuid
    indexes as well); (name, sql) to build them again."""
    dropped = []
    for table in tables:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                            "AND sql IS NOT NULL ORDER BY name", (table,)).fetchall()
        for name, sql in rows:
            if not _kept(name, not uuids_too):
                conn.execute(f'DROP INDEX "{name}"')
                dropped.append((name, sql))
    return dropped


def rebuild(conn: Any, dropped: list[tuple[str, str]]) -> None:
    for _, sql in dropped:
        conn.execute(sql)


def duplicated_uuid(conn: Any, error: Exception) -> tuple[str, str, list[str]] | None:
    """After a uuid index failed to build again (``error``): the table, the
    uuid held twice and the units owning its rows."""
    text = str(error)
    if not text.endswith(".uuid") or ":" not in text:
        return None
    table = text.rsplit(":", 1)[1].strip().removesuffix(".uuid")
    found = conn.execute(f'SELECT uuid, GROUP_CONCAT(owner_unit) FROM "{table}" GROUP BY uuid HAVING COUNT(*) > 1 '
                         "LIMIT 1").fetchone()
    return (table, found[0], sorted(set(found[1].split(",")))) if found else None
