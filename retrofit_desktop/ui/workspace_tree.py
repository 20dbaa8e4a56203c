"""Side tree of the workspace (enterprises, each with its sites) and the enterprise commands of its
context menu and the File menu, written as functions of the main window `win`."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QMenu,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ..i18n import _
from . import settings, unsaved
from .undo_commands import CreateEnterpriseCommand, RenameEnterpriseCommand, push_command

ENTERPRISE_ROLE = Qt.ItemDataRole.UserRole
SITE_ROLE = Qt.ItemDataRole.UserRole + 1


class WorkspaceTree(QTreeWidget):
    """Emits `selection_changed(enterprise_id | None, site | None)`."""

    selection_changed = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspaceTree")
        self.setHeaderLabels([_("Enterprise / site"), _("Items")])
        self.setColumnCount(2)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.currentItemChanged.connect(self._on_current)

    def set_enterprises(self, enterprises: Iterable, select: int | None = None) -> None:
        """Fill from services.list_enterprises() (objects with id, name, sites, item_count, is_sample)."""
        self.blockSignals(True)
        self.clear()
        chosen = None
        for info in enterprises:
            label = info.name + (f"  ({_('Sample data')})" if getattr(info, "is_sample", False) else "")
            top = QTreeWidgetItem([label, str(getattr(info, "item_count", "") or 0)])
            top.setData(0, ENTERPRISE_ROLE, int(info.id))
            top.setToolTip(0, info.name)
            top.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for site in _site_names(getattr(info, "sites", None)):
                child = QTreeWidgetItem([site, ""])
                child.setData(0, ENTERPRISE_ROLE, int(info.id))
                child.setData(0, SITE_ROLE, site)
                top.addChild(child)
            self.addTopLevelItem(top)
            top.setExpanded(True)
            if select is not None and int(info.id) == int(select):
                chosen = top
        if chosen is None and self.topLevelItemCount():
            chosen = self.topLevelItem(0)
        if chosen is not None:
            self.setCurrentItem(chosen)
        self.blockSignals(False)
        self._on_current(self.currentItem(), None)

    def current_enterprise(self) -> int | None:
        item = self.currentItem()
        return None if item is None else item.data(0, ENTERPRISE_ROLE)

    def current_site(self) -> str | None:
        item = self.currentItem()
        return None if item is None else item.data(0, SITE_ROLE)

    def _enterprise_items(self) -> list[QTreeWidgetItem]:
        items = (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
        return [item for item in items if item is not None]

    def enterprise_name(self, enterprise_id: int) -> str | None:
        for item in self._enterprise_items():
            if item.data(0, ENTERPRISE_ROLE) == enterprise_id:
                return item.toolTip(0)
        return None

    def select_enterprise(self, enterprise_id: int, site: str | None = None) -> None:
        for top in self._enterprise_items():
            if top.data(0, ENTERPRISE_ROLE) != enterprise_id:
                continue
            target = top
            for j in range(top.childCount()):
                child = top.child(j)
                if site is not None and child is not None and child.data(0, SITE_ROLE) == site:
                    target = child
            self.setCurrentItem(target)
            return

    def _on_current(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is None:
            self.selection_changed.emit(None, None)
        else:
            self.selection_changed.emit(current.data(0, ENTERPRISE_ROLE), current.data(0, SITE_ROLE))


def _site_names(sites) -> list[str]:
    if not sites:
        return []
    names = []
    for s in sites:
        name = s if isinstance(s, str) else getattr(s, "name", None)
        if name:
            names.append(str(name))
    return names


def new_enterprise(win) -> None:
    name, ok = QInputDialog.getText(win, _("New enterprise"), _("Enterprise name:"))
    if ok and name.strip():
        push_command(win.undo_stack, CreateEnterpriseCommand(win, name.strip()))


def rename_enterprise(win) -> None:
    if win.enterprise_id is None:
        return
    old = win.tree.enterprise_name(win.enterprise_id) or ""
    name, ok = QInputDialog.getText(win, _("Rename enterprise"), _("New name:"), text=old)
    if ok and name.strip() and name.strip() != old:
        push_command(win.undo_stack, RenameEnterpriseCommand(win, win.enterprise_id, old, name.strip()))


def delete_enterprise(win) -> None:
    if win.enterprise_id is None or not unsaved.resolve(win):
        return
    name = win.tree.enterprise_name(win.enterprise_id) or ""
    answer = QMessageBox.question(
        win,
        _("Delete enterprise"),
        _("Delete {name} and all its equipment? This cannot be undone.").format(name=name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer == QMessageBox.StandardButton.Yes:
        from .. import services

        services.delete_enterprise(win.ws, win.enterprise_id)
        win.forget_enterprise()


def choose_database(win) -> None:
    if not unsaved.resolve(win):
        return
    path, _filter = QFileDialog.getOpenFileName(
        win, _("Open database file"), "", _("Workspace database (*.sqlite *.db *.sqlite3);;All files (*)")
    )
    if path:
        win.open_database(path)


def fill_recent(win, menu: QMenu) -> None:
    menu.clear()
    for url in settings.recent_workspaces():
        act = menu.addAction(url)
        act.triggered.connect(
            lambda _c=False, u=url: win._guard(lambda: unsaved.resolve(win) and win.open_database(u))
        )
    if menu.isEmpty():
        menu.addAction(_("(none)")).setEnabled(False)
