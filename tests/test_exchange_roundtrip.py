"""USB packages end to end: communes send up, the province sums them,
incremental packages carry exactly the changes, catalogues go down."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from exchange_support import (
    C1,
    C2,
    PASS,
    build_offices,
    close,
    copy_offices,
    export_from,
    file_hash,
    import_into,
    use,
)


@pytest.fixture(scope="session")
def offices_template(tmp_path_factory):
    return build_offices(tmp_path_factory.mktemp("offices"))


@pytest.fixture
def offices(offices_template, tmp_path):
    yield copy_offices(offices_template, tmp_path / "o")
    close()


def _figures(db, unit=None):
    from models.statistics import year_figures

    use(db)
    year = dt.date.today().year
    out = {}
    for y in (year - 1, year):
        f = year_figures(y, unit=unit)
        out[y] = {k: v for k, v in dataclasses.asdict(f).items() if isinstance(v, int) and not isinstance(v, bool)
                  and k != "year"}
    close()
    return out


def _live_counts(db):
    from exchange.records import specs
    from models.base import database

    use(db)
    counts = {t: database.execute_sql(f'SELECT COUNT(*) FROM "{t}" WHERE deleted_at IS NULL').fetchone()[0]
              for t in specs()}
    counts["attendance"] = database.execute_sql("SELECT COUNT(*) FROM attendance").fetchone()[0]
    close()
    return counts


def test_two_communes_add_up_at_the_province(offices):
    out = offices.folder
    p1 = export_from(offices.c1, out)
    p2 = export_from(offices.c2, out)
    assert p1.path.name == f"{C1}-0001.tdx" and p1.full and p1.total > 1000
    dry = import_into(offices.p, p1.path, dry_run=True)
    assert not dry.committed and dry.totals().created == p1.total and not dry.conflicts
    r1 = import_into(offices.p, p1.path)
    r2 = import_into(offices.p, p2.path)
    assert r1.committed and r2.committed and r1.backup.exists()
    assert r1.totals().created == p1.total and r2.totals().created == p2.total

    f1, f2 = _figures(offices.c1), _figures(offices.c2)
    total = _figures(offices.p)
    for year in f1:
        assert total[year] == {k: f1[year][k] + f2[year][k] for k in f1[year]}
        assert f1[year]["people"] > 0
    assert _figures(offices.p, unit=C1) == f1 and _figures(offices.p, unit=C2) == f2
    c1, c2, prov = _live_counts(offices.c1), _live_counts(offices.c2), _live_counts(offices.p)
    for table in ("person", "group", "meeting", "membership", "recommendation", "decision", "attendance"):
        assert prov[table] == c1[table] + c2[table], table

    # The communes are listed at the province, and the log shows both packages.
    from models.packages import PackageLog
    from models.units import AdminUnit

    use(offices.p)
    assert {u.code for u in AdminUnit.select()} >= {C1, C2, "38"}
    assert [(e.source_unit, e.sequence) for e in PackageLog.select().where(PackageLog.direction == "received")] == \
        [(C1, 1), (C2, 1)]
    close()


def test_incremental_export_carries_exactly_the_changes(offices):
    from models.groups import Group
    from models.meetings import Attendance, Meeting
    from models.people import Person

    out = offices.folder
    import_into(offices.p, export_from(offices.c1, out).path)

    use(offices.c1)
    person = Person.select().where(Person.deleted_at.is_null()).order_by(Person.id).first()
    person.phone = "0987654321"
    person.save()
    group = Group.select().where(Group.deleted_at.is_null()).order_by(Group.id.desc()).first()
    group.tombstone()
    meeting = Meeting.create(group=Group.select().where(Group.deleted_at.is_null()).first(), held_on=dt.date.today(),
                             place="Nhà văn hóa", members_present=1)
    Attendance.create(meeting=meeting, person=person)
    changed = {person.uuid.hex, group.uuid.hex, meeting.uuid.hex}
    close()

    inc = export_from(offices.c1, out, since_last=True)
    assert not inc.full and inc.sequence == 2
    assert inc.counts == {"person": 1, "group": 1, "meeting": 1}
    result = import_into(offices.p, inc.path)
    t = result.totals()
    assert (t.created, t.updated, t.unchanged, t.stale, t.conflicts) == (1, 2, 0, 0, 0)

    use(offices.p)
    assert Person.get(Person.uuid == person.uuid).phone == "0987654321"
    assert Group.get(Group.uuid == group.uuid).deleted_at is not None
    m = Meeting.get(Meeting.uuid == meeting.uuid)
    assert [a.person.uuid for a in m.attendances] == [person.uuid]
    assert {x.hex for x in (person.uuid, group.uuid, meeting.uuid)} == changed
    close()

    # Nothing changed since: the next incremental package is empty.
    assert export_from(offices.c1, out, since_last=True).total == 0


def test_the_same_records_again_change_nothing(offices):
    out = offices.folder
    import_into(offices.p, export_from(offices.c1, out).path)
    before = _live_counts(offices.p)
    again = export_from(offices.c1, out)  # a second full package: new id, same records
    result = import_into(offices.p, again.path)
    t = result.totals()
    assert (t.created, t.updated, t.stale, t.conflicts) == (0, 0, 0, 0) and t.unchanged == again.total
    assert _live_counts(offices.p) == before
    # The very same file a second time is refused, and nothing moves.
    from exchange.package import PackageRefused

    digest = file_hash(offices.p)
    with pytest.raises(PackageRefused, match="đã được nhập"):
        import_into(offices.p, again.path)
    assert file_hash(offices.p) == digest


def test_gap_is_reported_and_older_package_refused(offices):
    from exchange.package import PackageRefused
    from models.people import Person

    out = offices.folder
    import_into(offices.p, export_from(offices.c1, out).path)
    for n in range(2):
        use(offices.c1)
        p = Person.get_by_id(n + 1)
        p.occupation = f"Nghề {n}"
        p.save()
        close()
        last = export_from(offices.c1, out, since_last=True)
    second, third = out / f"{C1}-0002.tdx", last.path
    result = import_into(offices.p, third)
    assert result.gap and "số 2" in result.gap
    digest = file_hash(offices.p)
    with pytest.raises(PackageRefused, match="cũ hơn"):
        import_into(offices.p, second)
    assert file_hash(offices.p) == digest


def test_same_rev_other_content_is_a_conflict_not_applied(offices):
    from models.base import database
    from models.people import Person

    out = offices.folder
    import_into(offices.p, export_from(offices.c1, out).path)
    use(offices.p)
    # The province's copy differs at the same revision (as if edited without a bump).
    uid = Person.select(Person.uuid).order_by(Person.id).first().uuid.hex
    database.execute_sql("UPDATE person SET phone = '0900000000' WHERE uuid = ?", (uid,))
    close()
    result = import_into(offices.p, export_from(offices.c1, out).path)
    assert [(c.table, c.uuid) for c in result.conflicts] == [("person", uid)]
    assert result.counts["person"].conflicts == 1
    use(offices.p)
    assert Person.get(Person.uuid == uid).phone == "0900000000"
    close()


def test_catalogues_go_down_and_apply_atomically(offices):
    from models.catalogues import GroupType, RecommendationCategory

    out = offices.folder
    use(offices.p)
    t = GroupType.get(GroupType.code == "to_dan_van")
    t.name = "Tổ dân vận (mới)"
    t.save()
    RecommendationCategory.create(code="so_huu_tri_tue", name="Sở hữu trí tuệ", sort_order=9)
    close()
    down = export_from(offices.p, out, to=C1)
    assert down.path.name == "38-0001.tdx" and set(down.counts) <= {"group_type", "meeting_topic",
                                                                      "recommendation_category", "commendation_form"}
    result = import_into(offices.c1, down.path)
    t = result.totals()
    assert (t.created, t.updated, t.conflicts) == (1, 1, 0)
    use(offices.c1)
    assert GroupType.get(GroupType.code == "to_dan_van").name == "Tổ dân vận (mới)"
    assert RecommendationCategory.get(RecommendationCategory.code == "so_huu_tri_tue").owner_unit == "38"
    close()


def test_command_line_round_trip_and_refusal(offices, monkeypatch, capsys):
    import app

    monkeypatch.setenv("TODAN_PASSPHRASE", PASS)
    out = offices.folder
    assert app.main(["export", "--db", str(offices.c1), "--out", str(out)]) == 0
    pkg = out / f"{C1}-0001.tdx"
    assert app.main(["import", "--db", str(offices.p), str(pkg), "--dry-run"]) == 0
    assert "Chạy thử" in capsys.readouterr().out
    assert app.main(["import", "--db", str(offices.p), str(pkg)]) == 0
    digest = file_hash(offices.p)
    assert app.main(["import", "--db", str(offices.p), str(pkg)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("Lỗi: Gói") and "\n" not in err
    assert file_hash(offices.p) == digest
    # A wrong passphrase is one clear sentence too.
    monkeypatch.setenv("TODAN_PASSPHRASE", "sai-mat-khau")
    assert app.main(["export", "--db", str(offices.c1), "--out", str(out)]) == 2
    assert "Mật khẩu" in capsys.readouterr().err


def test_keys_command_cards_and_fingerprint(offices, monkeypatch, capsys, tmp_path):
    import json

    import app

    monkeypatch.setenv("TODAN_PASSPHRASE", PASS)
    card = tmp_path / "c2.card"
    assert app.main(["keys", "--db", str(offices.c2), "--export-card", str(card)]) == 0
    fp = json.loads(card.read_text())["fingerprint"]
    assert fp in capsys.readouterr().out
    assert app.main(["keys", "--db", str(offices.p), "--register", str(card), "--fingerprint", "AAAA-BBBB-CCCC-DDDD"]) == 2
    assert "Dấu vân tay không khớp" in capsys.readouterr().err
    assert app.main(["keys", "--db", str(offices.p), "--register", str(card), "--fingerprint", fp.lower()]) == 0
    bad = tmp_path / "bad.card"
    bad.write_text(card.read_text().replace(fp, "ZZZZ-ZZZZ-ZZZZ-ZZZZ"))
    assert app.main(["keys", "--db", str(offices.p), "--register", str(bad), "--fingerprint", fp]) == 2


def test_escrow_key_is_a_second_recipient(offices, tmp_path):
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from exchange import keys as K
    from exchange.package import decrypt_payload, read_package

    card = K.make_escrow(tmp_path / "escrow.card", tmp_path / "escrow.key", PASS)
    use(offices.c1)
    K.register_card(K.read_card(tmp_path / "escrow.card"), card.fingerprint)
    close()
    pkg = read_package(export_from(offices.c1, offices.folder).path)
    assert len(pkg.manifest["recipients"]) == 2
    private = X25519PrivateKey.from_private_bytes(K._unseal((tmp_path / "escrow.key").read_bytes(), PASS.encode()))
    assert decrypt_payload(pkg, private).startswith(b'{"tables"')
