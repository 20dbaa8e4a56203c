"""The main window: workspace tree, equipment table with its filter bar, item editor, menus.

Every edit goes through ``services`` at once (on the undo stack), so closing the window or a crash
loses at most the edit in progress in the item editor. The views that need pandas (import wizard,
assessment, scenarios, report export, catalog browser) are imported when first opened, so the empty
window shows before pandas is loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMessageBox,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain import TIER_ORDER, tier_label
from ..i18n import _, current_language
from . import import_history, settings, unsaved, verify_dialog
from . import workspace_tree as enterprise_commands
from .equipment_loading import EquipmentLoading
from .equipment_model import EquipmentTableModel, SearchIndexer
from .errors import show_error
from .filter_bar import FilterBar
from .item_editor import ItemEditor
from .undo_commands import DeleteItemsCommand, SaveItemCommand, push_command, push_import
from .widgets import scrollable
from .workspace_tree import WorkspaceTree

if TYPE_CHECKING:  # imported when the workspace is attached, after the window is on screen
    from ..services import Workspace

IMPORT_SUFFIXES = {".xlsx", ".xls", ".csv"}


class MainWindow(EquipmentLoading):
    language_change_requested = Signal(str)

    def __init__(self, ws=None, url: str | None = None, enterprise_id: int | None = None) -> None:
        """Build the window; with `ws` the workspace is attached at once, otherwise call `attach()`
        later (the app shows the empty window first and loads pandas, the catalog and the data after)."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.ws = None
        self.url = url or ""
        self.catalog = None
        self.enterprise_id: int | None = None
        self._infos: dict = {}
        self._frame_enterprise: int | None = None  # whose items the table shows
        self._classify_later = False  # first load: items shown at once, classified on a worker
        self._classifying = False  # that classification is under way
        self._partial_search_note = False  # the status bar says a search misses pinyin initials
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle(_("Retrofit Desktop"))
        self.setAcceptDrops(True)
        self.resize(1560, 940)

        self.model = EquipmentTableModel(self)
        self.indexer = SearchIndexer(self)
        self.filter_bar = FilterBar()
        self.table = self._build_table()
        self._build_tabs()
        self._build_docks()
        self.tier_status = QLabel()
        self.tier_status.setObjectName("tierStatus")
        self.statusBar().addPermanentWidget(self.tier_status, 1)

        self._build_actions()
        self._build_menus()
        self._add_feature_tabs()
        self._connect_signals()
        self._restore_window_state()
        self._set_workspace_actions(False)
        if ws is not None:
            self.attach(ws, url, enterprise_id)

    def attach(
        self,
        ws: Workspace,
        url: str | None = None,
        enterprise_id: int | None = None,
        classify_later: bool = False,
    ) -> None:
        """Show workspace `ws`: catalog labels, enterprises, the last (or given) enterprise's items.

        With `classify_later` (the app's start) the catalog is not loaded here: the items show at once
        with 「分级中…」 in the tier column, and a worker loads the catalog and classifies them."""
        self.ws = ws
        self.url = url or str(getattr(ws, "url", "") or "")
        self._classify_later = classify_later and self.catalog is None
        self.editor.setEnabled(not self._classify_later)  # it checks values against the catalog
        if self.catalog is None and not self._classify_later:
            from ..catalog import get_catalog

            self._set_catalog(get_catalog())
        self._set_workspace_actions(True)
        self.reload_enterprises(
            select=enterprise_id if enterprise_id is not None else settings.last_enterprise(self.url)
        )
        if self._classify_later and not self._classifying:  # no items shown: load the catalog anyway
            self._classifying = True
            empty = self.model.frame()
            QTimer.singleShot(0, self, lambda: self._classify_in_background(empty))
        if self.url:
            settings.add_recent_workspace(self.url)
        self.statusBar().clearMessage()

    def workspace(self) -> Workspace:
        """The attached workspace (the window's commands run only once one is attached)."""
        if self.ws is None:
            raise RuntimeError("no workspace attached")
        return self.ws

    def read_only(self) -> bool:
        return bool(getattr(self.ws, "read_only", False))

    def _set_workspace_actions(self, on: bool) -> None:
        writes = on and not self.read_only()
        for act in (self.act_report, self.act_scenarios):
            act.setEnabled(on)
        for act in (self.act_new_enterprise, self.act_import):
            act.setEnabled(writes)
        self.editor.set_read_only(on and self.read_only())
        if not on:
            for act in (
                self.act_rename_enterprise,
                self.act_delete_enterprise,
                self.act_new_item,
                self.act_delete_items,
                self.act_import_history,
            ):
                act.setEnabled(False)

    # ---- construction ----------------------------------------------------------------------
    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("equipmentTable")
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by asset tag
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setDefaultSectionSize(24)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(60)  # size columns from the first rows only
        header.setSectionsMovable(True)
        return table

    def _build_tabs(self) -> None:
        equipment = QWidget()
        equipment.setObjectName("equipmentPage")
        lay = QVBoxLayout(equipment)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.filter_bar)
        lay.addWidget(self.table, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.addTab(equipment, _("Equipment"))
        self.setCentralWidget(self.tabs)
        self.assessment_view = None
        self.catalog_browser = None

    def _build_docks(self) -> None:
        self.tree = WorkspaceTree()
        self.tree.setMinimumWidth(180)
        self.tree_dock = self._dock(
            self.tree, _("Enterprises"), "treeDock", Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.editor = ItemEditor(None)
        self.editor.setMinimumWidth(380)
        self.editor_dock = self._dock(
            self.editor, _("Item editor"), "editorDock", Qt.DockWidgetArea.RightDockWidgetArea
        )

    def _connect_signals(self) -> None:
        self.indexer.keys_ready.connect(self.model.set_sort_keys)
        self.indexer.ready.connect(self._on_search_index)
        self.tree.selection_changed.connect(lambda eid, site: unsaved.on_tree_selection(self, eid, site))
        self.filter_bar.changed.connect(self._on_filter)
        self.model.rows_changed.connect(self._update_status)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table.doubleClicked.connect(lambda _i: self.editor_dock.show())
        self.editor.save_requested.connect(self._save_item)
        self.undo_stack.indexChanged.connect(self._update_title)

    def _restore_window_state(self) -> None:
        geometry, state = settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        else:
            self.resizeDocks([self.tree_dock, self.editor_dock], [210, 390], Qt.Orientation.Horizontal)

    def _dock(self, widget: QWidget, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcut=None, tip: str = "", name: str = "") -> QAction:
        act = QAction(text, self)
        if name:
            act.setObjectName(name)
        if shortcut is not None:
            if isinstance(shortcut, list):
                act.setShortcuts(shortcut)
            else:
                act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setToolTip(tip)
            act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: self._guard(slot))
        return act

    def _guard(self, slot) -> None:
        try:
            slot()
        except Exception as exc:
            show_error(self, exc)

    def _build_actions(self) -> None:
        S = QKeySequence.StandardKey
        self.act_new_enterprise = self._action(
            _("New enterprise…"),
            lambda: enterprise_commands.new_enterprise(self),
            "Ctrl+Shift+N",
            name="actNewEnterprise",
        )
        self.act_rename_enterprise = self._action(
            _("Rename enterprise…"),
            lambda: enterprise_commands.rename_enterprise(self),
            "F2",
            name="actRenameEnterprise",
        )
        self.act_delete_enterprise = self._action(
            _("Delete enterprise…"),
            lambda: enterprise_commands.delete_enterprise(self),
            name="actDeleteEnterprise",
        )
        self.act_import_history = self._action(
            _("Import records…"), lambda: import_history.show_import_history(self), name="actImportHistory"
        )
        self.act_open_db = self._action(
            _("Open database file…"),
            lambda: enterprise_commands.choose_database(self),
            S.Open,
            name="actOpenDb",
        )
        self.act_quit = self._action(_("Quit"), self.close, S.Quit, name="actQuit")
        self.act_new_item = self._action(_("New item"), self.new_item, S.New, name="actNewItem")
        self.act_delete_items = self._action(
            _("Delete selected items"), self.delete_selected_items, S.Delete, name="actDeleteItems"
        )
        self.act_find = self._action(_("Find…"), self.focus_search, S.Find, name="actFind")
        self.act_undo = self.undo_stack.createUndoAction(self, _("Undo"))
        self.act_undo.setShortcuts(QKeySequence.keyBindings(S.Undo))
        self.act_redo = self.undo_stack.createRedoAction(self, _("Redo"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        unsaved.guard_undo(self)  # unsaved item edits and undoing an enterprise's creation ask first
        self.act_import = self._action(_("Import equipment…"), self.open_import, "Ctrl+I", name="actImport")
        self.act_assess = self._action(_("Assessment"), self.show_assessment, "Ctrl+2", name="actAssess")
        self.act_scenarios = self._action(_("Scenarios…"), self.show_scenarios, name="actScenarios")
        self.act_report = self._action(_("Export report…"), self.export_report, "Ctrl+E", name="actReport")
        self.act_catalog = self._action(_("Catalog browser"), self.show_catalog, "Ctrl+3", name="actCatalog")
        self.act_equipment = self._action(
            _("Equipment"), lambda: self.tabs.setCurrentIndex(0), "Ctrl+1", name="actEquipment"
        )
        self.act_about = self._action(_("About Retrofit Desktop"), self.show_about, name="actAbout")
        self.act_keys = self._action(
            _("Keyboard shortcuts"), self.show_shortcuts, S.HelpContents, name="actKeys"
        )
        self.tree.addActions(
            [
                self.act_new_enterprise,
                self.act_rename_enterprise,
                self.act_delete_enterprise,
                self.act_import_history,
            ]
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions([self.act_new_item, self.act_delete_items])

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu(_("&File"))
        m.addActions([self.act_new_enterprise, self.act_open_db])
        self.recent_menu = m.addMenu(_("Recent workspaces"))
        self.recent_menu.aboutToShow.connect(lambda: enterprise_commands.fill_recent(self, self.recent_menu))
        m.addSeparator()
        m.addActions([self.act_import, self.act_report])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = bar.addMenu(_("&Edit"))
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_new_item, self.act_delete_items, self.act_find])
        m.addSeparator()
        m.addActions([self.act_rename_enterprise, self.act_delete_enterprise, self.act_import_history])
        m = bar.addMenu(_("&View"))
        m.addActions([self.act_equipment, self.act_assess, self.act_catalog])
        m.addSeparator()
        m.addActions([self.tree_dock.toggleViewAction(), self.editor_dock.toggleViewAction()])
        lang_menu = m.addMenu(_("Language"))
        group = QActionGroup(self)
        for code, label in (("zh", "中文（简体）"), ("en", "English")):
            act = QAction(label, self, checkable=True)
            act.setObjectName(f"actLang_{code}")
            act.setChecked(current_language() == code)
            act.triggered.connect(lambda _c=False, c=code: self._request_language(c))
            group.addAction(act)
            lang_menu.addAction(act)
        m = bar.addMenu(_("&Tools"))
        m.addActions([self.act_scenarios])
        verify_dialog.add_actions(self, m)  # Verify report…, Signing keys…
        m = bar.addMenu(_("&Help"))
        m.addActions([self.act_keys, self.act_about])

    def _add_feature_tabs(self) -> None:
        """The Assessment and Tier catalog tabs; each view is built when its tab is first shown
        (start-up time)."""
        self._lazy_tabs: dict[int, str] = {}
        for attr, title in (("assessment_view", _("Assessment")), ("catalog_browser", _("Tier catalog"))):
            area = scrollable(QWidget())
            area.setObjectName(f"tab_{attr}")
            self._lazy_tabs[self.tabs.addTab(area, title)] = attr
        self.tabs.currentChanged.connect(self._build_tab)

    def _build_tab(self, index: int) -> None:
        attr = self._lazy_tabs.pop(index, None)
        if attr is None:
            return
        view: QWidget
        if attr == "assessment_view":
            from .assessment_view import AssessmentView

            view = AssessmentView()
        else:
            from .catalog_browser import CatalogBrowser

            view = CatalogBrowser()
        area = self.tabs.widget(index)
        assert isinstance(area, QScrollArea)
        area.setWidget(view)
        setattr(self, attr, view)
        if attr == "assessment_view" and self.enterprise_id is not None:
            self.assessment_view.set_context(self.ws, self.enterprise_id)

    def _show_tab(self, attr: str) -> None:
        i = self._tab_index(attr)
        if i is not None:
            self.tabs.setCurrentIndex(i)  # builds the view if needed

    def _tab_index(self, attr: str) -> int | None:
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if tab is not None and tab.objectName() == f"tab_{attr}":
                return i
        return None

    # ---- workspace and enterprises ------------------------------------------------------------
    def reload_enterprises(self, select: int | None = None) -> None:
        from .. import services

        infos = services.list_enterprises(self.workspace())
        self._infos = {int(i.id): i for i in infos}
        ids = set(self._infos)
        if select not in ids:
            select = self.enterprise_id if self.enterprise_id in ids else None
        self.tree.set_enterprises(infos, select=select)
        if not infos:
            self._show_enterprise(None)
        self._update_title()

    def _on_tree_selection(self, enterprise_id, site) -> None:
        if enterprise_id != self.enterprise_id:
            self._show_enterprise(enterprise_id)
        i = self.filter_bar.site_combo.findData(site) if site else 0
        self.filter_bar.site_combo.setCurrentIndex(max(i, 0))

    def _show_enterprise(self, enterprise_id: int | None, select_item: int | None = None) -> None:
        self.enterprise_id = enterprise_id
        has = enterprise_id is not None and not self.read_only()
        for act in (
            self.act_rename_enterprise,
            self.act_delete_enterprise,
            self.act_new_item,
            self.act_delete_items,
            self.act_import_history,
        ):
            act.setEnabled(
                has or act is self.act_import_history and enterprise_id is not None
            )  # records: read-only too
        if self.url:
            settings.set_last_enterprise(self.url, enterprise_id)
        self.reload_items(select_item)
        if self.assessment_view is not None and has:
            self.assessment_view.set_context(self.ws, enterprise_id)
        self._update_title()

    def report_error(self, exc: BaseException) -> None:
        show_error(self, exc)

    def forget_enterprise(self) -> None:
        """After the current enterprise was deleted (not undoable: the undo history is cleared)."""
        self.undo_stack.clear()
        self.enterprise_id = None
        self.reload_enterprises()

    def open_database(self, url_or_path: str) -> None:
        from .. import services

        ws = services.open_workspace(url_or_path)
        old, self.ws = self.ws, ws
        if old is not None:
            old.close()
        self.undo_stack.clear()
        self.enterprise_id = None
        self.attach(ws, str(getattr(ws, "url", "") or url_or_path))

    # ---- items ---------------------------------------------------------------------------
    def new_item(self) -> None:
        if self.enterprise_id is None or not unsaved.resolve(self):
            return
        flt = self.model.item_filter()
        self.editor.load(None, defaults={"product": flt.product, "site": flt.site, "quantity": 1})
        self.editor_dock.show()
        tag = self.editor.findChild(QWidget, "field_asset_tag")
        if tag is not None:
            tag.setFocus()

    def _save_item(self, new: dict, old: dict | None) -> bool:
        if self.enterprise_id is None:
            return False
        tag = new.get("asset_tag")
        frame = self.model.frame()
        if "asset_tag" in frame and tag is not None:
            clash = frame.loc[frame["asset_tag"] == tag]
            own_id = (old or {}).get("id")
            if len(clash) and (own_id is None or int(clash.iloc[0].get("id", -1)) != int(own_id)):
                self.editor.status.setText(
                    _("Asset tag {tag} is already used by another item.").format(tag=tag)
                )
                return False
        try:
            push_command(self.undo_stack, SaveItemCommand(self, self.enterprise_id, new, old))
        except Exception as exc:
            show_error(self, exc, _("Saving the item"))
            return False
        return True

    def delete_selected_items(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if self.enterprise_id is None or not rows or not unsaved.resolve(self):
            return
        records = [self.model.record(r) for r in rows]
        push_command(self.undo_stack, DeleteItemsCommand(self, self.enterprise_id, records))

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    # ---- ui-features --------------------------------------------------------------------------
    def open_import(self, path: str | None = None) -> None:
        if self.enterprise_id is None:
            QMessageBox.information(self, _("Import equipment"), _("Create or choose an enterprise first."))
            return
        if not unsaved.resolve(self):
            return
        from .import_wizard import ImportWizard

        wizard = ImportWizard(self.ws, self.enterprise_id, path=path, parent=self)
        wizard.imported.connect(lambda report, w=wizard: push_import(self, w, report))  # one undo step
        wizard.open()
        self._import_wizard = wizard

    def show_assessment(self) -> None:
        self._show_tab("assessment_view")

    def show_catalog(self) -> None:
        self._show_tab("catalog_browser")

    def show_scenarios(self) -> None:
        if self.enterprise_id is None:
            QMessageBox.information(self, _("Scenarios…"), _("Create or choose an enterprise first."))
            return
        from .scenarios import ScenariosDialog

        self._scenarios = ScenariosDialog(self.ws, self.enterprise_id, parent=self)
        self._scenarios.open()

    def export_report(self) -> None:
        if self.enterprise_id is None:
            return
        if (
            self.assessment_view is None
        ):  # built (not shown) so the report uses the tab's defaults, e.g. the region
            i = self._tab_index("assessment_view")
            if i is not None:
                self._build_tab(i)
        view = self.assessment_view

        def provider():  # the last assessment of this enterprise, or None: the dialog then assesses itself
            return view.assessment if view is not None else None

        def options():  # the Assessment tab's options as typed (ValueError when bad), None: tab not opened
            return view.options() if view is not None else None

        from .report_dialog import ReportExportDialog

        dialog = ReportExportDialog(self.ws, self.enterprise_id, provider, self, options_provider=options)
        dialog.open()
        self._report_dialog = dialog

    def show_shortcuts(self) -> None:
        from .about import shortcuts_box

        self._shortcuts_box = shortcuts_box(self, self.all_actions())

    def all_actions(self) -> list[QAction]:
        return [
            self.act_new_enterprise,
            self.act_rename_enterprise,
            self.act_open_db,
            self.act_new_item,
            self.act_delete_items,
            self.act_find,
            self.act_undo,
            self.act_redo,
            self.act_import,
            self.act_report,
            self.act_equipment,
            self.act_assess,
            self.act_catalog,
            self.act_keys,
            self.act_quit,
        ]

    def show_about(self) -> None:
        from .about import AboutDialog

        AboutDialog(self.catalog, self).exec()

    # ---- window --------------------------------------------------------------------------
    def _request_language(self, code: str) -> None:
        if code != current_language():
            self.language_change_requested.emit(code)

    def _update_title(self, *_args) -> None:
        name = self.tree.enterprise_name(self.enterprise_id) if self.enterprise_id is not None else None
        title = _("Retrofit Desktop") + (f" [{_('read-only')}]" if self.read_only() else "")
        self.setWindowTitle(f"{name} — {title}" if name else title)

    def _update_status(self, visible: int, total: int) -> None:
        lang = current_language()
        counts = self.model.counts_by_tier(visible_only=True)
        parts = [_("{visible} of {total} items").format(visible=visible, total=total)]
        parts += [f"{tier_label(t, lang)} {counts[t.value]}" for t in TIER_ORDER if counts.get(t.value)]
        self.tier_status.setText("  ·  ".join(parts))

    def dragEnterEvent(self, event) -> None:
        if any(Path(u.toLocalFile()).suffix.lower() in IMPORT_SUFFIXES for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            path = url.toLocalFile()
            if Path(path).suffix.lower() in IMPORT_SUFFIXES:
                event.acceptProposedAction()
                self._guard(lambda p=path: self.open_import(p))
                return

    def closeEvent(self, event) -> None:
        if not unsaved.resolve(self):  # Cancel: the window stays open with the edits
            event.ignore()
            return
        settings.save_window_state(self.saveGeometry(), self.saveState())
        from .tasks import cancel_tasks_of

        cancel_tasks_of(self)  # quitting during work stops it (an import rolls back); app.shut_down waits
        super().closeEvent(event)
