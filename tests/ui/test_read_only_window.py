"""Opening a workspace read-only in the GUI changes no byte of it, a leftover -wal included."""

from __future__ import annotations

from workspace_files import DB, fingerprint, make_leftover_wal

from retrofit_desktop import services
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
    ws.close()
    assert fingerprint(folder) == before
