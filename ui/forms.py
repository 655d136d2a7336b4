"""A dialog with labelled fields, each with its error shown under it in red."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from models.base import ModelError
from models.registers import FormError

ERROR_STYLE = "color: #b41414; font-size: 9pt;"
NONE = "— không chọn —"


def combo(choices: list[tuple[Any, str]], current: Any = None, empty: str | None = NONE) -> QComboBox:
    box = QComboBox()
    if empty is not None:
        box.addItem(empty, None)
    for value, text in choices:
        box.addItem(text, value)
    if current is not None:
        index = box.findData(current)
        if index >= 0:
            box.setCurrentIndex(index)
    return box


class FormDialog(QDialog):
    """Fields in a form; ``submit`` saves, and a FormError puts each message
    under its field instead of closing the dialog."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.result_value: Any = None
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        outer.addLayout(self.form)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        outer.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Lưu")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    def add(self, key: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        if isinstance(widget, QLineEdit) and hint:
            widget.setPlaceholderText(hint)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        layout.addWidget(error)
        self.form.addRow(label, box)
        self.fields[key] = widget
        self.errors[key] = error
        return widget

    def line(self, key: str, label: str, value: str = "", hint: str = "") -> QLineEdit:
        edit = QLineEdit(value or "")
        return self.add(key, label, edit, hint)  # type: ignore[return-value]

    def check(self, key: str, label: str, value: bool = False) -> QCheckBox:
        box = QCheckBox()
        box.setChecked(bool(value))
        return self.add(key, label, box)  # type: ignore[return-value]

    def value(self, key: str) -> Any:
        widget = self.fields[key]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        raise TypeError(key)

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setVisible(key in errors)
            label.setText(errors.get(key, ""))
        other = [m for k, m in errors.items() if k not in self.errors]
        self.general_error.setVisible(bool(other))
        self.general_error.setText(" ".join(other))
        first = next((self.fields[k] for k in errors if k in self.fields), None)
        if first is not None:
            first.setFocus()

    def submit(self) -> Any:
        raise NotImplementedError

    def try_accept(self) -> None:
        try:
            self.result_value = self.submit()
        except FormError as exc:
            self.show_errors(exc.errors)
            return
        except ModelError as exc:
            self.show_errors({exc.field or "_": exc.message})
            return
        self.accept()


def ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def run_op(parent: QWidget, op: Callable[[], Any]) -> bool:
    """Run a register operation; a broken rule is shown, not raised."""
    try:
        op()
    except ModelError as exc:
        QMessageBox.warning(parent, "Không thực hiện được", exc.message)
        return False
    return True
