"""Undoable edits. Each command writes through `services` at once (so a crash loses nothing saved)
and then asks the window to refresh what changed (`ctx.after_change(enterprise_id, item_id)`).

A failing first application propagates out of `push_command` (nothing is pushed); a failure on a
later undo/redo is handed to `ctx.report_error` (Qt calls those, an exception must not escape).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack

from ..i18n import _


class _LazyServices:
    """`services` imported on first use (it pulls in SQLAlchemy and pandas; the window shows first)."""

    def __getattr__(self, name: str):
        from .. import services as real

        return getattr(real, name)


services = _LazyServices()


class EditContext(Protocol):
    ws: object

    def after_change(self, enterprise_id: int | None, item_id: int | None = None,
                     changed: list[dict] | None = None, removed: list[int] | None = None) -> None: ...

    def report_error(self, exc: BaseException) -> None: ...


class _Command(QUndoCommand):
    """Subclasses implement `apply()` and `revert()`; failures during undo/redo are reported, not raised."""

    def __init__(self, ctx: EditContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._already_applied = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._already_applied:  # push_command ran apply() before pushing
            self._already_applied = False
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, fn) -> None:
        try:
            fn()
        except Exception as exc:  # Qt calls undo/redo; an exception must not escape into C++
            self.ctx.report_error(exc)


class CreateEnterpriseCommand(_Command):
    def __init__(self, ctx: EditContext, name: str) -> None:
        super().__init__(ctx, _("Create enterprise {name}").format(name=name))
        self.name = name
        self.enterprise_id: int | None = None

    def apply(self) -> None:
        self.enterprise_id = services.create_enterprise(self.ctx.ws, self.name)
        self.ctx.after_change(self.enterprise_id)

    def revert(self) -> None:
        services.delete_enterprise(self.ctx.ws, self.enterprise_id)
        self.ctx.after_change(None)


class RenameEnterpriseCommand(_Command):
    def __init__(self, ctx: EditContext, enterprise_id: int, old: str, new: str) -> None:
        super().__init__(ctx, _("Rename enterprise to {name}").format(name=new))
        self.enterprise_id, self.old, self.new = enterprise_id, old, new

    def apply(self) -> None:
        services.rename_enterprise(self.ctx.ws, self.enterprise_id, self.new)
        self.ctx.after_change(self.enterprise_id)

    def revert(self) -> None:
        services.rename_enterprise(self.ctx.ws, self.enterprise_id, self.old)
        self.ctx.after_change(self.enterprise_id)


_DERIVED = frozenset({"tier", "verification", "rule"})


def _storable(item: dict, keep_id: bool = True) -> dict:
    """What services.save_item should store: no derived classification columns (and no stale id)."""
    return {
        k: v
        for k, v in item.items()
        if k not in _DERIVED and not k.startswith("thr__") and (keep_id or k != "id")
    }


class SaveItemCommand(_Command):
    """Add an item (old is None) or change one (old is its previous record, same asset tag)."""

    def __init__(self, ctx: EditContext, enterprise_id: int, new: dict, old: dict | None) -> None:
        tag = new.get("asset_tag") or ""
        text = _("Add item {tag}") if old is None else _("Edit item {tag}")
        super().__init__(ctx, text.format(tag=tag))
        self.enterprise_id, self.new, self.old = enterprise_id, dict(new), (dict(old) if old else None)
        self.item_id: int | None = None

    def apply(self) -> None:
        self.item_id = services.save_item(self.ctx.ws, self.enterprise_id, _storable(self.new))
        saved = {**_storable(self.new), "id": self.item_id}
        self.ctx.after_change(self.enterprise_id, self.item_id, changed=[saved])

    def revert(self) -> None:
        if self.old is None:
            services.delete_items(self.ctx.ws, [self.item_id])
            self.ctx.after_change(self.enterprise_id, removed=[self.item_id])
        else:
            restore = {k: None for k in self.new}  # fields the edit filled in become empty again
            restore.update(_storable(self.old))
            restore["id"] = self.item_id
            item_id = services.save_item(self.ctx.ws, self.enterprise_id, _storable(restore))
            self.ctx.after_change(self.enterprise_id, item_id, changed=[{**_storable(restore), "id": item_id}])


class DeleteItemsCommand(_Command):
    def __init__(self, ctx: EditContext, enterprise_id: int, records: list[dict]) -> None:
        super().__init__(ctx, _("Delete {n} item(s)").format(n=len(records)))
        self.enterprise_id, self.records = enterprise_id, [dict(r) for r in records]

    def apply(self) -> None:
        ids = [int(r["id"]) for r in self.records if r.get("id") is not None]
        services.delete_items(self.ctx.ws, ids)
        self.ctx.after_change(self.enterprise_id, removed=ids)

    def revert(self) -> None:
        for r in self.records:
            r["id"] = services.save_item(self.ctx.ws, self.enterprise_id, _storable(r, keep_id=False))
        self.ctx.after_change(self.enterprise_id, changed=[_storable(r) for r in self.records])


def push_command(stack: QUndoStack, command: _Command) -> None:
    """Apply `command` and put it on the stack. If applying fails, the exception propagates and
    nothing is pushed (QUndoStack.push() would otherwise keep an entry for an edit that never happened).
    """
    command.apply()
    command._already_applied = True
    stack.push(command)
