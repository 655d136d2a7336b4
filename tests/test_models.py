"""The data model: change tracking, constraints, opening and migrating."""

import datetime as dt
import sqlite3

import peewee as pw
import pytest

from models import db as dbmod
from models.areas import ResidentialArea
from models.base import ModelError, context
from models.catalogues import CommendationForm, GroupType, MeetingTopic, RecommendationCategory
from models.commendations import Decision, Recipient
from models.enums import AreaKind, Level, Role
from models.groups import Group, Membership
from models.packages import EXCHANGE_MODELS
from models.people import Person
from models.units import communes_of, find_unit, provinces


@pytest.fixture
def group(db):
    area = ResidentialArea.create(name="Khu phố 3", kind=AreaKind.KHU_PHO, commune_code="00136")
    gtype = GroupType.get(GroupType.code == "to_dan_pho")
    return Group.create(name="Tổ dân phố số 13", area=area, group_type=gtype)


def test_database_opens_in_wal_with_full_sync_and_foreign_keys(db):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert dbmod.schema_version() == dbmod.SCHEMA_VERSION


def test_home_unit_is_stored_and_catalogues_seeded(db):
    assert dbmod.home_unit().code == "00136"
    assert dbmod.home_unit().name == "Phường Phúc Lợi"
    assert dbmod.home_level() is Level.COMMUNE
    assert GroupType.select().count() >= 6
    assert {t.name for t in MeetingTopic.select().where(MeetingTopic.group_type.is_null(False))} == {
        "An toàn", "Văn hóa", "Khuyến học", "Nông dân"}
    assert RecommendationCategory.select().count() == 7
    assert CommendationForm.get(CommendationForm.is_default == True).name.startswith("Giấy khen")  # noqa: E712
    with pytest.raises(ModelError):
        dbmod.set_home_unit(find_unit("38"), Level.PROVINCE)


def test_wrong_level_for_the_unit_is_refused(tmp_path):
    dbmod.open_database(tmp_path / "x.todan")
    with pytest.raises(ModelError, match="cấp tỉnh"):
        dbmod.set_home_unit(find_unit("00136"), Level.PROVINCE)
    assert dbmod.home_unit() is None


def test_official_list_after_july_2025():
    assert len(provinces()) == 34
    assert sum(len(communes_of(p.code)) for p in provinces()) == 3321
    assert find_unit("136").name == "Phường Phúc Lợi"
    assert find_unit("01", Level.PROVINCE).full_name == "Thành phố Hà Nội"
    assert find_unit("38", Level.PROVINCE).full_name == "Tỉnh Thanh Hóa"
    assert find_unit("99999") is None


def test_official_list_read_from_the_data_file_matches_the_package():
    from vietnam_provinces import Province, Ward

    from models.units import _official

    provinces_, communes_ = _official()
    assert {c: u.name for c, u in provinces_.items()} == {f"{int(p.code):02d}": p.name for p in Province.iter_all()}
    assert {c: (u.name, u.province_code) for c, u in communes_.items()} == {
        f"{int(w.code):05d}": (w.name, f"{int(w.province_code):02d}") for w in Ward.iter_all()}


def test_new_record_carries_identity_of_its_home_unit(db):
    person = Person.create(full_name="Nguyễn Thị Hải Yến")
    assert person.rev == 1
    assert person.owner_unit == "00136"
    assert len(person.uuid.hex) == 32
    assert person.search_name == "nguyen thi hai yen"


def test_edit_bumps_revision_and_time(db):
    person = Person.create(full_name="Trần Văn An")
    person.updated_at = dt.datetime(2020, 1, 1)
    person.save()
    person.phone = "0912345678"
    person.save()
    again = Person.get_by_id(person.id)
    assert again.rev == 3
    assert again.updated_at > dt.datetime(2020, 1, 1)


def test_tombstone_hides_without_deleting(db):
    person = Person.create(full_name="Lê Thị Bình")
    person.tombstone()
    assert Person.live().count() == 0
    kept = Person.get_by_id(person.id)
    assert kept.deleted_at is not None and kept.rev == 2


