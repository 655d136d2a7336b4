"""The USB exchange's own tables: this office's keys, registered partner
cards, the log of packages sent and received, and per-partner sequence marks.

None of them travels (no uuid). They belong to every database (migration 7),
so that reading them, or refusing a package, never has to create anything.
"""

from __future__ import annotations

import peewee as pw

from .base import BaseModel, now


class OfficeKey(BaseModel):
    """This office's key pairs; the private halves encrypted with the passphrase."""

    unit_code = pw.CharField(max_length=5)
    created_at = pw.DateTimeField(default=now)
    sign_public = pw.BlobField()
    enc_public = pw.BlobField()
    sign_private = pw.BlobField()  # sealed with the passphrase (keys._seal)
    enc_private = pw.BlobField()
    fingerprint = pw.CharField(max_length=32)

    class Meta:
        table_name = "exchange_office_key"


class Partner(BaseModel):
    """A public key card registered once: another office, or the escrow key."""

    unit_code = pw.CharField(max_length=5)
    name = pw.CharField(default="")
    level = pw.CharField(max_length=10, default="")
    role = pw.CharField(max_length=10, default="office")  # office | escrow
    sign_public = pw.BlobField(null=True)
    enc_public = pw.BlobField()
    fingerprint = pw.CharField(max_length=32)
    registered_at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "exchange_partner"
        indexes = ((("unit_code", "role"), True),)


class PackageLog(BaseModel):
    """One package sent or received (received: only those committed)."""

    direction = pw.CharField(max_length=8)  # sent | received
    package_id = pw.CharField(max_length=32, index=True)
    kind = pw.CharField(max_length=16)
    source_unit = pw.CharField(max_length=5)
    target_unit = pw.CharField(max_length=5)
    sequence = pw.IntegerField()
    full = pw.BooleanField(default=True)
    at = pw.DateTimeField(default=now)
    file_name = pw.CharField(default="")
    counts = pw.TextField(default="{}")  # JSON: per table, created/updated/... or records sent
    note = pw.TextField(default="")

    class Meta:
        table_name = "exchange_package_log"


class ExportMark(BaseModel):
    """Per recipient and kind: the last sequence number sent, and when."""

    recipient = pw.CharField(max_length=5)
    kind = pw.CharField(max_length=16)
    last_sequence = pw.IntegerField(default=0)
    since = pw.DateTimeField(null=True)

    class Meta:
        table_name = "exchange_export_mark"
        primary_key = pw.CompositeKey("recipient", "kind")


class SentRecord(BaseModel):
    """Per recipient, the revision of each record last sent to it: an
    incremental package carries the records whose revision differs (new,
    edited or deleted since), whatever the clocks say."""

    recipient = pw.CharField(max_length=5)
    uuid = pw.CharField(max_length=32)
    rev = pw.IntegerField()

    class Meta:
        table_name = "exchange_sent_record"
        primary_key = pw.CompositeKey("recipient", "uuid")
        without_rowid = True


class ImportMark(BaseModel):
    """Per sender and kind: the last sequence number committed."""

    source = pw.CharField(max_length=5)
    kind = pw.CharField(max_length=16)
    last_sequence = pw.IntegerField(default=0)
    at = pw.DateTimeField(default=now)

    class Meta:
        table_name = "exchange_import_mark"
        primary_key = pw.CompositeKey("source", "kind")


EXCHANGE_MODELS = [OfficeKey, Partner, PackageLog, ExportMark, SentRecord, ImportMark]


def package_log(limit: int = 500) -> list[PackageLog]:
    """Packages sent and received, newest first."""
    return list(PackageLog.select().order_by(PackageLog.id.desc()).limit(limit))
