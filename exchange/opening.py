"""Opening a package's records: signature, hash, decryption, inflation,
parsing and the shape of every row, refused as damaged at the first fault.

A batch opens its packages in a helper process, a couple ahead of the one
being written: that work is pure Python (a tenth of a second for a commune's
package) while writing leaves the second core idle, so a province's 150
packages open while the ones before them go in. The first package of a
commune never heard from is planned there too (merge.plan_detached), which
leaves the batch's own process little but SQLite's writing. The helper reads
each file again itself and checks its signature and hash before decrypting,
so nothing is trusted across the process boundary that was not checked on
the far side from the bytes on the USB.
"""

from __future__ import annotations

import gc
import json
import marshal
import re
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from .package import (
    KIND_DATA_UP,
    Package,
    PackageRefused,
    check_payload_hash,
    damaged,
    decrypt_payload,
    read_package,
    verify_signature,
)
from .records import TABLE_LABELS, Spec, catalogue_tables, data_tables, specs

_HEX = re.compile(r"[0-9a-f]*")
_SCALARS = {str, int, float, bool, type(None)}
# A helper process costs ~0.5 s to start: worth it from this many packages on.
HELPER_FROM = 6
# Packages opened ahead of the one being written (each is held in memory meanwhile).
AHEAD = 2
# A package opened: itself, then its records or the plan the helper made of them.
Opened = tuple[Package, dict[str, Any] | None, tuple | None]


def unknown_sender(source: str) -> PackageRefused:
    return PackageRefused(f"Khóa của đơn vị gửi {source} chưa được đăng ký ở văn phòng này; hãy đăng ký thẻ "
                          "khóa của đơn vị đó (xác nhận dấu vân tay qua điện thoại) rồi nhập lại.")


def check_signed(pkg: Package, sign_public: bytes | None) -> None:
    """The signature of the sender's registered key (``None``: not registered)."""
    if sign_public is None:
        raise unknown_sender(pkg.manifest["source"])
    verify_signature(pkg, sign_public)


