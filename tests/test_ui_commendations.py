"""The Khen thưởng page and the decision editor, driven as a clerk would:
a decision with a person and a group, the "one achievement, one form"
warning, a refused save, certificates with an emblem, a cancelled batch."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox
from test_reports_helpers import pdf_text

from models.commendation_ops import create_decision
from models.commendations import Decision, Recipient
from models.db import get_setting
from ui.pages import commendations as page_module
from ui.tasks import TaskDialog
from ui.pages import forms
from ui.pages.commendations import CertificateOptions, CommendationsPage
from ui.pages.decision_dialog import DecisionDialog, RecipientSearch


@pytest.fixture
def page(qtbot, seeded):
    page = CommendationsPage()
    qtbot.addWidget(page)
    page.activate()
    return page


def search_and_add(dialog: DecisionDialog, text: str, starts: str) -> None:
    dialog.search.box.setText(text)
    dialog.search.refresh()
    results = dialog.search.results
    for i in range(results.count()):
        if results.item(i).text().startswith(starts):
            results.setCurrentRow(i)
            break
    else:
        raise AssertionError(f"{starts!r} not among {[results.item(i).text() for i in range(results.count())]}")
    dialog.search.add_button.click()


def fill_header(dialog: DecisionDialog, number: str, day: dt.date) -> None:
    dialog.number.setText(number)
    dialog.signed_on.setDate(forms.to_qdate(day))
    dialog.signer_name.setText("Nguyễn Văn Thắng")


def open_new(page, monkeypatch, fill) -> list[DecisionDialog]:
    """Ctrl+N's dialog, filled by ``fill`` and saved instead of waiting for the clerk."""
    opened = []

    def exec_(dialog):
        opened.append(dialog)
        fill(dialog)
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(DecisionDialog, "exec", exec_)
    page.new_decision()
    return opened


def test_new_decision_with_a_person_and_a_group(page, seeded, monkeypatch, qtbot):
    assert page.count_label.text() == "1 quyết định"

    def fill(dialog):
        assert dialog.issuer.text() == "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI"
        assert dialog.signer_title.text() == "CHỦ TỊCH"
        assert dialog.form_box.currentText() == "Giấy khen của Chủ tịch UBND cấp xã"
        fill_header(dialog, "130/QĐ-UBND", dt.date(seeded.year, 3, 2))
        dialog.reason.setText("Khen thưởng phong trào Quý I")
        dialog.default_achievement.setText("Có thành tích xuất sắc trong Quý I")
        search_and_add(dialog, "pham quoc hung", "Cá nhân: Phạm Quốc Hùng")
        search_and_add(dialog, "hoa binh", "Tập thể: Tổ dân vận Hòa Bình")
        # The same person twice is refused in the editor already.
        search_and_add(dialog, "hung", "Cá nhân: Phạm Quốc Hùng")
        assert "Phạm Quốc Hùng đã có trong danh sách (dòng 1)." == dialog.recipients_error.text()
        assert dialog.count_label.text() == "1 tập thể, 1 cá nhân"
        # The group's own achievement; the person keeps the default one.
        dialog.table.item(1, dialog.ACHIEVEMENT).setText("Tổ dân vận tiêu biểu")
        dialog.number_golden_book()
        assert [dialog.table.item(r, dialog.BOOK).text() for r in range(2)] == [
            f"{seeded.year}-001", f"{seeded.year}-002"]

    opened = open_new(page, monkeypatch, fill)
    assert opened[0].result() == DecisionDialog.DialogCode.Accepted
    assert page.count_label.text() == "2 quyết định"
    row = page.current_row()
    assert row[:5] == ("130/QĐ-UBND", dt.date(seeded.year, 3, 2), "Giấy khen của Chủ tịch UBND cấp xã",
                       "Nguyễn Văn Thắng", 2)
    assert page.status.text() == "Đã lưu Quyết định số 130/QĐ-UBND."
    decision = Decision.get(Decision.number == "130/QĐ-UBND")
    assert decision.reason == "Khen thưởng phong trào Quý I"
    saved = {(r.person_id, r.group_id): (r.achievement, r.golden_book_no) for r in decision.recipients}
    assert saved == {
        (seeded.hung.id, None): ("Có thành tích xuất sắc trong Quý I", f"{seeded.year}-001"),
        (None, seeded.groups[1].id): ("Tổ dân vận tiêu biểu", f"{seeded.year}-002"),
    }
    # The next numbering goes on from the last number used this year.
    dialog = DecisionDialog(page)
    qtbot.addWidget(dialog)
    dialog.entries.append(_entry(seeded.dang.id))
    dialog.number_golden_book()
    assert dialog.entries[0].golden_book_no == f"{seeded.year}-003"
    # Enter on the row opens it to read: fields are read-only, no Save.
    shown = []
    monkeypatch.setattr(DecisionDialog, "exec", lambda d: shown.append(d) or 0)
    page.open_selected()
    view = shown[0]
    assert view.viewing and view.number.isReadOnly() and view.save_button.isHidden()
    assert [view.table.item(r, 1).text() for r in range(2)] == ["Tổ dân vận Hòa Bình", "Phạm Quốc Hùng"]
    assert view.count_label.text() == "1 tập thể, 1 cá nhân"


