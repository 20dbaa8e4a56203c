"""A workspace: one database of enterprises, their equipment and saved assessments."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine, event, func, select
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ..i18n import _
from ..os_reasons import os_reason
from . import bulk, db, limits, locking
from . import import_records as import_log
from . import session_ops as ops
from .errors import NotFound, ReadOnlyError, StoreError
from .items import record_from_row
from .models import Assessment, Enterprise, Equipment, Site, WorkspaceMeta
from .sqlite_readonly import remove_copy

#: rows written between two progress calls (and cancel checks) of `Workspace.upsert_items`
UPSERT_BATCH = 2000


@dataclass(frozen=True)
class EnterpriseInfo:
    id: int
    name: str
    credit_code: str | None
    region: str | None
    industry: str | None
    sites: tuple[str, ...]
    item_count: int
    is_sample: bool


@dataclass(frozen=True)
class ImportCounts:
    added: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class AssessmentInfo:
    id: int
    enterprise_id: int
    created_at: datetime
    catalog_edition: str | None
    catalog_sha256: str | None
    software_version: str | None


def open_workspace(url: str | os.PathLike[str] | None = None, read_only: bool = False) -> Workspace:
    """Open (creating and migrating if needed) a workspace database.

    `url`: None for the default SQLite file in the user data dir, a file path, or a SQLAlchemy URL.
    Read-only opening never creates or upgrades anything and refuses every write.
    """
    url = db.resolve_url(url)
    path = db.sqlite_file(url)
    if path is not None:
        if read_only and not path.exists():
            raise StoreError(_("no workspace database at {path}").format(path=path))
        if not read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(_("cannot create the workspace folder {path}: {error}").format(
                    path=path.parent, error=os_reason(exc))) from exc  # fmt: skip
    shown = db.display_url(url)
    try:
        engine = db.make_engine(url, read_only=read_only)
    except ImportError as exc:
        raise StoreError(
            _("the database driver for {url} is not installed ({error})").format(url=shown, error=exc)
        ) from exc
    except ArgumentError as exc:
        raise StoreError(_("not a database URL: {url} ({error})").format(url=shown, error=exc)) from exc
    try:
        if read_only:
            db.check_schema_current(engine)
        else:
            _migrate_waiting(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise StoreError(
            _("cannot open the database {url}: {error}").format(url=shown, error=exc.orig)
        ) from exc
    except Exception:
        engine.dispose()
        raise
    return Workspace(engine, url, read_only)


def _migrate_waiting(engine: Engine) -> None:
    """db.migrate; while another process creates or upgrades the same new SQLite file (its switch to WAL
    can answer 'database is locked' without SQLite's busy wait), try again until the lock timeout."""
    deadline = time.monotonic() + locking.lock_timeout()
    while True:
        try:
            db.migrate(engine)
            return
        except DBAPIError as exc:
            if (
                engine.dialect.name != "sqlite"
                or "locked" not in str(exc.orig)
                or time.monotonic() > deadline
            ):
                raise
            engine.dispose()  # a connection whose pragmas failed half-way is not reused
            time.sleep(0.05)


class Workspace:
    def __init__(self, engine: Engine, url: str, read_only: bool = False):
        self.engine = engine
        self.url = url
        self.read_only = read_only
        self._Session = sessionmaker(engine, expire_on_commit=False)
        self._local = threading.local()
        if read_only:
            event.listen(self._Session, "before_flush", _refuse_flush)

    # -- sessions ---------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction; nested calls on the same thread join the outer one (all or nothing)."""
        current = getattr(self._local, "session", None)
        if current is not None:
            yield current
            return
        with self._Session() as session, session.begin():
            self._local.session = session
            try:
                yield session
            finally:
                self._local.session = None

    @contextmanager
    def _write(self) -> Iterator[Session]:
        if self.read_only:
            raise ReadOnlyError(_("the workspace is open read-only; nothing was changed"))
        with self.transaction() as session:
            yield session

    @property
    def notice(self) -> str | None:
        """What the user should know about how the workspace was opened (read-only from a copy), or None."""
        return db.read_only_notice(self.engine)

    @property
    def display_url(self) -> str:
        """The URL with any password masked, for messages."""
        return db.display_url(self.url)

    def close(self) -> None:
        self.engine.dispose()
        remove_copy(self.engine)  # a read-only workspace's private copy, if one was made

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- enterprises ------------------------------------------------------------
    def enterprises(self) -> list[EnterpriseInfo]:
        with self.transaction() as s:
            counts = dict(
                s.execute(
                    select(Equipment.enterprise_id, func.count()).group_by(Equipment.enterprise_id)
                ).all()
            )
            out = []
            for ent in s.scalars(select(Enterprise).order_by(Enterprise.name)):
                out.append(_info(ent, counts.get(ent.id, 0)))
            return out

    def enterprise(self, enterprise_id: int) -> EnterpriseInfo:
        with self.transaction() as s:
            ent = ops.get_enterprise(s, enterprise_id)
            n = s.scalar(select(func.count()).where(Equipment.enterprise_id == ent.id))
            return _info(ent, n or 0)

    def find_enterprise(self, name: str) -> EnterpriseInfo | None:
        with self.transaction() as s:
            ent_id = s.scalar(select(Enterprise.id).where(Enterprise.name == name.strip()))
        return None if ent_id is None else self.enterprise(ent_id)

    def create_enterprise(
        self,
        name: str,
        credit_code: str | None = None,
        region: str | None = None,
        industry: str | None = None,
        sites: tuple[str, ...] | list[str] = (),
        is_sample: bool = False,
    ) -> int:
        name = ops.clean_name(name)
        code = ops.clean_code(credit_code)
        with self._write() as s:
            ops.check_unique(s, name, code, exclude_id=None)
            ent = Enterprise(
                name=name, credit_code=code, region=ops.blank(region), industry=ops.blank(industry)
            )
            ent.is_sample = is_sample
            ent.sites = [Site(name=n) for n in dict.fromkeys(x.strip() for x in sites if x and x.strip())]
            s.add(ent)
            ops.flush(s)
            return ent.id

    def get_or_create_enterprise(
        self,
        name: str,
        on_wait: Callable[[], None] | None = None,
        timeout: float | None = None,
        **details: Any,
    ) -> int:
        """The enterprise's id, creating it when there is none; two processes creating the same name at
        once are serialised by a lock on the name (see `lock_for_write`), so neither fails."""
        if self.read_only:
            found = self.find_enterprise(name)
            if found is not None:
                return found.id
        name = ops.clean_name(name)
        with self._write() as s:
            self.lock_for_write(name_lock(name), on_wait=on_wait, timeout=timeout)
            found_id = s.scalar(select(Enterprise.id).where(Enterprise.name == name))
            if found_id is not None:
                return found_id
            return self.create_enterprise(name, **details)

    def lock_for_write(
        self, *keys: str, on_wait: Callable[[], None] | None = None, timeout: float | None = None
    ) -> None:
        """Take the write lock for `keys` (``enterprise_lock(id)``, ``name_lock(name)``) in the current
        transaction, before anything is read: another import of the same enterprise waits until this
        transaction ends. `on_wait` is called once when the lock is taken by someone else; after
        `timeout` seconds (default: env RETROFIT_LOCK_TIMEOUT or 120) store.LockTimeout is raised."""
        if getattr(self._local, "session", None) is None:
            raise RuntimeError("lock_for_write is called inside Workspace.transaction()")
        with self._write() as s:
            locking.acquire(s, keys, on_wait, timeout)

    def update_enterprise(self, enterprise_id: int, **changes: Any) -> None:
        """Change any of name, credit_code, region, industry (a None/blank value clears the optional ones)."""
        allowed = {"name", "credit_code", "region", "industry"}
        unknown = set(changes) - allowed
        if unknown:
            raise TypeError(f"unknown enterprise fields: {sorted(unknown)}")
        with self._write() as s:
            ent = ops.get_enterprise(s, enterprise_id)
            if "name" in changes:
                changes["name"] = ops.clean_name(changes["name"])
            if "credit_code" in changes:
                changes["credit_code"] = ops.clean_code(changes["credit_code"])
            ops.check_unique(s, changes.get("name"), changes.get("credit_code"), exclude_id=ent.id)
            for key, value in changes.items():
                setattr(ent, key, value if key in ("name", "credit_code") else ops.blank(value))
            ops.flush(s)

    def rename_enterprise(self, enterprise_id: int, new_name: str) -> None:
        self.update_enterprise(enterprise_id, name=new_name)

    def delete_enterprise(self, enterprise_id: int) -> None:
        with self._write() as s:
            s.delete(ops.get_enterprise(s, enterprise_id))

    def add_site(self, enterprise_id: int, name: str) -> int:
        with self._write() as s:
            ops.get_enterprise(s, enterprise_id)
            return ops.site_id(s, enterprise_id, name, {})

    # -- equipment --------------------------------------------------------------
    def upsert_items(
        self, enterprise_id: int, frame: pd.DataFrame, progress: Callable[[int, int], None] | None = None
    ) -> ImportCounts:
        """Insert or update items by (enterprise, asset_tag) in one transaction (all rows or none).

        ``progress(rows done, rows)`` is called inside the transaction after every batch of
        ``UPSERT_BATCH`` rows; an exception it raises (e.g. services.Cancelled) rolls everything back.
        """
        if "asset_tag" not in frame.columns:
            raise StoreError(_("the items have no asset_tag column"))
        keys = bulk.frame_columns(frame[[c for c in frame.columns if c in ("asset_tag", "sheet", "row")]])
        tags = keys.common["asset_tag"]
        seen: dict[str, int] = {}
        for i, tag in enumerate(tags):
            if tag is None:
                raise StoreError(_("item {n} has no asset tag").format(n=keys.where(i)))
            if tag in seen:
                raise StoreError(
                    _("asset tag {tag!r} appears twice ({a} and {b})").format(
                        tag=tag, a=keys.where(seen[tag]), b=keys.where(i)
                    )
                )
            seen[tag] = i
        bad = limits.frame_problems(frame)
        if bad:
            p = bad[0]
            raise StoreError(_("{where}, {column}: {value}: {reason}").format(
                where=keys.where(p.position), column=p.column,
                value=limits.shorten(p.value), reason=p.reason))  # fmt: skip
        added = updated = unchanged = 0
        total = len(tags)
        with self._write() as s:
            ops.get_enterprise(s, enterprise_id)
            existing = dict(
                s.execute(
                    select(Equipment.asset_tag, Equipment.id).where(Equipment.enterprise_id == enterprise_id)
                ).all()
            )
            known = np.fromiter((t in existing for t in tags), dtype=bool, count=total)
            site_cache: dict[str, int] = {}
            done = 0
            # rows already stored: compared and updated through the ORM, a batch of objects at a time
            old_positions = np.flatnonzero(known)
            for start in range(0, len(old_positions), UPSERT_BATCH):
                chunk = old_positions[start : start + UPSERT_BATCH]
                cols = bulk.frame_columns(frame.iloc[chunk])
                ids = [existing[tags[p]] for p in chunk.tolist()]
                objs = {e.id: e for e in s.scalars(select(Equipment).where(Equipment.id.in_(ids)))}
                for i, item_id in enumerate(ids):
                    if ops.apply(s, objs[item_id], cols.record(i), site_cache):
                        updated += 1
                    else:
                        unchanged += 1
                ops.flush(s)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
            # new rows: plain tuples, one executemany (SQLite) or COPY (PostgreSQL) per batch
            conn = s.connection()
            new_positions = np.flatnonzero(~known)
            for start in range(0, len(new_positions), UPSERT_BATCH):
                chunk = new_positions[start : start + UPSERT_BATCH]
                cols = bulk.frame_columns(frame.iloc[chunk])
                rows = bulk.new_rows(
                    cols,
                    enterprise_id,
                    lambda name: ops.site_id(s, enterprise_id, name, site_cache),
                    conn.dialect,
                )
                bulk.insert_rows(conn, rows)
                added += len(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
        return ImportCounts(added, updated, unchanged)

    def save_item(self, enterprise_id: int, item: Mapping[str, Any]) -> int:
        """Insert or update one item (by ``id`` when given, else by asset_tag); returns its id."""
        rec = record_from_row(item)
        with self._write() as s:
            ops.get_enterprise(s, enterprise_id)
            obj = None
            if item.get("id") is not None and not pd.isna(item.get("id")):
                obj = s.get(Equipment, int(item["id"]))
                if obj is None or obj.enterprise_id != enterprise_id:
                    raise NotFound(_("no item with id {id}").format(id=item["id"]))
            elif rec.get("asset_tag") is not None:
                obj = s.scalar(
                    select(Equipment).where(
                        Equipment.enterprise_id == enterprise_id, Equipment.asset_tag == rec["asset_tag"]
                    )
                )
            if obj is None:
                if rec.get("asset_tag") is None:
                    raise StoreError(_("an item needs an asset tag"))
                obj = Equipment(enterprise_id=enterprise_id, asset_tag=rec["asset_tag"], fields={})
                s.add(obj)
            elif "asset_tag" in rec and rec["asset_tag"] is None:
                raise StoreError(_("an item needs an asset tag"))
            ops.apply(s, obj, rec, {})
            ops.flush(s)
            return obj.id

    def delete_items(self, ids: list[int]) -> int:
        if not ids:
            return 0
        with self._write() as s:
            items = list(s.scalars(select(Equipment).where(Equipment.id.in_([int(i) for i in ids]))))
            for it in items:
                s.delete(it)
            return len(items)

    def items_frame(self, enterprise_id: int) -> pd.DataFrame:
        """The enterprise's items as an inventory frame, plus ``id``; ordered by id."""
        with self.transaction() as s:
            ops.get_enterprise(s, enterprise_id)
            return bulk.read_frame(s.connection(), enterprise_id)

    def item_count(self, enterprise_id: int) -> int:
        with self.transaction() as s:
            return s.scalar(select(func.count()).where(Equipment.enterprise_id == enterprise_id)) or 0

    # -- import records ---------------------------------------------------------
    def record_import(
        self,
        enterprise_id: int,
        file_name: str,
        sha256: str,
        counts: Mapping[str, int],
        rejected_cells: Sequence[Mapping[str, Any]] = (),
        warning_cells: Sequence[Mapping[str, Any]] = (),
    ) -> int:
        """Keep the record of one import (`counts`: read, added, updated, unchanged, rejected rows)."""
        with self._write() as s:
            ops.get_enterprise(s, enterprise_id)
            rec = import_log.add(s, enterprise_id, file_name, sha256, counts, rejected_cells, warning_cells)
            ops.flush(s)
            return rec.id

    def import_records(self, enterprise_id: int) -> list[import_log.ImportRecordInfo]:
        """The enterprise's imports, oldest first."""
        with self.transaction() as s:
            ops.get_enterprise(s, enterprise_id)
            return import_log.of_enterprise(s, enterprise_id)

    # -- assessments ------------------------------------------------------------
    def save_assessment(
        self,
        enterprise_id: int,
        payload: Mapping[str, Any],
        options: Mapping[str, Any] | None = None,
        catalog_edition: str | None = None,
        catalog_sha256: str | None = None,
        software_version: str | None = None,
    ) -> int:
        with self._write() as s:
            ops.get_enterprise(s, enterprise_id)
            a = Assessment(
                enterprise_id=enterprise_id,
                payload=dict(payload),
                options=dict(options or {}),
                catalog_edition=catalog_edition,
                catalog_sha256=catalog_sha256,
                software_version=software_version,
            )
            s.add(a)
            ops.flush(s)
            return a.id

    def assessments(self, enterprise_id: int) -> list[AssessmentInfo]:
        with self.transaction() as s:
            rows = s.scalars(
                select(Assessment).where(Assessment.enterprise_id == enterprise_id).order_by(Assessment.id)
            )
            return [
                AssessmentInfo(
                    a.id,
                    a.enterprise_id,
                    a.created_at,
                    a.catalog_edition,
                    a.catalog_sha256,
                    a.software_version,
                )
                for a in rows
            ]

    def load_assessment(self, assessment_id: int) -> dict[str, Any]:
        with self.transaction() as s:
            a = s.get(Assessment, assessment_id)
            if a is None:
                raise NotFound(_("no assessment with id {id}").format(id=assessment_id))
            return a.payload

    # -- workspace facts --------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self.transaction() as s:
            m = s.get(WorkspaceMeta, key)
            return None if m is None else m.value

    def set_meta(self, key: str, value: str | None) -> None:
        with self._write() as s:
            m = s.get(WorkspaceMeta, key)
            if m is None:
                s.add(WorkspaceMeta(key=key, value=value))
            else:
                m.value = value


# -- helpers ------------------------------------------------------------------
def enterprise_lock(enterprise_id: int) -> str:
    """The lock key of writing an enterprise's items (`Workspace.lock_for_write`)."""
    return f"enterprise:{int(enterprise_id)}"


def name_lock(name: str) -> str:
    """The lock key of creating an enterprise by name."""
    return "enterprise-name:" + name.strip()


def _refuse_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise ReadOnlyError(_("the workspace is open read-only; nothing was changed"))


def _info(ent: Enterprise, item_count: int) -> EnterpriseInfo:
    return EnterpriseInfo(
        id=ent.id,
        name=ent.name,
        credit_code=ent.credit_code,
        region=ent.region,
        industry=ent.industry,
        sites=tuple(site.name for site in ent.sites),
        item_count=item_count,
        is_sample=bool(ent.is_sample),
    )
