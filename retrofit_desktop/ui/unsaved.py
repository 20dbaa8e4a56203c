"""Unsaved item edits are never dropped silently. Before the item editor's form would be replaced —
another row or enterprise chosen, an import or another database opened, a new item started, items
deleted, undo/redo, the language switched, the window closed — the user is asked: Save, Discard or
Cancel. Cancel keeps the form (and the table's selection on the item being edited).

Selection changes are answered after the click or key press that made them has been handled
(a zero-time timer), so the question never runs inside the view's own mouse handling; meanwhile
the form is left alone.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QMessageBox

from ..i18n import _
from .undo_commands import confirm_undo

B = QMessageBox.StandardButton


def ask(win) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel, when the editor holds unsaved changes; Discard when it does not."""
    ed = win.editor
    if win.read_only() or not ed.is_dirty():
        return B.Discard
    return QMessageBox.question(
        win,
        _("Unsaved changes"),
        _("Item {tag} has changes that are not saved. Save them?").format(tag=ed.item_label()),
        B.Save | B.Discard | B.Cancel,
        B.Save,
    )


def resolve(win) -> bool:
    """True when the caller may replace the form (nothing unsaved, saved, or discarded); False when
    the user cancelled or the save failed (the form then says why), the edits kept."""
    answer = ask(win)
    if answer == B.Save:
        return _save(win)
    if answer == B.Discard:
        if win.editor.is_dirty():
            win.editor.revert()
        return True
    return False


def _save(win) -> bool:
    pending = win.editor.pending_save()
    return pending is not None and bool(win._save_item(*pending))


@contextmanager
def quiet(win):
    """Selection changes made here are the guard's own: they neither ask nor load the form."""
    win._unsaved_quiet = True
    try:
        yield
    finally:
        win._unsaved_quiet = False


def _quiet(win) -> bool:
    return bool(getattr(win, "_unsaved_quiet", False))


# ---- the table's current row -----------------------------------------------------------------------
def row_change_allowed(win, current) -> bool:
    """May the form load the item of the table's new current row? When it holds unsaved changes of
    another item, no: the question is asked once the click is handled (`_resolve_row`)."""
    if _quiet(win):
        return False
    if win.read_only() or not win.editor.is_dirty():
        return True
    target = win.model.record(current.row()).get("id")
    if target is not None and win.editor.held_id() == int(target):
        return False  # the same item re-selected (e.g. after a reload): keep the edits
    pending = getattr(win, "_unsaved_target", None)
    win._unsaved_target = target
    if pending is None:
        QTimer.singleShot(0, lambda: _resolve_row(win))
    return False


def _resolve_row(win) -> None:
    target, win._unsaved_target = win._unsaved_target, None
    held = win.editor.held_id()
    if resolve(win):
        _select(win, target)
        row = win.model.row_of_id(target) if target is not None else None
        if row is not None:
            win.editor.load(win.model.record(row))
    else:
        _select(win, held)


def _select(win, item_id) -> None:
    row = win.model.row_of_id(item_id) if item_id is not None else None
    with quiet(win):
        if row is None:
            win.table.selectionModel().clear()
        else:
            index = win.model.index(row, 0)
            flags = QItemSelectionModel.SelectionFlag
            win.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
            win.table.scrollTo(index)


# ---- the enterprise chosen in the tree ------------------------------------------------------------------
def on_tree_selection(win, enterprise_id, site) -> None:
    """The tree's choice reaches the window unless unsaved edits are pending for another enterprise."""
    if enterprise_id == win.enterprise_id or enterprise_change_allowed(win, enterprise_id, site):
        win._on_tree_selection(enterprise_id, site)


def enterprise_change_allowed(win, enterprise_id, site) -> bool:
    """May the window show another enterprise? Not yet when the form holds unsaved changes: the
    question is asked once the tree's click is handled (`_resolve_enterprise`)."""
    if win.read_only() or not win.editor.is_dirty():
        return True
    pending = getattr(win, "_unsaved_enterprise", None)
    win._unsaved_enterprise = (enterprise_id, site)
    if pending is None:
        QTimer.singleShot(0, lambda: _resolve_enterprise(win))
    return False


def _resolve_enterprise(win) -> None:
    (target, site), win._unsaved_enterprise = win._unsaved_enterprise, None
    go = resolve(win)
    shown = (target, site) if go else (win.enterprise_id, None)
    win.tree.blockSignals(True)
    try:
        if shown[0] is not None:
            win.tree.select_enterprise(*shown)
    finally:
        win.tree.blockSignals(False)
    if go:
        win._on_tree_selection(target, site)


# ---- undo and redo -----------------------------------------------------------------------------------------
def guard_undo(win) -> None:
    """Route the Undo and Redo actions (menu, Ctrl+Z, Ctrl+Shift+Z) through `undo` and `redo`."""
    for act, fn in ((win.act_undo, undo), (win.act_redo, redo)):
        act.triggered.disconnect()
        act.triggered.connect(lambda _checked=False, f=fn: f(win))


def undo(win) -> None:
    """Undo the last step, after the unsaved form is settled: Save makes the form's changes the last
    step (nothing more is undone), Discard drops them; and after the command agrees (an enterprise
    that holds items is only removed when the user says so)."""
    if _settled(win) and confirm_undo(win.undo_stack, win):
        win.undo_stack.undo()


def redo(win) -> None:
    if _settled(win):
        win.undo_stack.redo()


def _settled(win) -> bool:
    answer = ask(win)
    if answer == B.Save:
        _save(win)
        return False
    if answer == B.Discard and win.editor.is_dirty():
        win.editor.revert()
    return answer == B.Discard
