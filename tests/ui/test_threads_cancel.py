"""Threads and Cancel in the GUI: closing the window cancels its work; an exception on a worker thread
never opens a widget there (it is shown by the GUI thread); the import wizard's Cancel rolls the
import back and says so; the report dialog's Cancel stops the render itself."""

from __future__ import annotations

import logging
import sys
import threading
import time

import pandas as pd
import pytest
from motor_ledger import write_ledger
from PySide6.QtCore import QRunnable, QThread, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from retrofit_desktop import services
from retrofit_desktop.store import workspace as store_workspace
from retrofit_desktop.ui import errors, tasks
from retrofit_desktop.ui.import_wizard import ImportWizard
from retrofit_desktop.ui.report_dialog import ReportExportDialog, temp_path_for


def stored(ws, eid) -> pd.DataFrame:
    return services.load_items(ws, eid).sort_values("asset_tag").reset_index(drop=True)


def slow_job(started: threading.Event):
    """Polls cancelled() every 10 ms; runs ~30 s if nobody cancels it."""

    def fn(progress, cancelled):
        started.set()
        for i in range(3000):
            if cancelled():
                return "stopped on cancel"
            progress(i, 3000)
            time.sleep(0.01)
        return "ran to the end"

    return fn


def test_closing_the_main_window_cancels_its_work(qtbot, window):
    started, other_started = threading.Event(), threading.Event()
    results: list = []
    handle = tasks.run_in_background(window.table, slow_job(started), "Long job", results.append)
    other = QWidget()  # a task of another window is not this window's to cancel
    qtbot.addWidget(other)
    other_handle = tasks.run_in_background(other, slow_job(other_started), "Other job", results.append)
    qtbot.waitUntil(lambda: started.is_set() and other_started.is_set(), timeout=10000)
    window.close()
    assert not window.isVisible()
    assert handle.is_cancelled() and handle.status == "cancelled"
    qtbot.waitUntil(handle.worker_returned, timeout=10000)
    assert handle.worker_result == "stopped on cancel"  # the worker saw the Cancel and returned
    assert not other_handle.is_cancelled() and other_handle.is_running()
    other_handle.cancel()
    qtbot.waitUntil(other_handle.worker_returned, timeout=10000)
    assert results == []  # a cancelled run delivers nothing