def _entry(person_id):
    from ui.pages.decision_dialog import Entry

    return Entry(person_id, None, "Đặng Văn Long", "")


def test_duplicate_warning_same_form_same_year_only(page, seeded, monkeypatch):
    asked = []

    def answer(choice):
        def ask(dialog, duplicates):
            asked.append([d.message for d in duplicates])
            return choice
        return ask

    # Yến already has the default form this year (Quyết định 125/QĐ-UBND).
    monkeypatch.setattr(DecisionDialog, "ask_duplicates", answer("remove"))

    def fill(dialog):
        fill_header(dialog, "131/QĐ-UBND", dt.date(seeded.year, 5, 1))
        dialog.default_achievement.setText("Tích cực")
        search_and_add(dialog, "nguyen thi hai yen", "Cá nhân: Nguyễn Thị Hải Yến")
        search_and_add(dialog, "dang van long", "Cá nhân: Đặng Văn Long")

    open_new(page, monkeypatch, fill)
    assert asked == [[(
        f"Nguyễn Thị Hải Yến đã được khen thưởng hình thức Giấy khen của Chủ tịch UBND cấp xã năm {seeded.year} "
        f"(Quyết định số 125/QĐ-UBND ngày 10/01/{seeded.year})."
    )]]
    decision = Decision.get(Decision.number == "131/QĐ-UBND")
    assert [r.person_id for r in decision.recipients] == [seeded.dang.id]  # Yến was taken out

    # "Go back": nothing is saved, the dialog stays open with both rows.
    asked.clear()
    monkeypatch.setattr(DecisionDialog, "ask_duplicates", answer(""))

    def fill_back(dialog):
        fill_header(dialog, "132/QĐ-UBND", dt.date(seeded.year, 6, 1))
        dialog.default_achievement.setText("Tích cực")
        search_and_add(dialog, "yen", "Cá nhân: Nguyễn Thị Hải Yến")

    opened = open_new(page, monkeypatch, fill_back)
    assert len(asked) == 1 and opened[0].result() == 0 and len(opened[0].entries) == 1
    assert not Decision.select().where(Decision.number == "132/QĐ-UBND").exists()

    # "Save anyway" keeps her.
    monkeypatch.setattr(DecisionDialog, "ask_duplicates", answer("keep"))
    open_new(page, monkeypatch, fill_back)
    assert [r.person_id for r in Decision.get(Decision.number == "132/QĐ-UBND").recipients] == [seeded.yen.id]

    # Another year, or another form: no warning at all.
    asked.clear()
    monkeypatch.setattr(DecisionDialog, "ask_duplicates", answer(""))

    def fill_other_year(dialog):
        fill_header(dialog, "05/QĐ-UBND", dt.date(seeded.year + 1, 1, 8))
        dialog.default_achievement.setText("Tích cực")
        search_and_add(dialog, "yen", "Cá nhân: Nguyễn Thị Hải Yến")

    opened = open_new(page, monkeypatch, fill_other_year)
    assert asked == [] and opened[0].result() == DecisionDialog.DialogCode.Accepted

    def fill_other_form(dialog):
        fill_other_year(dialog)
        dialog.number.setText("06/QĐ-MTTQ")
        dialog.signed_on.setDate(forms.to_qdate(dt.date(seeded.year, 7, 1)))
        dialog.form_box.setCurrentIndex(dialog.form_box.findText("Giấy khen của Ban Thường trực UBMTTQ cấp xã"))
        # The issuing body and the title follow the form while the clerk has not typed their own.
        assert dialog.issuer.text() == "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG PHÚC LỢI"
        assert dialog.signer_title.text() == "CHỦ TỊCH"

    opened = open_new(page, monkeypatch, fill_other_form)
    assert asked == [] and opened[0].result() == DecisionDialog.DialogCode.Accepted


