"""Finding shipped files (fonts, artwork) from source and from a PyInstaller bundle.

``reports`` may not import ``ui``, so it has its own copy of the one lookup.
"""

from __future__ import annotations

import sys
from pathlib import Path


def assets_root() -> Path:
    # PyInstaller unpacks data files under sys._MEIPASS, keeping "assets/".
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


def asset_path(*parts: str) -> Path:
    return assets_root().joinpath(*parts)
