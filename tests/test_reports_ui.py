"""The Báo cáo page: preview, save in the background, open."""

from __future__ import annotations

from docx import Document
from PySide6.QtWidgets import QFileDialog
from test_reports_helpers import pdf_text

from ui.pages import reports as page_module
from ui.tasks import TaskDialog
from ui.pages.reports import ReportsPage


def _pick(page: ReportsPage, key: str) -> None:
    page.document_box.setCurrentIndex(page.document_box.findData(key))


def test_preview_and_save_summary(seeded, qtbot, tmp_path, monkeypatch):
    page = ReportsPage()
    qtbot.addWidget(page)
    page.activate()
    assert page.document_box.currentText() == "Báo cáo tổng kết năm"
    assert [page.type_box.itemText(i) for i in range(page.type_box.count())] == [
        "PDF", "Word (.docx)", "Excel (.xlsx)"]
    assert not page.rows["group"][1].isVisibleTo(page)
    page.show_preview()
    text = page.preview.toPlainText()
    assert "Tổng kết hoạt động các tổ ở khu dân cư năm" in text
    assert "Đảng viên trực tiếp làm tổ trưởng" in text
    out = tmp_path / "tk.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    opened = []
    monkeypatch.setattr(page_module.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    page.save()
    assert page.status.text() == f"Đã lưu {out}."
    assert "BÁO CÁO" in pdf_text(out)[0]
    page.print_saved()
    assert opened == [str(out)]
    assert "in từ chương trình xem PDF" in page.status.text()


def test_party_comments_and_register(seeded, qtbot, tmp_path, monkeypatch):
    page = ReportsPage()
    qtbot.addWidget(page)
    page.activate()
    _pick(page, "party-comments")
    assert [page.type_box.itemText(i) for i in range(page.type_box.count())] == ["PDF", "Word (.docx)"]
    page.show_preview()
    assert "Mỗi đảng viên một trang (không in đảng viên được miễn): 1 phiếu" in page.preview.toPlainText()
    assert "Đặng Văn Long" not in page.preview.toPlainText()
    _pick(page, "meeting-register")
    assert page.rows["group"][1].isVisibleTo(page)
    page.group_box.setCurrentIndex(page.group_box.findText("Tổ dân phố số 1 – Khu phố 1"))
    page.type_box.setCurrentIndex(page.type_box.findData(".docx"))
    out = tmp_path / "so"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.save()
    saved = tmp_path / "so.docx"
    assert page.saved == saved and not page.print_button.isEnabled()
    assert any(p.text == "SỔ SINH HOẠT TỔ" for p in Document(str(saved)).paragraphs)


def test_cancelled_certificates_leave_nothing(seeded, qtbot, tmp_path, monkeypatch):
    page = ReportsPage()
    qtbot.addWidget(page)
    page.activate()
    _pick(page, "certificates")
    assert page.decision_box.currentData() == "125/QĐ-UBND"
    out = tmp_path / "gk.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    real_run = TaskDialog.run

    def cancel_then_run(dialog):  # the clerk presses Hủy at once
        dialog.task.cancel()
        return real_run(dialog)

    monkeypatch.setattr(TaskDialog, "run", cancel_then_run)
    page.save()
    assert page.status.text() == "Đã hủy; không có tệp nào được ghi."
    assert not out.exists()
