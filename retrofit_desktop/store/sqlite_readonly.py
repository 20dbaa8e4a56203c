"""Opening a SQLite workspace read-only without changing a byte of it (an inspector's copy).

SQLite's own read-only mode is not enough: a ``mode=ro`` connection to a WAL database creates the
-wal and -shm files when they are missing and writes its read marks into -shm, and an ordinary
connection (what ``--read-only`` used to open, with ``PRAGMA query_only``) checkpoints a leftover
-wal into the database file when it closes. So a read-only workspace is opened in one of two ways:

- no -wal file, or an empty one: the database file itself with ``mode=ro&immutable=1``. SQLite
  then creates, locks and writes nothing, which also works in a folder the user cannot write.
  Trade-off: without locks, a program writing the same file at that very moment is not seen
  consistently, and changes another program makes after the workspace was opened may not be seen
  until it is opened again (SQLite trusts an immutable file not to change). A workspace in WAL mode
  is written into its -wal file first, so this case means no other program had pending changes.
- a -wal file with content (changes not yet merged into the database file: another program has the
  workspace open, or one ended without closing it): ``immutable=1`` would silently show the data
  without those changes. Instead the database and its -wal are copied into a private temporary
  folder and the copy is opened, so the data shown is current and the workspace's files stay as
  they were; the copy is deleted when the workspace is closed. `ReadOnlySource.notice` says so.
  A hot -journal (a database not in WAL mode, interrupted in a transaction) is handled the same way:
  the copy is rolled back, the original is not.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..i18n import _
from .errors import StoreError

__all__ = ["ReadOnlySource", "read_only_source", "remove_copy", "remove_copy_with"]


@dataclass(frozen=True)
class ReadOnlySource:
    """What a read-only workspace connection opens."""

    path: Path  # the database file opened: the workspace's own file or the private copy
    immutable: bool  # True: the workspace's file with immutable=1; False: a private copy
    notice: str | None  # what the user should know (the -wal case), translated

    @property
    def uri(self) -> str:
        # the private copy may be written: SQLite merges the -wal (or rolls back a journal) into it
        query = "mode=ro&immutable=1" if self.immutable else "mode=rw"
        return f"file:{quote(self.path.as_posix(), safe='/:')}?{query}"

    def connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.uri, uri=True, check_same_thread=False)


def _pending(db_file: Path) -> Path | None:
    """The -wal (or, for a database not in WAL mode, the hot -journal) holding changes, if any."""
    for suffix in ("-wal", "-journal"):
        side = db_file.with_name(db_file.name + suffix)
        try:
            if side.stat().st_size > 0:
                return side
        except FileNotFoundError:
            pass
    return None


def read_only_source(db_file: Path) -> ReadOnlySource:
    """How to open `db_file` read-only without changing it (see the module docstring)."""
    wal = _pending(db_file)
    if wal is None:
        return ReadOnlySource(db_file, immutable=True, notice=None)
    folder = Path(tempfile.mkdtemp(prefix="retrofit-read-only-"))
    copy = folder / db_file.name
    try:
        # the -wal first: a checkpoint by another program while copying then only brings pages the
        # copied -wal also holds into the database file
        shutil.copyfile(wal, copy.with_name(copy.name + wal.name[len(db_file.name) :]))
        shutil.copyfile(db_file, copy)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise StoreError(
            _("cannot read the workspace {path} read-only: {error}").format(path=db_file, error=exc)
        ) from exc
    notice = _(
        "{side} is left next to {db} (another program has the workspace open, or one ended without "
        "closing it). The workspace is read from a private copy that includes it; the workspace files "
        "were not changed."
    ).format(side=wal.name, db=db_file.name)
    return ReadOnlySource(copy, immutable=False, notice=notice)


_REMOVERS: weakref.WeakKeyDictionary[object, weakref.finalize[Any, Any]] = weakref.WeakKeyDictionary()


def remove_copy_with(owner: object, source: ReadOnlySource) -> None:
    """Delete a private copy's folder with `owner` (the engine): by `remove_copy(owner)` when the
    workspace is closed, else when the engine is garbage-collected or the program ends."""
    if not source.immutable:
        _REMOVERS[owner] = weakref.finalize(owner, shutil.rmtree, source.path.parent, ignore_errors=True)


def remove_copy(owner: object) -> None:
    remover = _REMOVERS.pop(owner, None)
    if remover is not None:
        remover()