def test_names_are_stored_nfc_with_single_spaces(db):
    person = Person.create(full_name="Nguye\u0302\u0303n   Va\u0306n  Hu\u031bng ")
    assert Person.get_by_id(person.id).full_name == "Nguyễn Văn Hưng"


def test_choices_are_stored_as_codes_not_labels(db, group):
    person = Person.create(full_name="Phạm Văn Hùng")
    Membership.create(group=group, person=person, role=Role.DEPUTY)
    assert db.execute_sql("SELECT role FROM membership").fetchone()[0] == "deputy"
    assert Membership.get().role is Role.DEPUTY


def test_only_one_serving_leader_per_group(db, group):
    old, new, third = (Person.create(full_name=n) for n in ("Lê Văn Cũ", "Trần Thị Mới", "Ngô Văn Ba"))
    Membership.create(group=group, person=old, role=Role.LEADER, start_date=dt.date(2015, 1, 1),
                      end_date=dt.date(2019, 12, 31))
    Membership.create(group=group, person=new, role=Role.LEADER, start_date=dt.date(2020, 1, 1))
    with pytest.raises(pw.IntegrityError):
        with db.atomic():
            Membership.create(group=group, person=third, role=Role.LEADER, start_date=dt.date(2024, 1, 1))
    # Any number of deputies.
    Membership.create(group=group, person=third, role=Role.DEPUTY)
    Membership.create(group=group, person=old, role=Role.DEPUTY)


def test_term_cannot_end_before_it_starts(db, group):
    person = Person.create(full_name="Vũ Thị Hà")
    with pytest.raises(pw.IntegrityError):
        with db.atomic():
            Membership.create(group=group, person=person, start_date=dt.date(2024, 5, 1),
                              end_date=dt.date(2024, 4, 30))


def test_id_number_unique_among_living_records(db):
    first = Person.create(full_name="Đỗ Văn Dũng", id_number="001090001234")
    with pytest.raises(pw.IntegrityError):
        with db.atomic():
            Person.create(full_name="Đỗ Văn Dũng", id_number="001090001234")
    first.tombstone()
    Person.create(full_name="Đỗ Văn Dũng", id_number="001090001234")
    Person.create(full_name="Trẻ em", id_number=None)
    Person.create(full_name="Trẻ em khác", id_number=None)


def test_foreign_keys_are_enforced(db):
    with pytest.raises(pw.IntegrityError):
        with db.atomic():
            Membership.create(group=9999, person=9999)


def test_recipient_is_a_person_or_a_group_not_both(db, group):
    person = Person.create(full_name="Hoàng Thị Lan")
    decision = Decision.create(number="12/QĐ-UBND", signed_on=dt.date(2025, 12, 20), issuer="UBND phường",
                               signer_name="Nguyễn Văn Thắng", signer_title="CHỦ TỊCH",
                               form=CommendationForm.get(CommendationForm.is_default == True))  # noqa: E712
    Recipient.create(decision=decision, person=person, achievement="Tiêu biểu")
    Recipient.create(decision=decision, group=group, achievement="Tập thể tiêu biểu")
    for kwargs in ({}, {"person": person, "group": group}):
        with pytest.raises(pw.IntegrityError):
            with db.atomic():
                Recipient.create(decision=decision, achievement="Sai", **kwargs)


