"""Vietnamese text rules: search folding, sorting, number formats."""

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.text import fold, format_int, format_money, format_percent, nfc, parse_date, sort_key

VIETNAMESE = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíị"
                              "òỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ", max_size=40)


def test_fold_finds_names_typed_without_marks():
    assert fold("Nguyễn Thị Hải Yến") == "nguyen thi hai yen"
    assert fold("ĐẶNG Văn Đức") == "dang van duc"
    assert fold("Nguye\u0302\u0303n") == "nguyen"  # decomposed marks from a sheet


def test_nfc_joins_decomposed_marks_and_spaces():
    decomposed = unicodedata.normalize("NFD", "Nguyễn  Thị   Hải Yến ")
    assert nfc(decomposed) == "Nguyễn Thị Hải Yến"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


@given(VIETNAMESE)
def test_fold_leaves_no_marks_and_no_d_stroke(text):
    folded = fold(text)
    assert "đ" not in folded
    assert not any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", folded))
    assert fold(folded) == folded


@given(VIETNAMESE)
def test_sort_key_ignores_how_the_name_was_encoded(text):
    assert sort_key(unicodedata.normalize("NFD", text)) == sort_key(text)


def test_people_sorted_by_given_then_middle_then_family_name():
    # Written by hand in the order a Vietnamese clerk expects.
    expected = [
        "Trần Văn An",
        "Lê Thị Anh",
        "Nguyễn Thị Ánh",     # same letters as Anh: the tone (sắc) comes after ngang
        "Phạm Văn Ân",        # â is its own letter, after a
        "Hoàng Thị Bình",
        "Đỗ Văn Dũng",
        "Nguyễn Văn Đạt",     # đ after d
        "Vũ Thị Hà",          # huyền
        "Trần Thị Hạ",        # nặng after huyền, whatever the family name
        "Bùi Văn Hải",
        "Lê Đức Minh",        # same given name: middle name Đức before Văn
        "Nguyễn Văn Minh",    # same given and middle: family Nguyễn before Trần
        "Trần Văn Minh",
        "Lê Thị Oanh",
        "Đinh Văn Ổn",        # ô after o
        "Vũ Văn Ơn",          # ơ after ô
        "Lê Thị Uyên",
        "Trần Văn Ưng",       # ư after u
        "Nguyễn Thị Hải Yến",
        "Trần Thị Yến",
    ]
    shuffled = sorted(expected, key=fold)
    assert shuffled != expected
    assert sorted(shuffled, key=sort_key) == expected


def test_tones_order_ngang_huyen_hoi_nga_sac_nang():
    names = ["Lê Văn Ma", "Lê Văn Mà", "Lê Văn Mả", "Lê Văn Mã", "Lê Văn Má", "Lê Văn Mạ"]
    assert sorted(reversed(names), key=sort_key) == names


def test_numbers_in_vietnamese_form():
    assert format_int(1817) == "1.817"
    assert format_int(271744) == "271.744"
    assert format_int(7) == "7"
    assert format_percent(497, 1817) == "27,35%"
    assert format_percent(985, 1817) == "54,21%"
    assert format_percent(44870, 47603) == "94,26%"
    assert format_percent(1, 0) == "0,00%"
    assert format_money(2_000_000) == "2.000.000 đ"


def test_dates_typed_by_a_clerk():
    assert parse_date("05/09/2025") == dt.date(2025, 9, 5)
    assert parse_date("5/9/25") == dt.date(2025, 9, 5)
    assert parse_date("1/1/60") == dt.date(1960, 1, 1)
    for bad in ("31/02/2024", "2024-01-01", "hôm qua", ""):
        with pytest.raises(ValueError):
            parse_date(bad)
