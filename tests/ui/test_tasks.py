"""ui.tasks: background runs with progress, Cancel, stale-run cancellation, errors on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from retrofit_desktop.ui import tasks


class Recorder:
    def __init__(self):
        self.done: list = []
        self.errors: list = []
        self.threads: list = []

    def on_done(self, result):
        self.threads.append(QThread.currentThread())
        self.done.append(result)

    def on_error(self, exc):
        self.threads.append(QThread.currentThread())
        self.errors.append(exc)


def slow_sum(n: int, gate: threading.Event | None = None, seen: list | None = None):
    """A fake slow job: adds 1..n, reports progress, polls cancelled() every step."""

    def fn(progress, cancelled):
        if seen is not None:
            seen.append(QThread.currentThread())
        total = 0
        for i in range(1, n + 1):
            if cancelled():
                return "stopped"
            if gate is not None and i == 4:
                gate.wait(5)
            total += i
            progress(i, n)
            threading.Event().wait(0.002)
        return total

    return fn


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    yield w
    assert tasks.wait_for_all(5000)


def test_result_arrives_on_gui_thread_and_bar_reaches_the_end(qtbot, parent):
    rec = Recorder()
    seen = []
    h = tasks.run_in_background(parent, slow_sum(50, seen=seen), "Adding", rec.on_done, rec.on_error)
    with qtbot.waitSignal(h.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == ["done"]
    assert rec.done == [50 * 51 // 2]  # 1 + 2 + ... + 50
    assert rec.errors == []
    gui = QApplication.instance().thread()
    assert rec.threads == [gui]
    assert seen and seen[0] is not gui  # fn ran on a worker thread
    assert h.last_progress == (50, 50)  # the last progress call always gets through the throttle
    assert h.status == "done" and not h.is_running()


def test_progress_moves_the_bar_while_running(qtbot, parent):
    gate = threading.Event()
    rec = Recorder()

    def fn(progress, cancelled):
        progress(3, 10)
        gate.wait(5)
        return "ok"

    h = tasks.run_in_background(parent, fn, "Steps", rec.on_done)
    qtbot.waitUntil(lambda: h.last_progress == (3, 10), timeout=5000)
    assert h.dialog.maximum() == 1000
    assert h.dialog.value() == 300  # 3 of 10 in per-mille
    assert "3" in h.dialog.labelText() and "10" in h.dialog.labelText()
    gate.set()
    qtbot.waitUntil(lambda: rec.done == ["ok"], timeout=5000)


def test_cancel_button_stops_the_worker_and_drops_the_result(qtbot, parent):
    gate = threading.Event()
    rec = Recorder()
    observed = []

    def fn(progress, cancelled):
        progress(1, 100)
        gate.wait(5)
        observed.append(cancelled())
        return "late result"

    h = tasks.run_in_background(parent, fn, "Long job", rec.on_done, rec.on_error)
    qtbot.waitUntil(lambda: h.last_progress == (1, 100), timeout=5000)
    assert not h.is_cancelled()
    button = h.dialog.findChild(QPushButton)
    assert button.text() == "取消"
    with qtbot.waitSignal(h.finished, timeout=5000) as blocker:
        button.click()
    assert blocker.args == ["cancelled"]
    assert h.is_cancelled()
    gate.set()
    qtbot.waitUntil(h.worker_returned, timeout=5000)
    assert observed == [True]  # fn saw cancelled() turn True
    assert rec.done == [] and rec.errors == []


def test_new_run_of_same_kind_cancels_the_stale_one(qtbot, parent):
    rec_old, rec_new, rec_other = Recorder(), Recorder(), Recorder()
    gate = threading.Event()
    old = tasks.run_in_background(parent, slow_sum(1000, gate=gate), "Assess", rec_old.on_done)
    other = tasks.run_in_background(parent, slow_sum(20), "Import", rec_other.on_done)
    qtbot.waitUntil(lambda: old.last_progress is not None, timeout=5000)
    new = tasks.run_in_background(parent, slow_sum(10), "Assess", rec_new.on_done)
    assert old.is_cancelled() and old.status == "cancelled"
    assert tasks.active_task(parent, "Assess") is new
    gate.set()
    qtbot.waitUntil(lambda: bool(rec_new.done and rec_other.done and old.worker_returned()), timeout=5000)
    assert rec_new.done == [55]
    assert rec_other.done == [210]  # another kind is left alone: 1 + ... + 20
    assert rec_old.done == []  # the stale result ("stopped") never reaches on_done
    assert not other.is_cancelled()


def test_same_kind_on_another_parent_is_independent(qtbot, parent):
    second = QWidget()
    qtbot.addWidget(second)
    gate = threading.Event()
    rec_a, rec_b = Recorder(), Recorder()
    a = tasks.run_in_background(parent, slow_sum(5, gate=gate), "Assess", rec_a.on_done)
    tasks.run_in_background(second, slow_sum(5), "Assess", rec_b.on_done)
    assert not a.is_cancelled()
    gate.set()
    qtbot.waitUntil(lambda: bool(rec_a.done and rec_b.done), timeout=5000)
    assert rec_a.done == rec_b.done == [15]


def test_error_reaches_on_error_on_the_gui_thread(qtbot, parent):
    rec = Recorder()

    def fn(progress, cancelled):
        raise ValueError("bad cell in row 7")

    h = tasks.run_in_background(parent, fn, "Failing", rec.on_done, rec.on_error)
    with qtbot.waitSignal(h.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == ["error"]
    assert [str(e) for e in rec.errors] == ["bad cell in row 7"]
    assert rec.threads == [QApplication.instance().thread()]
    assert "ValueError" in h.traceback
    assert rec.done == []


def test_a_cancelled_exception_counts_as_cancellation(qtbot, parent):
    from retrofit_desktop.services import Cancelled

    rec = Recorder()

    def fn(progress, cancelled):
        raise Cancelled()

    h = tasks.run_in_background(parent, fn, "Stopping", rec.on_done, rec.on_error)
    with qtbot.waitSignal(h.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == ["cancelled"]
    assert rec.errors == [] and rec.done == []


def test_unknown_total_shows_a_busy_bar(qtbot, parent):
    gate = threading.Event()

    def fn(progress, cancelled):
        progress(0, 0)
        gate.wait(5)
        return None

    h = tasks.run_in_background(parent, fn, "Counting", lambda r: None)
    qtbot.waitUntil(lambda: h.last_progress == (0, 0), timeout=5000)
    assert (h.dialog.minimum(), h.dialog.maximum()) == (0, 0)
    gate.set()
    qtbot.waitSignal(h.finished, timeout=5000).wait()


def test_a_run_that_cannot_be_cancelled(qtbot, parent):
    gate = threading.Event()
    rec, rec2 = Recorder(), Recorder()

    def fn(progress, cancelled):
        progress(1, 2)
        gate.wait(5)
        return "committed"

    h = tasks.run_in_background(parent, fn, "Import", rec.on_done, cancellable=False)
    qtbot.waitUntil(lambda: h.last_progress == (1, 2), timeout=5000)
    assert h.dialog.findChild(QPushButton) is None  # no Cancel button
    h.dialog.canceled.emit()  # closing the dialog does not abandon it either
    second = tasks.run_in_background(parent, slow_sum(3), "Import", rec2.on_done)
    assert not h.is_cancelled() and h.is_running()
    gate.set()
    qtbot.waitUntil(lambda: bool(rec.done and rec2.done), timeout=5000)
    assert rec.done == ["committed"] and rec2.done == [6]
    assert second.status == "done"


def test_closing_the_parent_cancels_and_drops_the_result(qtbot):
    import shiboken6

    owner = QWidget()
    gate = threading.Event()
    rec = Recorder()
    h = tasks.run_in_background(owner, slow_sum(5, gate=gate), "Assess", rec.on_done, rec.on_error)
    qtbot.waitUntil(lambda: h.last_progress is not None, timeout=5000)
    shiboken6.delete(owner)  # the window is closed and deleted while the worker runs
    assert h.is_cancelled() and h.status == "cancelled"
    gate.set()
    qtbot.waitUntil(h.worker_returned, timeout=5000)
    assert rec.done == [] and rec.errors == []
    assert tasks.wait_for_all(5000)
