"""Writing a document by the extension the clerk chose, all or nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from models.base import ModelError


def write_by_extension(out_path: str | os.PathLike, writers: dict[str, Callable[[Path], None]]) -> Path:
    """Call the writer of ``out_path``'s extension on a ``.part`` file and
    rename it into place: a failed or cancelled write leaves nothing behind,
    and an older file of that name is kept until the new one is whole."""
    out = Path(out_path)
    suffix = out.suffix.lower()
    if suffix not in writers:
        raise ModelError(f"Không ghi được tệp {out.name}: chỉ hỗ trợ đuôi .pdf, .docx hoặc .xlsx.")
    if not out.parent.is_dir():
        raise ModelError(f"Không có thư mục {out.parent} để ghi tệp {out.name}.")
    part = out.with_name(out.name + ".part")
    try:
        writers[suffix](part)
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return out
