"""Người dân: everyone living in the unit, in Vietnamese name order."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from models import privacy, registers
from models.enums import Role
from models.listing import PersonListing
from models.text import fold

from ..forms import ask, run_op
from ..labels import label
from ..register_dialogs import PersonDialog
from ..table_model import CENTER, Column
from .register_base import RegisterPage

ID_INDEX = 7


class PeoplePage(RegisterPage):
    title = "Người dân"
    noun = "người"
    search_hint = "Tìm theo họ tên, ví dụ: nguyen thi hai yen hoặc yen"
    stretch_column = 6
    export_kind = "people"
    import_kind = "people"
    columns = [
        Column("Họ và tên"),
        Column("Giới tính", align=CENTER),
        Column("Ngày sinh", align=CENTER),
        Column("Số CCCD", align=CENTER),
        Column("Điện thoại"),
        Column("Khu dân cư"),
        Column("Địa chỉ"),
    ]

    def __init__(self, parent=None):
        super().__init__(PersonListing(), parent)
        self.add_unit_filter()
        self.add_filter("area_id", "Mọi khu dân cư", [])
        self.add_filter("role", "Mọi vai trò", [(r, label(r)) for r in Role])
        self.add_button("&Thêm…", self.add_person, "Ctrl+N")
        self.add_button("&Sửa…", self.open_current, writes=False)
        self.add_button("&Xóa", self.delete_person, "Delete")
        self.add_excel_buttons()
        self.add_button("Trích xuất &hồ sơ…", self.export_record)
        self.add_button("Xóa dữ liệu &cá nhân…", self.erase_record)

    def add_person(self) -> None:
        if PersonDialog(parent=self).exec():
            self.reload()

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None and PersonDialog(row[ID_INDEX], self).exec():
            self.reload()

    def delete_person(self) -> None:
        row = self.current_row()
        if row is None or not ask(self, "Xóa người dân", f"Xóa {row[0]} khỏi danh sách?\n"
                                  "Bản ghi được đánh dấu đã xóa (vẫn giữ để đồng bộ), không mất hẳn."):
            return
        if run_op(self, lambda: registers.delete_person(person_id=row[ID_INDEX])):
            self.reload()

    def export_record(self) -> None:
        """Everything held about one person, for the person who asked (right of access)."""
        row = self.current_row()
        if row is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Trích xuất hồ sơ", f"ho-so-{fold(row[0]).replace(' ', '-')}.json",
                                              "Tệp JSON (*.json)")
        if path and run_op(self, lambda: privacy.write_person_record(person_id=row[ID_INDEX], path=path)):
            QMessageBox.information(self, "Đã trích xuất", f"Đã ghi toàn bộ hồ sơ của {row[0]} vào {path}. "
                                    "Tệp không được mã hóa: hãy trao tận tay người yêu cầu.")

    def erase_record(self) -> None:
        """Clear a person's own data on request; the counts that included them stay."""
        row = self.current_row()
        if row is None or not ask(self, "Xóa dữ liệu cá nhân",
                                  f"Xóa họ tên, ngày sinh, CCCD, điện thoại, địa chỉ, dân tộc, tôn giáo, nghề nghiệp "
                                  f"của {row[0]} theo yêu cầu?\nCác số liệu thống kê đã tính người này vẫn giữ. "
                                  "Việc này không hoàn tác được."):
            return
        if run_op(self, lambda: privacy.erase_person_data(person_id=row[ID_INDEX])):
            self.reload()
