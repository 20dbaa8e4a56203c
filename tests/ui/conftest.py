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


@pytest.fixture
def private_settings(tmp_path):
    """QSettings in a temp folder under a unique organisation, so no test reads or writes real settings."""
    import uuid

    from PySide6.QtCore import QSettings

    from retrofit_desktop.ui import settings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    settings.use_organisation(f"test-{uuid.uuid4().hex}")
    yield
    settings.use_organisation(settings.ORGANISATION)


@pytest.fixture
def ws(tmp_path):
    """An empty workspace in a temp SQLite file."""
    from retrofit_desktop import services

    return services.open_workspace(tmp_path / "ws.sqlite3")


@pytest.fixture
def window(qtbot, ws, tmp_path):
    """The main window on `ws`, shown."""
    from retrofit_desktop.ui.main_window import MainWindow

    w = MainWindow(ws, str(tmp_path / "ws.sqlite3"))
    # closing with unsaved item edits asks (ui/unsaved.py) and would wait for an answer: drop them first
    qtbot.addWidget(w, before_close_func=lambda win: win.editor.revert())
    w.show()
    return w


@pytest.fixture
def editor(qtbot):
    """The item editor on the shipped catalog, shown."""
    from retrofit_desktop.catalog import get_catalog
    from retrofit_desktop.ui.item_editor import ItemEditor

    ed = ItemEditor(get_catalog())
    qtbot.addWidget(ed)
    ed.show()
    return ed


@pytest.fixture
def ws_eid(private_settings, ws):
    """`ws` with one empty enterprise, for importing into: (workspace, enterprise id)."""
    from retrofit_desktop import services

    return ws, services.create_enterprise(ws, "导入测试有限公司")
