"""The commendation decision editor (Khen thưởng): the decision's number,
date, issuing body, signer and form; its recipients (people and groups found
as one types) with their achievement and golden-book number; the "one
achievement, one form" warning before saving.

A saved decision opens read-only: its recipients are fixed once it is saved
(certificates may already be printed from it).

Also the emblem picker the certificate printers share (``LogoPicker``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QImageReader, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import commendation_ops as ops
from models.base import ModelError, context
from models.db import get_setting, set_setting
from models.listing import GroupListing, PersonListing
from models.text import format_date, format_int

from ..forms import ERROR_STYLE, FormDialog
from . import forms

SEARCH_DELAY_MS = 150
PEOPLE_SHOWN = 25
GROUPS_SHOWN = 10
LOGO_SETTING = "certificate_logo"
PERSON, GROUP = "Cá nhân", "Tập thể"
DEFAULT_COLOR = QColor(110, 110, 110)  # an achievement taken from the decision's default


@dataclass
class Entry:
    """One recipient in the editor. ``achievement`` None: the decision's default."""

    person_id: int | None
    group_id: int | None
    name: str
    detail: str
    achievement: str | None = None
    golden_book_no: str = ""

    @property
    def is_group(self) -> bool:
        return self.group_id is not None

    @property
    def key(self) -> tuple[str, int | None]:
        return ("p", self.person_id) if self.person_id is not None else ("g", self.group_id)


