"""The real app, quit with work in flight: a process starts the desktop app offscreen on a workspace,
starts an import as the GUI does (tasks.run_in_background on the main window), closes the main window
while the import's transaction is open, and must exit with code 0, the import rolled back and the
database closed (SQLite removes its -wal file when the last connection closes)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import textwrap
import time

from retrofit_desktop import services

SCRIPT = textwrap.dedent("""
    import sys, threading, time
    from PySide6.QtCore import QRunnable, QTimer
    from PySide6.QtWidgets import QApplication
    from retrofit_desktop import services
    from retrofit_desktop.store import workspace as store_workspace
    from retrofit_desktop.ui import app as desktop, tasks

    db, ledger, mode = sys.argv[1:4]
    store_workspace.UPSERT_BATCH = 200
    qapp = QApplication(["retrofit-desktop"])
    inside = threading.Event()
    closed_at = []

    def start_work():
        window = next((w for w in qapp.topLevelWidgets() if type(w).__name__ == "MainWindow"), None)
        if window is None or window.ws is None:  # the workspace is opened after the window shows
            QTimer.singleShot(20, start_work)
            return
        ws = window.ws
        eid = services.find_enterprise(ws, "退出测试厂").id

        def close_when_inside():
            if inside.is_set():
                closed_at.append(time.monotonic())
                print("CLOSING", flush=True)
                window.close()  # what the title bar's X and Ctrl+Q do
            else:
                QTimer.singleShot(10, close_when_inside)

        def work(progress, cancelled):
            def slowly(done, total):  # a slow disk: 50 ms a batch of 200 rows
                progress(done, total)
                if done > 0:
                    inside.set()
                    time.sleep(0.05)
            return services.import_file(ws, ledger, eid, progress=slowly, cancelled=cancelled)

        if mode == "stuck":  # a worker that ignores Cancel, inside an open write transaction
            desktop.QUIT_WAIT_MS = 1000

            def stuck(progress, cancelled):
                with ws.transaction():
                    ws.delete_items(list(services.load_items(ws, eid)["id"]))
                    inside.set()
                    time.sleep(120)

            tasks.run_in_background(window, stuck, "Stuck", print)
            close_when_inside()
            return
        if mode == "error":  # an exception escaping a pool worker goes to sys.excepthook on that thread
            class Failing(QRunnable):
                def run(self):
                    inside.set()
                    time.sleep(0.2)
                    raise RuntimeError("a worker failed while quitting")

            tasks.thread_pool().start(Failing())
        tasks.run_in_background(window, work, "Importing", lambda r: print("IMPORT COMMITTED", flush=True))

        close_when_inside()

    QTimer.singleShot(0, start_work)
    code = desktop.main(["--db", db])
    print("EXIT", code, flush=True)
    print(f"QUIT_SECONDS {time.monotonic() - closed_at[0]:.2f}", flush=True)
    sys.exit(code)
""")


def write_ledger(path, n: int):
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(["设备编号", "产品类别", "额定功率(kW)", "极数", "额定效率(%)", "年运行时间(h)", "负载率"])
        for i in range(n):
            w.writerow([f"Q-{i:05d}", "三相异步电动机", 15, 4, 90.0, 6000, 0.8])
    return path


def run_app(tmp_path, mode: str):
    db = tmp_path / "ws.sqlite3"
    ws = services.open_workspace(db)
    eid = services.create_enterprise(ws, "退出测试厂")
    services.import_file(ws, write_ledger(tmp_path / "first.csv", 50), eid)
    before = services.load_items(ws, eid)
    ws.close()
    script = tmp_path / "quit_with_work.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RETROFIT_DATA_DIR=str(tmp_path / "data"))
    t0 = time.monotonic()
    proc = subprocess.run(
        [sys.executable, str(script), str(db), str(write_ledger(tmp_path / "big.csv", 6000)), mode],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    seconds = time.monotonic() - t0
    return proc, db, eid, before, seconds


def test_closing_the_window_during_an_import_exits_cleanly_and_rolls_back(tmp_path):
    proc, db, eid, before, seconds = run_app(tmp_path, "import")
    assert proc.returncode == 0, (proc.stdout, proc.stderr[-3000:])
    assert "CLOSING" in proc.stdout and "EXIT 0" in proc.stdout
    assert "IMPORT COMMITTED" not in proc.stdout
    print(
        f"process ran {seconds:.1f} s; {proc.stdout.split('QUIT_SECONDS')[-1].strip()} s from close to exit"
    )
    assert not (tmp_path / "ws.sqlite3-wal").exists()  # the last connection was closed
    ws = services.open_workspace(db, read_only=True)
    after = services.load_items(ws, eid)
    ws.close()
    assert len(after) == 50 and list(after["asset_tag"]) == list(before["asset_tag"])  # rolled back


def test_a_worker_exception_while_quitting_is_logged_and_does_not_hang(tmp_path):
    proc, _db, _eid, _before, _seconds = run_app(tmp_path, "error")
    assert proc.returncode == 0, (proc.stdout, proc.stderr[-3000:])
    assert "EXIT 0" in proc.stdout
    assert not (tmp_path / "ws.sqlite3-wal").exists()
    log = (tmp_path / "data" / "logs" / "retrofit-desktop.log").read_text(encoding="utf-8")
    assert "RuntimeError: a worker failed while quitting" in log and "Traceback" in log


def test_a_worker_that_ignores_cancel_does_not_keep_the_app_alive(tmp_path):
    """QUIT_WAIT_MS (1 s here) after the close the process leaves anyway; the worker's open write
    transaction (it deleted every item) is not committed, so the workspace is as it was."""
    proc, db, eid, before, seconds = run_app(tmp_path, "stuck")
    assert proc.returncode == 0, (proc.stdout, proc.stderr[-3000:])
    assert "CLOSING" in proc.stdout and "EXIT" not in proc.stdout  # left through os._exit
    log = (tmp_path / "data" / "logs" / "retrofit-desktop.log").read_text(encoding="utf-8")
    assert "still running 1000 ms after quit" in log
    ws = services.open_workspace(db)  # writable: SQLite recovers from the -wal the killed run left
    assert list(services.load_items(ws, eid)["asset_tag"]) == list(before["asset_tag"])
    ws.close()