@pytest.fixture
def error_log(tmp_path, monkeypatch):
    monkeypatch.setenv("RETROFIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    errors.set_non_blocking(True)
    yield tmp_path / "data" / "logs" / "retrofit-desktop.log"
    errors.set_non_blocking(False)
    for h in list(logging.getLogger("retrofit_desktop").handlers):
        if isinstance(h, logging.FileHandler) and str(tmp_path) in h.baseFilename:
            logging.getLogger("retrofit_desktop").removeHandler(h)
            h.close()


def test_an_exception_on_a_worker_thread_is_shown_by_the_gui_thread(qtbot, error_log, monkeypatch):
    gui = QApplication.instance().thread()
    built_on: list = []

    class CheckedBox(QMessageBox):
        def __init__(self, *args, **kwargs):
            built_on.append(QThread.currentThread())
            if QThread.currentThread() is not gui:  # what hung the app at exit
                raise AssertionError("a QMessageBox was created off the GUI thread")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(errors, "QMessageBox", CheckedBox)
    errors.install_excepthook()

    class Boom(QRunnable):
        def run(self):  # PySide passes an exception raised here to sys.excepthook, on the worker thread
            raise ZeroDivisionError("boom in a pool worker")

    pool = QThreadPool()
    pool.start(Boom())
    assert pool.waitForDone(10000)
    thread = threading.Thread(target=lambda: [][1], name="plain-python-worker")
    thread.start()
    thread.join(10)
    assert built_on == []  # nothing shown from the workers themselves
    qtbot.waitUntil(lambda: len(built_on) == 2, timeout=10000)  # both arrive through the queued relay
    assert all(t is gui for t in built_on)
    box = errors.last_error_box()
    assert box.isVisible() and "IndexError" in box.text()
    box.close()
    log = error_log.read_text(encoding="utf-8")
    assert log.count("ZeroDivisionError: boom in a pool worker") == 1  # logged once, with its traceback
    assert log.count("IndexError") == 1 and "plain-python-worker" in log and "Traceback" in log


def go_to_validation(qtbot, wiz):
    wiz.show()
    wiz.next()  # file -> preview (reads in the background)
    qtbot.waitUntil(wiz.preview_page.isComplete, timeout=30000)
    wiz.next()  # -> mapping
    wiz.next()  # -> validation (checks in the background)
    qtbot.waitUntil(lambda: wiz.checked is not None, timeout=30000)


def hold_import_in_transaction(monkeypatch):
    """services.import_file as it is, held after its first batch of rows (written, not committed)
    until released, so the test can press Cancel while the transaction is open."""
    inside, release = threading.Event(), threading.Event()
    real = services.import_file

    def held(*args, progress=None, cancelled=None, **kwargs):
        def p(done, total):
            progress(done, total)
            if done > 0 and not inside.is_set():
                inside.set()
                release.wait(30)

        return real(*args, progress=p, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(services.importing, "import_file", held)
    return inside, release


@pytest.fixture
def two_ledgers(ws_eid, tmp_path, monkeypatch):
    """1,000 stored motors; a second ledger that would update them and add 2,000 more."""
    ws, eid = ws_eid
    monkeypatch.setattr(store_workspace, "UPSERT_BATCH", 500)
    services.import_file(ws, write_ledger(tmp_path / "old.csv", range(1000), 90.0), eid)
    return ws, eid, stored(ws, eid), write_ledger(tmp_path / "new.csv", range(3000), 85.0)


def test_wizard_cancel_during_the_import_rolls_back_and_says_so(qtbot, two_ledgers, monkeypatch):
    ws, eid, before, ledger = two_ledgers
    inside, release = hold_import_in_transaction(monkeypatch)
    wiz = ImportWizard(ws, eid, path=ledger)
    qtbot.addWidget(wiz)
    imported: list = []
    wiz.imported.connect(imported.append)
    go_to_validation(qtbot, wiz)
    wiz.next()  # -> import
    qtbot.waitUntil(inside.is_set, timeout=30000)
    handle = wiz.import_task
    wiz.reject()  # the wizard's Cancel button
    assert handle.is_cancelled()
    assert wiz.isVisible()  # not closed while the rows are still being rolled back
    assert "回滚" in wiz.import_page.result.text()
    release.set()
    qtbot.waitUntil(handle.worker_returned, timeout=30000)
    assert handle.worker_outcome == "cancelled"
    pd.testing.assert_frame_equal(stored(ws, eid), before)  # nothing written
    assert wiz.isVisible() and "未写入" in wiz.import_page.result.text()
    assert imported == [] and wiz.report is None and not wiz.import_page.isComplete()
    wiz.reject()  # now Cancel closes it
    assert not wiz.isVisible()


def test_closing_the_main_window_during_an_import_rolls_it_back(qtbot, two_ledgers, monkeypatch, tmp_path):
    from retrofit_desktop.ui.main_window import MainWindow

    ws, eid, before, ledger = two_ledgers
    inside, release = hold_import_in_transaction(monkeypatch)
    w = MainWindow(ws, str(tmp_path / "ws.sqlite3"), enterprise_id=eid)
    qtbot.addWidget(w)
    w.show()
    w.open_import(str(ledger))
    wiz = w._import_wizard
    go_to_validation(qtbot, wiz)
    wiz.next()
    qtbot.waitUntil(inside.is_set, timeout=30000)
    handle = wiz.import_task
    w.close()
    assert handle.is_cancelled()
    release.set()
    qtbot.waitUntil(handle.worker_returned, timeout=30000)
    assert handle.worker_outcome == "cancelled"
    pd.testing.assert_frame_equal(stored(ws, eid), before)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    ws = services.open_workspace(tmp_path_factory.mktemp("ws") / "ws.sqlite3")
    eid = services.ensure_sample_enterprise(ws)
    return (
        ws,
        eid,
        services.assessment_enterprise(ws, eid, services.AssessOptions(region="hunan"), save=False),
    )


def test_report_cancel_stops_the_render_itself(qtbot, tmp_path, sample, monkeypatch):
    from retrofit_desktop.report.render import SECTIONS

    n = len(SECTIONS)  # progress counts each section twice: built, then laid out
    ws, eid, assessment = sample
    reached, release = threading.Event(), threading.Event()
    steps: list[tuple[int, int]] = []
    real = services.write_report

    def held(*args, progress=None, cancelled=None, **kwargs):
        def p(done, total):
            steps.append((done, total))
            progress(done, total)
            if done == n + 2 and not reached.is_set():  # two sections laid out
                reached.set()
                release.wait(30)

        return real(*args, progress=p, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(services, "write_report", held)
    dlg = ReportExportDialog(ws, eid, lambda: assessment)
    qtbot.addWidget(dlg)
    out = tmp_path / "cancelled.pdf"
    dlg.path_edit.setText(str(out))
    handle = dlg.export()
    qtbot.waitUntil(reached.is_set, timeout=60000)
    handle.cancel()
    assert dlg.message.text() == "正在取消…"  # the render is still at its check
    release.set()
    qtbot.waitUntil(handle.worker_returned, timeout=30000)
    assert handle.worker_outcome == "cancelled"  # Cancelled came out of the render, not a finished file
    assert steps[-1] == (n + 2, 2 * n)  # no step after Cancel: the next check stopped it
    assert handle.last_progress is not None and handle.last_progress[1] == 2 * n  # sections on the bar
    assert not out.exists() and not temp_path_for(out).exists()
    assert list(tmp_path.iterdir()) == []
    assert dlg.message.text() == "已取消；未写入任何文件。"  # said once the worker had stopped


def test_cancel_after_the_commit_says_what_was_written(qtbot, two_ledgers, monkeypatch):
    ws, eid, _before, ledger = two_ledgers
    committed, release = threading.Event(), threading.Event()
    real = services.import_file

    def commits_then_waits(*args, **kwargs):  # Cancel arrives after the transaction has committed
        report = real(*args, **kwargs)
        committed.set()
        release.wait(30)
        return report

    monkeypatch.setattr(services.importing, "import_file", commits_then_waits)
    wiz = ImportWizard(ws, eid, path=ledger)
    qtbot.addWidget(wiz)
    imported: list = []
    wiz.imported.connect(imported.append)
    go_to_validation(qtbot, wiz)
    wiz.next()
    qtbot.waitUntil(committed.is_set, timeout=30000)
    handle = wiz.import_task
    wiz.reject()
    assert wiz.isVisible()
    release.set()
    qtbot.waitUntil(handle.worker_returned, timeout=30000)
    assert handle.worker_outcome == "done"
    assert len(stored(ws, eid)) == 3000  # it was written: the wizard must not say otherwise
    assert len(imported) == 1 and imported[0].added == 2000 and imported[0].updated == 1000
    text = wiz.import_page.result.text()
    assert "已经写入" in text and "2000" in text and "未写入" not in text
    assert wiz.import_page.isComplete()


def test_the_import_bar_counts_rows_to_the_end(qtbot, two_ledgers):
    ws, eid, _before, ledger = two_ledgers
    wiz = ImportWizard(ws, eid, path=ledger)
    qtbot.addWidget(wiz)
    go_to_validation(qtbot, wiz)
    with qtbot.waitSignal(wiz.imported, timeout=60000):
        wiz.next()
    assert wiz.import_task.last_progress == (3000, 3000)  # rows written of rows, as the bar showed it
    assert len(stored(ws, eid)) == 3000


def test_report_cancel_after_the_file_is_in_place_says_so(qtbot, tmp_path, sample, monkeypatch):
    import os

    ws, eid, assessment = sample
    out = tmp_path / "late.pdf"
    placed, release = threading.Event(), threading.Event()
    real_replace = os.replace

    def replace(src, dst):  # the dialog's final rename, then held until the test has pressed Cancel
        real_replace(src, dst)
        if str(dst) == str(out):
            placed.set()
            release.wait(30)

    monkeypatch.setattr(os, "replace", replace)
    dlg = ReportExportDialog(ws, eid, lambda: assessment)
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(out))
    handle = dlg.export()
    qtbot.waitUntil(placed.is_set, timeout=60000)
    handle.cancel()
    release.set()
    qtbot.waitUntil(handle.worker_returned, timeout=30000)
    assert handle.worker_outcome == "done" and out.read_bytes()[:5] == b"%PDF-"
    assert str(out) in dlg.message.text() and "未写入" not in dlg.message.text()
    assert dlg.output == out
