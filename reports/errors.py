"""Errors shared by the document writers."""

from __future__ import annotations


class Cancelled(Exception):
    """The user stopped a long batch; the partial file was removed.

    Not a ``ModelError``: nothing was wrong with the input, so the UI should
    not show it as an error.
    """

    def __init__(self, message: str = "Đã hủy; không có tệp nào được ghi."):
        super().__init__(message)
        self.message = message
