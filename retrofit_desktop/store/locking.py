"""Write locks that make concurrent imports into one enterprise run one after the other.

SQLite has one writer per database: ``BEGIN IMMEDIATE`` takes the write lock when the transaction
starts, so the import's read-compare-upsert all happens under it (a deferred transaction would read
first and collide at its first write). PostgreSQL: ``pg_advisory_xact_lock`` on a key per enterprise
(and per enterprise name, for creating one), held until the transaction ends.

The lock is first tried without waiting; when another writer holds it, ``on_wait()`` is called (the
CLI prints a message), then the lock is waited for up to the timeout and LockTimeout raised after it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from ..i18n import _
from .errors import StoreError

DEFAULT_TIMEOUT_S = 120.0
TIMEOUT_ENV = "RETROFIT_LOCK_TIMEOUT"  # seconds; lets a script wait longer (or a test shorter)
SQLITE_BUSY_MS = 5000  # pysqlite's own default, restored once the lock is held


class LockTimeout(StoreError):
    """Another writer kept the enterprise locked for longer than the timeout; nothing was changed."""


def lock_timeout(timeout: float | None = None) -> float:
    if timeout is not None:
        return float(timeout)
    try:
        return float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT_S))
    except ValueError:
        return DEFAULT_TIMEOUT_S


def lock_key(text: str) -> int:
    """A stable signed 64-bit key (pg advisory locks take a bigint)."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big", signed=True)


def acquire(
    s: Session, keys: tuple[str, ...], on_wait: Callable[[], None] | None = None, timeout: float | None = None
) -> None:
    """Take the write lock(s) for `keys` in the session's transaction (released when it ends)."""
    conn = s.connection()
    dialect = conn.dialect.name
    limit = lock_timeout(timeout)
    if dialect == "sqlite":
        _sqlite(conn, on_wait, limit)
    elif dialect == "postgresql":
        for key in keys:
            _postgres(conn, lock_key(key), on_wait, limit)
            on_wait = None  # one message per import is enough


def _timed_out(limit: float) -> LockTimeout:
    return LockTimeout(
        _(
            "another import was still writing to this enterprise after {s:g} s; nothing was "
            "imported, try again later"
        ).format(s=limit)
    )


def _sqlite(conn: Any, on_wait: Callable[[], None] | None, limit: float) -> None:
    dbapi = conn.connection.dbapi_connection
    if dbapi.in_transaction:
        # pysqlite (legacy transaction mode) only opens a transaction before a write: this one
        # already wrote, so it already holds the database's write lock.
        return
    cur = dbapi.cursor()
    try:
        cur.execute("PRAGMA busy_timeout = 0")
        try:
            cur.execute("BEGIN IMMEDIATE")
            return
        except Exception as exc:  # sqlite3.OperationalError: database is locked
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        if on_wait is not None:
            on_wait()
        cur.execute(f"PRAGMA busy_timeout = {int(limit * 1000)}")
        try:
            cur.execute("BEGIN IMMEDIATE")
        except Exception as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise _timed_out(limit) from exc
            raise
    finally:
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
        cur.close()


def _postgres(conn: Any, key: int, on_wait: Callable[[], None] | None, limit: float) -> None:
    if conn.exec_driver_sql("SELECT pg_try_advisory_xact_lock(%s)", (key,)).scalar():
        return
    if on_wait is not None:
        on_wait()
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int(limit * 1000)}")
    try:
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (key,))
    except (OperationalError, DBAPIError) as exc:
        if getattr(exc.orig, "sqlstate", None) == "55P03":  # lock_not_available
            raise _timed_out(limit) from exc
        raise
    conn.exec_driver_sql("SET LOCAL lock_timeout = 0")
