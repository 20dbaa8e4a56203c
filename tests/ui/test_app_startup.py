"""Start-up and errors: the app entry point (subprocess), the no-display hint, expected errors shown
without a traceback, unexpected ones logged, the About box, drag-and-drop to the import wizard."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from retrofit_desktop import services
from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.ui import errors
from retrofit_desktop.ui.about import about_html, data_status
from retrofit_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.usefixtures("private_settings")


def _env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    env.update(
        RETROFIT_DATA_DIR=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def test_without_display_prints_a_hint_instead_of_aborting(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "retrofit_desktop.ui.app"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert r.returncode == 2
    assert "./dev run --xvfb" in r.stderr and "xvfb-run -a" in r.stderr
    assert "Traceback" not in r.stderr


def test_app_starts_with_sample_and_writes_screenshot(tmp_path):
    png = tmp_path / "shot.png"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "retrofit_desktop.ui.app",
            "--sample",
            "--lang",
            "en",
            "--screenshot",
            str(png),
            "--quit-after",
            "300",
        ],
        env=_env(tmp_path, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    ws = services.open_workspace(tmp_path / "data" / "workspace.sqlite3", read_only=True)
    assert any(e.is_sample and e.item_count > 0 for e in services.list_enterprises(ws))


def test_expected_errors_get_one_sentence():
    locked = sqlite3.OperationalError("database is locked")
    assert "locked" in errors.expected_message(locked) or "锁定" in errors.expected_message(locked)
    wrapped = RuntimeError("commit failed")
    wrapped.__cause__ = sqlite3.OperationalError("attempt to write a readonly database")
    assert errors.expected_message(wrapped) == errors.expected_message(services.ReadOnlyError("x"))
    assert "只读" in errors.expected_message(wrapped)
    assert (
        errors.expected_message(FileNotFoundError(2, "No such file", "/x/台账.xlsx"))
        == "找不到文件：/x/台账.xlsx"
    )
    assert errors.expected_message(KeyError("bug")) is None


def test_read_only_workspace_edit_shows_short_message(qtbot, tmp_path):
    path = tmp_path / "ws.sqlite3"
    services.create_enterprise(services.open_workspace(path), "甲厂")
    ro = services.open_workspace(path, read_only=True)
    w = MainWindow(ro, str(path))
    qtbot.addWidget(w)
    errors.set_non_blocking(True)
    try:
        w.act_new_enterprise.setEnabled(True)
        w._guard(lambda: services.create_enterprise(ro, "乙厂"))
        box = errors.last_error_box()
        assert box is not None and box.isVisible()
        assert box.text() == errors.expected_message(services.ReadOnlyError("x"))
        assert "Traceback" not in box.text() and 'File "' not in box.text()
        box.close()
    finally:
        errors.set_non_blocking(False)


@pytest.fixture
def error_log(tmp_path, monkeypatch):
    """Errors shown without blocking and logged under a temp data dir; -> the log file. The file
    handler is closed and removed afterwards."""
    monkeypatch.setenv("RETROFIT_DATA_DIR", str(tmp_path / "data"))
    errors.set_non_blocking(True)
    yield tmp_path / "data" / "logs" / "retrofit-desktop.log"
    errors.set_non_blocking(False)
    for h in list(logging.getLogger("retrofit_desktop").handlers):
        if isinstance(h, logging.FileHandler) and str(tmp_path) in h.baseFilename:
            logging.getLogger("retrofit_desktop").removeHandler(h)
            h.close()


def test_unexpected_error_is_logged_with_traceback(qtbot, tmp_path, error_log):
    try:
        {}["missing"]
    except KeyError as exc:
        text = errors.show_error(None, exc)
    box = errors.last_error_box()
    box.close()
    log = error_log.read_text(encoding="utf-8")
    assert "Traceback" in log and "KeyError" in log
    assert "KeyError" in text and str(tmp_path / "data" / "logs") in text and "Traceback" not in text


def test_about_shows_edition_products_and_data_status(qapp):
    cat = get_catalog()
    html = about_html(cat)
    assert cat.edition.doc_no in html and "内置参考数据" in html  # the built-in id is an internal code in zh
    assert f"{len(cat.products)} / {cat.edition.products_total}" in html
    counts = data_status(cat)
    total_rows = sum(len(s.rows) for s in cat.products.values())
    assert sum(counts.values()) == total_rows and set(counts) >= {"verified", "single_source", "unverified"}


def test_dropping_a_ledger_opens_the_import_wizard(qtbot, tmp_path):
    ws = services.open_workspace(tmp_path / "ws.sqlite3")
    eid = services.create_enterprise(ws, "甲厂")
    w = MainWindow(ws, str(tmp_path / "ws.sqlite3"), enterprise_id=eid)
    qtbot.addWidget(w)
    w.show()
    ledger = tmp_path / "台账.csv"
    ledger.write_text("asset_tag,name,product\nM-1,电机,motor\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(ledger))])
    enter = QDragEnterEvent(
        w.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    w.dragEnterEvent(enter)
    assert enter.isAccepted()
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    refused = QDragEnterEvent(
        w.rect().center(),
        Qt.DropAction.CopyAction,
        other,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    refused.setAccepted(False)
    w.dragEnterEvent(refused)
    assert not refused.isAccepted()
    drop = QDropEvent(
        QPointF(w.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    w.dropEvent(drop)
    wizard = w._import_wizard
    qtbot.addWidget(wizard)
    assert wizard.enterprise_id == eid and Path(wizard.file_page.path_edit.text()) == ledger
    wizard.close()


def test_excepthook_logs_and_shows_briefly(qapp, tmp_path, monkeypatch, error_log):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)  # install_excepthook sets both
    errors.install_excepthook()
    try:
        raise ZeroDivisionError("boom in a slot")
    except ZeroDivisionError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    box = errors.last_error_box()
    assert "ZeroDivisionError" in box.text() and "boom" not in box.text().split("(")[0]
    box.close()
    log = error_log.read_text(encoding="utf-8")
    assert log.count("ZeroDivisionError: boom in a slot") == 1 and "Traceback" in log  # logged once
