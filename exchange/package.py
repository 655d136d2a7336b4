"""The package file: a ZIP with exactly ``manifest.json``, ``manifest.sig``
and ``payload``, written byte for byte the same way every time.

- ``manifest.json``: in clear, no personal data; holds the payload's hash and,
  per recipient key, the content key wrapped for it.
- ``manifest.sig``: Ed25519 signature of the manifest bytes by the sender.
- ``payload``: zlib-compressed JSON records, encrypted with AES-256-GCM under
  a random content key; the key is wrapped per recipient with X25519 + HKDF-SHA256
  + AES-256-GCM.

A file is accepted only if rebuilding it from its three entries gives back
exactly its own bytes, so no byte of it (ZIP headers included) can change
unnoticed. Names and sizes are checked before any entry is read.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from models.base import ModelError

from .keys import key_id

FORMAT = "todan-package"
VERSION = 1
NAMES = ("manifest.json", "manifest.sig", "payload")
SIG_SIZE = 64
MAX_MANIFEST = 256 * 1024
MAX_PAYLOAD = 1024 * 1024 * 1024  # encrypted, as stored in the ZIP
MAX_PLAIN = 4 * 1024 * 1024 * 1024  # after decompression
MAX_FILE = MAX_PAYLOAD + MAX_MANIFEST + 4096
_DOS_TIME, _DOS_DATE = 0, (2025 - 1980) << 9 | 1 << 5 | 1  # 01/01/2025 00:00
_WRAP_INFO = b"todan-package-v1 key wrap"
_RAW = {"encoding": serialization.Encoding.Raw, "format": serialization.PublicFormat.Raw}

KIND_DATA_UP = "data-up"
KIND_CATALOGUE_DOWN = "catalogue-down"
KINDS = (KIND_DATA_UP, KIND_CATALOGUE_DOWN)


class PackageRefused(ModelError):
    """The package is refused; nothing was changed."""


def damaged(name: str) -> PackageRefused:
    return PackageRefused(f"Gói {name} bị hỏng hoặc không đầy đủ; hãy chép lại gói từ máy của văn phòng gửi.")


# -- the canonical ZIP


def canonical_zip(entries: dict[str, bytes]) -> bytes:
    """Stored (uncompressed) entries in the order of NAMES, fixed dates and
    attributes: the same entries always give the same bytes."""
    out = io.BytesIO()
    central = []
    for name in NAMES:
        data = entries[name]
        raw_name = name.encode("ascii")
        crc = binascii.crc32(data) & 0xFFFFFFFF
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, _DOS_TIME, _DOS_DATE, crc, len(data),
                              len(data), len(raw_name), 0))
        out.write(raw_name)
        out.write(data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, _DOS_TIME, _DOS_DATE, crc,
                                   len(data), len(data), len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name)
    start = out.tell()
    for record in central:
        out.write(record)
    size = out.tell() - start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(NAMES), len(NAMES), size, start, 0))
    return out.getvalue()


@dataclass
class Package:
    """A package whose structure has been checked (nothing trusted yet)."""

    name: str
    manifest_bytes: bytes
    signature: bytes
    payload: bytes
    manifest: dict[str, Any]


def read_package(path: Path | str) -> Package:
    """Check the file's structure: names and sizes first, then that it is
    exactly the canonical ZIP of its entries, then that the manifest parses."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise PackageRefused(f"Không tìm thấy gói {path}; hãy kiểm tra lại đường dẫn tới USB.") from exc
    if size > MAX_FILE:
        raise PackageRefused(f"Gói {name} lớn bất thường nên không được mở; hãy chép lại gói từ máy của văn phòng gửi.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PackageRefused(f"Không đọc được gói {name} ({exc.strerror}); hãy chép lại gói vào máy rồi thử lại.") from exc
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # any malformed ZIP: zipfile raises many kinds
        raise damaged(name) from exc
    names = [i.filename for i in infos]
    if sorted(names) != sorted(NAMES):
        strange = next((n for n in names if n not in NAMES or names.count(n) > 1), None)
        if strange is not None:
            shown = "".join(c if c.isprintable() else "?" for c in strange[:60])
            raise PackageRefused(f"Gói {name} chứa mục lạ “{shown}” nên bị từ chối; "
                                 "hãy chép lại gói từ máy của văn phòng gửi.")
        raise damaged(name)
    limits = {"manifest.json": MAX_MANIFEST, "manifest.sig": SIG_SIZE, "payload": MAX_PAYLOAD}
    for info in infos:
        if info.compress_type != zipfile.ZIP_STORED or info.file_size != info.compress_size:
            raise damaged(name)
        if info.file_size > limits[info.filename] or info.file_size > size:
            raise PackageRefused(f"Mục {info.filename} trong gói {name} lớn bất thường nên không được mở; "
                                 "hãy chép lại gói từ máy của văn phòng gửi.")
    try:
        entries = {n: archive.read(n) for n in NAMES}
    except Exception as exc:
        raise damaged(name) from exc
    if canonical_zip(entries) != data or len(entries["manifest.sig"]) != SIG_SIZE:
        raise damaged(name)
    try:
        manifest = json.loads(entries["manifest.json"].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise damaged(name) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageRefused(f"Tệp {name} không phải là gói dữ liệu của Tổ Dân; hãy chọn đúng tệp .tdx.")
    if manifest.get("version") != VERSION:
        raise PackageRefused(f"Gói {name} có định dạng phiên bản {str(manifest.get('version'))[:10]} mà chương trình "
                             "này không đọc được; hãy cập nhật Tổ Dân ở cả hai văn phòng rồi gửi lại gói.")
    _check_manifest(name, manifest)
    return Package(name, entries["manifest.json"], entries["manifest.sig"], entries["payload"], manifest)


def _check_manifest(name: str, m: dict[str, Any]) -> None:
    """Every field present with the right type (the signature is checked next)."""
    expected = {"package_id": str, "kind": str, "source": str, "source_name": str, "source_level": str,
                "target": str, "sequence": int, "full": bool, "created_at": str, "counts": dict,
                "payload_sha256": str, "payload_size": int, "plain_size": int, "signer": str, "recipients": list}
    for key, kind in expected.items():
        value = m.get(key)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise damaged(name)
    if m["kind"] not in KINDS or m["sequence"] < 1 or not 0 <= m["plain_size"] <= MAX_PLAIN:
        raise damaged(name)
    for r in m["recipients"]:
        if not isinstance(r, dict) or not all(isinstance(r.get(k), str) for k in ("key_id", "epk", "nonce", "wrapped")):
            raise damaged(name)


# -- writing


def _wrap_key(content_key: bytes, recipient: bytes, aad: bytes) -> dict[str, str]:
    ephemeral = X25519PrivateKey.generate()
    epk = ephemeral.public_key().public_bytes(**_RAW)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=epk + recipient, info=_WRAP_INFO).derive(shared)
    nonce = os.urandom(12)
    wrapped = AESGCM(kek).encrypt(nonce, content_key, aad)
    b64 = lambda b: base64.b64encode(b).decode()
    return {"key_id": key_id(recipient), "epk": b64(epk), "nonce": b64(nonce), "wrapped": b64(wrapped)}


def build_package(manifest: dict[str, Any], plaintext: bytes, sign_key: Ed25519PrivateKey,
                  recipients: list[bytes]) -> bytes:
    """The bytes of a package: ``manifest`` is completed with the payload's
    hash, sizes and key wraps, then signed."""
    compressed = zlib.compress(plaintext, 6)
    content_key = AESGCM.generate_key(bit_length=256)
    aad = manifest["package_id"].encode()
    nonce = os.urandom(12)
    payload = nonce + AESGCM(content_key).encrypt(nonce, compressed, aad)
    manifest = {**manifest, "format": FORMAT, "version": VERSION, "payload_sha256": hashlib.sha256(payload).hexdigest(),
                "payload_size": len(payload), "plain_size": len(plaintext),
                "recipients": [_wrap_key(content_key, r, aad) for r in recipients]}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    return canonical_zip({"manifest.json": manifest_bytes, "manifest.sig": sign_key.sign(manifest_bytes),
                          "payload": payload})


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write under a temporary name, flush to the stick, then rename."""
    path = Path(path)
    partial = path.with_name(path.name + ".dang-ghi")
    try:
        with open(partial, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ModelError(f"Không ghi được gói {path} ({exc.strerror}); hãy kiểm tra USB còn chỗ trống và không bị khóa ghi.") from exc
    return path


# -- opening, in the order of design.md


def verify_signature(pkg: Package, sign_public: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(sign_public).verify(pkg.signature, pkg.manifest_bytes)
    except (InvalidSignature, ValueError) as exc:
        raise PackageRefused(f"Chữ ký của gói {pkg.name} không khớp với khóa đã đăng ký của đơn vị "
                             f"{pkg.manifest['source']}; gói có thể bị giả mạo hoặc hỏng, hãy chép lại gói "
                             "từ máy của văn phòng gửi.") from exc


def check_payload_hash(pkg: Package) -> None:
    m = pkg.manifest
    if len(pkg.payload) != m["payload_size"] or hashlib.sha256(pkg.payload).hexdigest() != m["payload_sha256"]:
        raise damaged(pkg.name)


def decrypt_payload(pkg: Package, enc_private: X25519PrivateKey) -> bytes:
    """The plaintext records; refused unless wrapped for this key and authentic."""
    own_public = enc_private.public_key().public_bytes(**_RAW)
    mine = [r for r in pkg.manifest["recipients"] if r["key_id"] == key_id(own_public)]
    if not mine:
        raise PackageRefused(f"Gói {pkg.name} không được mã hóa cho khóa của văn phòng này; hãy đề nghị văn phòng "
                             "gửi đăng ký đúng thẻ khóa của văn phòng này rồi gửi lại gói.")
    aad = pkg.manifest["package_id"].encode()
    try:
        r = mine[0]
        epk = base64.b64decode(r["epk"], validate=True)
        shared = enc_private.exchange(X25519PublicKey.from_public_bytes(epk))
        kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=epk + own_public, info=_WRAP_INFO).derive(shared)
        content_key = AESGCM(kek).decrypt(base64.b64decode(r["nonce"], validate=True),
                                          base64.b64decode(r["wrapped"], validate=True), aad)
        compressed = AESGCM(content_key).decrypt(pkg.payload[:12], pkg.payload[12:], aad)
    except (InvalidTag, ValueError, binascii.Error) as exc:
        raise damaged(pkg.name) from exc
    # Inflate no further than the size the signed manifest announces (a zip bomb stops here).
    limit = pkg.manifest["plain_size"]
    try:
        inflater = zlib.decompressobj()
        plain = inflater.decompress(compressed, limit + 1)
        if len(plain) != limit or not inflater.eof or inflater.unconsumed_tail or inflater.unused_data:
            raise ValueError("size")
    except (zlib.error, ValueError) as exc:
        raise damaged(pkg.name) from exc
    return plain
