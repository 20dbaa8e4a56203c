"""Long work off the GUI thread, with a progress dialog and Cancel (one helper for the whole UI).

``run_in_background(parent, fn, title, on_done, on_error=None)`` runs ``fn(progress, cancelled)`` on a
pool thread. ``progress(done, total)`` moves the bar, ``cancelled()`` turns True after Cancel; the
result or the exception comes back on the GUI thread through queued signals (the worker never touches
a widget). Starting a new run of the same kind (same parent, same ``kind``, which defaults to the
title) cancels the stale one and drops its result, as Orange3 does.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from retrofit_desktop.i18n import _

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
TaskFn = Callable[[ProgressFn, CancelledFn], Any]

#: Minimum seconds between two progress signals from one worker (the last one always goes through).
PROGRESS_INTERVAL = 0.05
#: Quick tasks finish before the dialog appears, so it does not flash.
DIALOG_DELAY_MS = 400
_BAR_STEPS = 1000  # the bar counts in per-mille, so any total fits a C int

_pool: QThreadPool | None = None
_active: dict[tuple[int, str], TaskHandle] = {}  # (id(parent), kind) -> the current run
_alive: set[TaskHandle] = set()  # handles whose worker has not returned yet (keeps their signals alive)


def thread_pool() -> QThreadPool:
    """The pool every background task runs on (not the global one, so shutdown can wait for it)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
    return _pool


def wait_for_all(timeout_ms: int = 5000) -> bool:
    """Cancel every running task and wait for the workers to return (call on application exit)."""
    for handle in list(_active.values()):
        handle.cancel()
    return thread_pool().waitForDone(timeout_ms)


def _owned_by(obj: QObject | None, owner: QObject) -> bool:
    while obj is not None:
        if obj is owner:
            return True
        obj = obj.parent()
    return False


def cancel_tasks_of(owner: QWidget) -> list[TaskHandle]:
    """Cancel every running task started for ``owner`` or any widget inside it (its dialogs too);
    returns the handles, whose ``worker_returned()`` tells when each worker has really stopped."""
    handles = [h for h in list(_active.values()) if h._parent is not None and _owned_by(h._parent, owner)]
    for handle in handles:
        handle.cancel()
    return handles


