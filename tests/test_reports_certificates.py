"""Certificates read back: one landscape page per recipient, the exact
Vietnamese text, embedded fonts, progress, cancel, emblem."""

from __future__ import annotations

import datetime as dt
import struct
import unicodedata
import zlib

import pytest
from pypdf import PdfReader
from test_reports_helpers import assert_fonts_embedded, make_decision, pdf_text

from models.base import ModelError
from models.catalogues import CommendationForm
from models.commendation_ops import decision_rows
from models.commendations import Recipient
from reports.certificates import write_certificates
from reports.errors import Cancelled


@pytest.fixture
def decision(seeded):
    return make_decision(seeded)


def test_one_landscape_page_per_recipient(decision, tmp_path):
    out = tmp_path / "gk.pdf"
    assert write_certificates(decision, out) == 3
    reader = PdfReader(str(out))
    assert len(reader.pages) == 3
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points


def test_certificate_text(decision, tmp_path):
    out = tmp_path / "gk.pdf"
    write_certificates(decision, out)
    pages = pdf_text(out)
    # Groups first, then people, as in the list.
    assert "Tổ dân vận Hòa Bình" in pages[0]
    assert "Nguyễn Thị Hải Yến" in pages[1] and "Tổ trưởng Tổ dân phố số 1" in pages[1]
    assert "Đặng Văn Long" in pages[2]
    for page in pages:
        assert "GIẤY KHEN" in page
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
        assert "Độc lập - Tự do - Hạnh phúc" in page
        assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI" in page
        assert "Tặng" in page
        assert "Quyết định số 07/QĐ-UBND ngày 05/01/2026" in page
        assert "Phúc Lợi, ngày 05 tháng 01 năm 2026" in page
        assert "Nguyễn Văn Thắng" in page
    assert "Hoàn thành xuất sắc nhiệm vụ tổ trưởng năm 2025" in pages[1]
    assert "Số sổ vàng: 12/2026" in pages[1]
    assert "Số sổ vàng" not in pages[2]  # none was given for Long


def test_fonts_embedded(decision, tmp_path):
    out = tmp_path / "gk.pdf"
    write_certificates(decision, out)
    assert_fonts_embedded(out)


def test_other_form_prints_its_own_name(seeded, tmp_path):
    form = CommendationForm.get(CommendationForm.code == "bang_khen_ct_tinh")
    decision = make_decision(seeded, number="15/QĐ-UBND", form=form)
    out = tmp_path / "bk.pdf"
    write_certificates(decision, out)
    text = pdf_text(out)[0]
    assert "BẰNG KHEN" in text and "GIẤY KHEN" not in text


def test_delegated_signature_has_two_titles(seeded, tmp_path):
    form = CommendationForm.get(CommendationForm.code == "giay_khen_mttq_xa")
    decision = make_decision(seeded, number="03/QĐ-MTTQ", form=form, signer_title="Chủ tịch")
    out = tmp_path / "mttq.pdf"
    write_certificates(decision, out)
    text = pdf_text(out)[0]
    assert "TM. BAN THƯỜNG TRỰC" in text and "CHỦ TỊCH" in text


def test_decomposed_text_is_drawn_composed(seeded, tmp_path):
    nfd = unicodedata.normalize("NFD", "Gương mẫu trong phong trào khuyến học")
    decision = make_decision(seeded, recipients=[{"person": seeded.hung, "achievement": "x"}])
    Recipient.update(achievement=nfd).where(
        Recipient.decision == decision
    ).execute()  # raw, as an import might
    out = tmp_path / "nfc.pdf"
    write_certificates(decision, out)
    raw = PdfReader(str(out)).pages[0].extract_text()
    assert "Gương mẫu trong phong trào khuyến học" in raw


def test_long_achievement_stays_inside(seeded, tmp_path):
    long = " ".join(
        ["Đã có thành tích xuất sắc trong phong trào toàn dân đoàn kết xây dựng đời sống văn hóa"] * 3
    )
    decision = make_decision(seeded, recipients=[{"group": seeded.groups[0], "achievement": long}])
    out = tmp_path / "long.pdf"
    write_certificates(decision, out)
    words = pdf_text(out)[0].split()
    assert words.count("hóa") == 3  # the whole text, wrapped, none dropped


