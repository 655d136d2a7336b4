"""Small pieces shared by the activity screens' forms: date fields, choice
boxes, check lists, error messages, a toolbar with shortcuts, and a helper
that runs a function off the UI thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QWidget,
)

from models.base import ModelError

from ..tasks import Task

DATE_FORMAT = "dd/MM/yyyy"
ERROR_TITLE = "Chưa lưu được"


def date_edit(value: dt.date | None = None, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDate(to_qdate(value or dt.date.today()))
    return edit


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


class ChoiceBox(QComboBox):
    """A combo box whose values stay Python objects: Qt would turn a str
    enum (RecommendationState ...) stored as item data into a plain str."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._values: list[Any] = []

    def addItem(self, text: str, value: Any = None) -> None:
        self._values.append(value)
        super().addItem(text, len(self._values) - 1)

    def clear(self) -> None:
        self._values = []
        super().clear()

    def currentData(self, role: int = Qt.ItemDataRole.UserRole) -> Any:
        slot = super().currentData(role)
        return self._values[slot] if isinstance(slot, int) and 0 <= slot < len(self._values) else None

    def findData(self, value: Any, *args: Any) -> int:
        for i in range(self.count()):
            slot = self.itemData(i)
            if isinstance(slot, int) and self._values[slot] == value and type(self._values[slot]) is type(value):
                return i
        return -1


def choice_box(items: Iterable[tuple[Any, str]], searchable: bool = False, parent: QWidget | None = None) -> QComboBox:
    """A combo box whose item data are the values; searchable ones accept
    typing part of a name (without marks too, through the completer)."""
    box = ChoiceBox(parent)
    for value, text in items:
        box.addItem(text, value)
    if searchable:
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = box.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return box


def select_value(box: QComboBox, value: Any) -> None:
    index = box.findData(value)
    if index >= 0:
        box.setCurrentIndex(index)


def check_list(parent: QWidget | None = None) -> QListWidget:
    widget = QListWidget(parent)
    widget.setAlternatingRowColors(True)
    return widget


def fill_checks(widget: QListWidget, items: Iterable[tuple[Any, str, bool]]) -> None:
    widget.clear()
    for value, text, checked in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        widget.addItem(item)


def checked_values(widget: QListWidget) -> list[Any]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


def set_all_checked(widget: QListWidget, checked: bool) -> None:
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    for i in range(widget.count()):
        widget.item(i).setCheckState(state)


def show_error(parent: QWidget | None, error: ModelError, fields: dict[str, QWidget] | None = None) -> None:
    """Tell the clerk what is wrong and put the cursor on that field."""
    QMessageBox.warning(parent, ERROR_TITLE, error.message)
    widget = (fields or {}).get(error.field or "")
    if widget is not None:
        widget.setFocus()


def toolbar(owner: QWidget, actions: list[tuple[str, str | None, Callable[[], None]]]) -> tuple[QHBoxLayout, list[QPushButton]]:
    """Buttons with their shortcut shown in the tooltip; the shortcut works
    anywhere in the page."""
    bar = QHBoxLayout()
    buttons = []
    for text, keys, slot in actions:
        button = QPushButton(text)
        button.clicked.connect(slot)
        if keys:
            shortcut = QShortcut(QKeySequence(keys), owner)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            button.setToolTip(f"Phím tắt: {QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)}")
        bar.addWidget(button)
        buttons.append(button)
    bar.addStretch(1)
    return bar, buttons


def run_in_background(owner: QObject, fn: Callable[[], Any], done: Callable[[Any], None],
                      failed: Callable[[Any], None] | None = None) -> Task:
    """Run ``fn`` in Qt's thread pool; ``done(result)`` or ``failed(error)``
    are called on the UI thread."""
    task = Task(fn, parent=owner)
    task.signals.done.connect(done)
    if failed is not None:
        task.signals.failed.connect(failed)
    return task.start()
