"""Vietnamese text: normalisation, search folding, sorting and number formats.

Pure functions with no database or Qt, shared by models, reports and the UI.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str | None) -> str:
    """NFC with single spaces: sheets bring decomposed marks and double spaces."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str | None) -> str:
    """Lower case without marks, for search: 'Đặng' -> 'dang'.

    đ has no Unicode decomposition, so NFD alone would keep it.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare).strip()


# Vietnamese alphabet order; letters outside it sort after, by code point.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_BASE_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Tone marks in the order ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "^", "\u031b": "ư"}


def _letters(word: str) -> tuple[list[int], int]:
    """Primary ranks of the letters of one word, and its tone (0 = ngang)."""
    ranks: list[int] = []
    tone = 0
    for ch in word.lower():
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        for m in marks:
            if m in _TONES:
                tone = _TONES[m]
        if "\u0306" in marks and base == "a":
            base = "ă"
        elif "\u0302" in marks and base in "aeo":
            base = {"a": "â", "e": "ê", "o": "ô"}[base]
        elif "\u031b" in marks and base in "ou":
            base = {"o": "ơ", "u": "ư"}[base]
        if base in _BASE_RANK:
            ranks.append(_BASE_RANK[base] + 1)
        elif base.isalnum():
            ranks.append(64 + ord(base))
    return ranks, tone


def sort_key(full_name: str) -> str:
    """Key that sorts people the Vietnamese way.

    Given name first, then middle names, then family name, as a clerk sorts
    the "Tên" column of a sheet: each name is compared whole before the next,
    letters in the Vietnamese alphabet, and its tone (ngang < huyền < hỏi <
    ngã < sắc < nặng) breaks a tie between the same letters. Returned as a
    string so the database can index and compare it.
    """
    words = nfc(full_name).split(" ")
    if len(words) > 1:
        words = [words[-1]] + words[1:-1] + [words[0]]
    parts: list[str] = []
    for word in words:
        ranks, tone = _letters(word)
        # "\x01" ends the letters, so "An" comes before "Anh".
        parts.append("".join(chr(0x100 + r) for r in ranks) + "\x01" + chr(0x30 + tone))
    return "".join(parts)


def format_int(value: int | float | None) -> str:
    """1817 -> '1.817'."""
    if value is None:
        return ""
    return f"{int(round(value)):,}".replace(",", ".")


def format_percent(part: float, whole: float, digits: int = 2) -> str:
    """497 of 1817 -> '27,35%'; nothing of nothing -> '0,00%'."""
    share = 0.0 if not whole else 100.0 * part / whole
    return f"{share:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".") + "%"


def format_money(value: int | None) -> str:
    """2000000 -> '2.000.000 đ'."""
    return "" if value is None else f"{format_int(value)} đ"


def format_date(value: dt.date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def format_birth(year: int | None, date: dt.date | None) -> str:
    """A birth date, or the year alone where only that is known."""
    if date is not None:
        return format_date(date)
    return str(year) if year else ""


def parse_date(text: str) -> dt.date:
    """dd/mm/yyyy or d/m/yy as a clerk types it; ValueError otherwise."""
    m = re.fullmatch(r"\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\s*", text or "")
    if not m:
        raise ValueError(text)
    day, month, year = (int(g) for g in m.groups())
    if year < 100:
        year += 2000 if year <= dt.date.today().year % 100 else 1900
    return dt.date(year, month, day)
