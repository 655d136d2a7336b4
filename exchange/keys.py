"""Office keys (Ed25519 to sign, X25519 to receive), key cards, fingerprints.

Only ``cryptography`` primitives; a private key is stored sealed with
AES-256-GCM under a key derived from the passphrase by scrypt.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from models.base import ModelError, database
from models.enums import Level
from models.units import OfficialUnit

from models.packages import OfficeKey, Partner

CARD_FORMAT = "todan-key-card"
CARD_VERSION = 1
MIN_PASSPHRASE = 8
_RAW = {"encoding": serialization.Encoding.Raw, "format": serialization.PublicFormat.Raw}


def fingerprint(sign_public: bytes | None, enc_public: bytes) -> str:
    """Short enough to read over the phone: 16 base-32 letters in 4 groups (80 bits)."""
    digest = hashlib.sha256(b"todan-card-v1" + (sign_public or b"") + enc_public).digest()
    text = base64.b32encode(digest[:10]).decode()
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def key_id(enc_public: bytes) -> str:
    """Names a recipient's encryption key inside a manifest."""
    return hashlib.sha256(b"todan-key-id" + enc_public).hexdigest()[:16]


@dataclass
class Card:
    unit_code: str
    name: str
    level: str
    sign_public: bytes | None
    enc_public: bytes
    escrow: bool = False

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_public, self.enc_public)

    def to_bytes(self) -> bytes:
        data = {
            "format": CARD_FORMAT, "version": CARD_VERSION, "unit": self.unit_code, "name": self.name,
            "level": self.level, "escrow": self.escrow,
            "sign_public": base64.b64encode(self.sign_public).decode() if self.sign_public else None,
            "enc_public": base64.b64encode(self.enc_public).decode(),
            "fingerprint": self.fingerprint,
        }
        return json.dumps(data, ensure_ascii=False, indent=1).encode()


def read_card(path: Path | str) -> Card:
    path = Path(path)
    bad = ModelError(f"Tệp {path.name} không phải là thẻ khóa công khai của Tổ Dân; "
                     "hãy xin lại tệp thẻ khóa từ văn phòng gửi.")
    try:
        if path.stat().st_size > 64_000:
            raise bad
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"Không tìm thấy tệp thẻ khóa {path}.") from exc
    except (OSError, ValueError) as exc:
        raise bad from exc
    if not isinstance(data, dict) or data.get("format") != CARD_FORMAT:
        raise bad
    if data.get("version") != CARD_VERSION:
        raise ModelError(f"Thẻ khóa {path.name} thuộc phiên bản Tổ Dân khác; hãy cập nhật chương trình rồi thử lại.")
    try:
        escrow = bool(data.get("escrow"))
        sign = None if escrow else base64.b64decode(data["sign_public"], validate=True)
        enc = base64.b64decode(data["enc_public"], validate=True)
        if (sign is not None and len(sign) != 32) or len(enc) != 32:
            raise ValueError
        Ed25519PublicKey.from_public_bytes(sign) if sign else None
        X25519PublicKey.from_public_bytes(enc)
        card = Card(str(data["unit"]), str(data.get("name") or ""), str(data.get("level") or ""), sign, enc, escrow)
    except (KeyError, TypeError, ValueError) as exc:
        raise bad from exc
    if not escrow and not (card.unit_code.isdigit() and len(card.unit_code) in (2, 5)):
        raise bad
    if data.get("fingerprint") != card.fingerprint:
        raise ModelError(f"Thẻ khóa {path.name} bị hỏng (dấu vân tay không khớp); hãy xin lại tệp thẻ khóa.")
    return card


def _check_passphrase(passphrase: str) -> bytes:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise ModelError(f"Mật khẩu bảo vệ khóa phải có ít nhất {MIN_PASSPHRASE} ký tự.")
    return passphrase.encode("utf-8")


_SEALED = b"TDK1"
# scrypt cost as a power of two (2**15: about 0.1 s and 32 MB per try, slow
# to guess); stored in each sealed key, so a later change still opens old ones.
_SCRYPT_LOG2_N = 15


def _kek(log2n: int, salt: bytes, passphrase: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**log2n, r=8, p=1).derive(passphrase)


def _seal(key, passphrase: bytes) -> bytes:
    """The raw private key under a key derived from the passphrase (scrypt),
    with AES-256-GCM; the header is authenticated too."""
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    header = _SEALED + bytes([_SCRYPT_LOG2_N]) + os.urandom(16)
    nonce = os.urandom(12)
    return header + nonce + AESGCM(_kek(_SCRYPT_LOG2_N, header[5:21], passphrase)).encrypt(nonce, raw, header)


def _unseal(blob: bytes, passphrase: bytes) -> bytes:
    if blob[:4] != _SEALED or len(blob) != 5 + 16 + 12 + 32 + 16 or not 10 <= blob[4] <= 20:
        raise ValueError("not a sealed key")
    header, nonce = blob[:21], blob[21:33]
    return AESGCM(_kek(blob[4], header[5:21], passphrase)).decrypt(nonce, blob[33:], header)


def office_key() -> OfficeKey | None:
    return OfficeKey.select().order_by(OfficeKey.id.desc()).first()