def test_progress_reports_each_page(decision, tmp_path):
    calls = []
    write_certificates(decision, tmp_path / "p.pdf", progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_cancel_leaves_no_file(decision, tmp_path):
    folder = tmp_path / "out"  # the database lives in tmp_path itself
    folder.mkdir()
    out = folder / "c.pdf"
    asked = []

    def cancel():
        asked.append(1)
        return len(asked) > 2  # stop before the third page

    with pytest.raises(Cancelled):
        write_certificates(decision, out, cancel=cancel)
    assert len(asked) == 3
    assert list(folder.iterdir()) == []


def test_cancel_keeps_an_older_file(decision, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "c.pdf"
    out.write_bytes(b"old")
    with pytest.raises(Cancelled):
        write_certificates(decision, out, cancel=lambda: True)
    assert out.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["c.pdf"]


def _png(path, size=8):
    """A small red square PNG, written by hand."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + b"\xcc\x10\x10" * size for _ in range(size))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def _images(path):
    reader = PdfReader(str(path))
    found = 0
    for page in reader.pages:
        for xobj in page["/Resources"]["/XObject"].values():
            xobj = xobj.get_object()
            inner = xobj.get("/Resources", {}).get("/XObject", {})
            found += sum(1 for x in inner.values() if x.get_object().get("/Subtype") == "/Image")
    return found


def test_logo_is_drawn_when_given(decision, tmp_path):
    plain, with_logo = tmp_path / "plain.pdf", tmp_path / "logo.pdf"
    write_certificates(decision, plain)
    write_certificates(decision, with_logo, logo=_png(tmp_path / "logo.png"))
    assert _images(plain) == 0
    assert _images(with_logo) >= 1
    assert "GIẤY KHEN" in pdf_text(with_logo)[0]


def test_missing_logo_and_empty_decision_refused(seeded, decision, tmp_path):
    with pytest.raises(ModelError, match="Không tìm thấy tệp hình biểu trưng"):
        write_certificates(decision, tmp_path / "x.pdf", logo=tmp_path / "none.png")
    for r in Recipient.select().where(Recipient.decision == decision):
        r.tombstone()
    with pytest.raises(ModelError, match="không có cá nhân hoặc tập thể nào"):
        write_certificates(decision, tmp_path / "x.pdf")
    assert list(tmp_path.glob("*.pdf")) == []


def test_rows_can_be_given(decision, tmp_path):
    rows = decision_rows(decision)[:1]
    assert write_certificates(decision, tmp_path / "one.pdf", rows=rows, place="Hà Nội") == 1
    assert "Hà Nội, ngày 05 tháng 01 năm 2026" in pdf_text(tmp_path / "one.pdf")[0]


def test_seeded_decision_date_format(seeded, tmp_path):
    out = tmp_path / "s.pdf"
    write_certificates(seeded.decision, out)
    text = pdf_text(out)[1]
    assert f"Phúc Lợi, ngày 10 tháng 01 năm {seeded.year}" in text
    assert f"Quyết định số 125/QĐ-UBND ngày 10/01/{seeded.year}" in text
    assert "Tổ dân phố số 1" in pdf_text(out)[0]
    assert dt.date.today().year == seeded.year


def test_party_committee_certificate_and_list(seeded, tmp_path):
    from models.commendation_ops import create_decision
    from reports.commendation_list import write_commendation_list

    decision = create_decision(
        number="21-QĐ/ĐU",
        signed_on=dt.date(2026, 2, 3),
        issuer="Đảng ủy phường Phúc Lợi",
        signer_name="Trần Thị Mai",
        signer_title="Bí thư",
        form="giay_khen_dang_uy",
        recipients=[{"person": seeded.yen, "achievement": "Hoàn thành xuất sắc nhiệm vụ"}],
    )
    write_certificates(decision, tmp_path / "dang.pdf")
    text = pdf_text(tmp_path / "dang.pdf")[0]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "CỘNG HÒA" not in text
    assert "BÍ THƯ ĐẢNG ỦY PHƯỜNG PHÚC LỢI" in text and "GIẤY KHEN" in text
    write_commendation_list(decision, tmp_path / "dang-ds.pdf")
    listed = pdf_text(tmp_path / "dang-ds.pdf")[0]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in listed and "Độc lập" not in listed