def open_payload(pkg: Package, enc: X25519PrivateKey) -> dict[str, Any]:
    """The records of a package whose signature and hash were checked."""
    plain = decrypt_payload(pkg, enc)
    try:
        payload = json.loads(plain.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise damaged(pkg.name) from exc
    validate(pkg, payload)
    return payload


def open_file(path: Path, senders: dict[str, bytes], enc: X25519PrivateKey) -> tuple[Package, dict[str, Any]]:
    """Read ``path`` and open it: ``senders`` maps unit codes to their
    registered signing keys. What is left (addressee, order) needs the database."""
    pkg = read_package(path)
    check_signed(pkg, senders.get(pkg.manifest["source"]))
    check_payload_hash(pkg)
    return pkg, open_payload(pkg, enc)


def _open_in_helper(path: Path, senders: dict[str, bytes], enc_raw: bytes, planning: tuple | None
                    ) -> tuple[Package, bytes, bool]:
    pkg, payload = open_file(path, senders, X25519PrivateKey.from_private_bytes(enc_raw))
    # Both ends are the same interpreter, and marshal loads lists of plain values
    # about a third faster than pickle.
    if planning is not None:
        from .merge import plan_detached  # the planner lives with the merge

        plan = plan_detached(pkg.manifest, payload, *planning)
        if plan is not None:
            return pkg, marshal.dumps(plan), True
    return pkg, marshal.dumps(payload), False


def _received(future: Future, path: Path, senders: dict[str, bytes], enc: X25519PrivateKey) -> Opened:
    try:
        pkg, data, planned = future.result()
    except BrokenProcessPool:
        # The helper died (killed, or could not start here): open it in this process instead.
        return _here(path, senders, enc)
    return (pkg, None, marshal.loads(data)) if planned else (pkg, marshal.loads(data), None)


def _here(path: Path, senders: dict[str, bytes], enc: X25519PrivateKey) -> Opened:
    return (*open_file(path, senders, enc), None)


def opened(files: list[Path], senders: dict[str, bytes], enc: X25519PrivateKey,
           planning: dict[Path, tuple] | None = None) -> Iterator[tuple[Path, Callable[[], Opened]]]:
    """Each file in order with a call that returns it opened (or raises
    PackageRefused): the package, then its records or, for a file in
    ``planning`` (the arguments of merge.plan_detached), maybe its plan
    instead. From HELPER_FROM files on, they are opened (and those planned)
    ahead in a helper process. Close the iterator to stop the helper."""
    planning = planning or {}
    if len(files) < HELPER_FROM:
        for f in files:
            yield f, partial(_here, f, senders, enc)
        return
    # spawn, not fork: the screen imports from a thread of a Qt process.
    # The helper makes millions of short-lived objects holding no cycles: its
    # cycle collector would walk them over and over, as the batch's would.
    pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"), initializer=gc.disable)
    try:
        raw = enc.private_bytes_raw()
        waiting = iter(files)
        ahead: deque[tuple[Path, Future]] = deque()

        def top_up() -> None:
            while len(ahead) < AHEAD and (f := next(waiting, None)) is not None:
                ahead.append((f, pool.submit(_open_in_helper, f, senders, raw, planning.get(f))))

        top_up()
        while ahead:
            f, future = ahead.popleft()
            top_up()
            yield f, partial(_received, future, f, senders, enc)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def validate(pkg: Package, payload: Any) -> None:
    """Shape and types of every row; tables allowed for the kind; counts as
    announced. Checked column by column, so that a province's batch of large
    packages is not held up here."""
    m = pkg.manifest
    bad = damaged(pkg.name)
    if not isinstance(payload, dict) or not isinstance(payload.get("tables"), dict):
        raise bad
    allowed = data_tables() if m["kind"] == KIND_DATA_UP else catalogue_tables()
    all_specs = specs()
    counts = {}
    for table, block in payload["tables"].items():
        if table not in allowed or not isinstance(block, dict):
            raise bad
        spec = all_specs[table]
        if block.get("columns") != spec.names or not isinstance(block.get("rows"), list):
            raise PackageRefused(f"Gói {pkg.name} có cấu trúc bảng {TABLE_LABELS.get(table, table)} khác với phiên bản "
                                 "chương trình này; hãy cập nhật Tổ Dân ở cả hai văn phòng rồi gửi lại gói.")
        rows = block["rows"]
        if not _rows_valid(spec, rows):
            raise bad
        counts[table] = len(rows)
    announced = {k: v for k, v in m["counts"].items()}
    if counts != announced:
        raise bad


def _uuids_valid(values: Any) -> bool:
    """Every value a 32-digit lower-case hex string."""
    return (not values or (set(map(type, values)) == {str} and set(map(len, values)) == {32}
                           and _HEX.fullmatch("".join(values)) is not None))


def _rows_valid(spec: Spec, rows: list) -> bool:
    if not rows:
        return True
    width, ncols = len(spec.names), len(spec.columns)
    if set(map(type, rows)) != {list} or set(map(len, rows)) != {width}:
        return False
    columns = list(zip(*rows))
    uuids, owners, revs = columns[0], columns[1], columns[2]
    if not _uuids_valid(uuids) or len(set(uuids)) != len(uuids):
        return False
    if set(map(type, owners)) != {str} or max(map(len, owners)) > 5:
        return False
    if set(map(type, revs)) != {int} or min(revs) < 1:
        return False
    if any(not set(map(type, column)) <= _SCALARS for column in columns[3:ncols]):
        return False
    for i, c in enumerate(spec.columns):
        if c.ref is not None and not _uuids_valid([v for v in columns[i] if v is not None]):
            return False
    for extra in columns[ncols:]:  # Meeting's links: lists of uuids
        if set(map(type, extra)) != {list} or not _uuids_valid([u for links in extra for u in links]):
            return False
    return True
