"""Users and roles, the audit log, and personal-data rights."""

import datetime as dt
import json

import peewee as pw
import pytest

from models import audit, auth, privacy
from models.base import ModelError, PermissionDenied, context
from models.enums import Gender, Role, UserRole
from models.groups import Membership
from models.people import Person
from models.users import AuditEntry, User


@pytest.fixture(autouse=True)
def signed_out():
    yield
    auth.sign_out()


@pytest.fixture
def accounts(db):
    admin = auth.create_user("quantri", "mat-khau-dai", UserRole.ADMIN, "Nguyễn Văn Quản")
    auth.create_user("canbo", "mat-khau-can-bo", UserRole.CLERK)
    auth.create_user("xem", "mat-khau-xem-1", UserRole.VIEWER)
    auth.sign_out()
    return admin


def test_signin_is_off_until_the_first_account(db):
    assert not auth.signin_required()
    with pytest.raises(ModelError, match="đầu tiên"):
        auth.create_user("canbo", "12345678", UserRole.CLERK)
    auth.create_user("quantri", "12345678", UserRole.ADMIN)
    assert auth.signin_required()
    assert context.user == "quantri"


def test_password_is_never_stored_in_clear(accounts):
    stored = User.get(User.username == "quantri").password_hash
    assert "mat-khau-dai" not in stored and stored.startswith("scrypt$")
    assert auth.authenticate("quantri", "mat-khau-dai").role is UserRole.ADMIN
    with pytest.raises(ModelError, match="không đúng"):
        auth.authenticate("quantri", "sai")


def test_five_wrong_tries_slow_down_further_tries(accounts):
    t0 = dt.datetime(2026, 11, 24, 8, 0, 0)
    for k in range(5):
        with pytest.raises(ModelError, match="không đúng"):
            auth.authenticate("canbo", "sai", at=t0 + dt.timedelta(seconds=k))
    # Even the right password must wait now.
    with pytest.raises(ModelError, match="thử lại sau"):
        auth.authenticate("canbo", "mat-khau-can-bo", at=t0 + dt.timedelta(seconds=10))
    assert auth.authenticate("canbo", "mat-khau-can-bo", at=t0 + dt.timedelta(seconds=40)).username == "canbo"
    assert User.get(User.username == "canbo").failed_attempts == 0


def test_viewer_cannot_change_anything_through_any_operation(accounts, seeded):
    auth.authenticate("xem", "mat-khau-xem-1")
    assert context.read_only
    yen = Person.get(Person.full_name == "Nguyễn Thị Hải Yến")
    attempts = [
        lambda: Person.create(full_name="Người Mới"),
        lambda: setattr(yen, "phone", "0000") or yen.save(),
        lambda: yen.tombstone(),
        lambda: Person.update(phone="1").execute(),
        lambda: Person.delete().execute(),
        lambda: Person.insert_many([{"full_name": "A", "uuid": "0" * 32}]).execute(),
        lambda: Membership.create(group=seeded.groups[0], person=yen, role=Role.MEMBER),
        lambda: privacy.erase_person(yen),
        lambda: auth.create_user("ke-gian", "12345678", UserRole.ADMIN),
        lambda: auth.set_role("xem", UserRole.ADMIN),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert Person.get_by_id(yen.id).phone == "0912345678"
    assert User.get(User.username == "xem").role is UserRole.VIEWER
    assert privacy.should_mask()


def test_clerk_edits_but_does_not_manage_accounts(accounts):
    auth.authenticate("canbo", "mat-khau-can-bo")
    Person.create(full_name="Trần Văn Mới")
    with pytest.raises(PermissionDenied):
        auth.create_user("them", "12345678", UserRole.CLERK)


def test_last_admin_cannot_be_demoted(accounts):
    auth.authenticate("quantri", "mat-khau-dai")
    with pytest.raises(ModelError, match="ít nhất một"):
        auth.set_role("quantri", UserRole.CLERK)


def test_audit_log_records_who_and_old_and_new_values(accounts):
    auth.authenticate("canbo", "mat-khau-can-bo")
    person = Person.create(full_name="Lê Thị Bình", gender=Gender.FEMALE, phone="0912000111")
    person.phone = "0988777666"
    person.save()
    person.tombstone()
    log = audit.entries(table="person", record_uuid=person.uuid.hex)
    assert [e.action for e in log] == ["delete", "update", "create"]
    assert all(e.username == "canbo" for e in log)
    assert json.loads(log[1].changes) == {"phone": ["0912000111", "0988777666"]}
    assert json.loads(log[2].changes)["full_name"] == [None, "Lê Thị Bình"]


def test_audit_log_cannot_be_edited_or_emptied(db):
    Person.create(full_name="Hồ Văn Ghi")
    count = AuditEntry.select().count()
    with pytest.raises(pw.IntegrityError):
        AuditEntry.update(username="ai-do").execute()
    with pytest.raises(pw.IntegrityError):
        AuditEntry.delete().execute()
    assert AuditEntry.select().count() == count
    assert not AuditEntry.select().where(AuditEntry.username == "ai-do").exists()


def test_masking():
    assert privacy.mask_id_number("001178004512") == "********4512"
    assert privacy.mask_id_number("123456789") == "*****6789"
    assert privacy.mask_phone("0912345678") == "0912***678"
    assert privacy.mask_id_number(None) == ""


def test_export_gives_everything_and_is_logged(seeded):
    data = privacy.export_person(seeded.yen)
    assert data["full_name"] == "Nguyễn Thị Hải Yến"
    assert data["id_number"] == "001178004512"
    assert data["party_member"]["card_number"] == "07654321"
    assert {m["role"] for m in data["memberships"]} == {"leader"}
    json.dumps(data, ensure_ascii=False)
    assert audit.entries(record_uuid=seeded.yen.uuid.hex)[0].action == "access"


def test_erasure_clears_personal_fields_keeps_counts(seeded):
    before = Person.live().count()
    privacy.erase_person(seeded.yen)
    erased = Person.get_by_id(seeded.yen.id)
    assert erased.full_name == privacy.ERASED_NAME
    assert erased.id_number is None and erased.phone == "" and erased.address == ""
    assert erased.birth_year == 1978 and erased.gender is Gender.FEMALE
    assert Person.live().count() == before
    assert Membership.select().where(Membership.person == erased).count() == 1
    assert audit.entries(record_uuid=erased.uuid.hex)[0].action == "erase"
    with pytest.raises(ModelError):
        privacy.erase_person(erased)


def test_export_of_personal_data_needs_a_reason(db):
    with pytest.raises(ModelError, match="lý do"):
        privacy.log_export("person", 120, "  ")
    privacy.log_export("person", 120, "Gửi danh sách cho Công an phường")
    entry = audit.entries(table="person")[0]
    assert entry.action == "export" and "Công an phường" in entry.changes
