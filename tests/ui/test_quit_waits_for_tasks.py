"""Quitting cleanly: the search index is built on the shared task pool, so tasks.wait_for_all waits for
it, and an indexer deleted while its worker runs never gets (or crashes on) the late result."""

from __future__ import annotations

import threading
import time

import pandas as pd
from PySide6.QtCore import QCoreApplication, QEvent

from retrofit_desktop.ui import tasks
from retrofit_desktop.ui.equipment_model import EquipmentTableModel, SearchIndexer


def _slow_index(started: threading.Event, seconds: float):
    def build(frame):
        started.set()
        time.sleep(seconds)
        return pd.Series(["x"] * len(frame), index=frame.index)

    return build


def test_wait_for_all_waits_for_the_search_index(qtbot, monkeypatch):
    started = threading.Event()
    monkeypatch.setattr(EquipmentTableModel, "build_search_index", staticmethod(_slow_index(started, 0.3)))
    indexer = SearchIndexer()
    frame = pd.DataFrame({"asset_tag": ["A", "B"]})
    with qtbot.waitSignal(indexer.ready, timeout=5000) as blocker:
        indexer.start(frame)
        assert started.wait(5)
        assert tasks.thread_pool().activeThreadCount() == 1  # on the pool wait_for_all drains
        t0 = time.monotonic()
        assert tasks.wait_for_all(5000)
        assert time.monotonic() - t0 > 0.1  # it really waited for the worker
    assert blocker.args[0] is frame and list(blocker.args[1]) == ["x", "x"]


def test_an_indexer_deleted_while_its_worker_runs_gets_nothing(qtbot, monkeypatch, caplog):
    started = threading.Event()
    monkeypatch.setattr(EquipmentTableModel, "build_search_index", staticmethod(_slow_index(started, 0.2)))
    got = []
    indexer = SearchIndexer()
    indexer.ready.connect(lambda *a: got.append(a))
    indexer.start(pd.DataFrame({"asset_tag": ["A"]}))
    assert started.wait(5)
    indexer.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone while the worker sleeps
    assert tasks.wait_for_all(5000)
    QCoreApplication.processEvents()
    assert got == []
    assert "building the search index failed" not in caplog.text  # the worker emitted on a live relay
