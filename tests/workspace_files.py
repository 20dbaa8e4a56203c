"""Workspace files on disk for the read-only tests (imported by name: tests/ is on sys.path through
tests/conftest.py): a clean workspace, the image a crash leaves (a -wal with changes not yet in the
database file), and a fingerprint of a folder's files."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from retrofit_desktop import services

DB = "ws.sqlite3"


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file of the folder (the listing) with the SHA-256 of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def make_clean(folder: Path) -> Path:
    """A workspace holding 甲公司, closed properly (no -wal, no -shm)."""
    folder.mkdir(parents=True, exist_ok=True)
    ws = services.open_workspace(folder / DB)
    services.create_enterprise(ws, "甲公司")
    ws.close()  # the last connection checkpoints and removes the -wal and -shm
    return folder


def make_leftover_wal(folder: Path, source: Path) -> Path:
    """The files of a workspace whose program ended without closing it: 乙公司 is only in the -wal."""
    make_clean(source)
    ws = services.open_workspace(source / DB)
    services.create_enterprise(ws, "乙公司")  # a few pages, far below the auto-checkpoint
    folder.mkdir(parents=True)
    for name in (DB, DB + "-wal", DB + "-shm"):
        shutil.copyfile(source / name, folder / name)  # the image a crash would leave
    ws.close()
    assert (folder / (DB + "-wal")).stat().st_size > 0
    return folder