def test_model_errors_are_shown_and_nothing_is_saved(page, seeded, monkeypatch):
    before = (Decision.select().count(), Recipient.select().count())

    def fill(dialog):
        dialog.signer_name.setText("Nguyễn Văn Thắng")
        dialog.default_achievement.setText("Tích cực")
        search_and_add(dialog, "hung", "Cá nhân: Phạm Quốc Hùng")

    opened = open_new(page, monkeypatch, fill)
    dialog = opened[0]
    assert dialog.result() == 0
    assert dialog.errors["number"].text() == "Chưa nhập số quyết định."
    assert dialog.errors["number"].isVisibleTo(dialog)
    # No recipients: the message goes under the list.
    dialog.number.setText("140/QĐ-UBND")
    dialog.remove_keys({("p", seeded.hung.id)})
    dialog.try_accept()
    assert dialog.recipients_error.text() == "Quyết định chưa có cá nhân hoặc tập thể nào được khen thưởng."
    assert not dialog.errors["number"].isVisibleTo(dialog)
    # A recipient without any achievement: the row is named.
    dialog.default_achievement.setText("")
    search_and_add(dialog, "hung", "Cá nhân: Phạm Quốc Hùng")
    dialog.try_accept()
    assert dialog.recipients_error.text() == "Dòng 1 (Phạm Quốc Hùng): chưa nhập thành tích."
    # The number already used this year by the same body.
    dialog.default_achievement.setText("Tích cực")
    dialog.number.setText("125/QĐ-UBND")
    dialog.issuer.setText("UBND phường Phúc Lợi")
    dialog.try_accept()
    assert dialog.errors["number"].text() == f"Quyết định số 125/QĐ-UBND năm {dt.date.today().year} của UBND phường Phúc Lợi đã có."
    assert (Decision.select().count(), Recipient.select().count()) == before
    assert page.count_label.text() == "1 quyết định"


def write_png(path) -> str:
    image = QImage(120, 120, QImage.Format.Format_ARGB32)
    image.fill(QColor(200, 20, 20))
    assert image.save(str(path))
    return str(path)


def test_certificates_one_page_each_and_the_logo_is_remembered(page, seeded, tmp_path, monkeypatch, qtbot):
    many = [{"group": g.id, "achievement": "Tổ tiêu biểu"} for g in seeded.groups[:2]] + [
        {"person": p.id, "achievement": "Tích cực", "golden_book_no": f"{seeded.year}-00{i}"}
        for i, p in enumerate((seeded.dang, seeded.an, seeded.binh), start=1)]
    create_decision("150/QĐ-UBND", dt.date(seeded.year, 4, 1), "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI",
                    "Nguyễn Văn Thắng", "CHỦ TỊCH", _default_form(), many)
    page.reload()
    page.table.selectRow(0)
    assert page.current_row()[0] == "150/QĐ-UBND"
    logo = write_png(tmp_path / "quoc-huy.png")
    out = tmp_path / "giay khen.pdf"
    seen = {}

    def options_exec(dialog):
        seen["start"] = dialog.logo.value()
        dialog.logo.path.setText(logo)
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(CertificateOptions, "exec", options_exec)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out)[:-4], ""))
    asked, opened = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(page_module.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    page.print_certificates()
    assert seen["start"] is None  # nothing remembered yet
    reader = PdfReader(str(out))
    assert len(reader.pages) == 5
    texts = pdf_text(out)
    assert "Tổ dân phố số 1" in texts[0] and "Đặng Văn Long" in texts[2]
    assert any("/XObject" in str(p.get("/Resources", {})) for p in reader.pages)
    assert get_setting("certificate_logo") == logo
    assert asked == [f"Đã lưu 5 giấy khen vào {out}.\nMở tệp ngay để xem và in?"]
    assert opened == [str(out)]
    assert not (tmp_path / "giay khen.pdf.part").exists()

    # Next time the emblem is offered again.
    options = CertificateOptions("150/QĐ-UBND", dt.date(seeded.year, 4, 1), 5, page)
    qtbot.addWidget(options)
    assert options.logo.value() == logo
    # A file that is not a picture is refused before anything is written.
    bad = tmp_path / "not-a-picture.png"
    bad.write_text("no")
    options.logo.path.setText(str(bad))
    options.try_accept()
    assert options.result() == 0 and "không phải là hình ảnh đọc được" in options.error.text()


def _default_form():
    from models.catalogues import CommendationForm

    return CommendationForm.get(CommendationForm.is_default == True)


def test_cancelled_certificates_leave_no_file(page, seeded, tmp_path, monkeypatch):
    page.table.selectRow(0)
    out = tmp_path / "gk.pdf"
    monkeypatch.setattr(CertificateOptions, "exec", lambda dialog: CertificateOptions.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    real_run = TaskDialog.run

    def cancel_then_run(dialog):  # the clerk presses Hủy at once
        dialog.task.cancel()
        return real_run(dialog)

    monkeypatch.setattr(TaskDialog, "run", cancel_then_run)
    page.print_certificates()
    assert page.status.text() == "Đã hủy; không có tệp nào được ghi."
    assert not out.exists() and not (tmp_path / "gk.pdf.part").exists()
    assert get_setting("certificate_logo") is None


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".xlsx"])
def test_commendation_list_in_each_format(page, seeded, tmp_path, monkeypatch, suffix):
    page.table.selectRow(0)
    out = tmp_path / f"ds{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.save_list()
    assert out.stat().st_size > 0
    assert page.status.text() == f"Đã lưu danh sách khen thưởng vào {out}."