class _Signals(QObject):
    """Lives in the GUI thread; the worker only emits, Qt queues the calls to the GUI thread."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object, str)


class _Worker(QRunnable):
    def __init__(self, fn: TaskFn, signals: _Signals, cancel_event: threading.Event):
        super().__init__()
        self.setAutoDelete(False)  # the handle owns it
        self._fn = fn
        self._signals = signals
        self._cancel = cancel_event
        self._last_emit = 0.0

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_emit >= PROGRESS_INTERVAL:
            self._last_emit = now
            self._signals.progressed.emit(int(done), int(total))

    def run(self) -> None:
        try:
            result = self._fn(self._progress, self._cancel.is_set)
        except Exception as exc:  # delivered to on_error on the GUI thread
            self._signals.failed.emit(exc, traceback.format_exc())
        else:
            self._signals.succeeded.emit(result)


class TaskHandle(QObject):
    """One background run. ``finished`` fires once, on the GUI thread, however the run ended."""

    finished = Signal(str)  # "done" | "error" | "cancelled"
    #: Once, when ``fn`` has really returned ("done") or raised ("error", "cancelled" for
    #: services.Cancelled), whatever ``status`` says: a run cancelled too late may still have finished.
    worker_finished = Signal(str)

    def __init__(
        self,
        parent: QWidget | None,
        fn: TaskFn,
        title: str,
        kind: str,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
        cancellable: bool = True,
        dialog: bool = True,
    ):
        super().__init__(None)
        self.title = title
        self.kind = kind
        self.status = "running"
        self.result: Any = None
        self.error: BaseException | None = None
        self.traceback = ""
        self.last_progress: tuple[int, int] | None = None
        self._key = (id(parent), kind)
        # weak: a handle kept in a local must not be what keeps a parentless parent alive (freeing the
        # handle then destroyed the parent mid-dealloc, whose `destroyed` reached this dying handle)
        self._parent_ref = weakref.ref(parent) if parent is not None else None
        self._on_done = on_done
        self._on_error = on_error
        self._cancel = threading.Event()
        self._signals = _Signals()
        self._signals.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._signals.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._worker = _Worker(fn, self._signals, self._cancel)
        self.cancellable = cancellable
        self._in_set_value = False
        self._close_pending = False
        self.dialog = self._make_dialog(parent, title) if dialog else None
        self._worker_returned = False
        self.worker_outcome: str | None = None  # what fn did: "done" | "error" | "cancelled"
        self.worker_result: Any = None  # what fn returned, kept even when the run was cancelled

    # --- state -------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.status == "running"

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def worker_returned(self) -> bool:
        """True once ``fn`` has returned or raised (a cancelled run's worker may still be busy)."""
        return self._worker_returned

    @property
    def _parent(self) -> QWidget | None:
        parent = self._parent_ref() if self._parent_ref is not None else None
        return parent if parent is not None and shiboken6.isValid(parent) else None

    def _parent_destroyed(self, *_args) -> None:
        self._parent_ref = None
        self.cancel()

    def cancel(self) -> None:
        """Ask ``fn`` to stop and drop whatever it returns; on_done/on_error will not be called."""
        if not self.is_running():
            return
        self._cancel.set()
        self._finish("cancelled")

    # --- dialog ------------------------------------------------------------------------------
    def _make_dialog(self, parent: QWidget | None, title: str) -> QProgressDialog:
        dlg = QProgressDialog(title, _("Cancel"), 0, 0, parent)
        dlg.setWindowTitle(title)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setAutoReset(False)
        dlg.setAutoClose(False)
        dlg.setMinimumDuration(DIALOG_DELAY_MS)
        dlg.setMinimumWidth(360)
        if not self.cancellable:  # e.g. a database transaction: it finishes, then reports
            dlg.setCancelButton(None)
        dlg.canceled.connect(self._cancel_from_dialog)
        return dlg

    def _cancel_from_dialog(self) -> None:
        if self.cancellable:
            self.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        if self.dialog is None or not self.is_running() or not shiboken6.isValid(self.dialog):
            return
        if self._in_set_value:
            return
        self.last_progress = (done, total)
        if total <= 0:
            self.dialog.setRange(0, 0)  # busy indicator: total not known
            return
        if self.dialog.maximum() != _BAR_STEPS:
            self.dialog.setRange(0, _BAR_STEPS)
        self.dialog.setLabelText(
            _("{title}: {done} of {total}").format(title=self.title, done=done, total=total)
        )
        # A shown modal QProgressDialog runs the event loop inside setValue(); the result may arrive
        # there, and tearing the dialog down under setValue() crashed. _finish waits for it to return.
        self._in_set_value = True
        try:
            self.dialog.setValue(min(_BAR_STEPS, max(0, done * _BAR_STEPS // total)))
        finally:
            self._in_set_value = False
        if self._close_pending:
            self._close_dialog()

    # --- outcome -----------------------------------------------------------------------------
    def _start(self) -> None:
        if self.is_cancelled():  # cancelled before it started: never run fn
            self._returned()
            return
        thread_pool().start(self._worker)

    def _returned(self, outcome: str = "cancelled") -> None:
        self._worker_returned = True
        self.worker_outcome = outcome
        _alive.discard(self)
        self.worker_finished.emit(outcome)

    def _on_succeeded(self, result: Any) -> None:
        self.worker_result = result
        self._returned("done")
        if not self.is_running():
            return  # stale or cancelled: the result is dropped
        self.result = result
        self._finish("done")
        self._on_done(result)

    def _on_failed(self, exc: BaseException, tb: str) -> None:
        self._returned("cancelled" if _is_cancellation(exc) else "error")
        if not self.is_running():
            return
        if self.is_cancelled() or _is_cancellation(exc):
            self._finish("cancelled")
            return
        self.error, self.traceback = exc, tb
        log.error("background task %r failed:\n%s", self.title, tb)
        self._finish("error")
        if self._on_error is not None:
            self._on_error(exc)
        else:
            _show_error(self._parent, self.title, exc)

    def _finish(self, status: str) -> None:
        self.status = status
        if _active.get(self._key) is self:
            del _active[self._key]
        if self._in_set_value:
            self._close_pending = True
        else:
            self._close_dialog()
        self.finished.emit(status)

    def _close_dialog(self) -> None:
        self._close_pending = False
        if self.dialog is not None and shiboken6.isValid(self.dialog):  # the window may be closed
            self.dialog.canceled.disconnect(self._cancel_from_dialog)
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()


def _is_cancellation(exc: BaseException) -> bool:
    from retrofit_desktop.services import Cancelled  # here: services loads pandas, the window starts without

    return isinstance(exc, Cancelled)


def _show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        title,
        str(exc) or type(exc).__name__,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not exec(): never a nested event loop from a signal handler


def run_in_background(
    parent: QWidget | None,
    fn: TaskFn,
    title: str,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    kind: str | None = None,
    cancellable: bool = True,
    dialog: bool = True,
) -> TaskHandle:
    """Run ``fn(progress, cancelled)`` on a worker thread; see the module docstring.

    ``on_done(result)`` / ``on_error(exception)`` run on the GUI thread; without ``on_error`` a
    message box shows the error. ``services.Cancelled`` raised
    by ``fn`` counts as a cancellation, not an error. ``cancellable=False`` shows no Cancel button
    and a new run of the same kind does not cancel this one (for work that must not be abandoned
    half-way in the user's mind, such as a database transaction). ``dialog=False`` shows no progress
    dialog at all (work the window shows the state of itself, e.g. the tier column's 「分级中…」).
    """
    kind = kind or title
    key = (id(parent), kind)
    stale = _active.get(key)
    if stale is not None and stale.cancellable:
        stale.cancel()
    handle = TaskHandle(parent, fn, title, kind, on_done, on_error, cancellable, dialog)
    _active[key] = handle
    _alive.add(handle)
    if parent is not None:  # a closed window gets no results: its widgets are gone
        parent.destroyed.connect(handle._parent_destroyed)
    # Start from the event loop so a caller can connect to handle.finished before anything happens.
    QTimer.singleShot(0, handle, handle._start)
    return handle


def active_task(parent: QWidget | None, kind: str) -> TaskHandle | None:
    """The run of this kind currently going on for ``parent``, if any."""
    return _active.get((id(parent), kind))
