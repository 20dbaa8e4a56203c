"""Undoable edits. Each command writes through `services` at once (so a crash loses nothing saved)
and then asks the window to refresh what changed (`ctx.after_change(enterprise_id, item_id)`).

A failing first application propagates out of `push_command` (nothing is pushed); a failure on a
later undo/redo is handed to `ctx.report_error` (Qt calls those, an exception must not escape).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from ..i18n import _

if TYPE_CHECKING:  # types only: the window must show before services (SQLAlchemy, pandas) is loaded
    from ..services.changes import ItemsChange


class _LazyServices:
    """`services` imported on first use (it pulls in SQLAlchemy and pandas; the window shows first)."""

    def __getattr__(self, name: str):
        from .. import services as real

        return getattr(real, name)


services = _LazyServices()


class EditContext(Protocol):
    @property
    def ws(self) -> Any: ...  # the open Workspace (read-only here: commands never replace it)

    def after_change(
        self,
        enterprise_id: int | None,
        item_id: int | None = None,
        changed: list[dict] | None = None,
        removed: list[int] | None = None,
    ) -> None: ...

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
    """Undo removes the enterprise; if it holds items by then, `confirm_undo` asks first. Redo puts
    back everything the undo removed (items, sites, assessments), under the same ids."""

    def __init__(self, ctx: EditContext, name: str) -> None:
        super().__init__(ctx, _("Create enterprise {name}").format(name=name))
        self.name = name
        self.enterprise_id: int | None = None
        self.removed = None  # the copy the last undo kept (services.changes.EnterpriseSnapshot)

    def apply(self) -> None:
        if self.removed is None:
            self.enterprise_id = services.create_enterprise(self.ctx.ws, self.name)
        else:
            self.enterprise_id = services.changes.restore_enterprise(self.ctx.ws, self.removed)
            self.removed = None
        self.ctx.after_change(self.enterprise_id)

    def revert(self) -> None:
        self.removed = services.changes.delete_enterprise_undoable(self.ctx.ws, self.enterprise_id)
        self.ctx.after_change(None)

    def confirm_undo(self, parent: QWidget) -> bool:
        """Undoing deletes the enterprise: with items or assessments in it, ask as deleting does."""
        ws = self.ctx.ws
        info = next((e for e in services.list_enterprises(ws) if e.id == self.enterprise_id), None)
        if info is None or not services.changes.holds_data(ws, self.enterprise_id):
            return True
        answer = QMessageBox.question(
            parent,
            _("Delete enterprise"),
            _("Delete {name} and all its equipment? This cannot be undone.").format(name=info.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


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


def _storable(item: dict) -> dict:
    """What services.save_item should store: no derived classification columns."""
    return {k: v for k, v in item.items() if k not in _DERIVED and not k.startswith("thr__")}


class _ItemsCommand(_Command):
    """An edit of items kept as the exact rows it changed (services.changes.ItemsChange): the first
    application makes the edit (`first()`); redo writes the rows as the edit left them and undo the
    rows as they were, every column, under the same ids."""

    #: patch a large table in place with the changed rows (False: reload it, e.g. after an import)
    patch_table = True

    def __init__(self, ctx: EditContext, enterprise_id: int, text: str) -> None:
        super().__init__(ctx, text)
        self.enterprise_id = enterprise_id
        self.item_id: int | None = None
        self.change: ItemsChange | None = None  # set by the first apply (Qt's redo() on push)

    def first(self) -> ItemsChange:
        raise NotImplementedError

    def apply(self) -> None:
        if self.change is None:
            self.change = self.first()
        else:
            services.changes.redo_change(self.ctx.ws, self.change)
        self._show(self.change, undo=False)

    def revert(self) -> None:
        if self.change is None:  # never applied (QUndoStack applies on push): nothing to take back
            return
        services.changes.undo_change(self.ctx.ws, self.change)
        self._show(self.change, undo=True)

    def _show(self, change: ItemsChange, undo: bool) -> None:
        now, other = (change.before, change.after) if undo else (change.after, change.before)
        removed = [i for i in other if i not in now]
        select = self.item_id if self.item_id in now else None
        if self.patch_table:
            self.ctx.after_change(self.enterprise_id, select, changed=change.records(undo), removed=removed)
        else:
            self.ctx.after_change(self.enterprise_id, select)


class SaveItemCommand(_ItemsCommand):
    """Add an item (old is None) or change one (old is its previous record, same asset tag)."""

    def __init__(self, ctx: EditContext, enterprise_id: int, new: dict, old: dict | None) -> None:
        tag = new.get("asset_tag") or ""
        text = _("Add item {tag}") if old is None else _("Edit item {tag}")
        super().__init__(ctx, enterprise_id, text.format(tag=tag))
        self.new = dict(new)

    def first(self):
        self.item_id, change = services.changes.save_item_with_change(
            self.ctx.ws, self.enterprise_id, _storable(self.new)
        )
        return change


class DeleteItemsCommand(_ItemsCommand):
    def __init__(self, ctx: EditContext, enterprise_id: int, records: list[dict]) -> None:
        super().__init__(ctx, enterprise_id, _("Delete {n} item(s)").format(n=len(records)))
        self.ids = [int(r["id"]) for r in records if r.get("id") is not None]

    def first(self):
        return services.changes.delete_items_with_change(self.ctx.ws, self.enterprise_id, self.ids)


class ImportCommand(_ItemsCommand):
    """An import the wizard already ran (its `change` from services.changes.import_file_with_changes):
    one undo step that removes the items it added and restores those it updated."""

    patch_table = False

    def __init__(self, ctx: EditContext, enterprise_id: int, change, count: int, file_name: str) -> None:
        super().__init__(ctx, enterprise_id, _("Import {n} items ({file})").format(n=count, file=file_name))
        self._done = change

    def first(self):
        return self._done


def push_import(win, wizard, report) -> None:
    """Put the import `wizard` just ran (already written) on `win`'s undo stack as one step."""
    change = getattr(wizard, "change", None)
    if not change:  # nothing added or changed: nothing to undo, just show the data
        win.after_change(wizard.enterprise_id)
        return
    name = Path(str(wizard.path)).name
    push_command(win.undo_stack, ImportCommand(win, wizard.enterprise_id, change, report.imported, name))


def confirm_undo(stack: QUndoStack, parent: QWidget) -> bool:
    """May the next undo go ahead? Commands that would delete what a user made ask first."""
    command = stack.command(stack.index() - 1) if stack.canUndo() else None
    confirm = getattr(command, "confirm_undo", None)
    return confirm is None or bool(confirm(parent))


def push_command(stack: QUndoStack, command: _Command) -> None:
    """Apply `command` and put it on the stack. If applying fails, the exception propagates and
    nothing is pushed (QUndoStack.push() would otherwise keep an entry for an edit that never happened).
    """
    command.apply()
    command._already_applied = True
    stack.push(command)
