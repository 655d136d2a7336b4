"""Báo cáo: the documents the program will print (a static list for now)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QWidget

from .base import BasePage

# (name, what it holds, formats)
REPORTS = [
    ("Báo cáo sơ kết, tổng kết năm",
     "Số liệu theo khu dân cư và loại tổ, so sánh với năm trước", "PDF, Word, Excel"),
    ("Giấy khen", "Giấy khen cho từng cá nhân, tập thể của một quyết định khen thưởng", "PDF"),
    ("Danh sách khen thưởng", "Danh sách kèm theo quyết định khen thưởng", "PDF, Word, Excel"),
    ("Sổ sinh hoạt tổ", "Các buổi sinh hoạt của một tổ: ngày, nội dung, người chủ trì, số người dự", "PDF, Excel"),
    ("Danh sách đảng viên phụ trách tổ", "Đảng viên được phân công phụ trách, đảng viên làm tổ trưởng", "PDF, Excel"),
    ("Danh sách kiến nghị", "Kiến nghị, đề xuất với tình trạng giải quyết và các việc quá hạn", "PDF, Excel"),
    ("Phiếu nhận xét đảng viên sinh hoạt nơi cư trú",
     "Nhận xét hằng năm của chi bộ và Ban công tác Mặt trận nơi cư trú", "PDF, Word"),
]

STATUS = "Sắp có"


class ReportsPage(BasePage):
    title = "Báo cáo"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        note = QLabel("Các báo cáo, giấy tờ chương trình sẽ in được. Mỗi báo cáo mở được bằng Word hoặc Excel để chỉnh sửa trước khi ký.")
        note.setWordWrap(True)
        self.layout_.addWidget(note)
        self.table = QTableWidget(len(REPORTS), 4)
        self.table.setHorizontalHeaderLabels(["Báo cáo", "Nội dung", "Định dạng", "Tình trạng"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for r, (name, content, formats) in enumerate(REPORTS):
            for c, text in enumerate((name, content, formats, STATUS)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        self.layout_.addWidget(self.table, 1)
