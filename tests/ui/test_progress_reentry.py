"""A window-modal QProgressDialog's setValue() runs the event loop; the run's result can arrive in
there. Its dialog must not be torn down (reset, hidden, deleted) while setValue() is still using it:
that crashed the app (segfault in TaskHandle._on_progress) when an assessment ended mid-update."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from retrofit_desktop.ui import tasks


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    yield w
    assert tasks.wait_for_all(5000)


def test_result_arriving_inside_set_value_does_not_tear_the_dialog_down_under_it(qtbot, parent, monkeypatch):
    gate = threading.Event()
    done = []

    def fn(progress, cancelled):
        gate.wait(5)
        return "ok"

    h = tasks.run_in_background(parent, fn, "Steps", done.append)
    qtbot.waitUntil(lambda: tasks.thread_pool().activeThreadCount() > 0, timeout=5000)  # the worker waits
    dlg = h.dialog
    dlg.setMinimumDuration(0)
    dlg.setRange(0, 1000)
    dlg.setValue(1)  # shown now: from here on, as it is modal, setValue() processes events
    assert dlg.isVisible()
    torn_down_inside = []
    inside = [False]
    real_set_value = type(dlg).setValue

    def set_value(self, v):
        inside[0] = True
        try:
            real_set_value(self, v)
            torn_down_inside.append(not self.isVisible())  # still shown when setValue() returns
        finally:
            inside[0] = False

    monkeypatch.setattr(type(dlg), "setValue", set_value)
    gate.set()
    assert tasks.thread_pool().waitForDone(5000)  # the result is queued for the GUI thread now
    h._on_progress(5, 10)  # its setValue() delivers the result
    assert done == ["ok"] and h.status == "done"
    assert torn_down_inside == [False]
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=2000)  # closed once setValue() returned