def create_office_keys(unit_code: str, passphrase: str, replace: bool = False) -> OfficeKey:
    """Make this office's signing and encryption key pairs (first start)."""
    secret = _check_passphrase(passphrase)
    if not unit_code:
        raise ModelError("Hãy chọn đơn vị của cơ sở dữ liệu trước khi tạo khóa.")
    if office_key() is not None and not replace:
        raise ModelError("Văn phòng này đã có khóa; không cần tạo lại.")
    sign, enc = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    sign_pub, enc_pub = sign.public_key().public_bytes(**_RAW), enc.public_key().public_bytes(**_RAW)
    with database.atomic():
        return OfficeKey.create(unit_code=unit_code, sign_public=sign_pub, enc_public=enc_pub,
                                sign_private=_seal(sign, secret), enc_private=_seal(enc, secret),
                                fingerprint=fingerprint(sign_pub, enc_pub))


def require_office_key() -> OfficeKey:
    key = office_key()
    if key is None:
        raise ModelError("Văn phòng này chưa có khóa; hãy tạo khóa ở trang Trao đổi dữ liệu "
                         "(hoặc lệnh: app.py keys --create).")
    return key


# Unlocked keys for this run of the program, so that a batch of packages asks
# scrypt once; keyed by a hash of the sealed keys and the passphrase.
_unlocked: dict[bytes, tuple[Ed25519PrivateKey, X25519PrivateKey]] = {}


def unlock(key: OfficeKey, passphrase: str) -> tuple[Ed25519PrivateKey, X25519PrivateKey]:
    secret = (passphrase or "").encode("utf-8")
    cache = hashlib.sha256(bytes(key.sign_private) + bytes(key.enc_private) + secret).digest()
    if cache in _unlocked:
        return _unlocked[cache]
    try:
        sign = Ed25519PrivateKey.from_private_bytes(_unseal(bytes(key.sign_private), secret))
        enc = X25519PrivateKey.from_private_bytes(_unseal(bytes(key.enc_private), secret))
    except (InvalidTag, ValueError, TypeError) as exc:
        raise ModelError("Mật khẩu bảo vệ khóa không đúng; hãy nhập lại.") from exc
    _unlocked[cache] = (sign, enc)
    return sign, enc


def own_card(name: str, level: str) -> Card:
    key = require_office_key()
    return Card(key.unit_code, name, level, bytes(key.sign_public), bytes(key.enc_public))


def export_card(path: Path | str, name: str, level: str) -> Card:
    card = own_card(name, level)
    try:
        Path(path).write_bytes(card.to_bytes())
    except OSError as exc:
        raise ModelError(f"Không ghi được tệp thẻ khóa {path}: {exc.strerror}.") from exc
    return card


def register_card(card: Card, confirmed_fingerprint: str) -> Partner:
    """Register another office's card (or the escrow key) once the user has
    read the fingerprint back; a wrong fingerprint is refused."""
    typed = (confirmed_fingerprint or "").strip().upper().replace(" ", "").replace("-", "")
    if typed != card.fingerprint.replace("-", ""):
        raise ModelError("Dấu vân tay không khớp với thẻ khóa; hãy gọi điện cho văn phòng gửi để đọc lại "
                         "dấu vân tay, không đăng ký thẻ này.")
    own = office_key()
    if own is not None and bytes(own.enc_public) == card.enc_public:
        raise ModelError("Đây là thẻ khóa của chính văn phòng này; hãy đăng ký thẻ khóa của văn phòng kia.")
    role = "escrow" if card.escrow else "office"
    code = "" if card.escrow else card.unit_code
    with database.atomic():
        Partner.delete().where(Partner.unit_code == code, Partner.role == role).execute()
        return Partner.create(unit_code=code, name=card.name, level=card.level, role=role,
                              sign_public=card.sign_public, enc_public=card.enc_public,
                              fingerprint=card.fingerprint)


def partners() -> list[Partner]:
    return list(Partner.select().order_by(Partner.role.desc(), Partner.unit_code))


def partner(unit_code: str) -> Partner | None:
    return Partner.get_or_none(Partner.unit_code == unit_code, Partner.role == "office")


def escrow() -> Partner | None:
    return Partner.get_or_none(Partner.role == "escrow")


def make_escrow(card_path: Path | str, private_path: Path | str, passphrase: str,
                name: str = "Khóa dự phòng") -> Card:
    """An escrow key pair kept offline at the province: its card goes to every
    office, the private key (encrypted with the passphrase) into a safe."""
    secret = _check_passphrase(passphrase)
    enc = X25519PrivateKey.generate()
    card = Card("", name, "escrow", None, enc.public_key().public_bytes(**_RAW), escrow=True)
    Path(private_path).write_bytes(_seal(enc, secret))
    Path(card_path).write_bytes(card.to_bytes())
    return card


def open_escrow(private_path: Path | str, passphrase: str) -> X25519PrivateKey:
    """The escrow's private key from its file in the safe: with it a package
    opens when the office that received it has lost its own passphrase."""
    try:
        blob = Path(private_path).read_bytes()
    except OSError as exc:
        raise ModelError(f"Không đọc được tệp khóa dự phòng {private_path} ({exc.strerror}).") from exc
    try:
        return X25519PrivateKey.from_private_bytes(_unseal(blob, (passphrase or "").encode("utf-8")))
    except (InvalidTag, ValueError, TypeError) as exc:
        raise ModelError("Tệp khóa dự phòng không đúng hoặc mật khẩu của khóa dự phòng không đúng.") from exc


def set_up_office(unit: OfficialUnit, level: Level, passphrase: str) -> OfficeKey:
    """First start: the home unit and the office's key pairs, together or not at all."""
    from models import db as dbmod

    _check_passphrase(passphrase)
    with database.atomic():
        dbmod.set_home_unit(unit, level)
        return create_office_keys(unit.code, passphrase)
