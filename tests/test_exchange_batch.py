"""A province takes many commune packages at once: one backup, one
transaction, the same result as one package after another; a package refused
anywhere in the batch leaves the database as it was."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from exchange_support import C1, C2, PASS, build_offices, close, copy_offices, export_from, file_hash, use

from exchange import keys as K
from exchange.package import PackageRefused, build_package

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sent(tmp_path_factory):
    """Offices, and the packages the communes sent: c1's full first one, c1's
    second one after an edit, c2's full one."""
    from models.people import Person

    offices = build_offices(tmp_path_factory.mktemp("batch"))
    usb = offices.folder / "usb"
    usb.mkdir()
    first = export_from(offices.c1, usb).path
    other = export_from(offices.c2, usb).path
    use(offices.c1)
    person = Person.get_by_id(2)
    person.full_name = "Nguyễn Thị Hải Yến"
    person.save()
    close()
    second = export_from(offices.c1, usb, since_last=True).path
    return offices, first, second, other


@pytest.fixture(autouse=True)
def helper_process(monkeypatch):
    """Every batch here of two packages or more is opened in the helper
    process, as a province's large ones are; one package opens in-process."""
    monkeypatch.setattr("exchange.opening.HELPER_FROM", 2)


@pytest.fixture
def offices(sent, tmp_path):
    yield copy_offices(sent[0], tmp_path / "o")
    close()


def _state(db: Path) -> dict:
    """What a clerk could tell apart: rows per table, the search words, the
    schema (indexes included), and that the file is whole."""
    with sqlite3.connect(db) as raw:
        tables = [t for (t,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%' AND name NOT IN ('audit_log', "
                                            "'exchange_package_log', 'exchange_import_mark')")]
        return {
            "rows": {t: raw.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables},
            # Local ids may differ (a batch sets ranges of them aside): people by their uuid.
            "words": sorted(raw.execute("SELECT word, w.sort_key, uuid FROM person_word w "
                                        "JOIN person p ON p.id = w.person_id").fetchall()),
            "schema": sorted(raw.execute("SELECT type, name, sql FROM sqlite_master").fetchall(), key=str),
            "marks": sorted(raw.execute("SELECT source, last_sequence FROM exchange_import_mark").fetchall()),
            "check": raw.execute("PRAGMA integrity_check").fetchone()[0],
            "dangling": raw.execute("PRAGMA foreign_key_check").fetchall(),
        }


def _import(db: Path, paths, **kwargs):
    from exchange.merge import import_packages

    use(db)
    try:
        return import_packages(paths, PASS, db_path=db, **kwargs)
    finally:
        close()


def test_a_batch_equals_the_packages_one_after_another(sent, offices, tmp_path):
    from models.backups import list_backups

    _, first, second, other = sent
    one_by_one = copy_offices(offices, tmp_path / "b")
    schema_before = _state(offices.p)["schema"]
    for path in (first, second, other):
        _import(one_by_one.p, [path])
    # Given out of order: the batch takes c1's packages in their order.
    batch = _import(offices.p, [second, other, first])
    assert batch.committed and not batch.refused
    assert [r.package for r in batch.results] == sorted([first.name, second.name, other.name],
                                                        key=lambda n: (n.split("-")[0], n))
    assert len(list_backups(offices.p)) == 1 and batch.backup.exists()
    assert batch.totals().created > 1000 and batch.totals().updated == 1
    assert not any(r.gap for r in batch.results)
    state = _state(offices.p)
    assert state == _state(one_by_one.p)
    assert state["schema"] == schema_before  # the indexes set aside were built again
    assert state["check"] == "ok" and not state["dangling"] and len(state["words"]) > state["rows"]["person"]
    assert state["marks"] == sorted([(C1, 2), (C2, 1)])

    from models.listing import PersonListing

    use(offices.p)
    found = PersonListing().fetch(0, 50, search="hai yen")
    assert "Nguyễn Thị Hải Yến" in [row[0] for row in found]


