"""Read-only opening changes no byte of a workspace: the database, its -wal and -shm files and the
folder listing have the same SHA-256 before and after a read-only command — for a clean workspace,
one with a leftover -wal (changes not yet merged: shown from a private copy, and the user is told),
and one in a folder the user cannot write (run as the user nobody; root ignores permissions)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from as_nobody import as_nobody
from workspace_files import DB, fingerprint, make_clean, make_leftover_wal

from retrofit_desktop import services
from retrofit_desktop.cli import main
from retrofit_desktop.store.sqlite_readonly import read_only_source

ROOT = Path(__file__).resolve().parents[2]


def enterprises_read_only(capsys, folder: Path) -> tuple[list[str], str]:
    code = main(["--lang", "en", "--db", str(folder / DB), "--read-only", "enterprises", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return [e["name"] for e in json.loads(out)["enterprises"]], err


def test_clean_workspace_is_opened_immutable_and_unchanged(tmp_path, capsys):
    folder = make_clean(tmp_path / "clean")
    source = read_only_source(folder / DB)
    assert source.immutable and source.uri.endswith("?mode=ro&immutable=1") and source.notice is None
    before = fingerprint(folder)
    assert list(before) == [DB]
    names, err = enterprises_read_only(capsys, folder)
    assert names == ["甲公司"] and err == ""
    assert fingerprint(folder) == before  # no -wal or -shm created, the database file not touched


def test_leftover_wal_is_read_from_a_copy_and_left_as_it_was(tmp_path, capsys):
    folder = make_leftover_wal(tmp_path / "crashed", tmp_path / "live")
    before = fingerprint(folder)
    assert set(before) == {DB, DB + "-wal", DB + "-shm"}
    names, err = enterprises_read_only(capsys, folder)
    assert sorted(names) == ["乙公司", "甲公司"]  # the -wal's change is shown, not stale data
    assert "ws.sqlite3-wal is left next to ws.sqlite3" in err
    assert "the workspace files were not changed" in err
    assert fingerprint(folder) == before  # before the fix: the -wal was checkpointed into the file


def test_the_private_copy_goes_with_the_workspace(tmp_path):
    folder = make_leftover_wal(tmp_path / "crashed", tmp_path / "live")
    source = read_only_source(folder / DB)
    assert not source.immutable and source.path.parent != folder and source.uri.endswith("?mode=rw")
    shutil.rmtree(source.path.parent)
    ws = services.open_workspace(folder / DB, read_only=True)
    with ws.engine.connect() as conn:  # the file the connections read: the workspace's private copy
        copy_file = Path(conn.exec_driver_sql("PRAGMA database_list").fetchall()[0][2])
    assert copy_file.parent != folder and copy_file.exists()
    assert ws.notice and "乙公司" not in ws.notice
    ws.close()
    assert not copy_file.parent.exists()


def test_read_only_open_refuses_writes_and_reads_everything(tmp_path):
    folder = make_leftover_wal(tmp_path / "crashed", tmp_path / "live")
    before = fingerprint(folder)
    ws = services.open_workspace(folder / DB, read_only=True)
    try:
        assert sorted(e.name for e in services.list_enterprises(ws)) == ["乙公司", "甲公司"]
        with pytest.raises(services.ReadOnlyError):
            services.create_enterprise(ws, "丙公司")
    finally:
        ws.close()
    assert fingerprint(folder) == before


@pytest.mark.parametrize("kind", ["clean", "leftover_wal"])
def test_read_only_in_a_folder_nobody_may_write(tmp_path, kind):
    """As the user nobody (permissions apply), a workspace in a root-owned 0755 folder."""
    base = Path("/tmp") / f"retrofit-ro-{os.getpid()}-{kind}"
    try:
        folder = make_clean(base / "ws") if kind == "clean" else make_leftover_wal(base / "ws", base / "live")
        for p in [base, *base.rglob("*")]:
            os.chmod(p, 0o755 if p.is_dir() else 0o644)  # readable by nobody, writable by root only
        before = fingerprint(folder)
        env = {**os.environ, "RETROFIT_DATA_DIR": str(base / "data"), "PYTHONDONTWRITEBYTECODE": "1",
               "HOME": str(base), "PYTHONPATH": str(ROOT), "TMPDIR": "/tmp"}  # fmt: skip
        r = subprocess.run(
            [*as_nobody(env, ROOT), sys.executable, "-m",
             "retrofit_desktop", "--lang", "en", "--db", str(folder / DB), "--read-only",
             "enterprises", "--json"],
            env=env, capture_output=True, text=True, timeout=120, cwd=ROOT,
        )  # fmt: skip
        assert r.returncode == 0, r.stderr
        names = sorted(e["name"] for e in json.loads(r.stdout)["enterprises"])
        assert names == (["甲公司"] if kind == "clean" else ["乙公司", "甲公司"])
        assert fingerprint(folder) == before
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_hot_journal_of_a_rollback_mode_database_is_rolled_back_in_the_copy_only(tmp_path, capsys):
    """A database not in WAL mode, interrupted inside a transaction: its -journal holds the old pages.
    Read-only shows the state before that transaction; the files stay as they are."""
    import sqlite3

    folder = make_clean(tmp_path / "ws")
    con = sqlite3.connect(folder / DB)
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    live = tmp_path / "live"
    live.mkdir()
    shutil.copyfile(folder / DB, live / DB)
    con = sqlite3.connect(live / DB, isolation_level=None)
    con.execute("PRAGMA cache_size=1")  # pages spill to the file while the transaction is open
    con.execute("BEGIN")
    con.execute("UPDATE enterprise SET name = '改名中' WHERE name = '甲公司'")
    con.execute("CREATE TABLE filler(x)")
    con.execute(
        "INSERT INTO filler SELECT zeroblob(4000) FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL "
        "SELECT i + 1 FROM c WHERE i < 50) SELECT i FROM c)"
    )
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in (DB, DB + "-journal"):
        shutil.copyfile(live / name, crashed / name)  # the image a crash mid-transaction leaves
    con.execute("ROLLBACK")
    con.close()
    before = fingerprint(crashed)
    assert set(before) == {DB, DB + "-journal"}
    names, err = enterprises_read_only(capsys, crashed)
    assert names == ["甲公司"]  # the interrupted rename is not shown
    assert "ws.sqlite3-journal is left next to ws.sqlite3" in err
    assert fingerprint(crashed) == before
