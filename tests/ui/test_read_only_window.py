"""Opening a workspace read-only in the GUI changes no byte of it, a leftover -wal included."""

from __future__ import annotations

import gc

from workspace_files import DB, fingerprint, make_leftover_wal

from retrofit_desktop import services
from retrofit_desktop.ui import tasks
from retrofit_desktop.ui.main_window import MainWindow


def test_read_only_window_leaves_a_workspace_with_a_leftover_wal_unchanged(qtbot, private_settings, tmp_path):
    folder = make_leftover_wal(tmp_path / "crashed", tmp_path / "live")
    before = fingerprint(folder)

    ws = services.open_workspace(folder / DB, read_only=True)
    assert ws.notice and "ws.sqlite3-wal" in ws.notice
    win = MainWindow(ws, str(folder / DB))
    qtbot.addWidget(win)
    win.show()
    infos = services.list_enterprises(ws)
    assert sorted(e.name for e in infos) == ["乙公司", "甲公司"]  # 乙 only in the -wal: read, not lost
    for info in infos:
        win.reload_enterprises(select=info.id)
        assert win.enterprise_id == info.id
    assert win.read_only() and "只读" in win.windowTitle()
    win.close()
    assert tasks.wait_for_all(30_000)  # the window's workers (items, search index) are done with it
    qtbot.wait(50)
    ws.close()
    gc.collect()  # a connection still referenced somewhere closes here, and would checkpoint
    assert fingerprint(folder) == before


def test_the_app_started_read_only_says_so_and_changes_nothing(tmp_path):
    """The real entry point (python -m retrofit_desktop.ui.app --read-only) on a crash image."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    folder = make_leftover_wal(tmp_path / "crashed", tmp_path / "live")
    before = fingerprint(folder)
    png = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RETROFIT_DATA_DIR": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PYTHONPATH": str(root)}  # fmt: skip
    r = subprocess.run(
        [sys.executable, "-m", "retrofit_desktop.ui.app", "--read-only", "--db", str(folder / DB),
         "--lang", "en", "--screenshot", str(png), "--quit-after", "300"],
        env=env, capture_output=True, text=True, timeout=120, cwd=root,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "ws.sqlite3-wal is left next to ws.sqlite3" in r.stderr
    assert png.exists()
    assert fingerprint(folder) == before