def _signed_package(offices, tmp_path: Path, source: str, payload: dict) -> Path:
    """Signed with the real key of ``source``, addressed right, hash right."""
    use(offices.c1 if source == C1 else offices.c2)
    sign, _ = K.unlock(K.office_key(), PASS)
    close()
    manifest = {"package_id": "c" * 32, "kind": "data-up", "source": source, "source_name": "x",
                "source_level": "commune", "target": "38", "sequence": 5, "full": False,
                "created_at": "2025-01-01 00:00:00",
                "counts": {t: len(b["rows"]) for t, b in payload["tables"].items()}, "signer": "x"}
    card = K.read_card(offices.card("p"))
    path = tmp_path / f"{source}-0005.tdx"
    path.write_bytes(build_package(manifest, json.dumps(payload).encode(), sign, [card.enc_public]))
    return path


def _one_row_package(offices, tmp_path: Path, table: str, values: dict) -> Path:
    """c2's signed package of one row of ``table`` (a column not in ``values`` left empty)."""
    from exchange.records import specs

    names = specs()[table].names
    row = {"owner_unit": C2, "rev": 1, "updated_at": "2025-01-01 00:00:00", **values}
    return _signed_package(offices, tmp_path, C2, {"tables": {table: {
        "columns": names, "rows": [[row.get(n, "" if n == "front_head_name" else None) for n in names]]}}})


def _area_package(offices, tmp_path: Path, uuid: str) -> Path:
    return _one_row_package(offices, tmp_path, "residential_area",
                            {"uuid": uuid, "name": "Thôn Giả", "kind": "thon", "commune_code": C2})


def test_a_package_refused_after_others_were_applied_changes_nothing(sent, offices, tmp_path):
    _, first, _second, other = sent
    good, late = (first, C2) if C1 < C2 else (other, C1)
    # Only its rows are wrong, so it is refused after the other was applied.
    broken = _signed_package(offices, tmp_path, late,
                             {"tables": {"residential_area": {"columns": ["uuid"], "rows": [["x"]]}}})
    digest = file_hash(offices.p)
    with pytest.raises(PackageRefused) as refused:
        _import(offices.p, [broken, good])
    assert broken.name in refused.value.message
    assert file_hash(offices.p) == digest


def test_a_first_package_reusing_a_known_uuid_is_refused_whole(sent, offices, tmp_path):
    """The rows of a commune never heard from are not looked for one by one;
    a uuid another commune's record already holds still cannot slip in."""
    _, first, _second, _other = sent
    _import(offices.p, [first])
    with sqlite3.connect(offices.p) as raw:
        taken = raw.execute("SELECT uuid FROM residential_area WHERE owner_unit = ?", (C1,)).fetchone()[0]
    clash = _area_package(offices, tmp_path, taken)
    digest = file_hash(offices.p)
    with pytest.raises(PackageRefused) as refused:
        _import(offices.p, [clash])
    assert clash.name in refused.value.message and "trùng mã" in refused.value.message
    assert file_hash(offices.p) == digest


def test_two_new_communes_sending_the_same_record_are_refused_by_name(sent, offices, tmp_path):
    """Both packages are the first of their commune, so their rows are not
    looked for one by one; the uuid they share still stops the batch, and the
    clerk is told which packages and communes hold it."""
    from models.areas import ResidentialArea

    _, first, _second, other = sent
    use(offices.c1)
    taken = ResidentialArea.select().where(ResidentialArea.owner_unit == C1).first().uuid.hex
    close()
    clash = _area_package(offices, tmp_path, taken)
    digest = file_hash(offices.p)
    with pytest.raises(PackageRefused) as refused:
        _import(offices.p, [first, clash])
    message = refused.value.message
    assert first.name in message and clash.name in message and other.name not in message
    assert C1 in message and C2 in message and taken[:8] in message and "Khu dân cư" in message
    assert file_hash(offices.p) == digest


