"""Checking what a clerk types or a sheet brings: dates, CCCD, phone numbers.

Each parser takes text and returns a clean value, or raises ValueError with
a Vietnamese sentence that can be shown next to the field as is.
"""

from __future__ import annotations

import datetime as dt
import re

from .text import nfc, parse_date

DATE_HINT = "ngày/tháng/năm, ví dụ 14/05/1978"


def parse_day(text: str | None, what: str = "Ngày") -> dt.date | None:
    """dd/mm/yyyy (or d/m/yy); empty text is no date."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError:
        raise ValueError(f"{what} không đúng dạng {DATE_HINT}.") from None


def parse_birth(text: str | None, today: dt.date | None = None) -> tuple[int | None, dt.date | None]:
    """A birth date, or a year alone as old records hold it: (year, date)."""
    text = (text or "").strip()
    if not text:
        return None, None
    today = today or dt.date.today()
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        born = None
    else:
        try:
            born = parse_date(text)
        except ValueError:
            raise ValueError(f"Ngày sinh không đúng dạng {DATE_HINT}, hoặc chỉ năm sinh như 1955.") from None
        year = born.year
    if year < 1900 or (born or dt.date(year, 1, 1)) > today:
        raise ValueError("Ngày sinh không hợp lý (trước năm 1900 hoặc sau hôm nay).")
    return year, born


def parse_id_number(text: str | int | None) -> str | None:
    """CCCD (12 digits) or old CMND (9 digits). A sheet that stored it as a
    number lost its leading zeros: they come back."""
    if text is None:
        return None
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    if isinstance(text, int) and not isinstance(text, bool):
        # A number cell: the province code's leading zeros (001 Hà Nội) are gone.
        digits = str(text)
        return digits.zfill(12) if len(digits) > 9 else digits.zfill(9)
    raw = re.sub(r"[\s.\-]", "", str(text))
    if not raw:
        return None
    if not raw.isdigit():
        raise ValueError("Số CCCD chỉ gồm chữ số: 12 số (CMND cũ: 9 số).")
    if len(raw) not in (12, 9):
        raise ValueError(f"Số CCCD phải có 12 chữ số (CMND cũ: 9 chữ số); đã nhập {len(raw)} chữ số.")
    return raw


def parse_phone(text: str | int | None) -> str:
    """A Vietnamese phone number: 10 digits starting with 0 (landlines 10-11);
    +84 becomes 0, spaces and dots go, a lost leading zero comes back."""
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    raw = re.sub(r"[\s.\-()]", "", str(text))
    if not raw:
        return ""
    if raw.startswith("+84"):
        raw = "0" + raw[3:]
    elif raw.startswith("84") and len(raw) == 11:
        raw = "0" + raw[2:]
    if raw.isdigit() and not raw.startswith("0") and len(raw) in (9, 10):
        raw = "0" + raw
    if not raw.isdigit() or not raw.startswith("0") or len(raw) not in (10, 11):
        raise ValueError("Số điện thoại phải có 10 chữ số, bắt đầu bằng 0 (ví dụ 0912345678).")
    return raw


def required_name(text: str | None, what: str = "Họ và tên") -> str:
    name = nfc(text)
    if not name:
        raise ValueError(f"{what} không được để trống.")
    return name
