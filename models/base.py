"""Base models: one database proxy, enum columns, and change tracking.

Every record that travels between offices derives from ``TrackedModel``: it
carries a uuid made where it was created, the code of the unit that owns it, a
revision that grows on each edit, and a tombstone instead of a hard delete.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid as uuidlib
from typing import Any

import peewee as pw

database = pw.DatabaseProxy()


class ModelError(Exception):
    """A domain rule was broken; ``message`` is shown to the user as is."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class _Context:
    """Who is working and for which unit; set when the database is opened."""

    unit_code: str = ""
    user: str = ""


context = _Context()


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class EnumField(pw.CharField):
    """Stores an Enum by its stable code (``member.value``), never by a label."""

    def __init__(self, enum_class: type[enum.Enum], *args: Any, **kwargs: Any):
        self.enum_class = enum_class
        kwargs.setdefault("max_length", 24)
        super().__init__(*args, **kwargs)

    def db_value(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, self.enum_class):
            return value.value
        return self.enum_class(value).value

    def python_value(self, value: Any) -> Any:
        return None if value is None else self.enum_class(value)


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class TrackedModel(BaseModel):
    uuid = pw.UUIDField(unique=True, default=uuidlib.uuid4)
    owner_unit = pw.CharField(max_length=5, index=True, default="")
    rev = pw.IntegerField(default=1)
    updated_at = pw.DateTimeField(default=now)
    deleted_at = pw.DateTimeField(null=True)

    @classmethod
    def live(cls, *fields: Any) -> pw.ModelSelect:
        """Rows that are not tombstoned."""
        return cls.select(*fields).where(cls.deleted_at.is_null())

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def save(self, force_insert: bool = False, only: Any = None) -> int:
        if not self.owner_unit:
            self.owner_unit = context.unit_code
        if self._pk is not None and not force_insert:
            # An edit: the exchange decides which copy wins by this number.
            self.rev = (self.rev or 0) + 1
            self.updated_at = now()
        return super().save(force_insert=force_insert, only=only)

    def tombstone(self) -> None:
        """Mark deleted so that the deletion travels with the next package."""
        if self.deleted_at is None:
            self.deleted_at = now()
            self.save()