@pytest.mark.parametrize("together", [False, True], ids=["after-c1", "in-one-batch-with-c1"])
def test_a_household_whose_head_is_left_out_is_left_out_with_it(sent, offices, tmp_path, together):
    """The head of a household in c2 carries a citizen number a living person of
    c1 already holds: the head is a conflict, and so are the people recorded in
    that household, since nothing may point at a person who is not there. In
    one batch, c2's package is planned in the helper first; the clash sends it
    back to be planned row by row."""
    from models.people import Person

    _, first, _second, _other = sent
    use(offices.c1)
    number = Person.select().where(Person.id_number.is_null(False), Person.deleted_at.is_null()).first().id_number
    close()
    if not together:
        _import(offices.p, [first])
    use(offices.c2)
    member = Person.select().where(Person.household_head.is_null(False), Person.deleted_at.is_null()).first()
    head = member.household_head
    household = {p.uuid.hex for p in Person.select().where(Person.household_head == head)}
    head.id_number = number
    head.save()
    close()
    usb = tmp_path / "usb"
    usb.mkdir()
    package = export_from(offices.c2, usb).path

    batch = _import(offices.p, [first, package] if together else [package])
    assert batch.committed
    conflicts = {c.uuid: c.reason for c in batch.results[-1].conflicts}
    assert number in conflicts[head.uuid.hex]
    assert household <= set(conflicts) and all("chưa có" in conflicts[u] for u in household)
    state = _state(offices.p)
    assert state["check"] == "ok" and state["dangling"] == []
    with sqlite3.connect(offices.p) as raw:
        landed = {u for (u,) in raw.execute("SELECT uuid FROM person WHERE owner_unit = ?", (C2,))}
    assert head.uuid.hex not in landed and not household & landed
    assert len(landed) > 100  # everybody else came in


def test_a_first_package_pointing_at_another_communes_record_is_planned_against_the_database(
        sent, offices, tmp_path):
    """The helper plans a commune's first package only from its own rows and
    the catalogues; a membership of c2 in c1's group, for c1's person, needs
    the database (c1's rows went in earlier in the same batch), so that
    package is planned in the batch's own process and the membership lands."""
    from models.groups import Membership

    _, first, _second, _other = sent
    use(offices.c1)
    member = Membership.select().first()
    group, person = member.group.uuid.hex, member.person.uuid.hex
    close()
    joined = _one_row_package(offices, tmp_path, "membership", {"uuid": "ab" * 16, "group": group, "person": person,
                                                                 "role": "member", "start_date": "2025-01-01"})

    batch = _import(offices.p, [first, joined])
    assert batch.committed and batch.results[-1].counts["membership"].created == 1
    with sqlite3.connect(offices.p) as raw:
        landed = raw.execute("SELECT g.uuid, p.uuid FROM membership m JOIN \"group\" g ON g.id = m.group_id "
                             "JOIN person p ON p.id = m.person_id WHERE m.uuid = ?", ("ab" * 16,)).fetchall()
    assert landed == [(group, person)]
    assert _state(offices.p)["dangling"] == []


