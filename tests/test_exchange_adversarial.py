"""Every damaged, forged, replayed or misaddressed package is refused with
one clear sentence, and the database's bytes on disk do not change."""

from __future__ import annotations

import io
import json
import struct
import zipfile

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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange import keys as K
from exchange.package import NAMES, PackageRefused, build_package, canonical_zip
from models.base import ModelError


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """The province has c1's first package; c1 has made a small second one
    (one edited person). Tests import into copies of the province."""
    from models.people import Person

    offices = build_offices(tmp_path_factory.mktemp("adv"))
    first = export_from(offices.c1, offices.folder).path
    import_into(offices.p, first)
    use(offices.c1)
    person = Person.get_by_id(1)
    person.phone = "0911111111"
    person.save()
    close()
    small = export_from(offices.c1, offices.folder, since_last=True).path
    assert small.stat().st_size < 4000
    return offices, first, small


@pytest.fixture
def province(setup, tmp_path):
    offices, _first, small = setup
    copy = copy_offices(offices, tmp_path / "o")
    digest = file_hash(copy.p)
    use(copy.p)  # opened once, read only by each attempt
    yield copy, small.read_bytes(), digest
    close()
    assert file_hash(copy.p) == digest


def _attempt(db_path, data: bytes, tmp_path, name: str = "goi.tdx") -> PackageRefused:
    from exchange.merge import import_package

    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ModelError) as info:
        import_package(path, PASS, db_path=db_path)
    message = info.value.message
    assert "\n" not in message and message.endswith(".") and ";" in message
    return info.value


def _entries(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: z.read(n) for n in NAMES}


def _resign(data: bytes, offices, change) -> bytes:
    """A package re-signed by c1's real key after ``change(manifest)``: only the
    later checks can catch it."""
    entries = _entries(data)
    manifest = json.loads(entries["manifest.json"])
    change(manifest)
    raw = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
    use(offices.c1)
    sign, _ = K.unlock(K.office_key(), PASS)
    use(offices.p)
    return canonical_zip({"manifest.json": raw, "manifest.sig": sign.sign(raw), "payload": entries["payload"]})


def test_the_small_package_itself_is_accepted_by_a_dry_run(province, tmp_path):
    from exchange.merge import import_package

    offices, data, digest = province
    (tmp_path / "ok.tdx").write_bytes(data)
    result = import_package(tmp_path / "ok.tdx", PASS, dry_run=True)
    assert result.counts["person"].updated == 1
    assert file_hash(offices.p) == digest


def test_every_single_byte_flip_is_refused(province, tmp_path):
    offices, data, digest = province
    for i in range(len(data)):
        flipped = bytearray(data)
        flipped[i] ^= 0x01 if i % 2 else 0x80
        _attempt(offices.p, bytes(flipped), tmp_path)
    assert file_hash(offices.p) == digest


def test_every_truncation_and_appended_bytes_are_refused(province, tmp_path):
    offices, data, digest = province
    for n in range(len(data)):
        _attempt(offices.p, data[:n], tmp_path)
    _attempt(offices.p, data + b"\x00", tmp_path)
    _attempt(offices.p, b"PK" + data, tmp_path)
    assert file_hash(offices.p) == digest


def _zip(entries: list[tuple[str, bytes]], compress=zipfile.ZIP_STORED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compress) as z:
        for name, value in entries:
            z.writestr(name, value)
    return out.getvalue()


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_extra_renamed_and_oversized_entries_are_refused(province, tmp_path):
    offices, data, digest = province
    e = _entries(data)
    base = [(n, e[n]) for n in NAMES]
    assert "mục lạ" in _attempt(offices.p, _zip(base + [("ghi-chu.txt", b"x")]), tmp_path).message
    assert "mục lạ" in _attempt(offices.p, _zip([("../manifest.json", e["manifest.json"])] + base[1:]), tmp_path).message
    assert "mục lạ" in _attempt(offices.p, _zip([("/etc/passwd", b"x")] + base), tmp_path).message
    _attempt(offices.p, _zip(base[:2]), tmp_path)  # payload missing
    _attempt(offices.p, _zip(base + [("payload", e["payload"])]), tmp_path)  # twice
    _attempt(offices.p, _zip(base, zipfile.ZIP_DEFLATED), tmp_path)  # not stored
    # A zip bomb: an entry whose stated size is huge (checked before reading).
    bomb = _zip(base[:2] + [("payload", b"\x00" * (5 * 1024 * 1024))], zipfile.ZIP_DEFLATED)
    assert "hỏng" in _attempt(offices.p, bomb, tmp_path).message
    huge = bytearray(canonical_zip(e))
    central = huge.rfind(b"PK\x01\x02")  # the payload's central directory entry
    struct.pack_into("<II", huge, central + 20, 2**31, 2**31)
    assert "lớn bất thường" in _attempt(offices.p, bytes(huge), tmp_path).message
    big_manifest = canonical_zip({**e, "manifest.json": b" " * (300 * 1024)})
    assert "lớn bất thường" in _attempt(offices.p, big_manifest, tmp_path).message
    assert file_hash(offices.p) == digest


