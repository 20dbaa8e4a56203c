"""Exact copies of stored rows (every column, ids and timestamps included) and putting them back, for
undo and redo: an undone import, a deleted item or a removed enterprise comes back as it was, under
the same ids, so later steps on the undo stack that name those ids still find them.

Two kinds of copy:

- `ItemsChange`: what one edit did to an enterprise's items and sites (rows before and after, by id);
  ``apply_change(ws, change, undo=True)`` puts the "before" rows back, ``undo=False`` the "after" rows.
  Either refuses (nothing written) when the rows it would overwrite are no longer as the edit left
  them, e.g. another program changed them meanwhile.
- `EnterpriseSnapshot`: an enterprise with every row that depends on it through a foreign key
  (sites, items, assessments and any table added later), for redoing the creation of an enterprise
  whose undo removed it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, delete, insert, or_, select
from sqlalchemy.exc import DBAPIError

from ..i18n import _
from . import session_ops as ops
from .errors import StoreError
from .items import COMMON_COLUMNS, PROVENANCE
from .models import Base, Enterprise, Equipment, ImportRecord, Site

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .workspace import Workspace

Row = dict[str, Any]
_ITEMS: Table = Equipment.__table__  # type: ignore[assignment]
_SITES: Table = Site.__table__  # type: ignore[assignment]
_RECORDS: Table = ImportRecord.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class ItemsSnapshot:
    """Some (or all) of an enterprise's item rows and all its sites, by id."""

    enterprise_id: int
    items: dict[int, Row]
    sites: dict[int, Row]
    records: dict[int, Row] = field(default_factory=dict)  # import records (whole-enterprise snapshots)


@dataclass(frozen=True)
class ItemsChange:
    """The item and site rows one edit changed: as they were (`before`) and as it left them (`after`).

    An id only in `after` was added, only in `before` removed, in both updated."""

    enterprise_id: int
    before: dict[int, Row] = field(default_factory=dict)
    after: dict[int, Row] = field(default_factory=dict)
    sites_before: dict[int, Row] = field(default_factory=dict)
    sites_after: dict[int, Row] = field(default_factory=dict)
    site_names: dict[int, str] = field(default_factory=dict)  # every site of either side, for records()
    imports_before: dict[int, Row] = field(default_factory=dict)  # import records: undoing an import
    imports_after: dict[int, Row] = field(default_factory=dict)  # removes its record, redo brings it back

    @property
    def added(self) -> list[int]:
        return sorted(set(self.after) - set(self.before))

    @property
    def removed(self) -> list[int]:
        return sorted(set(self.before) - set(self.after))

    @property
    def updated(self) -> list[int]:
        return sorted(set(self.before) & set(self.after))

    def __bool__(self) -> bool:
        return bool(self.before or self.after or self.sites_before or self.sites_after or self.imports_after)

    def records(self, undo: bool) -> list[Row]:
        """The item rows an undo (or redo) leaves, as inventory-frame records (as `items_frame` has them)."""
        return [frame_record(r, self.site_names) for r in (self.before if undo else self.after).values()]


def frame_record(row: Row, site_names: dict[int, str]) -> Row:
    """A stored item row as an inventory-frame record (site name, provenance, product fields)."""
    rec: Row = {"id": row["id"]}
    for col in COMMON_COLUMNS:
        rec[col] = site_names.get(row["site_id"]) if col == "site" else row[col]
    for key, attr in PROVENANCE.items():
        rec[key] = row[attr]
    rec.update(row.get("fields") or {})
    return rec


#: ids per `IN (…)` list: SQLite allows 32766 bound values per statement, PostgreSQL 65535
CHUNK = 5000


def _rows(s: Session, table: Table, *where: Any) -> dict[int, Row]:
    return {int(r["id"]): dict(r) for r in s.execute(select(table).where(*where)).mappings()}


def _chunks(ids: Iterable[int]) -> list[list[int]]:
    ids = sorted(int(i) for i in ids)
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


def _items_by_id(s: Session, ids: Iterable[int]) -> dict[int, Row]:
    out: dict[int, Row] = {}
    for part in _chunks(ids):
        out.update(_rows(s, _ITEMS, _ITEMS.c.id.in_(part)))
    return out


def snapshot_items(
    ws: Workspace, enterprise_id: int, ids: Iterable[int] | None = None, tags: Iterable[str] | None = None
) -> ItemsSnapshot:
    """The enterprise's item rows (all, or those with the given ids or asset tags) and all its sites."""
    with ws.transaction() as s:
        ops.get_enterprise(s, enterprise_id)
        mine = _ITEMS.c.enterprise_id == enterprise_id
        if ids is None and tags is None:
            items = _rows(s, _ITEMS, mine)
        else:
            items = {
                i: r for i, r in _items_by_id(s, ids or ()).items() if r["enterprise_id"] == enterprise_id
            }
            tag_list = [str(t) for t in tags or ()]
            for i in range(0, len(tag_list), CHUNK):
                items.update(_rows(s, _ITEMS, mine, _ITEMS.c.asset_tag.in_(tag_list[i : i + CHUNK])))
        records = (
            _rows(s, _RECORDS, _RECORDS.c.enterprise_id == enterprise_id)
            if ids is None and tags is None
            else {}
        )
        return ItemsSnapshot(
            enterprise_id, items, _rows(s, _SITES, _SITES.c.enterprise_id == enterprise_id), records
        )


