"""One writer per database: a lock file beside it, held by the operating system.

The OS releases the lock when the process dies, so a crash never leaves the
database locked for good; the file's text only says who holds it.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from pathlib import Path

from .base import ModelError


class DatabaseBusy(ModelError):
    pass


def _try_lock(fh) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some service contexts
        return "?"


class WriterLock:
    """Held while a program or command writes to the database at ``db_path``."""

    def __init__(self, db_path: Path | str):
        self.path = Path(db_path).with_name(Path(db_path).name + ".lock")
        self._fh = None

    def acquire(self) -> "WriterLock":
        fh = open(self.path, "a+", encoding="utf-8")
        if not _try_lock(fh):
            try:
                fh.seek(0)
                holder = _describe(fh.read())
            except OSError:  # Windows forbids reading the locked byte
                holder = _describe("")
            fh.close()
            raise DatabaseBusy(f"Cơ sở dữ liệu đang được mở để ghi {holder}. "
                               "Hãy đóng chương trình ở đó rồi thử lại.")
        # The holder's name goes after the first byte, which Windows locks.
        fh.seek(0)
        fh.truncate()
        fh.write(" " + json.dumps({"host": socket.gethostname(), "user": _user(), "pid": os.getpid()}))
        fh.flush()
        self._fh = fh
        return self

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()  # closing releases the OS lock
            self._fh = None

    def __enter__(self) -> "WriterLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _describe(text: str) -> str:
    try:
        info = json.loads(text.strip())
        return f"trên máy {info['host']} bởi người dùng {info['user']} (tiến trình {info['pid']})"
    except (ValueError, KeyError, TypeError):
        return "bởi một chương trình khác"
