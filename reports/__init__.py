"""Documents: PDF (reportlab), Word (python-docx), Excel (openpyxl). No Qt."""
