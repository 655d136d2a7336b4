"""The PySide6 user interface of Tổ Dân: screens only, no SQL, no business rules."""
