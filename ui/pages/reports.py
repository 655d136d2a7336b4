"""Báo cáo: pick a document, its year and unit; preview its text and tables;
save it as PDF, Word or Excel; open it in the system's viewer; print it.

Building and writing run off the UI thread (``ui.tasks``) with a progress
bar and a cancel button. Without QtPdf the window cannot draw a PDF page, so
the preview shows the document's outline (its text, tables and chart), and
"In" hands the saved PDF to the system: its print verb on Windows, else the
viewer, from which the clerk prints.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reports import catalog
from reports.letterhead import Format

from ..tasks import run_writing
from .base import BasePage
from .decision_dialog import LogoPicker, remember_logo

WHOLE = "Toàn tỉnh"
FORMAT_LABELS = {Format.STATE: "Văn bản hành chính nhà nước (Nghị định 30/2020)",
                 Format.PARTY: "Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)"}


class ReportsPage(BasePage):
    title = "Báo cáo"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.saved: Path | None = None
        top = QHBoxLayout()
        form = QFormLayout()
        self.document_box = QComboBox()
        for d in catalog.DOCUMENTS:
            self.document_box.addItem(d.name, d.key)
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(dt.date.today().year)
        self.unit_box = QComboBox()
        self.group_box = QComboBox()
        self.group_box.setMinimumWidth(320)
        self.decision_box = QComboBox()
        self.style_box = QComboBox()
        for fmt, text in FORMAT_LABELS.items():
            self.style_box.addItem(text, fmt)
        self.type_box = QComboBox()
        self.logo = LogoPicker()
        self.logo.setToolTip("Hình biểu trưng do cơ quan cung cấp (PNG, JPEG), in ở đầu mỗi giấy khen; "
                             "để trống nếu không in hình.")
        self.rows: dict[str, tuple[QLabel, QWidget]] = {}
        for key, caption, widget in (("document", "&Tài liệu:", self.document_box), ("year", "&Năm:", self.year_box),
                                     ("unit", "&Đơn vị:", self.unit_box), ("group", "T&ổ:", self.group_box),
                                     ("decision", "&Quyết định:", self.decision_box),
                                     ("style", "T&hể thức:", self.style_box), ("type", "Định dạn&g tệp:", self.type_box),
                                     ("logo", "Hình &biểu trưng:", self.logo)):
            label = QLabel(caption)
            label.setBuddy(self.logo.path if widget is self.logo else widget)
            form.addRow(label, widget)
            self.rows[key] = (label, widget)
        top.addLayout(form, 1)
        buttons = QVBoxLayout()
        self.preview_button = QPushButton("&Xem trước")
        self.save_button = QPushButton("&Lưu tệp…")
        self.open_button = QPushButton("&Mở tệp đã lưu")
        self.print_button = QPushButton("&In")
        for b in (self.preview_button, self.save_button, self.open_button, self.print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        top.addLayout(buttons)
        self.layout_.addLayout(top)
        self.status = QLabel("Chọn tài liệu rồi bấm Xem trước hoặc Lưu tệp.")
        self.status.setWordWrap(True)
        self.layout_.addWidget(self.status)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.layout_.addWidget(self.preview, 1)

        self.watch(self.document_box.currentIndexChanged, lambda _i: self.document_changed())
        self.watch(self.preview_button.clicked, self.show_preview)
        self.watch(self.save_button.clicked, self.save)
        self.watch(self.open_button.clicked, self.open_saved)
        self.watch(self.print_button.clicked, self.print_saved)
        self.open_button.setEnabled(False)
        self.print_button.setEnabled(False)

    # -- choices ----------------------------------------------------------------------

    def load(self) -> None:
        from models.commendation_ops import decision_summaries
        from models.db import home_level
        from models.enums import Level
        from models.meeting_ops import group_choices
        from models.report_figures import commune_choices

        self.province = home_level() is Level.PROVINCE
        self.unit_box.clear()
        if self.province:
            self.unit_box.addItem(WHOLE, None)
            for code, name in commune_choices():
                self.unit_box.addItem(name, code)
        self.group_box.clear()
        for g in group_choices():
            shown = g.name if g.area_name in g.name else f"{g.name} – {g.area_name}"
            self.group_box.addItem(shown, g.group_id)
        self.logo.load()
        self.decision_box.clear()
        for d in reversed(decision_summaries()):
            self.decision_box.addItem(f"{d.number} ngày {d.signed_on:%d/%m/%Y} ({d.recipients} người, tập thể)",
                                      d.number)
        self.document_changed()

    def choice(self) -> catalog.Choice:
        return catalog.BY_KEY[self.document_box.currentData()]

    def document_changed(self) -> None:
        c = self.choice()
        shown = {"year": c.needs_year or c.needs_group, "unit": getattr(self, "province", False),
                 "group": c.needs_group, "decision": c.needs_decision, "logo": c.key == "certificates",
                 "style": c.key not in ("certificates", "commendation-list", "party-comments")}
        for key, visible in shown.items():
            for w in self.rows[key]:
                w.setVisible(visible)
        self.style_box.setCurrentIndex(self.style_box.findData(c.default_format))
        self.type_box.clear()
        for suffix in c.formats:
            self.type_box.addItem(catalog.FORMAT_NAMES[suffix], suffix)

    def request(self) -> catalog.Request:
        c = self.choice()
        return catalog.Request(key=c.key, year=self.year_box.value(), unit=self.unit_box.currentData(),
                               group=self.group_box.currentData(), decision=self.decision_box.currentData(),
                               fmt=self.style_box.currentData(),
                               logo=self.logo.value() if c.key == "certificates" else None)

    def _missing(self, req: catalog.Request) -> str:
        c = self.choice()
        if c.needs_group and req.group is None:
            return "Chưa có tổ nào để chọn."
        if c.needs_decision and not req.decision:
            return "Chưa có quyết định khen thưởng nào: thêm quyết định ở trang Khen thưởng."
        if req.logo:
            return self.logo.problem()
        return ""

    # -- actions ----------------------------------------------------------------------

    def _run(self, title: str, text: str, fn, *args):
        return run_writing(self, self.status, title, text, fn, *args, message_title="Báo cáo")

    def show_preview(self) -> None:
        req = self.request()
        missing = self._missing(req)
        if missing:
            self.status.setText(missing)
            return

        def build(progress=None, cancelled=None) -> str:
            return catalog.preview_html(req, progress=progress, cancelled=cancelled)

        html = self._run("Xem trước", f"Đang chuẩn bị {self.choice().name.lower()}…", build)
        if html is not None:
            self.preview.setHtml(html)
            self.status.setText("Bản xem trước cho thấy nội dung và các bảng; bấm Lưu tệp để có bản in đúng thể thức.")

    def save(self) -> None:
        req = self.request()
        missing = self._missing(req)
        if missing:
            self.status.setText(missing)
            return
        suffix = self.type_box.currentData()
        start = str(Path.home() / catalog.suggested_name(req, suffix))
        name = catalog.FORMAT_NAMES[suffix]
        path, _ = QFileDialog.getSaveFileName(self, "Lưu tài liệu", start, f"{name} (*{suffix})")
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix

        def write(progress=None, cancelled=None) -> Path:
            return catalog.write(req, path, progress=progress, cancelled=cancelled)

        done = self._run("Lưu tài liệu", f"Đang ghi {Path(path).name}…", write)
        if done is not None:
            if req.key == "certificates":
                remember_logo(req.logo)
            self.saved = Path(done)
            self.status.setText(f"Đã lưu {self.saved}.")
            self.open_button.setEnabled(True)
            self.print_button.setEnabled(self.saved.suffix.lower() == ".pdf")

    def open_saved(self) -> None:
        if self.saved is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved)))

    def print_saved(self) -> None:
        """Hand the PDF to the system to print (Windows' print verb), else open
        it in the viewer to print from there."""
        if self.saved is None:
            return
        if sys.platform == "win32":
            try:
                os.startfile(str(self.saved), "print")  # type: ignore[attr-defined]
                self.status.setText(f"Đã gửi {self.saved.name} tới máy in mặc định.")
                return
            except OSError:
                pass
        self.open_saved()
        self.status.setText(f"Đã mở {self.saved.name}; in từ chương trình xem PDF (Ctrl+P).")