def _make_v1(path):
    """A database as version 1 of the program wrote it (no erased_at)."""
    db = dbmod.open_database(path)
    dbmod.set_home_unit(find_unit("00136"), Level.COMMUNE)
    Person.create(full_name="Nguyễn Văn Cũ")
    db.execute_sql("ALTER TABLE person DROP COLUMN erased_at")
    db.execute_sql('ALTER TABLE "user" DROP COLUMN failed_attempts')
    db.execute_sql('ALTER TABLE "user" DROP COLUMN locked_until')
    db.execute_sql("DROP TRIGGER audit_entry_no_update")
    db.execute_sql("DROP TRIGGER audit_entry_no_delete")
    db.execute_sql("DROP TABLE person_word")
    for name, _table, _columns in dbmod.REPORT_INDEXES:
        db.execute_sql(f'DROP INDEX "{name}"')
    for model in EXCHANGE_MODELS:
        db.execute_sql(f'DROP TABLE "{model._meta.table_name}"')
    # Indexes peewee declared before versions 8 (a wider one covers them) and 10 (nothing reads them).
    db.execute_sql('CREATE INDEX "meeting_held_on" ON "meeting" ("held_on")')
    db.execute_sql('CREATE INDEX "person_area_id" ON "person" ("area_id")')
    db.execute_sql('CREATE INDEX "meeting_owner_unit" ON "meeting" ("owner_unit")')
    db.execute_sql('CREATE INDEX "person_search_name" ON "person" ("search_name")')
    dbmod.set_setting("schema_version", "1")
    db.close()


def test_older_schema_is_migrated_after_a_copy_is_taken(tmp_path):
    path = tmp_path / "old.todan"
    _make_v1(path)
    db = dbmod.open_database(path)
    assert dbmod.schema_version() == dbmod.SCHEMA_VERSION
    assert "erased_at" in {c.name for c in db.get_columns("person")}
    assert {"failed_attempts", "locked_until"} <= {c.name for c in db.get_columns("user")}
    assert {m._meta.table_name for m in EXCHANGE_MODELS} <= set(db.get_tables())
    with pytest.raises(pw.IntegrityError, match="Nhật ký"):
        db.execute_sql("DELETE FROM audit_entry")
    assert Person.get().full_name == "Nguyễn Văn Cũ"
    indexes = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {name for name, _table, _columns in dbmod.REPORT_INDEXES} <= indexes
    assert not indexes & {"meeting_held_on", "person_area_id", "meeting_owner_unit", "person_search_name"}
    assert "person_owner_unit" in indexes  # the province's people list of one commune reads it
    # The search index is built for the people already there.
    from models.listing import PersonListing
    assert [row[0] for row in PersonListing().fetch(0, 10, "cu")] == ["Nguyễn Văn Cũ"]
    db.close()
    copies = list((tmp_path / "sao-luu").glob("old-*-migrate.todan"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as raw:
        assert raw.execute("SELECT value FROM setting WHERE key='schema_version'").fetchone()[0] == "1"
        assert "erased_at" not in {r[1] for r in raw.execute("PRAGMA table_info(person)")}


def test_a_newer_database_is_refused_untouched(tmp_path):
    path = tmp_path / "new.todan"
    db = dbmod.open_database(path)
    dbmod.set_setting("schema_version", str(dbmod.SCHEMA_VERSION + 1))
    db.close()
    before = path.read_bytes()
    with pytest.raises(dbmod.NotOurDatabase, match="mới hơn"):
        dbmod.open_database(path)
    assert path.read_bytes() == before


def test_files_that_are_not_ours_are_refused(tmp_path):
    text = tmp_path / "notes.todan"
    text.write_text("Danh sách tổ dân phố", encoding="utf-8")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as raw:
        raw.execute("CREATE TABLE t (x)")
    for path in (text, other):
        with pytest.raises(dbmod.NotOurDatabase, match="không phải"):
            dbmod.open_database(path)
    assert text.read_text(encoding="utf-8") == "Danh sách tổ dân phố"


def test_backup_copies_a_live_database(db, tmp_path):
    Person.create(full_name="Bùi Văn Hải")
    copy = dbmod.backup_to(tmp_path / "copy.todan")
    with sqlite3.connect(copy) as raw:
        assert raw.execute("SELECT full_name FROM person").fetchall() == [("Bùi Văn Hải",)]
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_context_follows_the_opened_database(tmp_path):
    dbmod.open_database(tmp_path / "a.todan")
    dbmod.set_home_unit(find_unit("38"), Level.PROVINCE)
    assert context.unit_code == "38"
    assert GroupType.get().owner_unit == "38"