def test_search_lists_groups_and_people(qtbot, seeded):
    search = RecipientSearch()
    qtbot.addWidget(search)
    search.box.setText("dong tam")  # a dissolved group is not offered
    search.refresh()
    assert search.results.count() == 0
    search.box.setText("so 1")
    search.refresh()
    assert search.results.item(0).text() == "Tập thể: Tổ dân phố số 1 — Khu phố 1"
    search.box.setText("yen")
    search.refresh()
    assert search.results.item(0).text() == "Cá nhân: Nguyễn Thị Hải Yến — sinh 14/05/1978, Số 12 ngõ 5 phố Phúc Lợi"


def test_reports_page_certificates_take_the_logo(qtbot, seeded, tmp_path, monkeypatch):
    from ui.pages.reports import ReportsPage

    logo = write_png(tmp_path / "logo.png")
    page = ReportsPage()
    qtbot.addWidget(page)
    page.activate()
    assert not page.rows["logo"][1].isVisibleTo(page)
    page.document_box.setCurrentIndex(page.document_box.findData("certificates"))
    assert page.rows["logo"][1].isVisibleTo(page) and page.logo.value() is None
    page.logo.path.setText(str(tmp_path / "missing.png"))
    page.save()  # refused before any file is asked for
    assert page.status.text() == f"Không tìm thấy tệp hình biểu trưng {tmp_path / 'missing.png'}."
    page.logo.path.setText(logo)
    out = tmp_path / "gk.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.save()
    assert len(PdfReader(str(out)).pages) == 2
    assert get_setting("certificate_logo") == logo
    again = ReportsPage()
    qtbot.addWidget(again)
    again.activate()
    assert again.logo.value() == logo


def test_enter_in_the_search_box_adds_and_does_not_save(qtbot, seeded):
    from PySide6.QtCore import Qt

    dialog = DecisionDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    fill_header(dialog, "160/QĐ-UBND", dt.date(seeded.year, 8, 1))
    dialog.default_achievement.setText("Tích cực")
    dialog.search.box.setFocus()
    qtbot.keyClicks(dialog.search.box, "dang van")
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Return)  # searches at once, adds the first match
    assert [e.name for e in dialog.entries] == ["Đặng Văn Long"]
    assert dialog.isVisible() and not Decision.select().where(Decision.number == "160/QĐ-UBND").exists()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == DecisionDialog.DialogCode.Accepted
    assert Decision.select().where(Decision.number == "160/QĐ-UBND").exists()


def test_page_keys_new_and_open(qtbot, page, monkeypatch):
    from PySide6.QtCore import Qt

    opened = []
    monkeypatch.setattr(DecisionDialog, "exec", lambda d: opened.append(d.viewing) or 0)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)
    page.table.setFocus()
    assert page.current_row()[0] == "125/QĐ-UBND"  # the newest is selected on arrival
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [False, True]
