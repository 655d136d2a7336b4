"""Optional sign-in: off until an administrator creates the first account.

Roles: quản trị (admin: everything, manages accounts), cán bộ (clerk: edits),
xem (viewer: reads, never writes, sees CCCD and phone masked). Passwords are
kept as scrypt hashes, a memory-hard function from the standard library.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os

from . import audit
from .base import ModelError, PermissionDenied, context, now
from .enums import UserRole
from .users import User

_N, _R, _P = 2**14, 8, 1  # about 16 MB of memory per try
FREE_TRIES = 5
MAX_WAIT = dt.timedelta(minutes=15)


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                               dklen=len(digest) // 2)
    return hmac.compare_digest(candidate.hex(), digest)


def signin_required() -> bool:
    return User.select().where(User.disabled == False).exists()  # noqa: E712


def current_role() -> UserRole | None:
    """None while sign-in is off."""
    if not context.user:
        return None
    user = User.get_or_none(User.username == context.user)
    return user.role if user else None


def list_users() -> list[User]:
    return list(User.select().order_by(User.username))


def sign_in_as(user: User) -> None:
    context.user = user.username
    context.read_only = user.role is UserRole.VIEWER


def sign_out() -> None:
    context.user = ""
    context.read_only = False


def _require_admin() -> None:
    # Before the first account exists anyone may create it (it must be an admin).
    if signin_required() and current_role() is not UserRole.ADMIN:
        raise PermissionDenied("Chỉ quản trị viên mới được quản lý tài khoản.")


def create_user(username: str, password: str, role: UserRole, full_name: str = "") -> User:
    _require_admin()
    role = UserRole(role)
    username = username.strip().lower()
    if not username:
        raise ModelError("Hãy nhập tên đăng nhập.", field="username")
    if len(password) < 8:
        raise ModelError("Mật khẩu phải có ít nhất 8 ký tự.", field="password")
    if not signin_required() and role is not UserRole.ADMIN:
        raise ModelError("Tài khoản đầu tiên phải là tài khoản quản trị.", field="role")
    if User.select().where(User.username == username).exists():
        raise ModelError(f"Tên đăng nhập {username} đã có.", field="username")
    user = User.create(username=username, full_name=full_name.strip(), role=role,
                       password_hash=hash_password(password))
    audit.log("user", username, "create", {"role": [None, role.value]})
    if not context.user:
        # The first account: the person who made it is signed in as it.
        sign_in_as(user)
    return user


def set_role(username: str, role: UserRole) -> None:
    _require_admin()
    role = UserRole(role)
    user = User.get_or_none(User.username == username)
    if user is None:
        raise ModelError(f"Không có tài khoản {username}.")
    if user.role is UserRole.ADMIN and role is not UserRole.ADMIN and _admins() == 1:
        raise ModelError("Phải còn ít nhất một tài khoản quản trị.")
    audit.log("user", username, "update", {"role": [user.role.value, role.value]})
    User.update(role=role).where(User.id == user.id).execute()


def _admins() -> int:
    return User.select().where((User.role == UserRole.ADMIN.value) & (User.disabled == False)).count()  # noqa: E712


def authenticate(username: str, password: str, at: dt.datetime | None = None) -> User:
    """Sign in, or raise ModelError. After five wrong tries in a row each
    further try must wait longer, doubling up to fifteen minutes."""
    at = at or now()
    user = User.get_or_none((User.username == username.strip().lower()) & (User.disabled == False))  # noqa: E712
    if user is None:
        raise ModelError("Tên đăng nhập hoặc mật khẩu không đúng.")
    if user.locked_until and at < user.locked_until:
        wait = int((user.locked_until - at).total_seconds()) + 1
        raise ModelError(f"Đã nhập sai quá nhiều lần; hãy thử lại sau {wait} giây.")
    if not verify_password(password, user.password_hash):
        failures = user.failed_attempts + 1
        locked = None
        if failures >= FREE_TRIES:
            locked = at + min(MAX_WAIT, dt.timedelta(seconds=30 * 2 ** (failures - FREE_TRIES)))
        User.update(failed_attempts=failures, locked_until=locked).where(User.id == user.id).execute()
        audit.log("user", user.username, "signin-failed")
        raise ModelError("Tên đăng nhập hoặc mật khẩu không đúng.")
    User.update(failed_attempts=0, locked_until=None).where(User.id == user.id).execute()
    sign_in_as(user)
    audit.log("user", user.username, "signin")
    return User.get_by_id(user.id)
