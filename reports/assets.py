"""The one lookup for shipped files (fonts, icons, artwork), from source and
from a PyInstaller bundle.

It lives here because ``reports`` may not import ``ui``; ``ui.assets``
re-exports it, so both layers read the same ``assets/`` folder. Shipped files
are read-only: nothing is ever written under ``assets_root()`` (user data and
backups live in the user's data folder, see ``app.user_database_path``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def is_frozen() -> bool:
    """True when running from a PyInstaller bundle (no Python installed)."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def assets_root() -> Path:
    # A one-folder bundle sets sys._MEIPASS to its "_internal" folder, where
    # todan.spec puts the assets under the same relative name "assets/".
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


def asset_path(*parts: str) -> Path:
    return assets_root().joinpath(*parts)
