"""UI tests end deterministically: after each GUI test (its widgets already closed by qtbot), every
background worker of the shared pool — assessments, imports, the search index — has returned, and
the queued results and deferred deletions are delivered before the next test starts."""

from __future__ import annotations

import pytest

_QT = {"qtbot", "qapp"}


@pytest.fixture(autouse=True)
def _no_worker_outlives_the_test(request):
    yield
    if not _QT & set(request.fixturenames):
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from retrofit_desktop.ui import tasks

    assert tasks.wait_for_all(30_000), "a background worker was still running 30 s after the test"
    if QApplication.instance() is not None:
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
