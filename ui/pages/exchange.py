"""Trao đổi dữ liệu: the units whose data are in this database, the office's
keys and the partners' cards, sending and receiving USB packages, and the
log of packages sent and received."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exchange import keys as K
from models import db as dbmod
from models.base import ModelError, database
from models.listing import AdminUnitListing

from ..table_model import CENTER, Column
from ..tasks import Question, Task, TaskDialog
from .base import ListPage

CARD_FILTER = "Thẻ khóa Tổ Dân (*.card)"
PACKAGE_FILTER = "Gói dữ liệu Tổ Dân (*.tdx)"
KIND_LABELS = {"data-up": "Dữ liệu gửi lên", "catalogue-down": "Danh mục gửi xuống"}
DIRECTION_LABELS = {"sent": "Đã gửi", "received": "Đã nhận"}


def _message(error: BaseException | None) -> str:
    return getattr(error, "message", None) or str(error)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class SummaryDialog(QDialog):
    """The summary of one package or a batch, before the commit: per table, created /
    updated / unchanged / stale / conflicts; the packages and those refused;
    then the conflicts; asks before committing."""

    def __init__(self, batch, parent: QWidget | None = None):
        from exchange.records import TABLE_LABELS

        super().__init__(parent)
        self.setWindowTitle("Tóm tắt trước khi nhập gói dữ liệu")
        self.resize(820, 620)
        layout = QVBoxLayout(self)
        results = batch.results
        if len(results) == 1 and not batch.refused:
            r = results[0]
            what = "dữ liệu" if r.kind == "data-up" else "danh mục"
            layout.addWidget(QLabel(f"Gói {r.package}: {what} của {r.source_name} ({r.source}), "
                                    f"số {r.sequence}, {'đầy đủ' if r.full else 'các thay đổi'}."))
        else:
            layout.addWidget(QLabel(f"{len(results)} gói nhập được"
                                    + (f", {len(batch.refused)} gói bị từ chối." if batch.refused else ".")))
            self.packages = _table(["Gói", "Đơn vị gửi", "Số", "Thêm mới", "Cập nhật", "Xung đột"])
            _fill(self.packages, [(r.package, r.source_name, r.sequence, r.totals().created, r.totals().updated,
                                   r.totals().conflicts) for r in results])
            layout.addWidget(self.packages, 1)
        for gap in (r.gap for r in results if r.gap):
            label = QLabel(f"Cảnh báo: {gap}")
            label.setWordWrap(True)
            label.setStyleSheet("color: #b45309;")
            layout.addWidget(label)
        for line in batch.refusals():
            label = QLabel(line)
            label.setWordWrap(True)
            label.setStyleSheet("color: #b91c1c;")
            layout.addWidget(label)
        self.counts = _table(["Loại dữ liệu", "Thêm mới", "Cập nhật", "Không đổi", "Cũ hơn, bỏ qua", "Xung đột"])
        rows = [(TABLE_LABELS.get(t, t), c.created, c.updated, c.unchanged, c.stale, c.conflicts)
                for t, c in batch.counts.items()]
        total = batch.totals()
        rows.append(("Cộng", total.created, total.updated, total.unchanged, total.stale, total.conflicts))
        _fill(self.counts, rows)
        layout.addWidget(self.counts, 2)
        conflicts = [c for r in results for c in r.conflicts]
        layout.addWidget(QLabel(f"Xung đột (không được nhập): {len(conflicts)}"))
        self.conflicts = _table(["Loại dữ liệu", "Bản ghi", "Mã", "Lý do"])
        _fill(self.conflicts, [(TABLE_LABELS.get(c.table, c.table), c.label, c.uuid[:8], c.reason)
                               for c in conflicts[:1000]])
        layout.addWidget(self.conflicts, 1)
        note = QLabel("Chương trình sẽ sao lưu cơ sở dữ liệu trước khi nhập; việc nhập diễn ra trọn vẹn "
                      "hoặc không có gì thay đổi.")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox()
        text = "Nhập vào cơ sở dữ liệu" if not batch.refused else f"Bỏ qua gói bị từ chối, nhập {len(results)} gói"
        self.commit_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.commit_button.setEnabled(bool(results))
        buttons.addButton("Không nhập", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ExportDialog(QDialog):
    """Recipient, full or incremental, and the USB folder."""

    def __init__(self, recipients: list[tuple[str, str]], default: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Gửi gói dữ liệu")
        form = QFormLayout(self)
        self.recipient = QComboBox()
        for code, name in recipients:
            self.recipient.addItem(f"{name} ({code})", code)
        if default is not None and self.recipient.findData(default) >= 0:
            self.recipient.setCurrentIndex(self.recipient.findData(default))
        form.addRow("Đơn vị nhận:", self.recipient)
        self.incremental = QCheckBox("Chỉ gửi các thay đổi từ gói trước gửi cho đơn vị này")
        self.incremental.setChecked(True)
        form.addRow("", self.incremental)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setPlaceholderText("Thư mục trên USB")
        browse = QPushButton("Chọn…")
        browse.clicked.connect(self._browse)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form.addRow("Thư mục lưu gói:", folder_row)
        buttons = QDialogButtonBox()
        buttons.addButton("Xuất gói", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục trên USB", self.folder.text() or str(Path.home()))
        if folder:
            self.folder.setText(folder)

    def _accept(self) -> None:
        if self.recipient.currentData() is None:
            QMessageBox.warning(self, "Gửi gói dữ liệu", "Chưa có đơn vị nhận nào được đăng ký thẻ khóa.")
            return
        if not self.folder.text() or not Path(self.folder.text()).is_dir():
            QMessageBox.warning(self, "Gửi gói dữ liệu", "Hãy chọn thư mục trên USB để lưu gói.")
            return
        self.accept()


class ExchangePage(ListPage):
    title = "Trao đổi dữ liệu"
    noun = "đơn vị"
    search_hint = "Tìm đơn vị theo tên hoặc mã"
    stretch_column = 1
    columns = [
        Column("Mã đơn vị", align=CENTER),
        Column("Tên đơn vị"),
        Column("Cấp"),
        Column("Mã tỉnh", align=CENTER),
    ]

    def __init__(self, parent=None):
        super().__init__(AdminUnitListing(), parent)
        note = QLabel("Các đơn vị có dữ liệu trong cơ sở dữ liệu này. Gói dữ liệu gửi qua USB được ký và mã hóa; "
                      "khi nhận, chương trình chạy thử và cho xem kết quả trước khi nhập.")
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)
        self.key_label = QLabel()
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.insertWidget(2, self.key_label)
        self.create_button = self.add_tool(QPushButton("Tạo khóa…"))
        self.card_button = self.add_tool(QPushButton("Ghi thẻ khóa…"))
        self.register_button = self.add_tool(QPushButton("Đăng ký thẻ khóa…"))
        self.export_button = self.add_tool(QPushButton("Gửi gói ra USB…"))
        self.import_button = self.add_tool(QPushButton("Nhận gói từ USB…"))
        self.watch(self.create_button.clicked, self.create_keys)
        self.watch(self.card_button.clicked, self.export_card)
        self.watch(self.register_button.clicked, self.register_card)
        self.watch(self.export_button.clicked, self.export_package)
        self.watch(self.import_button.clicked, self.import_package)
        self.layout_.addWidget(QLabel("Thẻ khóa đã đăng ký"))
        self.partners = _table(["Đơn vị", "Mã", "Dấu vân tay", "Ngày đăng ký"])
        self.partners.setMaximumHeight(140)
        self.layout_.addWidget(self.partners)
        self.layout_.addWidget(QLabel("Nhật ký gói đã gửi, đã nhận"))
        self.log = _table(["Thời gian", "Gửi / nhận", "Loại gói", "Đơn vị gửi", "Đơn vị nhận", "Số gói",
                           "Đầy đủ", "Số bản ghi", "Tệp", "Ghi chú"])
        self.log.setMaximumHeight(200)
        self.layout_.addWidget(self.log)

    # -- state

    @property
    def db_path(self) -> Path:
        return Path(database.obj.database)

    def load(self) -> None:
        super().load()
        self.refresh_exchange()

    def refresh_exchange(self) -> None:
        key = K.office_key()
        if key is None:
            self.key_label.setText("Văn phòng này chưa có khóa: hãy bấm “Tạo khóa…” trước khi gửi hoặc nhận gói.")
        else:
            self.key_label.setText(f"Dấu vân tay khóa của văn phòng này: {key.fingerprint} "
                                   "(đọc cho văn phòng kia qua điện thoại khi họ đăng ký thẻ khóa).")
        self.create_button.setEnabled(key is None)
        for b in (self.card_button, self.export_button, self.import_button):
            b.setEnabled(key is not None)
        _fill(self.partners, [("Khóa dự phòng" if p.role == "escrow" else p.name, p.unit_code, p.fingerprint,
                               f"{p.registered_at:%d/%m/%Y}") for p in K.partners()])
        _fill(self.log, self.log_rows())

    def log_rows(self) -> list[tuple]:
        from models.packages import package_log

        rows = []
        for e in package_log():
            counts = json.loads(e.counts or "{}")
            if e.direction == "sent":
                total = sum(v for v in counts.values() if isinstance(v, int))
            else:
                total = sum(v.get("created", 0) + v.get("updated", 0) for v in counts.values() if isinstance(v, dict))
            rows.append((f"{e.at:%d/%m/%Y %H:%M}", DIRECTION_LABELS.get(e.direction, e.direction),
                         KIND_LABELS.get(e.kind, e.kind), e.source_unit, e.target_unit, e.sequence,
                         "Có" if e.full else "Không", total, e.file_name, e.note))
        return rows

    # -- questions (tests replace these)

    def ask_passphrase(self, twice: bool = False) -> str | None:
        text, ok = QInputDialog.getText(self, "Mật khẩu bảo vệ khóa", "Mật khẩu bảo vệ khóa của văn phòng:",
                                        QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if twice:
            again, ok = QInputDialog.getText(self, "Mật khẩu bảo vệ khóa", "Nhập lại mật khẩu:",
                                             QLineEdit.EchoMode.Password)
            if not ok:
                return None
            if again != text:
                QMessageBox.warning(self, "Mật khẩu bảo vệ khóa", "Hai lần nhập mật khẩu không giống nhau.")
                return None
        return text

    def ask_fingerprint(self, card: K.Card) -> str | None:
        who = "khóa dự phòng" if card.escrow else f"{card.name} ({card.unit_code})"
        text, ok = QInputDialog.getText(
            self, "Xác nhận dấu vân tay",
            f"Thẻ khóa của {who}.\nGọi điện cho văn phòng đó, nhờ họ đọc dấu vân tay khóa của họ rồi gõ lại "
            f"vào đây.\nDấu vân tay trên thẻ: {card.fingerprint}")
        return text if ok else None

    def ask_commit(self, result) -> bool:
        return SummaryDialog(result, self).exec() == QDialog.DialogCode.Accepted

    def ask_export(self) -> tuple[str, bool, str] | None:
        from exchange.export import default_recipient

        recipients = [(p.unit_code, p.name) for p in K.partners() if p.role == "office"]
        dialog = ExportDialog(recipients, default_recipient(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.recipient.currentData(), dialog.incremental.isChecked(), dialog.folder.text()

    def _run(self, title: str, text: str, fn, *args, cancellable: bool = True):
        dialog = TaskDialog(title, text, Task(fn, *args, parent=self), self, cancellable=cancellable)
        if not dialog.run():
            if dialog.error is not None:
                QMessageBox.critical(self, title, _message(dialog.error))
            return None
        return dialog.result_value

    # -- actions

    def create_keys(self) -> None:
        unit = dbmod.home_unit()
        passphrase = self.ask_passphrase(twice=True)
        if passphrase is None or unit is None:
            return
        try:
            key = K.create_office_keys(unit.code, passphrase)
        except ModelError as exc:
            QMessageBox.warning(self, "Tạo khóa", exc.message)
            return
        QMessageBox.information(self, "Tạo khóa", f"Đã tạo khóa. Dấu vân tay: {key.fingerprint}\n"
                                "Hãy nhớ mật khẩu: không có nó thì không gửi, không nhận được gói.")
        self.refresh_exchange()

    def export_card(self) -> None:
        unit, level = dbmod.home_unit(), dbmod.home_level()
        if unit is None or level is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Ghi thẻ khóa", str(Path.home() / f"{unit.code}.card"),
                                              CARD_FILTER)
        if not path:
            return
        try:
            card = K.export_card(path, unit.full_name, level.value)
        except ModelError as exc:
            QMessageBox.warning(self, "Ghi thẻ khóa", exc.message)
            return
        QMessageBox.information(self, "Ghi thẻ khóa", f"Đã ghi thẻ khóa {Path(path).name}.\n"
                                f"Dấu vân tay: {card.fingerprint}")

    def register_card(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Đăng ký thẻ khóa", str(Path.home()), CARD_FILTER)
        if not path:
            return
        try:
            card = K.read_card(path)
            typed = self.ask_fingerprint(card)
            if typed is None:
                return
            K.register_card(card, typed)
        except ModelError as exc:
            QMessageBox.warning(self, "Đăng ký thẻ khóa", exc.message)
            return
        self.refresh_exchange()

    def export_package(self) -> None:
        from exchange.export import export_package

        choice = self.ask_export()
        if choice is None:
            return
        recipient, incremental, folder = choice
        passphrase = self.ask_passphrase()
        if passphrase is None:
            return

        def work(progress, cancelled):
            return export_package(folder, passphrase, to=recipient, since_last=incremental,
                                  progress=progress, cancelled=cancelled)

        result = self._run("Gửi gói dữ liệu", f"Đang xuất gói cho đơn vị {recipient}…", work)
        if result is not None:
            QMessageBox.information(self, "Gửi gói dữ liệu", f"Đã ghi gói {result.path.name} "
                                    f"({result.total} bản ghi) vào {result.path.parent}.")
            self.refresh_exchange()

    def import_package(self) -> None:
        """One pass: every package checked and written inside one transaction,
        the summary shown before the commit (no: nothing changes)."""
        from exchange.merge import import_packages

        paths, _ = QFileDialog.getOpenFileNames(self, "Nhận gói từ USB", str(Path.home()), PACKAGE_FILTER)
        if not paths:
            return
        passphrase = self.ask_passphrase()
        if passphrase is None:
            return
        names = Path(paths[0]).name if len(paths) == 1 else f"{len(paths)} gói"
        db_path = self.db_path
        confirm = Question(self.ask_commit, self)

        def work(progress, cancelled):
            # The window holds the writer lock; the backup is taken first. Refused packages are
            # listed in the summary and stay out if the user goes on.
            return import_packages(paths, passphrase, db_path=db_path, skip_refused=True, confirm=confirm,
                                   progress=progress, cancelled=cancelled)

        batch = self._run("Nhận gói dữ liệu", f"Đang kiểm tra và nhập {names}…", work)
        if batch is not None and batch.committed:
            packages = ", ".join(r.package for r in batch.results)
            QMessageBox.information(self, "Nhận gói dữ liệu", f"Đã nhập gói {packages}. "
                                    f"Bản sao lưu trước khi nhập: {batch.backup}")
            self.reload()
            self.refresh_exchange()
