"""The main window's equipment table: loading an enterprise's items (large ones on a worker; at the
app's start shown before they are classified, the catalog loaded and the items classified on a
worker), the sort keys and search index built on a worker, the filter bar and the current row.

A mixin of `MainWindow` (main_window.py), which owns the widgets named below."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QTableView

from ..i18n import _, current_language
from . import unsaved
from .equipment_keys import classified_rows, items_with_tiers, tiers_of
from .equipment_model import EquipmentTableModel, ItemFilter, SearchIndexer, columns_for_product
from .errors import show_error

if TYPE_CHECKING:  # imported when the workspace is attached, after the window is on screen
    import pandas as pd

    from ..catalog import Catalog, ProductSpec
    from ..services import EnterpriseInfo, Workspace
    from .filter_bar import FilterBar
    from .item_editor import ItemEditor

#: Enterprises with at least this many items load on a worker thread (100k rows: several seconds).
BACKGROUND_ROWS = 20_000


class EquipmentLoading(QMainWindow):
    """The item-table half of the main window (see the module docstring)."""

    #: the start-up classification has ended (the tiers are in the table, or an error was shown)
    classified = Signal()

    ws: Workspace | None
    catalog: Catalog | None
    enterprise_id: int | None
    model: EquipmentTableModel
    indexer: SearchIndexer
    table: QTableView
    filter_bar: FilterBar
    editor: ItemEditor
    assessment_view: Any
    _infos: dict[int, EnterpriseInfo]
    _frame_enterprise: int | None
    _classify_later: bool
    _classifying: bool
    _partial_search_note: bool
    reload_enterprises: Callable[..., None]
    workspace: Callable[[], Workspace]

    def _set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        labels = self._product_labels()
        self.model.set_product_labels(labels)
        self.filter_bar.set_products(labels)
        self.editor.set_catalog(catalog)

    def _product_labels(self, products: Mapping[str, ProductSpec] | None = None) -> dict[str, str]:
        lang = current_language()
        if products is None:
            products = self.catalog.products if self.catalog is not None else {}
        return {pid: (s.name_zh if lang == "zh" else s.name_en) for pid, s in products.items()}

    def reload_items(self, select_item: int | None = None, saved: bool = False) -> None:
        """Reload the current enterprise's items; large ones load on a worker thread (tasks.py), and at
        the app's start (`attach(classify_later=True)`) the items show before they are classified."""
        eid = self.enterprise_id
        if eid is None:
            import pandas as pd

            self._show_frame(pd.DataFrame(), None, False)
            return
        info = self._infos.get(eid)
        if info is not None and info.item_count >= BACKGROUND_ROWS:
            self._load_in_background(eid, select_item, saved)
        elif self._classify_later:
            self._show_then_classify(eid, select_item, saved)
        else:
            self._show_frame(items_with_tiers(self.workspace(), eid), select_item, saved)

    def _show_then_classify(self, eid: int, select_item: int | None, saved: bool) -> None:
        """The items at once, with 「分级中…」 as their tiers; the worker that classifies them starts after
        the table's first paint (which it would slow down)."""
        from .. import services
        from ..catalog.products import all_products

        frame = services.load_items(self.workspace(), eid)
        if self.catalog is None:  # the product names do not need the tier tables
            self.model.set_product_labels(self._product_labels({s.id: s for s in all_products()}))
        self._classifying = True  # (the editor waits for the catalog: _on_current_row)
        self._show_frame(frame, select_item, saved, tiers_pending=not frame.empty)
        shown = self.model.frame()
        QTimer.singleShot(0, self, lambda: self._classify_in_background(shown))

    def _load_in_background(self, eid: int, select_item: int | None, saved: bool) -> None:
        from .tasks import run_in_background

        ws = self.workspace()
        count = self._infos[eid].item_count
        self.statusBar().showMessage(_("Loading {n} items…").format(n=count))
        if self._frame_enterprise != eid:  # never show (and edit) another enterprise's rows meanwhile
            import pandas as pd

            self._show_frame(pd.DataFrame(), None, False)

        def done(frame: pd.DataFrame) -> None:
            if eid == self.enterprise_id:  # the user may have moved on meanwhile
                self._ensure_catalog()
                self._show_frame(frame, select_item, saved)
                self.statusBar().clearMessage()

        run_in_background(
            self,
            lambda _progress, _cancelled: items_with_tiers(ws, eid),
            _("Loading equipment"),
            done,
            self._report_load_error,
            kind="load_items",
        )

    def _classify_in_background(self, frame: pd.DataFrame) -> None:
        """Load the catalog and classify the items shown (if any) on a worker, then fill in their tiers."""
        from .tasks import run_in_background

        def classify(_progress: object, _cancelled: object) -> tuple[Catalog, pd.DataFrame | None]:
            from ..catalog import get_catalog

            return get_catalog(), (tiers_of(frame) if len(frame) else None)

        def done(result: tuple[Catalog, pd.DataFrame | None]) -> None:
            catalog, tiers = result
            self._classify_later = self._classifying = False
            self.editor.setEnabled(True)
            if tiers is not None and self.model.frame() is frame:  # else a newer load replaced it
                self.model.set_tiers(tiers)
            if self.catalog is None:
                self._set_catalog(catalog)
                self._on_current_row(self.table.currentIndex(), None)  # now the editor shows it
            self.classified.emit()

        def failed(exc: BaseException) -> None:
            self._classify_later = self._classifying = False  # the next load classifies on the GUI thread
            self.editor.setEnabled(True)
            show_error(self, exc)
            self.classified.emit()

        run_in_background(
            self, classify, _("Classifying equipment"), done, failed, kind="classify", dialog=False
        )

    def classifying(self) -> bool:
        """Is the start-up classification of the items shown still to end (`classified` comes then)?"""
        return self._classifying

    def _report_load_error(self, exc: BaseException) -> None:
        show_error(self, exc)

    def _ensure_catalog(self) -> None:
        if self.catalog is None:
            from ..catalog import get_catalog

            self._set_catalog(get_catalog())

    def _show_frame(
        self, frame: pd.DataFrame, select_item: int | None, saved: bool, tiers_pending: bool = False
    ) -> None:
        self._frame_enterprise = self.enterprise_id if len(frame) else None
        self.model.set_frame(frame, tiers_pending=tiers_pending)
        self.filter_bar.set_sites(self.model.distinct("site"))
        self.fit_columns()
        self._select_item(select_item, saved)
        if len(frame):
            self._start_indexer()

    def _start_indexer(self) -> None:
        """Sort keys and search index of the frame shown, built on a worker (searches meanwhile look in
        tag, name and model only)."""
        self.model.expect_search_index()
        frame = self.model.frame()
        QTimer.singleShot(0, self, lambda: self.indexer.start(frame))  # after the table's paint

    def _on_search_index(self, frame: pd.DataFrame, index: pd.Series) -> None:
        if self.model.set_search_index(frame, index) and self._partial_search_note:
            self.statusBar().clearMessage()
            self._partial_search_note = False

    def _select_item(self, select_item: int | None, saved: bool) -> None:
        row = self.model.row_of_id(select_item) if select_item is not None else None
        if saved and row is not None:
            self.editor.mark_saved(self.model.record(row))
        if row is None and self.model.rowCount():
            row = 0  # show the first item in the editor rather than an empty form
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.editor.load(None)  # never keep editing another enterprise's item

    def fit_columns(self, max_width: int = 150) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for i in range(header.count()):
            if header.sectionSize(i) > max_width:
                header.resizeSection(i, max_width)

    def after_change(
        self,
        enterprise_id: int | None,
        item_id: int | None = None,
        changed: list[dict] | None = None,
        removed: list[int] | None = None,
    ) -> None:
        """Called by undo commands after they wrote through services; `changed`/`removed` say which
        items, so a large table is patched in place instead of reloaded."""
        self.reload_enterprises(select=enterprise_id)
        if enterprise_id is not None and enterprise_id == self.enterprise_id:
            if (
                (changed or removed)
                and self._frame_enterprise == enterprise_id
                and self.model.total_rows() >= BACKGROUND_ROWS
            ):
                self.model.apply_changes(classified_rows(changed), removed or [])
                self._select_item(item_id, saved=item_id is not None)
                self._start_indexer()
            else:
                self.reload_items(item_id, saved=item_id is not None)
            if self.assessment_view is not None:  # its results no longer match the data
                self.assessment_view.set_context(self.ws, enterprise_id)

    def _on_filter(self, flt: ItemFilter) -> None:
        spec = (getattr(self.catalog, "products", {}) or {}).get(flt.product) if flt.product else None
        columns = columns_for_product(spec, current_language())
        changed = [c.key for c in columns] != [c.key for c in self.model.columns()]
        if changed:
            self.model.set_columns(columns)
        self.model.set_filter(flt)
        if changed:
            self.fit_columns()
        if self.model.search_is_partial():
            self.statusBar().showMessage(
                _("The search index is being built: pinyin initials match in a moment.")
            )
            self._partial_search_note = True

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex | None) -> None:
        if self.catalog is None and self._classifying:
            return  # the editor checks values against the catalog: it shows the item once that is loaded
        if current.isValid() and unsaved.row_change_allowed(self, current):
            self.editor.load(self.model.record(current.row()))