def test_a_dry_run_lists_every_refusal_and_skipping_them_imports_the_rest(sent, offices, tmp_path):
    _, first, _second, other = sent
    copy = tmp_path / "again.tdx"
    copy.write_bytes(first.read_bytes())
    damaged = tmp_path / "damaged.tdx"
    data = bytearray(other.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    digest = file_hash(offices.p)

    dry = _import(offices.p, [first, copy, damaged], dry_run=True)
    assert [r.package for r in dry.results] == [first.name] and not dry.committed
    reasons = dict(dry.refused)
    assert set(reasons) == {copy.name, damaged.name}
    assert "trùng với gói" in reasons[copy.name] and "hỏng" in reasons[damaged.name]
    assert file_hash(offices.p) == digest

    with pytest.raises(PackageRefused):
        _import(offices.p, [first, copy, damaged])
    assert file_hash(offices.p) == digest

    done = _import(offices.p, [first, copy, damaged], skip_refused=True)
    assert done.committed and [r.package for r in done.results] == [first.name] and len(done.refused) == 2
    assert _state(offices.p)["marks"] == [(C1, 1)]


def _cli(*args, passphrase=PASS):
    env = {**os.environ, "TODAN_PASSPHRASE": passphrase, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "app.py"), *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def test_the_command_takes_a_folder_and_refuses_it_whole(sent, offices, tmp_path):
    _, first, _second, other = sent
    usb = tmp_path / "usb"
    usb.mkdir()
    for p in (first, other):
        (usb / p.name).write_bytes(p.read_bytes())
    (usb / "ghi-chu.txt").write_text("không phải gói")
    (usb / "zz-hong.tdx").write_bytes(b"PK\x03\x04 not a package")
    digest = file_hash(offices.p)

    refused = _cli("import", "--db", offices.p, usb)
    assert refused.returncode == 2 and "zz-hong.tdx" in refused.stderr + refused.stdout
    assert file_hash(offices.p) == digest

    (usb / "zz-hong.tdx").unlink()
    dry = _cli("import", "--db", offices.p, usb, "--dry-run")
    assert dry.returncode == 0 and "Tổng cộng 2 gói nhập được" in dry.stdout
    assert file_hash(offices.p) == digest

    done = _cli("import", "--db", offices.p, usb)
    assert done.returncode == 0, done.stderr
    assert "Đã nhập 2 gói" in done.stdout
    assert _state(offices.p)["marks"] == sorted([(C1, 1), (C2, 1)])


def test_the_escrow_key_opens_a_package_when_the_passphrase_is_lost(sent, offices, tmp_path):
    """The province keeps the escrow key in a safe; a commune that registered
    its card sends packages the escrow opens too, without the office's passphrase."""
    escrow_pass = "khoa-du-phong-trong-ket"
    card = K.make_escrow(tmp_path / "escrow.card", tmp_path / "escrow.key", escrow_pass)
    use(offices.c1)
    K.register_card(K.read_card(tmp_path / "escrow.card"), card.fingerprint)
    close()
    package = export_from(offices.c1, tmp_path / "usb.tdx").path
    digest = file_hash(offices.p)

    wrong = _cli("import", "--db", offices.p, package, "--escrow-key", tmp_path / "escrow.key", passphrase=PASS)
    assert wrong.returncode == 2 and "khóa dự phòng" in wrong.stderr
    assert file_hash(offices.p) == digest

    done = _cli("import", "--db", offices.p, package, "--escrow-key", tmp_path / "escrow.key",
                passphrase=escrow_pass)
    assert done.returncode == 0, done.stderr
    from exchange.package import read_package

    assert _state(offices.p)["marks"] == [(C1, read_package(package).manifest["sequence"])]


def test_indexes_are_set_aside_only_for_a_batch_large_against_the_table(sent, offices):
    """A province's first year doubles every table: rebuilding its indexes
    once is cheaper than growing them row by row. A few packages more into a
    large table keep them."""
    from collections import Counter

    from exchange import deferred_indexes
    from models.base import database

    _, first, _second, _other = sent
    _import(offices.p, [first])
    use(offices.p)
    conn = database.connection()
    people = conn.execute("SELECT MAX(rowid) FROM person").fetchone()[0]
    assert deferred_indexes.tables_to_defer(conn, Counter(person=people // 10)) == []
    chosen = deferred_indexes.tables_to_defer(conn, Counter(person=people, meeting=0))
    assert set(chosen) == {"person", "person_word"}
    conn.execute("BEGIN")
    dropped = deferred_indexes.drop(conn, chosen)
    names = {name for name, _ in dropped}
    assert "person_sort_key" in names and "person_uuid" not in names and "person_unique_id_number" not in names
    assert "person_word_word_sort_key" in names  # the search index; the words themselves are stored by person
    conn.execute("ROLLBACK")
    close()
