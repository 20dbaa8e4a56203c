"""Errors in the GUI: a short message for expected problems, a log file for unexpected ones.

Expected problems (a locked or read-only database, a file that cannot be read, bad input) get one
sentence in a message box and never a traceback. Anything else is written with its traceback to
``<data dir>/logs/retrofit-desktop.log`` (logfile.py, shared with the CLI) and shown briefly.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Iterator
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..i18n import _
from ..logfile import log_file, setup_logging

log = logging.getLogger("retrofit_desktop.ui")
__all__ = ["expected_message", "install_excepthook", "log_file", "setup_logging", "show_error"]


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and the exceptions it was raised from or during (each once: a chain can loop)."""
    seen = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        yield link
        link = link.__cause__ or link.__context__


#: Exception classes (by name, so this module imports nothing heavy) whose message is written for users.
_USER_FACING = frozenset(
    {
        "StoreError",
        "InputFileError",
        "UnitError",
        "UnknownProduct",
        "InvalidCreditCode",
        "InventoryFileError",
        "PackError",
    }
)


def expected_message(exc: BaseException) -> str | None:
    """One-sentence, translated explanation of an expected problem, or None if it is unexpected."""
    for e in _chain(exc):
        text = str(e).lower()
        if "database is locked" in text or "database table is locked" in text:
            return _("The database is locked by another program. Close the other program and try again.")
        if (
            "readonly database" in text
            or "read-only" in text
            or type(e).__name__ in {"ReadOnlyWorkspace", "ReadOnlyError"}
        ):
            return _("The database is read-only; changes cannot be saved. Open a writable copy to edit.")
        if "unable to open database file" in text or "file is not a database" in text:
            return _("The database file cannot be opened: {detail}").format(detail=str(e))
    for e in _chain(exc):
        if isinstance(e, PermissionError):
            return _("Permission denied: {path}").format(path=e.filename or str(e))
        if isinstance(e, FileNotFoundError):
            return _("File not found: {path}").format(path=e.filename or str(e))
        if isinstance(e, IsADirectoryError | NotADirectoryError):
            return _("Not a file: {path}").format(path=e.filename or str(e))
        if _USER_FACING & {c.__name__ for c in type(e).__mro__}:
            return str(e).strip("'\"") if isinstance(e, KeyError) else str(e)
        if isinstance(e, ValueError) and not isinstance(e, UnicodeError):
            return _("Invalid input: {detail}").format(detail=str(e))
    return None


def on_gui_thread() -> bool:
    """True on the thread that owns the QApplication (the only one that may touch a widget)."""
    app = QCoreApplication.instance()
    return app is None or QThread.currentThread() is app.thread()


class _ErrorRelay(QObject):
    """Lives on the GUI thread; a worker thread emits, Qt queues the call to the GUI thread."""

    raised = Signal(object, object)  # exception (already logged), action (str or None)

    def __init__(self) -> None:
        super().__init__(None)
        self.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self, exc: BaseException, action: str | None) -> None:
        # open(), not exec(): no nested event loop inside a queued call
        _present(QApplication.activeWindow(), exc, action, logged=True, blocking=False)


_relay: dict[str, _ErrorRelay] = {}


def _log_off_thread(exc: BaseException, action: str | None) -> None:
    """Log `exc` with its traceback from a worker thread and hand it to the GUI thread to show."""
    setup_logging()
    where = threading.current_thread().name
    log.error(
        "error in thread %s%s",
        where,
        f" while {action}" if action else "",
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    relay = _relay.get("gui")
    if relay is not None:
        relay.raised.emit(exc, action)


def show_error(parent: QWidget | None, exc: BaseException, action: str | None = None) -> str:
    """Show `exc` to the user without a traceback; unexpected errors are also logged. Returns the text.

    Called off the GUI thread it touches no widget: the error is logged and handed to the GUI thread
    (through the queued relay `install_excepthook` creates), which shows it.
    """
    if not on_gui_thread():
        _log_off_thread(exc, action)
        return expected_message(exc) or str(exc)
    return _present(parent, exc, action, logged=False, blocking=not _non_blocking["on"])


def _present(
    parent: QWidget | None, exc: BaseException, action: str | None, *, logged: bool, blocking: bool
) -> str:
    message = expected_message(exc)
    if message is None:
        path = setup_logging()
        if not logged:
            log.error("unexpected error%s", f" while {action}" if action else "", exc_info=exc)
        message = _("An unexpected error occurred ({kind}). Details were written to {path}").format(
            kind=type(exc).__name__, path=str(path)
        )
        icon = QMessageBox.Icon.Critical
    else:
        setup_logging()
        if not logged:
            log.warning("%s: %s", type(exc).__name__, message)
        icon = QMessageBox.Icon.Warning
    if action:
        message = f"{action}: {message}"
    if QApplication.instance() is not None:
        box = QMessageBox(icon, _("Retrofit Desktop"), message, QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("errorBox")
        box.exec() if blocking else box.open()
        _last["box"] = box
    return message


_non_blocking = {"on": False}
_last: dict[str, QMessageBox] = {}


def last_error_box() -> QMessageBox | None:
    return _last.get("box")


def set_non_blocking(on: bool) -> None:
    """Tests open message boxes without a nested event loop."""
    _non_blocking["on"] = on


def install_excepthook() -> None:
    """Route uncaught exceptions (e.g. in a slot) to the log file and a short message.

    Call on the GUI thread. An exception on another thread (a pool worker's Qt override, a Python
    thread) is logged with its traceback there and shown by the GUI thread: a message box opened on a
    worker thread hung the process at exit.
    """
    if "gui" not in _relay:
        _relay["gui"] = _ErrorRelay()

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        try:
            parent = QApplication.activeWindow() if on_gui_thread() else None
            show_error(parent, exc)  # logs it; off the GUI thread, handed to the GUI thread to show
        except Exception:  # never let the hook itself raise
            setup_logging()
            log.error("uncaught exception:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
            sys.__excepthook__(exc_type, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        if args.exc_value is None:  # allowed by threading; there is only the type to tell
            setup_logging()
            log.error("uncaught %s in a thread", args.exc_type.__name__)
            return
        hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