def diff(before: ItemsSnapshot, after: ItemsSnapshot, ids: Iterable[int] | None = None) -> ItemsChange:
    """The rows that differ between two snapshots of one enterprise (limited to `ids` when given:
    snapshots of a few items say nothing about the items they left out)."""
    keys = set(before.items) | set(after.items) if ids is None else {int(i) for i in ids}
    changed = {i for i in keys if before.items.get(i) != after.items.get(i)}
    sites = {i for i in set(before.sites) | set(after.sites) if before.sites.get(i) != after.sites.get(i)}
    return ItemsChange(
        before.enterprise_id,
        {i: before.items[i] for i in changed if i in before.items},
        {i: after.items[i] for i in changed if i in after.items},
        {i: before.sites[i] for i in sites if i in before.sites},
        {i: after.sites[i] for i in sites if i in after.sites},
        {i: r["name"] for i, r in {**before.sites, **after.sites}.items()},
        {i: r for i, r in before.records.items() if after.records.get(i) != r},
        {i: r for i, r in after.records.items() if before.records.get(i) != r},
    )


def apply_change(ws: Workspace, change: ItemsChange, undo: bool) -> None:
    """Undo (`undo=True`) or redo `change`, in one transaction; StoreError, nothing written, when the
    rows it would replace are not as the other direction left them."""
    old, new = (change.after, change.before) if undo else (change.before, change.after)
    old_sites, new_sites = (
        (change.sites_after, change.sites_before) if undo else (change.sites_before, change.sites_after)
    )
    with ws._write() as s:
        ops.get_enterprise(s, change.enterprise_id)
        current = _items_by_id(s, set(old) | set(new))
        for i in set(old) | set(new):
            if current.get(i) != old.get(i):
                tag = (old.get(i) or new.get(i) or {}).get("asset_tag")
                raise StoreError(
                    _("item {tag} was changed since; nothing was undone or redone").format(tag=tag)
                )
        have_sites = _rows(s, _SITES, _SITES.c.enterprise_id == change.enterprise_id)
        for i, site in new_sites.items():  # sites first: restored items refer to them
            if i not in have_sites:
                _insert(s, _SITES, [site])
        for part in _chunks(current):
            s.execute(delete(_ITEMS).where(_ITEMS.c.id.in_(part)))
        if new:
            _insert(s, _ITEMS, list(new.values()))
        old_imports, new_imports = (
            (change.imports_after, change.imports_before)
            if undo
            else (change.imports_before, change.imports_after)
        )
        if old_imports:
            s.execute(delete(_RECORDS).where(_RECORDS.c.id.in_(list(old_imports))))
        if new_imports:
            _insert(s, _RECORDS, list(new_imports.values()))
        gone = [i for i in old_sites if i not in new_sites and i in have_sites]
        if gone:  # a site the other direction created goes when no item is left on it
            used = set(s.scalars(select(_ITEMS.c.site_id).where(_ITEMS.c.site_id.in_(gone))))
            s.execute(delete(_SITES).where(_SITES.c.id.in_([i for i in gone if i not in used])))


def _insert(s: Session, table: Table, rows: list[Row]) -> None:
    try:
        s.execute(insert(table), rows)
    except DBAPIError as exc:
        raise StoreError(_("the database refused the change: {error}").format(error=exc.orig)) from exc


# -- a whole enterprise ------------------------------------------------------------------------------
@dataclass(frozen=True)
class EnterpriseSnapshot:
    """Every row of an enterprise and of the tables that depend on it (table name -> rows), in the
    order they can be inserted."""

    enterprise_id: int
    name: str
    tables: tuple[tuple[str, tuple[Row, ...]], ...]

    def count(self, table: str) -> int:
        return next((len(rows) for name, rows in self.tables if name == table), 0)

    @property
    def holds_data(self) -> bool:
        """Anything a user made beyond the enterprise and its sites: items, assessments, …"""
        return any(rows for name, rows in self.tables if name not in ("enterprise", "site"))


def _dependent_rows(s: Session, enterprise_id: int) -> list[tuple[Table, list[Row]]]:
    """The enterprise row, then each table's rows that reference an already collected row."""
    ent_table: Table = Enterprise.__table__  # type: ignore[assignment]
    collected: dict[str, set[Any]] = {}
    out: list[tuple[Table, list[Row]]] = []
    for table in Base.metadata.sorted_tables:
        if table is ent_table:
            conds = [table.c.id == enterprise_id]
        else:
            conds = [
                fk.parent.in_(collected[fk.column.table.name])
                for fk in table.foreign_keys
                if collected.get(fk.column.table.name) and fk.column.name == "id"
            ]
        if not conds:
            continue
        rows = [dict(r) for r in s.execute(select(table).where(or_(*conds))).mappings()]
        if rows:
            out.append((table, rows))
            if "id" in table.c:
                collected[table.name] = {r["id"] for r in rows}
    return out


def snapshot_enterprise(ws: Workspace, enterprise_id: int) -> EnterpriseSnapshot:
    with ws.transaction() as s:
        ent = ops.get_enterprise(s, enterprise_id)
        tables = tuple((t.name, tuple(rows)) for t, rows in _dependent_rows(s, enterprise_id))
        return EnterpriseSnapshot(int(enterprise_id), ent.name, tables)


def restore_enterprise(ws: Workspace, snapshot: EnterpriseSnapshot) -> int:
    """Insert every row of `snapshot` again, under the same ids; StoreError (nothing written) when its
    name or id has been taken meanwhile."""
    by_name = Base.metadata.tables
    with ws._write() as s:
        if s.get(Enterprise, snapshot.enterprise_id) is not None:
            raise StoreError(_("cannot restore {name}: its id {id} is in use").format(
                name=snapshot.name, id=snapshot.enterprise_id))  # fmt: skip
        ent_row = dict(snapshot.tables[0][1][0])
        ops.check_unique(s, ent_row.get("name"), ent_row.get("credit_code"), exclude_id=None)
        for name, rows in snapshot.tables:
            _insert(s, by_name[name], [dict(r) for r in rows])
    return snapshot.enterprise_id
