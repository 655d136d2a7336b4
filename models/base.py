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


class PermissionDenied(ModelError):
    pass


class _Context:
    """Who is working and for which unit; set when the database is opened
    and when a user signs in."""

    unit_code: str = ""
    # Empty while sign-in is off (no accounts yet): the one clerk does everything.
    user: str = ""
    # The viewer role: every write through the models is refused.
    read_only: bool = False


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
    """Every write of the query API passes ``_guard``, so a viewer cannot change
    anything through any operation, whatever screen or command calls it."""

    # The audit log and sign-in counters are written for viewers too.
    writable_when_read_only = False

    class Meta:
        database = database
        legacy_table_names = False

    @classmethod
    def _guard(cls) -> None:
        if context.read_only and not cls.writable_when_read_only:
            raise PermissionDenied("Tài khoản chỉ có quyền xem, không được thay đổi dữ liệu.")

    @classmethod
    def insert(cls, *args: Any, **kwargs: Any) -> Any:
        cls._guard()
        return super().insert(*args, **kwargs)

    @classmethod
    def insert_many(cls, *args: Any, **kwargs: Any) -> Any:
        cls._guard()
        return super().insert_many(*args, **kwargs)

    @classmethod
    def insert_from(cls, *args: Any, **kwargs: Any) -> Any:
        cls._guard()
        return super().insert_from(*args, **kwargs)

    @classmethod
    def replace(cls, *args: Any, **kwargs: Any) -> Any:
        cls._guard()
        return super().replace(*args, **kwargs)

    @classmethod
    def replace_many(cls, *args: Any, **kwargs: Any) -> Any:
        cls._guard()
        return super().replace_many(*args, **kwargs)

    @classmethod
    def update(cls, *args: Any, **kwargs: Any) -> Any:
        cls._guard()
        return super().update(*args, **kwargs)

    @classmethod
    def delete(cls) -> Any:
        cls._guard()
        return super().delete()


OWNER_INDEXED: set[type[pw.Model]] = set()


def by_owner(model: type[pw.Model]) -> None:
    """Index ``model`` by its owning unit: a province's lists of one commune."""
    model.add_index(model.index(model.owner_unit))
    OWNER_INDEXED.add(model)


class TrackedModel(BaseModel):
    uuid = pw.UUIDField(unique=True, default=uuidlib.uuid4)
    # Indexed only where lists filter on it (people, groups, party members,
    # recommendations: see by_owner); elsewhere it only cost writes.
    owner_unit = pw.CharField(max_length=5, default="")
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
        from .audit import record_change

        self._guard()
        if not self.owner_unit:
            self.owner_unit = context.unit_code
        before = None
        if self._pk is not None and not force_insert:
            before = type(self).get_or_none(type(self)._meta.primary_key == self._pk)
            # An edit: the exchange decides which copy wins by this number.
            self.rev = (self.rev or 0) + 1
            self.updated_at = now()
        with database.atomic():
            result = super().save(force_insert=force_insert, only=only)
            record_change(self, before)
        return result

    def tombstone(self) -> None:
        """Mark deleted so that the deletion travels with the next package."""
        if self.deleted_at is None:
            self.deleted_at = now()
            self.save()
