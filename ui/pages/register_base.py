"""List pages of the registers: filter boxes, buttons with shortcuts, Excel in and out."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QPushButton, QWidget

from models import db as dbmod
from models import details, yearly_ops
from models.base import context
from models.enums import Level

from ..excel_dialogs import ImportDialog, export_list
from .base import ListPage


class RegisterPage(ListPage):
    export_kind = ""  # reports.list_cli.LISTS key
    import_kind = ""  # exchange.excel_import.KINDS entry

    def __init__(self, listing: Any, parent: QWidget | None = None):
        super().__init__(listing, parent)
        self.filter_boxes: dict[str, QComboBox] = {}
        self.watch(self.table.activated, lambda _index: self.open_current())

    def add_filter(self, key: str, everything: str, choices: list[tuple[Any, str]]) -> QComboBox:
        box = QComboBox()
        box.setObjectName(f"filter_{key}")
        box.addItem(everything, None)
        for value, text in choices:
            box.addItem(text, value)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Wide enough for the longest choice known now (a commune's name is cut otherwise).
        box.setMinimumWidth(max(150, box.sizeHint().width()))
        self.filter_boxes[key] = box
        if key == "unit":
            self.watch(box.currentIndexChanged, lambda _i: self.fill_areas() if "area_id" in self.filter_boxes
                       else None)
        self.watch(box.currentIndexChanged, lambda _i: self.apply_filters())
        return self.add_tool(box)  # type: ignore[return-value]

    def add_unit_filter(self) -> None:
        """At a province office, the commune to list (the area filter follows it)."""
        if dbmod.home_level() is Level.PROVINCE:
            self.add_filter("unit", "Mọi xã, phường", [(c.id, c.name) for c in yearly_ops.commune_choices()])

    def load(self) -> None:
        if "area_id" in self.filter_boxes:
            self.fill_areas()
        super().load()

    def fill_areas(self) -> None:
        """The areas to filter by: of the commune chosen (at a province office), else all."""
        box = self.filter_boxes["area_id"]
        unit = self.filter_boxes["unit"].currentData() if "unit" in self.filter_boxes else None
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for area_id, name in details.area_choices(unit):
            box.addItem(name, area_id)
        box.setCurrentIndex(0)
        box.blockSignals(False)

    def apply_filters(self) -> None:
        self.loaded = True
        self.model.set_filters(**{k: box.currentData() for k, box in self.filter_boxes.items()})

    def add_button(self, text: str, slot: Callable[[], Any], shortcut: str | None = None,
                   writes: bool = True) -> QPushButton:
        button = QPushButton(text)
        if shortcut:
            button.setToolTip(f"Phím tắt: {shortcut}")
            QShortcut(QKeySequence(shortcut), self, activated=slot)
        button.setEnabled(not (writes and context.read_only))
        self.watch(button.clicked, lambda _checked=False: slot())
        return self.add_tool(button)  # type: ignore[return-value]

    def add_excel_buttons(self) -> None:
        if self.import_kind:
            self.add_button("Nhập Excel…", self.import_excel)
        if self.export_kind:
            self.add_button("Xuất Excel…", self.export_excel, "Ctrl+E", writes=False)

    def open_current(self) -> None:
        """Enter or a double click on a row."""

    def import_excel(self) -> None:
        if context.read_only:
            return
        if ImportDialog(self.import_kind, self).exec():
            self.reload()

    def export_excel(self) -> int | None:
        return export_list(self, self.export_kind, self.model.listing, self.model.search, self.model.filters,
                           self.model.total)
