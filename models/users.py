"""Users of this installation and the audit log. Neither travels."""

from __future__ import annotations

import peewee as pw

from .base import BaseModel, EnumField, now
from .enums import UserRole


class User(BaseModel):
    # Failed sign-ins are counted for viewers too.
    writable_when_read_only = True

    username = pw.CharField(unique=True)
    full_name = pw.CharField(default="")
    role = EnumField(UserRole, default=UserRole.CLERK)
    password_hash = pw.CharField(default="")
    created_at = pw.DateTimeField(default=now)
    disabled = pw.BooleanField(default=False)
    failed_attempts = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)


class AuditEntry(BaseModel):
    writable_when_read_only = True

    at = pw.DateTimeField(default=now, index=True)
    username = pw.CharField(default="")
    table = pw.CharField()
    record_uuid = pw.CharField(index=True)
    action = pw.CharField(max_length=10)
    # JSON object {field: [old, new]}.
    changes = pw.TextField(default="{}")
