"""Running long work off the UI thread.

``Task`` runs a plain function in Qt's thread pool and delivers its result or
its error on the UI thread. The function may take ``progress(done, total)``
and ``cancelled() -> bool`` keyword arguments; ``TaskDialog`` shows them as a
progress bar with a cancel button.
"""

from __future__ import annotations

import inspect
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThread, QThreadPool, Signal
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QProgressBar, QPushButton, QVBoxLayout, QWidget

from models.base import database


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, task: "Task"):
        super().__init__()
        self.task = task

    def run(self) -> None:
        task = self.task
        kwargs: dict[str, Any] = {}
        params = inspect.signature(task.fn).parameters
        if "progress" in params:
            kwargs["progress"] = lambda done, total: task.signals.progress.emit(done, total)
        if "cancelled" in params:
            kwargs["cancelled"] = task.cancel_event.is_set
        try:
            try:
                result = task.fn(*task.args, **kwargs)
            except BaseException as error:  # delivered to the UI, which explains it
                task.signals.failed.emit(error)
            else:
                task.signals.done.emit(result)
        except RuntimeError:
            pass  # the window that asked was closed meanwhile: nobody is left to tell
        finally:
            # peewee gave this worker thread its own connection: close it here.
            if not database.is_closed():
                database.close()


class Question(QObject):
    """A question the background work asks on the UI thread (the summary
    before a commit), waiting there for the answer."""

    _asked = Signal(object)

    def __init__(self, ask: Callable[[Any], bool], parent: QObject | None = None):
        super().__init__(parent)
        self._ask = ask
        self._answer = False
        self._asked.connect(self._on_asked, Qt.ConnectionType.BlockingQueuedConnection)

    def _on_asked(self, value: Any) -> None:
        self._answer = bool(self._ask(value))

    def __call__(self, value: Any) -> bool:
        if QThread.currentThread() is self.thread():
            return bool(self._ask(value))
        self._asked.emit(value)
        return self._answer


class Task(QObject):
    """One call of ``fn(*args)`` in the background."""

    def __init__(self, fn: Callable[..., Any], *args: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.fn = fn
        self.args = args
        self.cancel_event = threading.Event()
        self.signals = _Signals()
        self.finished = False
        self.signals.done.connect(self._mark_finished)
        self.signals.failed.connect(self._mark_finished)

    def _mark_finished(self, _value: object) -> None:
        self.finished = True

    def start(self) -> "Task":
        QThreadPool.globalInstance().start(_Runnable(self))
        return self

    def cancel(self) -> None:
        self.cancel_event.set()


class TaskDialog(QDialog):
    """A modal progress bar with a cancel button for one task."""

    def __init__(self, title: str, text: str, task: Task, parent: QWidget | None = None,
                 cancellable: bool = True):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.task = task
        self.result_value: Any = None
        self.error: BaseException | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(text))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first progress report
        layout.addWidget(self.bar)
        self.cancel_button = QPushButton("Hủy")
        self.cancel_button.setEnabled(cancellable)
        self.cancel_button.clicked.connect(self._cancel)
        layout.addWidget(self.cancel_button, alignment=Qt.AlignmentFlag.AlignRight)
        task.signals.progress.connect(self._progress)
        task.signals.done.connect(self._done)
        task.signals.failed.connect(self._failed)

    def run(self) -> bool:
        """Start the task and wait for it; True when it succeeded."""
        self.task.start()
        self.exec()
        return self.error is None and not self.task.cancel_event.is_set()

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("Đang hủy…")
        self.task.cancel()

    def _done(self, value: object) -> None:
        self.result_value = value
        self.accept()

    def _failed(self, error: object) -> None:
        self.error = error if isinstance(error, BaseException) else RuntimeError(str(error))
        self.reject()

    def reject(self) -> None:  # Esc asks to cancel; the dialog closes when the task stops
        if not self.task.finished:
            self._cancel()
            return
        super().reject()


def run_writing(parent: QWidget, status: QLabel, title: str, text: str, fn: Callable[..., Any], *args: Any,
                cancellable: bool = True, message_title: str | None = None) -> Any:
    """``fn`` (work that writes a document) in the background with a progress
    dialog: its result, or None when it failed or was cancelled, the clerk
    told why in ``status`` and, for a failure, in a message box."""
    from models.base import ModelError
    from reports.errors import Cancelled

    dialog = TaskDialog(title, text, Task(fn, *args, parent=parent), parent, cancellable=cancellable)
    if dialog.run():
        return dialog.result_value
    error = dialog.error
    said = message_title or title
    if error is None or isinstance(error, Cancelled):
        status.setText("Đã hủy; không có tệp nào được ghi.")
    elif isinstance(error, ModelError):
        status.setText(error.message)
        QMessageBox.warning(parent, said, error.message)
    else:
        status.setText(f"Không làm được: {error}")
        QMessageBox.critical(parent, said, f"Không làm được: {error}")
    return None
