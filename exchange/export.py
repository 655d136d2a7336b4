"""Writing a package: everything this office owns that travels to the
recipient (full), or what changed since the last package to it (incremental)."""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from models import audit
from models import db as dbmod
from models.base import ModelError, database, now
from models.enums import Level
from models.meetings import Attendance, Meeting, MeetingTopicLink
from models.units import find_unit

from . import keys as K
from .package import KIND_CATALOGUE_DOWN, KIND_DATA_UP, build_package, write_atomically
from .records import Spec, catalogue_tables, data_tables, specs
from models.packages import ExportMark, PackageLog, SentRecord


class Cancelled(ModelError):
    pass


@dataclass
class ExportResult:
    path: Path
    recipient: str
    sequence: int
    full: bool
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _stamp(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def default_recipient() -> str | None:
    """A commune sends up to its province; a province must choose a commune."""
    unit = dbmod.home_unit()
    if unit is not None and dbmod.home_level() is Level.COMMUNE:
        return unit.province_code
    return None


def _rows(spec: Spec, owner: str, changed_for: str | None) -> list[list]:
    """The table's rows owned by ``owner`` (only those whose revision differs
    from the one last sent to recipient ``changed_for``), foreign keys as uuids,
    read in one query with a join per foreign key."""
    select, joins = [], []
    for n, col in enumerate(spec.columns):
        if col.ref is None:
            select.append(f't."{col.db}"')
        else:
            alias = f"j{n}"
            joins.append(f'LEFT JOIN "{col.ref._meta.table_name}" {alias} ON {alias}.id = t."{col.db}"')
            select.append(f"{alias}.uuid")
    params: list = []
    if changed_for is not None:
        joins.append(f'LEFT JOIN "{SentRecord._meta.table_name}" s ON s.recipient = ? AND s.uuid = t.uuid')
        params.append(changed_for)
    where = "t.owner_unit = ?" + (" AND (s.rev IS NULL OR s.rev <> t.rev)" if changed_for is not None else "")
    params.append(owner)
    sql = f'SELECT t.id, {", ".join(select)} FROM "{spec.table}" t {" ".join(joins)} WHERE {where} ORDER BY t.id'
    rows = [list(r) for r in database.execute_sql(sql, params).fetchall()]
    if spec.model is Meeting:
        _add_meeting_links(rows, owner, changed_for)
    return [r[1:] for r in rows]


def _add_meeting_links(rows: list[list], owner: str, changed_for: str | None) -> None:
    cond, params = "m.owner_unit = ?", [owner]
    if changed_for is not None:
        cond += (f' AND NOT EXISTS (SELECT 1 FROM "{SentRecord._meta.table_name}" s WHERE s.recipient = ?'
                 " AND s.uuid = m.uuid AND s.rev = m.rev)")
        params.append(changed_for)
    present: dict[int, list[str]] = {}
    topics: dict[int, list[str]] = {}
    for target, link, other, col in ((present, Attendance, "person", "person_id"),
                                     (topics, MeetingTopicLink, "meeting_topic", "topic_id")):
        sql = (f'SELECT l.meeting_id, o.uuid FROM "{link._meta.table_name}" l JOIN meeting m ON m.id = l.meeting_id '
               f'JOIN "{other}" o ON o.id = l."{col}" WHERE {cond} ORDER BY l.meeting_id, o.uuid')
        for mid, ref in database.execute_sql(sql, params).fetchall():
            target.setdefault(mid, []).append(ref)
    for r in rows:
        r.extend([present.get(r[0], []), topics.get(r[0], [])])


def collect(kind: str, owner: str, changed_for: str | None,
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> tuple[dict, dict[str, int]]:
    """The payload's records and their counts per table (``changed_for``: a
    recipient, for an incremental package)."""
    wanted = data_tables() if kind == KIND_DATA_UP else catalogue_tables()
    chosen = [s for t, s in specs().items() if t in wanted]
    tables, counts = {}, {}
    for done, spec in enumerate(chosen):
        if cancelled and cancelled():
            raise Cancelled("Đã hủy xuất gói; chưa có tệp nào được ghi.")
        rows = _rows(spec, owner, changed_for)
        if rows:
            tables[spec.table] = {"columns": spec.names, "rows": rows}
            counts[spec.table] = len(rows)
        if progress:
            progress(done + 1, len(chosen) + 1)
    return {"tables": tables}, counts


def export_package(out: Path | str, passphrase: str, to: str | None = None, since_last: bool = False,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """Write one package for ``to`` into ``out`` (a file, or a folder where it
    is named ``<unit>-<sequence>.tdx``). The sequence is spent only once the
    file is written."""
    home, level = dbmod.home_unit(), dbmod.home_level()
    if home is None or level is None:
        raise ModelError("Cơ sở dữ liệu chưa chọn đơn vị; hãy mở chương trình và chọn đơn vị trước khi xuất gói.")
    recipient = (to or default_recipient() or "").strip()
    if not recipient:
        raise ModelError("Hãy chọn xã, phường nhận gói (tùy chọn --to MÃ_ĐƠN_VỊ).")
    partner = K.partner(recipient)
    if partner is None:
        raise ModelError(f"Chưa đăng ký thẻ khóa của đơn vị {recipient}; hãy đăng ký thẻ khóa của đơn vị nhận "
                         "rồi xuất gói lại.")
    kind = KIND_DATA_UP if level is Level.COMMUNE else KIND_CATALOGUE_DOWN
    if kind == KIND_DATA_UP and recipient != home.province_code:
        raise ModelError(f"Xã, phường chỉ gửi dữ liệu lên tỉnh của mình (mã {home.province_code}), "
                         f"không gửi cho đơn vị {recipient}.")
    if kind == KIND_CATALOGUE_DOWN:
        unit = find_unit(recipient, Level.COMMUNE)
        if unit is None or unit.province_code != home.code:
            raise ModelError(f"Đơn vị {recipient} không phải là xã, phường của {home.full_name}; "
                             "hãy chọn đúng đơn vị nhận.")
    key = K.require_office_key()
    sign_key, _ = K.unlock(key, passphrase)
    mark = ExportMark.get_or_none(ExportMark.recipient == recipient, ExportMark.kind == kind)
    sequence = (mark.last_sequence if mark else 0) + 1
    since = mark.since if (since_last and mark is not None and mark.since is not None) else None
    started = now()
    payload, counts = collect(kind, home.code, recipient if since else None, progress, cancelled)
    package_id = uuidlib.uuid4().hex
    manifest = {
        "package_id": package_id, "kind": kind, "source": home.code, "source_name": home.full_name,
        "source_level": level.value, "target": recipient, "sequence": sequence, "full": since is None,
        "since": _stamp(since) if since else None, "until": _stamp(started), "created_at": _stamp(started),
        "counts": counts, "signer": key.fingerprint,
    }
    recipients = [bytes(partner.enc_public)]
    escrow = K.escrow()
    if escrow is not None:
        recipients.append(bytes(escrow.enc_public))
    plaintext = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    data = build_package(manifest, plaintext, sign_key, recipients)
    if cancelled and cancelled():
        raise Cancelled("Đã hủy xuất gói; chưa có tệp nào được ghi.")
    out = Path(out)
    path = out / f"{home.code}-{sequence:04d}.tdx" if out.is_dir() else out
    write_atomically(path, data)
    with database.atomic():
        ExportMark.insert(recipient=recipient, kind=kind, last_sequence=sequence, since=started) \
            .on_conflict_replace().execute()
        sent = [(recipient, row[0], row[2]) for block in payload["tables"].values() for row in block["rows"]]
        database.connection().executemany(
            f'INSERT OR REPLACE INTO "{SentRecord._meta.table_name}" (recipient, uuid, rev) VALUES (?, ?, ?)', sent)
        PackageLog.create(direction="sent", package_id=package_id, kind=kind, source_unit=home.code,
                          target_unit=recipient, sequence=sequence, full=since is None, at=started,
                          file_name=path.name, counts=json.dumps(counts))
        audit.log("exchange_package", package_id, "export", {"target": recipient, "sequence": sequence,
                                                              "records": sum(counts.values())})
    if progress:
        progress(1, 1)
    return ExportResult(path, recipient, sequence, since is None, counts)
