"""Where a workspace lives, how its engine is made, and how its schema is brought up to date.

The default workspace is one SQLite file in the user data dir (``RETROFIT_DATA_DIR`` overrides the
dir). Any SQLAlchemy URL works (``postgresql+psycopg://…``); SQLite-only statements are confined to
the connect hook below.
"""

from __future__ import annotations

import os
import re
import weakref
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from ..i18n import _
from ..user_dirs import APP_DIR_NAME, DATA_DIR_ENV, data_dir  # noqa: F401 (re-exported: store.data_dir)
from .errors import StoreError
from .sqlite_readonly import read_only_source, remove_copy_with

if TYPE_CHECKING:  # alembic is imported only when a schema is checked or migrated (it is slow to import)
    from alembic.config import Config

DEFAULT_FILE_NAME = "workspace.sqlite3"


def default_url() -> str:
    return "sqlite:///" + str(data_dir() / DEFAULT_FILE_NAME)


def resolve_url(url: str | os.PathLike[str] | None) -> str:
    """None -> the default workspace file; a plain file path -> a SQLite URL; a URL unchanged."""
    if url is None:
        return default_url()
    text = os.fspath(url)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def display_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not parseable: show it as given, it holds no recognisable password
        return url


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL (None for other back ends and in-memory databases)."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


_NOTICES: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def read_only_notice(engine: Engine) -> str | None:
    """What a user opening this engine read-only should know (e.g. data read from a private copy)."""
    return _NOTICES.get(engine)


def make_engine(url: str, read_only: bool = False) -> Engine:
    db_file = sqlite_file(url)
    source = read_only_source(db_file) if read_only and db_file is not None else None
    # read-only SQLite: our own connect (mode=ro, immutable or a private copy: sqlite_readonly.py)
    engine = create_engine(url) if source is None else create_engine(url, creator=source.connect)
    if source is not None:
        remove_copy_with(engine, source)
        if source.notice:
            _NOTICES[engine] = source.notice
    if engine.dialect.name == "sqlite":
        file_backed = db_file is not None

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(
            dbapi_conn: Any, _record: Any
        ) -> None:  # the only SQLite-specific SQL in the store
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if file_backed and not read_only:
                cur.execute("PRAGMA journal_mode=WAL")
            if read_only:
                cur.execute("PRAGMA query_only=ON")
            cur.close()

    return engine


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "retrofit_desktop.store:migrations")
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migration_sql(url: str, revision: str = "head") -> str:
    """The DDL of the migrations for `url`'s dialect, without connecting (for review, e.g. PostgreSQL)."""
    import io

    from alembic import command
    from alembic.config import Config

    buf = io.StringIO()
    cfg = Config(output_buffer=buf)
    cfg.set_main_option("script_location", "retrofit_desktop.store:migrations")
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(cfg, revision, sql=True)
    return buf.getvalue()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


_REVISION_LINE = re.compile(
    r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(None|['\"]([^'\"]+)['\"])\s*$", re.M
)


@cache
def _file_head() -> str | None:
    """The head revision read from the migration files as text (no alembic import); None when the
    files cannot be read this way (then alembic decides)."""
    try:
        files = list((Path(__file__).parent / "migrations" / "versions").glob("*.py"))
        graph: dict[str, str | None] = {}
        for f in files:
            found = dict(
                (m.group(1), m.group(3)) for m in _REVISION_LINE.finditer(f.read_text(encoding="utf-8"))
            )
            if "revision" in found and found["revision"]:
                graph[found["revision"]] = found.get("down_revision")
    except OSError:
        return None
    heads = set(graph) - {d for d in graph.values() if d}
    return next(iter(heads)) if len(heads) == 1 else None


def at_head(engine: Engine) -> bool:
    """True when the database's alembic revision is the head, checked with plain SQL (alembic is slow
    to import and is only needed when there is something to migrate)."""
    head = _file_head()
    if head is None:
        return False
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return False
        rows = [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
    return rows == [head]


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to `revision` on this engine (a no-op when already there)."""
    if revision == "head" and at_head(engine):
        return
    from alembic import command

    check_not_newer(engine)
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        _lock_for_migration(conn)
        if revision == "head" and _rows_at_head(conn):
            return  # another process upgraded it while this one waited
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def _lock_for_migration(conn: Any) -> None:
    """Two processes opening a new (or old) workspace at once: the second waits for the first one's
    upgrade instead of creating the same tables again and failing."""
    if conn.dialect.name == "sqlite":
        dbapi = conn.connection.dbapi_connection
        if not dbapi.in_transaction:
            from .locking import SQLITE_BUSY_MS, lock_timeout

            # the other process's upgrade (alembic loading its scripts on a busy machine) can hold the
            # write lock longer than the 5 s busy wait: wait as long as an import waits for the lock
            dbapi.execute(f"PRAGMA busy_timeout = {int(lock_timeout() * 1000)}")
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")  # DDL and all in one write transaction
            finally:
                dbapi.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
    elif conn.dialect.name == "postgresql":
        from .locking import lock_key

        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (lock_key("retrofit-desktop migrate"),))


def _rows_at_head(conn: Any) -> bool:
    head = _file_head()
    if head is None or not inspect(conn).has_table("alembic_version"):
        return False
    return [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))] == [head]


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {r.revision for r in ScriptDirectory.from_config(alembic_config("sqlite://")).walk_revisions()}


def check_not_newer(engine: Engine) -> None:
    """A database written by a newer version (a revision this version does not know) is never touched."""
    cur = current_revision(engine)
    if cur is not None and cur not in known_revisions():
        raise StoreError(
            _(
                "the workspace database was written by a newer version of Retrofit Desktop "
                "(schema revision {cur}); this version knows revisions up to {head}"
            ).format(cur=cur, head=head_revision())
        )


def check_schema_current(engine: Engine) -> None:
    """For read-only opening: the schema must already be at head, since it cannot be upgraded."""
    if at_head(engine):
        return
    check_not_newer(engine)
    cur = current_revision(engine)
    head = head_revision()
    if cur != head:
        raise StoreError(
            _(
                "the workspace database is at schema revision {cur}, this version needs {head}; "
                "open it once without --read-only to upgrade it"
            ).format(cur=cur or "-", head=head)
        )