def test_forged_replayed_misaddressed_and_unknown_version_are_refused(province, setup, tmp_path):
    offices, data, digest = province
    _, first, _small = setup
    # Replays: the package already imported, and an older one.
    assert "đã được nhập" in _attempt(offices.p, first.read_bytes(), tmp_path, first.name).message
    older = _resign(data, offices, lambda m: m.update(sequence=1, package_id="0" * 32))
    assert "cũ hơn" in _attempt(offices.p, older, tmp_path).message
    # Signed by a key that is not the registered one.
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    e = _entries(data)
    forged = canonical_zip({**e, "manifest.sig": Ed25519PrivateKey.generate().sign(e["manifest.json"])})
    assert "Chữ ký" in _attempt(offices.p, forged, tmp_path).message
    # From a commune whose key is not registered here.
    other = _resign(data, offices, lambda m: m.update(source="14800"))
    assert "chưa được đăng ký" in _attempt(offices.p, other, tmp_path).message
    # For another office.
    elsewhere = _resign(data, offices, lambda m: m.update(target="40"))
    assert "không phải cho văn phòng này" in _attempt(offices.p, elsewhere, tmp_path).message
    # Encrypted for another office's key.
    wrong = _resign(data, offices, lambda m: [r.update(key_id="f" * 16) for r in m["recipients"]])
    assert "không được mã hóa cho khóa" in _attempt(offices.p, wrong, tmp_path).message
    # A payload hash that does not match.
    mismatch = _resign(data, offices, lambda m: m.update(payload_sha256="0" * 64))
    assert "bị hỏng" in _attempt(offices.p, mismatch, tmp_path).message
    # Decompression bigger than announced (a bomb inside the encryption).
    bomb = _resign(data, offices, lambda m: m.update(plain_size=10))
    assert "bị hỏng" in _attempt(offices.p, bomb, tmp_path).message
    # An unknown format version, signed or not.
    newer = _resign(data, offices, lambda m: m.update(version=2))
    assert "phiên bản" in _attempt(offices.p, newer, tmp_path).message
    assert file_hash(offices.p) == digest


def test_a_data_package_for_a_commune_is_refused(setup, tmp_path):
    """c2 registers c1's card: the package is still for the province."""
    offices, first, _ = setup
    copy = copy_offices(offices, tmp_path / "o")
    card = K.read_card(copy.card("c1"))
    use(copy.c2)
    K.register_card(card, card.fingerprint)
    close()
    digest = file_hash(copy.c2)
    use(copy.c2)
    try:
        message = _attempt(copy.c2, first.read_bytes(), tmp_path).message
    finally:
        close()
    assert "không phải cho văn phòng này" in message
    assert file_hash(copy.c2) == digest


def test_records_of_another_owner_are_conflicts_not_applied(province, tmp_path):
    """A signed package (c1's real key) carrying a record owned by c2."""
    from exchange.merge import import_package

    offices, _data, digest = province
    use(offices.c1)
    sign, _ = K.unlock(K.office_key(), PASS)
    use(offices.p)
    row_cols = ["uuid", "owner_unit", "rev", "updated_at", "deleted_at", "name", "kind", "commune_code",
                "front_head_name", "dissolved_on"]
    from exchange.records import specs

    assert specs()["residential_area"].names == row_cols
    payload = {"tables": {"residential_area": {"columns": row_cols, "rows": [
        ["a" * 32, C2, 1, "2025-01-01 00:00:00", None, "Thôn Giả", "thon", C2, "", None]]}}}
    manifest = {"package_id": "b" * 32, "kind": "data-up", "source": C1, "source_name": "x", "source_level": "commune",
                "target": "38", "sequence": 9, "full": False, "created_at": "2025-01-01 00:00:00",
                "counts": {"residential_area": 1}, "signer": "x"}
    card = K.read_card(offices.card("p"))
    (tmp_path / "x.tdx").write_bytes(build_package(manifest, json.dumps(payload).encode(), sign, [card.enc_public]))
    result = import_package(tmp_path / "x.tdx", PASS, dry_run=True)
    assert result.counts["residential_area"].conflicts == 1 and "không thuộc đơn vị gửi" in result.conflicts[0].reason
    assert file_hash(offices.p) == digest


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_random_mutations_are_refused(province, tmp_path, data):
    offices, package, digest = province
    mutated = bytearray(package)
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["set", "insert", "delete", "swap"]))
        i = data.draw(st.integers(0, len(mutated) - 1))
        if op == "set":
            value = data.draw(st.integers(0, 255).filter(lambda v, old=mutated[i]: v != old))
            mutated[i] = value
        elif op == "insert":
            mutated[i:i] = data.draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del mutated[i:i + data.draw(st.integers(1, 64))]
        else:
            j = data.draw(st.integers(0, len(mutated) - 1))
            if mutated[i] == mutated[j]:
                mutated[i] ^= 0xFF
            else:
                mutated[i], mutated[j] = mutated[j], mutated[i]
    if bytes(mutated) == package:
        return
    _attempt(offices.p, bytes(mutated), tmp_path)
    assert file_hash(offices.p) == digest
