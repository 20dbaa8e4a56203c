"""Edits that report exactly what they changed, so the GUI can undo and redo them (store.snapshots):
an import, saving one item, deleting items, removing an enterprise."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from ..store import Workspace
from ..store import snapshots as snap
from ..store.snapshots import EnterpriseSnapshot, ItemsChange
from . import importing  # importing.import_file, looked up at call time: tests may wrap it
from .importing import ImportReport

__all__ = [
    "EnterpriseSnapshot",
    "ItemsChange",
    "delete_enterprise_undoable",
    "delete_items_with_change",
    "holds_data",
    "import_file_with_changes",
    "redo_change",
    "restore_enterprise",
    "save_item_with_change",
    "snapshot_enterprise",
    "undo_change",
]


def import_file_with_changes(
    ws: Workspace, path: str | os.PathLike[str], enterprise_id: int, mapping: Any = None, **options: Any
) -> tuple[ImportReport, ItemsChange]:
    """`import_file` (`options` passed on), plus the item and site rows it added or changed (their
    values before and after). The copies are read inside the import's transaction, under its write
    lock, so a row another program writes meanwhile is never taken for this import's (and undone)."""
    copies: dict[str, snap.ItemsSnapshot] = {}

    def inside_lock(write: Callable[[], ImportReport]) -> ImportReport:
        copies["before"] = snap.snapshot_items(ws, enterprise_id)
        report = write()
        copies["after"] = snap.snapshot_items(ws, enterprise_id)
        return report

    report = importing.import_file(
        ws, path, enterprise_id, mapping=mapping, inside_lock=inside_lock, **options
    )
    return report, snap.diff(copies["before"], copies["after"])


def save_item_with_change(ws: Workspace, enterprise_id: int, item: dict[str, Any]) -> tuple[int, ItemsChange]:
    """`save_item` (by id, else by asset tag), plus the change it made."""
    ident = item.get("id")
    ids = [int(ident)] if ident is not None and ident == ident else []  # NaN: no id
    tags = [item["asset_tag"]] if item.get("asset_tag") is not None else []
    with ws.transaction():
        before = snap.snapshot_items(ws, enterprise_id, ids=ids, tags=tags)
        item_id = ws.save_item(enterprise_id, item)
        after = snap.snapshot_items(ws, enterprise_id, ids=[item_id, *before.items])
    return item_id, snap.diff(before, after, ids=set(before.items) | {item_id})


def delete_items_with_change(ws: Workspace, enterprise_id: int, ids: list[int]) -> ItemsChange:
    ids = [int(i) for i in ids]
    with ws.transaction():
        before = snap.snapshot_items(ws, enterprise_id, ids=ids)
        ws.delete_items(list(before.items))
        after = snap.snapshot_items(ws, enterprise_id, ids=ids)
    return snap.diff(before, after, ids=ids)


def undo_change(ws: Workspace, change: ItemsChange) -> None:
    snap.apply_change(ws, change, undo=True)


def redo_change(ws: Workspace, change: ItemsChange) -> None:
    snap.apply_change(ws, change, undo=False)


def snapshot_enterprise(ws: Workspace, enterprise_id: int) -> EnterpriseSnapshot:
    """Every stored row of the enterprise (items, sites, assessments and what else refers to it)."""
    return snap.snapshot_enterprise(ws, enterprise_id)


def holds_data(ws: Workspace, enterprise_id: int) -> bool:
    """Would removing the enterprise lose items or assessments (not just its name and sites)?"""
    return ws.item_count(enterprise_id) > 0 or bool(ws.assessments(enterprise_id))


def delete_enterprise_undoable(ws: Workspace, enterprise_id: int) -> EnterpriseSnapshot:
    """Remove the enterprise with everything it holds; returns the copy `restore_enterprise` needs."""
    with ws.transaction():
        copy = snap.snapshot_enterprise(ws, enterprise_id)
        ws.delete_enterprise(enterprise_id)
    return copy


def restore_enterprise(ws: Workspace, copy: EnterpriseSnapshot) -> int:
    """Put a removed enterprise back as it was, same ids; returns its id."""
    return snap.restore_enterprise(ws, copy)
