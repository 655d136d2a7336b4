"""The Trao đổi dữ liệu page: keys, sending a package, receiving one with
the dry-run summary and confirmation, the package log."""

from __future__ import annotations

import pytest
from exchange_support import C1, PASS, build_offices, close, export_from, file_hash, use
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def offices(tmp_path):
    yield build_offices(tmp_path / "o")
    close()


@pytest.fixture
def said(monkeypatch):
    messages = []
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda _parent, title, text, *a, kind=name, **k:
                            messages.append((kind, title, text)))
    return messages


def _page(qtbot, db, monkeypatch):
    from ui.pages.exchange import ExchangePage

    use(db)
    page = ExchangePage()
    qtbot.addWidget(page)
    page.show()
    page.activate()
    monkeypatch.setattr(page, "ask_passphrase", lambda twice=False: PASS)
    return page


def test_receiving_a_package_shows_the_summary_then_commits(qtbot, offices, monkeypatch, said):
    from PySide6.QtWidgets import QFileDialog

    package = export_from(offices.c1, offices.folder).path
    page = _page(qtbot, offices.p, monkeypatch)
    assert "Dấu vân tay" in page.key_label.text() and page.partners.rowCount() == 2
    assert page.log.rowCount() == 0
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(package)], ""))
    seen = []

    def commit(result):
        from ui.pages.exchange import SummaryDialog

        dialog = SummaryDialog(result, page)
        seen.append((dialog.counts.rowCount(), dialog.counts.item(dialog.counts.rowCount() - 1, 1).text()))
        return True

    monkeypatch.setattr(page, "ask_commit", commit)
    page.import_package()
    assert seen and seen[0][0] > 10 and int(seen[0][1]) > 1000
    assert said[-1][0] == "information" and "Đã nhập gói" in said[-1][2]
    assert page.log.rowCount() == 1 and page.log.item(0, 1).text() == "Đã nhận"
    codes = [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
    assert C1 in codes

    # The same package again: refused with one sentence, nothing changes.
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()  # the worker closes its connection last
    close()
    digest = file_hash(offices.p)
    use(offices.p)
    page.import_package()
    assert said[-1][0] == "critical" and "đã được nhập" in said[-1][2]
    QThreadPool.globalInstance().waitForDone()
    close()
    assert file_hash(offices.p) == digest


def test_receiving_several_packages_leaves_out_the_refused_one_when_told(qtbot, offices, monkeypatch, said, tmp_path):
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QFileDialog

    from ui.pages.exchange import SummaryDialog

    first = export_from(offices.c1, offices.folder).path
    other = export_from(offices.c2, offices.folder).path
    broken = tmp_path / "hong.tdx"
    broken.write_bytes(b"PK\x03\x04 not a package")
    # Opened and planned in the helper process, as a province's large batch is, from the screen's thread.
    monkeypatch.setattr("exchange.opening.HELPER_FROM", 2)
    page = _page(qtbot, offices.p, monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(first), str(broken), str(other)], ""))
    seen = []

    def commit(batch):
        dialog = SummaryDialog(batch, page)
        seen.append((dialog.packages.rowCount(), dialog.commit_button.text(), dialog.commit_button.isEnabled()))
        return True

    monkeypatch.setattr(page, "ask_commit", commit)
    page.import_package()
    assert seen == [(2, "Bỏ qua gói bị từ chối, nhập 2 gói", True)]
    assert said[-1][0] == "information" and first.name in said[-1][2] and other.name in said[-1][2]
    assert page.log.rowCount() == 2
    QThreadPool.globalInstance().waitForDone()


def test_declining_the_summary_changes_nothing(qtbot, offices, monkeypatch, said):
    from PySide6.QtWidgets import QFileDialog

    package = export_from(offices.c1, offices.folder).path
    digest = file_hash(offices.p)
    page = _page(qtbot, offices.p, monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(package)], ""))
    monkeypatch.setattr(page, "ask_commit", lambda result: False)
    page.import_package()
    assert not said
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()
    close()
    assert file_hash(offices.p) == digest


def test_sending_a_package_from_a_commune(qtbot, offices, monkeypatch, said, tmp_path):
    out = tmp_path / "usb"
    out.mkdir()
    page = _page(qtbot, offices.c1, monkeypatch)
    monkeypatch.setattr(page, "ask_export", lambda: ("38", True, str(out)))
    page.export_package()
    assert said[-1][0] == "information" and f"{C1}-0001.tdx" in said[-1][2]
    assert (out / f"{C1}-0001.tdx").exists()
    assert page.log.item(0, 1).text() == "Đã gửi" and page.log.item(0, 5).text() == "1"


def test_keys_are_made_with_a_passphrase_and_cards_registered(qtbot, tmp_path, monkeypatch, said):
    from PySide6.QtWidgets import QFileDialog

    from exchange import keys as K
    from models import db as dbmod
    from models.enums import Level
    from models.units import find_unit

    dbmod.init_database(tmp_path / "x.todan", find_unit("38", Level.PROVINCE), Level.PROVINCE).close()
    page = _page(qtbot, tmp_path / "x.todan", monkeypatch)
    assert "chưa có khóa" in page.key_label.text() and not page.export_button.isEnabled()
    page.create_keys()
    assert said[-1][0] == "information" and page.export_button.isEnabled()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "p.card"), ""))
    page.export_card()
    card = K.read_card(tmp_path / "p.card")
    assert card.fingerprint in said[-1][2]
    # Another office's card: a wrong fingerprint is refused, the right one registers it.
    other = K.Card(C1, "Phường Hàm Rồng", "commune", card.sign_public[::-1], card.enc_public[::-1])
    (tmp_path / "c.card").write_bytes(other.to_bytes())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "c.card"), ""))
    monkeypatch.setattr(page, "ask_fingerprint", lambda c: "AAAA-AAAA-AAAA-AAAA")
    page.register_card()
    assert said[-1][0] == "warning" and "không khớp" in said[-1][2] and page.partners.rowCount() == 0
    monkeypatch.setattr(page, "ask_fingerprint", lambda c: c.fingerprint)
    page.register_card()
    assert page.partners.rowCount() == 1 and page.partners.item(0, 1).text() == C1
    close()
