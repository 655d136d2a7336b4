"""The shipped Liberation Serif family (Times New Roman metrics, full
Vietnamese coverage), registered with reportlab once per process."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from models.text import nfc

from .assets import asset_path

REGULAR = "TD-Serif"
BOLD = "TD-Serif-Bold"
ITALIC = "TD-Serif-Italic"
BOLD_ITALIC = "TD-Serif-BoldItalic"
FAMILY = "TD-Serif"

_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the four faces and the family (bold/italic mapping) once."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(asset_path("fonts", filename))))
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _registered = True


def text(value: object) -> str:
    """Every string drawn goes through here: NFC, single spaces."""
    return nfc("" if value is None else str(value))


def width(value: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(value, font, size)