class RecipientSearch(QWidget):
    """A search box over people (the word index) and groups, with the matches
    listed under it; Enter or a double click adds the highlighted one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        row = QHBoxLayout()
        self.box = QLineEdit()
        self.box.setPlaceholderText("Gõ họ tên người hoặc tên tổ, ví dụ: nguyen thi hai yen, to dan pho so 1")
        self.box.setClearButtonEnabled(True)
        self.add_button = QPushButton("Thê&m vào quyết định")
        row.addWidget(self.box, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.results = QListWidget()
        self.results.setMaximumHeight(120)
        layout.addWidget(self.results)
        self.people = PersonListing()
        self.groups = GroupListing()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.box.textChanged.connect(lambda _text: self.timer.start())
        self.timer.timeout.connect(self.refresh)
        self.box.returnPressed.connect(self._enter)

    def refresh(self) -> None:
        self.timer.stop()
        text = self.box.text()
        self.results.clear()
        if not text.strip():
            return
        for row in self.groups.fetch(0, GROUPS_SHOWN, text, active=True):
            name, area, kind, gid = row[0], row[1], row[2], row[-1]
            detail = area if kind in name or area in name else f"{kind}, {area}"
            self._add_item(Entry(None, gid, name, area), f"{GROUP}: {name} — {detail}")
        for row in self.people.fetch(0, PEOPLE_SHOWN, text):
            name, birth, area, address, pid = row[0], row[2], row[5], row[6], row[-1]
            detail = ", ".join(p for p in (f"sinh {birth}" if birth else "", address or area) if p)
            self._add_item(Entry(pid, None, name, address or area or ""), f"{PERSON}: {name} — {detail}")
        if self.results.count():
            self.results.setCurrentRow(0)

    def _add_item(self, entry: Entry, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, entry)
        self.results.addItem(item)

    def _enter(self) -> None:
        if self.timer.isActive():
            self.refresh()
        self.add_button.click()

    def chosen(self) -> Entry | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


class DuplicateDialog(QDialog):
    """"One achievement, one form": these recipients already have this form
    this year. ``choice`` is "remove", "keep" or "" (back to the editor)."""

    def __init__(self, duplicates: list[ops.Duplicate], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Đã được khen thưởng trong năm")
        self.resize(640, 320)
        self.choice = ""
        self.duplicates = duplicates
        layout = QVBoxLayout(self)
        head = QLabel(
            "Theo nguyên tắc <b>một thành tích chỉ khen một hình thức</b>, những người, tập thể sau "
            "đã được khen cùng hình thức này trong năm:")
        head.setWordWrap(True)
        layout.addWidget(head)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.addItems([d.message for d in duplicates])
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox()
        self.remove_button = buttons.addButton("&Bỏ ra khỏi quyết định", QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button = buttons.addButton("&Vẫn lưu", QDialogButtonBox.ButtonRole.YesRole)
        back = buttons.addButton("&Quay lại sửa", QDialogButtonBox.ButtonRole.RejectRole)
        self.remove_button.clicked.connect(lambda: self._choose("remove"))
        self.keep_button.clicked.connect(lambda: self._choose("keep"))
        back.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.remove_button.setDefault(True)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class DecisionDialog(FormDialog):
    """A new decision (``decision_id`` None) or a saved one, shown read-only."""

    COLUMNS = ("Cá nhân / Tập thể", "Họ và tên / Tên tập thể", "Chức vụ, địa chỉ / Đơn vị", "Thành tích",
               "Số sổ vàng")
    ACHIEVEMENT, BOOK = 3, 4

    def __init__(self, parent: QWidget | None = None, decision_id: int | None = None, today: dt.date | None = None):
        super().__init__("Xem quyết định khen thưởng" if decision_id else "Quyết định khen thưởng mới", parent)
        self.today = today or dt.date.today()
        self.decision_id = decision_id
        self.viewing = decision_id is not None
        self.entries: list[Entry] = []
        self._filling = False
        self._auto = {"issuer": "", "signer_title": ""}
        self.resize(1000, 740)
        self.setMinimumWidth(820)

        self.number = self.line("number", "&Số quyết định (*):", "", "ví dụ: 125/QĐ-UBND")
        self.signed_on = self.add("signed_on", "&Ngày ký (*):", forms.date_edit(self.today))
        self.signed_on.setMaximumWidth(140)
        self.form_box = forms.choice_box((f.form_id, f.name) for f in ops.form_choices())
        self.add("form", "&Hình thức khen thưởng (*):", self.form_box)
        self.issuer = self.line("issuer", "&Cơ quan ban hành (*):", "", "ví dụ: ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI")
        signer_row = QWidget()
        row = QHBoxLayout(signer_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.signer_name = QLineEdit()
        self.signer_name.setPlaceholderText("Họ và tên người ký")
        self.signer_title = QLineEdit()
        self.signer_title.setPlaceholderText("ví dụ: CHỦ TỊCH")
        title_label = QLabel("Chức &vụ:")
        title_label.setBuddy(self.signer_title)
        row.addWidget(self.signer_name, 3)
        row.addWidget(title_label)
        row.addWidget(self.signer_title, 2)
        self.add("signer_name", "Người &ký (*):", signer_row, buddy=self.signer_name)
        self.fields["signer_name"] = self.signer_name
        self.fields["signer_title"] = self.signer_title
        self.reason = self.line("reason", "Lý &do khen thưởng:", "",
                                f"ví dụ: Đã có thành tích xuất sắc trong phong trào thi đua năm {self.today.year}")

        self._build_recipients()

        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText("&Lưu")
        self.save_button.setToolTip("Phím tắt: Ctrl+S")
        self.save_key = QShortcut(QKeySequence("Ctrl+S"), self)
        self.save_key.activated.connect(self.try_accept)

        if self.viewing:
            self._show_saved(decision_id)  # type: ignore[arg-type]
        else:
            self.form_box.currentIndexChanged.connect(lambda _i: self._form_changed())
            self._form_changed()
            self.number.setFocus()
            if context.read_only:
                self.save_button.setEnabled(False)
                self.save_key.setEnabled(False)

    # -- building ----------------------------------------------------------------------

    def add(self, key: str, label: str, widget: QWidget, hint: str = "", buddy: QWidget | None = None) -> QWidget:
        """A field with its error under it, and its label's mnemonic on the field."""
        super().add(key, label, widget, hint)
        box = self.form.itemAt(self.form.rowCount() - 1, QFormLayout.ItemRole.FieldRole).widget()
        caption = self.form.labelForField(box)
        if isinstance(caption, QLabel):
            caption.setBuddy(buddy or widget)
        return widget

    def show_errors(self, errors: dict[str, str]) -> None:
        # The signer's title shares the signer's row, and its error line.
        if "signer_title" in errors and "signer_name" not in errors:
            errors = {("signer_name" if k == "signer_title" else k): v for k, v in errors.items()}
            super().show_errors(errors)
            self.signer_title.setFocus()
            return
        super().show_errors(errors)

    def _build_recipients(self) -> None:
        box = QGroupBox("Cá nhân, tập thể được khen thưởng")
        layout = QVBoxLayout(box)
        default_row = QHBoxLayout()
        self.default_caption = QLabel("&Thành tích chung:")
        self.default_achievement = QLineEdit()
        self.default_achievement.setPlaceholderText(
            f"ví dụ: Đã có thành tích xuất sắc trong phong trào thi đua năm {self.today.year}")
        self.default_achievement.setToolTip("Dùng cho mọi dòng chưa ghi thành tích riêng (chữ nghiêng, xám trong "
                                            "bảng); sửa ô Thành tích của một dòng để ghi riêng cho dòng đó.")
        self.default_caption.setBuddy(self.default_achievement)
        default_row.addWidget(self.default_caption)
        default_row.addWidget(self.default_achievement, 1)
        layout.addLayout(default_row)
        self.search = RecipientSearch()
        self.find_caption = QLabel("T&ìm người hoặc tổ để thêm:")
        self.find_caption.setBuddy(self.search.box)
        layout.addWidget(self.find_caption)
        layout.addWidget(self.search)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.ACHIEVEMENT, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in ((0, 130), (1, 220), (2, 200), (self.BOOK, 100)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.recipients_error = QLabel()
        self.recipients_error.setObjectName("error_recipients")
        self.recipients_error.setStyleSheet(ERROR_STYLE)
        self.recipients_error.setWordWrap(True)
        self.recipients_error.hide()
        layout.addWidget(self.recipients_error)
        self.errors["recipients"] = self.recipients_error
        self.fields["recipients"] = self.table
        bar = QHBoxLayout()
        self.remove_button = QPushButton("&Bỏ dòng đã chọn")
        self.remove_button.setToolTip("Phím tắt: Delete (trong bảng)")
        self.number_button = QPushButton("Đánh số sổ vàn&g")
        self.number_button.setToolTip("Ghi số sổ vàng cho các dòng còn trống, nối tiếp số đã dùng trong năm "
                                      "(ví dụ 2026-001, 2026-002 …)")
        self.count_label = QLabel()
        bar.addWidget(self.remove_button)
        bar.addWidget(self.number_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        layout.addLayout(bar)
        self.layout().insertWidget(1, box, 1)  # type: ignore[attr-defined]
        self.recipients_box = box

        self.search.add_button.clicked.connect(self.add_chosen)
        self.search.results.itemActivated.connect(lambda _item: self.add_chosen())
        self.remove_button.clicked.connect(self.remove_selected)
        self.number_button.clicked.connect(self.number_golden_book)
        self.default_achievement.textChanged.connect(lambda _t: self.refresh_table())
        self.table.itemChanged.connect(self._cell_edited)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        self.refresh_table()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter adds the person found, or ends a cell's edit; it never saves
        the whole decision by surprise (Ctrl+S or the Lưu button does)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(self.focusWidget(), QPushButton):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- a saved decision ----------------------------------------------------------------

    def _show_saved(self, decision_id: int) -> None:
        decision = ops.get_decision(decision_id)
        self.setWindowTitle(f"Quyết định số {decision.number} ngày {format_date(decision.signed_on)}")
        self.number.setText(decision.number)
        self.signed_on.setDate(forms.to_qdate(decision.signed_on))
        forms.select_value(self.form_box, decision.form_id)
        if self.form_box.currentData() != decision.form_id:  # a form since removed from the catalogue
            self.form_box.addItem(decision.form.name, decision.form_id)
            forms.select_value(self.form_box, decision.form_id)
        self.issuer.setText(decision.issuer)
        self.signer_name.setText(decision.signer_name)
        self.signer_title.setText(decision.signer_title)
        self.reason.setText(decision.reason)
        for widget in (self.number, self.issuer, self.signer_name, self.signer_title, self.reason):
            widget.setReadOnly(True)
        for widget in (self.signed_on, self.form_box):
            widget.setEnabled(False)
        # Shown only: the ids here are the recipient rows', not the people's or groups'.
        self.entries = [Entry(None if r.is_group else r.recipient_id, r.recipient_id if r.is_group else None,
                              r.name, r.position, r.achievement, r.golden_book_no)
                        for r in ops.decision_rows(decision)]
        for widget in (self.search, self.find_caption, self.remove_button, self.number_button,
                       self.default_achievement, self.default_caption):
            widget.setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setColumnWidth(1, 260)
        for row in range(self.form.rowCount()):  # nothing is asked for: no "(*)"
            caption = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if caption is not None and isinstance(caption.widget(), QLabel):
                caption.widget().setText(caption.widget().text().replace(" (*)", ""))
        self.refresh_table()
        self.save_button.hide()
        self.save_key.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Đóng")

    # -- recipients ---------------------------------------------------------------------

    def _form_changed(self) -> None:
        """Follow the form with the issuing body and the signer's title, unless
        the clerk has typed their own."""
        form = self.form_box.currentData()
        for key, widget, value in (("issuer", self.issuer, ops.default_issuer(form)),
                                   ("signer_title", self.signer_title, ops.default_signer_title(form))):
            if widget.text() == self._auto[key]:
                widget.setText(value)
            self._auto[key] = value

    def add_entry(self, entry: Entry) -> bool:
        """Add a recipient; False when it is already in the list (that row is selected)."""
        for i, e in enumerate(self.entries):
            if e.key == entry.key:
                self.table.selectRow(i)
                self.show_errors({"recipients": f"{entry.name} đã có trong danh sách (dòng {i + 1})."})
                return False
        self.entries.append(Entry(entry.person_id, entry.group_id, entry.name, entry.detail))
        self.refresh_table()
        self.table.selectRow(len(self.entries) - 1)
        self.recipients_error.hide()
        return True

    def add_chosen(self) -> None:
        entry = self.search.chosen()
        if entry is None:
            self.show_errors({"recipients": "Gõ tên rồi chọn một người hoặc một tổ trong danh sách tìm được."})
            return
        if self.add_entry(entry):
            self.search.box.selectAll()
            self.search.box.setFocus()

    def remove_selected(self) -> None:
        if self.viewing:
            return
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            del self.entries[row]
        self.refresh_table()

    def remove_keys(self, keys: set[tuple[str, int | None]]) -> None:
        self.entries = [e for e in self.entries if e.key not in keys]
        self.refresh_table()

    def number_golden_book(self) -> None:
        """Number the rows without a golden-book number, after the year's last one."""
        empty = [e for e in self.entries if not e.golden_book_no.strip()]
        if not empty:
            return
        year = forms.from_qdate(self.signed_on).year
        used = {e.golden_book_no for e in self.entries}
        start = ops.next_golden_book_number(year)
        numbers: list[str] = []
        while len(numbers) < len(empty):
            candidate = ops.golden_book_numbers(year, 1, start)[0]
            start += 1
            if candidate not in used:
                numbers.append(candidate)
        for entry, number in zip(empty, numbers):
            entry.golden_book_no = number
        self.refresh_table()

    def refresh_table(self) -> None:
        self._filling = True
        default = self.default_achievement.text().strip()
        self.table.setRowCount(len(self.entries))
        for i, e in enumerate(self.entries):
            own = e.achievement is not None and e.achievement.strip() != ""
            values = [GROUP if e.is_group else PERSON, e.name, e.detail,
                      e.achievement if own else default, e.golden_book_no]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value or "")
                if column not in (self.ACHIEVEMENT, self.BOOK):
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column == self.ACHIEVEMENT and not own and not self.viewing:
                    item.setForeground(QBrush(DEFAULT_COLOR))
                    font = QFont(item.font())
                    font.setItalic(True)
                    item.setFont(font)
                    item.setToolTip("Thành tích chung của quyết định; sửa ô này để ghi riêng cho dòng này.")
                elif len(value or "") > 30:
                    item.setToolTip(value)
                self.table.setItem(i, column, item)
        groups = sum(1 for e in self.entries if e.is_group)
        people = len(self.entries) - groups
        self.count_label.setText(f"{format_int(groups)} tập thể, {format_int(people)} cá nhân")
        self._filling = False

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or self.viewing or item.row() >= len(self.entries):
            return
        entry = self.entries[item.row()]
        text = item.text().strip()
        if item.column() == self.ACHIEVEMENT:
            default = self.default_achievement.text().strip()
            entry.achievement = None if not text or text == default else text
            QTimer.singleShot(0, self.refresh_table)  # not while the view is still committing the edit
        elif item.column() == self.BOOK:
            entry.golden_book_no = text

    def recipients(self) -> list[dict[str, Any]]:
        default = self.default_achievement.text()
        rows = []
        for e in self.entries:
            row: dict[str, Any] = {"person": e.person_id} if e.person_id is not None else {"group": e.group_id}
            row["achievement"] = e.achievement if e.achievement and e.achievement.strip() else default
            row["golden_book_no"] = e.golden_book_no
            rows.append(row)
        return rows

    # -- saving ---------------------------------------------------------------------------

    def ask_duplicates(self, duplicates: list[ops.Duplicate]) -> str:
        """"remove", "keep", or "" to go back to the editor."""
        dialog = DuplicateDialog(duplicates, self)
        dialog.exec()
        return dialog.choice

    def try_accept(self) -> None:
        if self.viewing or not self.save_button.isEnabled():
            return
        self.show_errors({})
        form = self.form_box.currentData()
        signed_on = forms.from_qdate(self.signed_on)
        if form is not None and self.entries:
            try:
                duplicates = ops.duplicate_commendations(self.recipients(), form, signed_on.year)
            except ModelError as exc:
                self.show_errors({exc.field or "_": exc.message})
                return
            if duplicates:
                choice = self.ask_duplicates(duplicates)
                if not choice:
                    return
                if choice == "remove":
                    self.remove_keys({("p", d.person_id) if d.person_id is not None else ("g", d.group_id)
                                      for d in duplicates})
                    if not self.entries:
                        self.show_errors({"recipients": "Đã bỏ hết; quyết định chưa có ai được khen thưởng."})
                        return
        super().try_accept()

    def submit(self) -> Any:
        return ops.create_decision(
            number=self.number.text(),
            signed_on=forms.from_qdate(self.signed_on),
            issuer=self.issuer.text(),
            signer_name=self.signer_name.text(),
            signer_title=self.signer_title.text(),
            form=self.form_box.currentData(),
            recipients=self.recipients(),
            reason=self.reason.text(),
        )


class LogoPicker(QWidget):
    """The emblem printed at the top of each certificate: an image file the
    office supplies (PNG or JPEG), optional. Starts with the last one used."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.path = QLineEdit()
        self.path.setPlaceholderText("Không in hình biểu trưng")
        self.path.setClearButtonEnabled(True)
        self.path.setMinimumWidth(260)
        self.choose_button = QPushButton("Chọn &hình…")
        layout.addWidget(self.path, 1)
        layout.addWidget(self.choose_button)
        self.choose_button.clicked.connect(self.choose)

    def load(self) -> None:
        """The last emblem used, if its file is still there."""
        last = get_setting(LOGO_SETTING, "") or ""
        self.path.setText(last if last and Path(last).is_file() else "")

    def choose(self) -> None:
        start = self.path.text() or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Chọn hình biểu trưng in trên giấy khen", start,
                                              "Hình ảnh (*.png *.jpg *.jpeg)")
        if path:
            self.path.setText(path)

    def value(self) -> str | None:
        return self.path.text().strip() or None

    def problem(self) -> str:
        """Why the chosen file cannot be printed, or ''."""
        value = self.value()
        if value is None:
            return ""
        if not Path(value).is_file():
            return f"Không tìm thấy tệp hình biểu trưng {value}."
        if not QImageReader(value).canRead():
            return f"Tệp {Path(value).name} không phải là hình ảnh đọc được (cần PNG hoặc JPEG)."
        return ""


def remember_logo(path: str | None) -> None:
    """Keep the emblem for next time (a viewer's choice is not kept)."""
    try:
        set_setting(LOGO_SETTING, path or "")
    except ModelError:
        pass
