"""The equipment table: a Qt model over COLUMNAR data that sorts and filters itself.

A Python ``QSortFilterProxyModel`` over 100,000 rows took 37 s to sort (design.md, performance notes),
so the model keeps one numpy array per column, sorts with ``np.argsort`` on a cached numeric sort
key and filters with boolean masks. ``self._order`` holds the frame positions of the visible rows in
display order; ``data()`` only formats the few cells on screen.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

from ..domain import TIER_ORDER, Tier, Verification, tier_label, verification_label
from ..i18n import N_, _, current_language
from ..palette import MUTED, TIER_COLOURS, VERIFICATION_COLOURS, text_on
from ..values import is_missing
from .equipment_keys import (
    TEXT_SORT_COLUMNS,
    patched_text_key,
    scan,
    search_index,
    text_rank,
    text_sort_keys,
)

if TYPE_CHECKING:  # numpy and pandas are imported when data arrives, after the window is on screen
    import numpy as np
    import pandas as pd
else:

    class _LazyNumpy:
        def __getattr__(self, name: str):
            import numpy

            globals()["np"] = numpy  # later look-ups go straight to numpy
            return getattr(numpy, name)

    np = _LazyNumpy()

_Index = QModelIndex | QPersistentModelIndex

#: Verification statuses weaker than "single source" (what the "not single-source verified" filter shows).
WEAK_VERIFICATION = (Verification.UNVERIFIED.value,)


@dataclass(frozen=True)
class Column:
    """One table column: `key` is the inventory-frame column, `title` an English msgid or a label."""

    key: str
    title: str
    unit: str | None = None
    numeric: bool = False
    translate: bool = True  # False when `title` is already a display label (catalog zh/en names)

    def header(self) -> str:
        text = _(self.title) if self.translate else self.title
        return f"{text} ({self.unit})" if self.unit and f"({self.unit})" not in text else text


COMMON_COLUMNS: tuple[Column, ...] = (  # tier and verification early: they are what users scan for
    Column("asset_tag", N_("Asset tag")),
    Column("name", N_("Name")),
    Column("tier", N_("Tier")),
    Column("verification", N_("Verification")),
    Column("product", N_("Product")),
    Column("model", N_("Model")),
    Column("manufacturer", N_("Manufacturer")),
    Column("site", N_("Site")),
    Column("year_installed", N_("Year installed"), numeric=True),
    Column("quantity", N_("Quantity"), numeric=True),
)


@dataclass(frozen=True)
class ItemFilter:
    """What the filter bar asks for; empty/None fields do not filter."""

    product: str | None = None
    tier: str | None = None
    site: str | None = None
    below_entry: bool = False
    weak_verification: bool = False
    text: str = ""
    extra: dict = field(default_factory=dict)


def format_number(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    v = float(value)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    decimals = 1 if abs(v) >= 100 else 2 if abs(v) >= 1 else 4
    return f"{v:.{decimals}f}".rstrip("0").rstrip(".")


def _dot_icon(colour: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(colour))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(1, 1, 10, 10)
    p.end()
    return QIcon(pix)


class EquipmentTableModel(QAbstractTableModel):
    """Read-only table of one enterprise's items (an inventory frame with `tier`/`verification`)."""

    #: Emitted after the visible rows changed (filter, sort, new data): (visible, total).
    rows_changed = Signal(int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._frame: pd.DataFrame | None = None
        self._columns: list[Column] = list(COMMON_COLUMNS)
        self._values: dict[str, np.ndarray] = {}
        self._sort_keys: dict[str, np.ndarray] = {}
        self._order: np.ndarray | tuple = ()  # positions of the visible rows, in display order
        self._filter = ItemFilter()
        self._sort: tuple[str, Qt.SortOrder] | None = None
        self._haystack: pd.Series | None = None
        self._index_pending = False
        self._tiers_pending = False  # tiers not classified yet: the tier column says so
        self._product_labels: dict[str, str] = {}
        self._lang = current_language()
        self._tier_brushes = {t.value: QBrush(QColor(c)) for t, c in TIER_COLOURS.items()}
        self._tier_text = {t.value: QBrush(QColor(text_on(c))) for t, c in TIER_COLOURS.items()}
        self._verif_icons: dict[str, QIcon] = {}
        self._pending_brush = QBrush(QColor(MUTED))

    # ---- data in -------------------------------------------------------------------------
    def _n(self) -> int:
        return 0 if self._frame is None else len(self._frame)

    def set_frame(
        self,
        frame: pd.DataFrame,
        tiers_pending: bool = False,
        sort_keys: dict[str, np.ndarray] | None = None,
    ) -> None:
        """Show `frame` (an inventory frame plus `tier`, `verification`, optionally `id`, `rule`); with
        `tiers_pending` the items are not classified yet (`set_tiers` fills the tiers in later);
        `sort_keys` are keys already built for it (apply_changes)."""
        self.beginResetModel()
        self._lang = current_language()
        self._frame = frame.reset_index(drop=True)
        self._values = {}
        self._sort_keys = dict(sort_keys or {})
        self._haystack = None  # built on a worker (SearchIndexer) or by the first search
        self._index_pending = False
        self._tiers_pending = tiers_pending
        self._order = self._filtered_positions()
        self._apply_sort()
        self.endResetModel()
        self.rows_changed.emit(len(self._order), self._n())

    def apply_changes(self, changed: pd.DataFrame | None, removed: list[int]) -> None:
        """Replace rows by `id` with `changed` (already classified) and drop `removed` ids, keeping
        the filter and sort (the sort column's key is patched, not rebuilt); for large tables,
        instead of reloading everything after one edit."""
        import pandas as pd

        frame = self.frame()
        new = changed if changed is not None and len(changed) else None
        ids = {int(i) for i in removed} | ({int(i) for i in new["id"]} if new is not None else set())
        if "id" in frame:
            keep = ~frame["id"].isin(list(ids)).to_numpy(dtype=bool)
        else:
            keep = np.ones(len(frame), dtype=bool)
        patched = frame[keep] if new is None else pd.concat([frame[keep], new], ignore_index=True)
        self.set_frame(patched, sort_keys=self._patched_sort_key(frame, keep, new))

    def _patched_sort_key(
        self, frame: pd.DataFrame, keep: np.ndarray, new: pd.DataFrame | None
    ) -> dict[str, np.ndarray]:
        """The current text sort column's key carried over a patch (other keys are quick to rebuild)."""
        name = self._sort[0] if self._sort else None
        old = self._sort_keys.get(name) if name in TEXT_SORT_COLUMNS else None
        if name is None or old is None or name not in frame:
            return {}
        n_new = 0 if new is None else len(new)
        if new is not None and name in new:
            new_values = new[name].to_numpy(dtype=object)
        else:
            new_values = np.full(n_new, None, dtype=object)
        key = patched_text_key(frame[name].to_numpy(dtype=object), old, keep, new_values)
        return {} if key is None else {name: key}

    def set_tiers(self, tiers: pd.DataFrame) -> None:
        """Fill in `tier`, `verification` and `rule` of the items shown (`tiers` has the index of
        `frame()`), keeping the filter, the sort and the selection; ends the "Classifying…" state."""
        frame = self.frame()
        by_tier = bool(self._filter.tier or self._filter.below_entry or self._filter.weak_verification)
        if by_tier:  # the visible rows change: a reset
            self.beginResetModel()
        for key in ("tier", "verification", "rule"):
            if key in tiers:
                frame[key] = tiers[key].to_numpy(dtype=object)  # in place: the search index stays valid
            self._values.pop(key, None)
            self._sort_keys.pop(key, None)
        self._tiers_pending = False
        if by_tier:
            self._order = self._filtered_positions()
            self._apply_sort()
            self.endResetModel()
        else:
            self._relayout(self._apply_sort)
        self.rows_changed.emit(len(self._order), self._n())

    def tiers_pending(self) -> bool:
        return self._tiers_pending

    def total_rows(self) -> int:
        return self._n()

    def set_columns(self, columns: list[Column] | tuple[Column, ...]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def columns(self) -> list[Column]:
        return list(self._columns)

    def set_product_labels(self, labels: dict[str, str]) -> None:
        """Display names of product ids (from the catalog, in the current language)."""
        self._product_labels = dict(labels)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def set_search_index(self, frame: pd.DataFrame, index: pd.Series) -> bool:
        """Install an index built elsewhere (a worker thread) if `frame` is still the one shown; a search
        typed meanwhile (answered without the pinyin initials) is run again on it."""
        if frame is not self._frame or self._haystack is not None:
            return False
        self._haystack = index
        self._index_pending = False
        if self._filter.text.strip():
            self.set_filter(self._filter)
        return True

    def has_search_index(self) -> bool:
        return self._haystack is not None

    def expect_search_index(self) -> None:
        """The full search index of the current frame is being built (SearchIndexer): until it arrives
        a search looks in tag, name and model only, instead of building it on the GUI thread."""
        if self._haystack is None:
            self._index_pending = True

    def search_is_partial(self) -> bool:
        """True while a search answers without the pinyin initials (the index is still being built)."""
        return self._index_pending and self._haystack is None and bool(self._filter.text.strip())

    def set_sort_keys(self, frame: pd.DataFrame, keys: dict[str, np.ndarray]) -> bool:
        """Install text sort keys built on a worker (equipment_keys.text_sort_keys) for `frame`."""
        if frame is not self._frame:
            return False
        for name, key in keys.items():
            self._sort_keys.setdefault(name, key)
        return True

    def ensure_search_index(self) -> None:
        """Lower-case tag, name, model and pinyin initials of every row, built once per frame."""
        if self._haystack is None:
            self._haystack = self.build_search_index(self.frame())

    @staticmethod
    def build_search_index(frame: pd.DataFrame) -> pd.Series:
        """Pure function of the frame (no Qt), so it can run on a worker thread."""
        return search_index(frame)

    def _search_mask(self, text: str) -> np.ndarray:
        if self._haystack is None and self._index_pending:
            return scan(self.frame(), text)  # the index is on its way: no pinyin initials until then
        self.ensure_search_index()
        assert self._haystack is not None
        return self._haystack.str.contains(text, regex=False).to_numpy(dtype=bool)

    def _column_values(self, key: str) -> np.ndarray:
        arr = self._values.get(key)
        if arr is None:
            if self._frame is not None and key in self._frame:
                arr = self._frame[key].to_numpy(dtype=object)
            else:
                arr = np.full(self._n(), None, dtype=object)
            self._values[key] = arr
        return arr

    # ---- filtering and sorting ---------------------------------------------------------------
    def set_filter(self, flt: ItemFilter) -> None:
        self._filter = flt
        self.beginResetModel()
        self._order = self._filtered_positions()
        self._apply_sort()
        self.endResetModel()
        self.rows_changed.emit(len(self._order), self._n())

    def item_filter(self) -> ItemFilter:
        return self._filter

    def _filtered_positions(self) -> np.ndarray:
        n = self._n()
        mask = np.ones(n, dtype=bool)
        f = self._filter
        for key, wanted in (("product", f.product), ("tier", f.tier), ("site", f.site)):
            if wanted:
                mask &= self._column_values(key) == wanted
        if f.below_entry:
            mask &= self._column_values("tier") == Tier.BELOW_ENTRY.value
        if f.weak_verification:
            mask &= np.isin(self._column_values("verification"), WEAK_VERIFICATION)
        text = f.text.strip().lower()
        if text and n:
            mask &= self._search_mask(text)
        return np.flatnonzero(mask)

    def _sort_key(self, column: Column) -> np.ndarray:
        key = self._sort_keys.get(column.key)
        if key is not None:
            return key
        import pandas as pd

        values = self._column_values(column.key)
        if column.key == "tier":
            rank = {t.value: float(i) for i, t in enumerate(TIER_ORDER)}
            key = np.array([rank.get(v, np.nan) for v in values], dtype=float)
        elif column.key == "verification":
            rank = {v: float(i) for i, v in enumerate(VERIFICATION_COLOURS)}
            key = np.array([rank.get(v, np.nan) for v in values], dtype=float)
        elif column.numeric:
            key = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
        else:
            series = pd.Series(values, dtype=object)
            if column.key == "product":
                series = series.map(lambda v: self._product_labels.get(v, v))
            key = text_rank(series.to_numpy(dtype=object))
        self._sort_keys[column.key] = key
        return key

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self._sort = (self._columns[column].key, order)
        self._relayout(self._apply_sort)

    def _relayout(self, reorder: Callable[[], None]) -> None:
        """Run `reorder` (which permutes ``self._order``) as a layout change: persistent indexes (the
        selection, the current row) stay on their items."""
        self.layoutAboutToBeChanged.emit()
        old_order = self._order
        persistent = self.persistentIndexList()
        old_positions = [int(old_order[i.row()]) if i.isValid() else -1 for i in persistent]
        reorder()
        if persistent:
            where = {int(p): r for r, p in enumerate(self._order)}
            new = [
                self.index(where[p], i.column()) if p in where else QModelIndex()
                for p, i in zip(old_positions, persistent, strict=True)
            ]
            self.changePersistentIndexList(persistent, new)
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if not self._sort or not len(self._order):
            return
        key_name, order = self._sort
        column = next((c for c in self._columns if c.key == key_name), Column(key_name, key_name))
        key = self._sort_key(column)[self._order]
        if order == Qt.SortOrder.DescendingOrder:
            key = -key  # NaN stays NaN, so missing values stay last
        self._order = self._order[np.argsort(key, kind="stable")]

    # ---- queries ----------------------------------------------------------------------------
    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            import pandas as pd

            return pd.DataFrame()
        return self._frame

    def visible_positions(self) -> np.ndarray:
        return np.array(self._order, dtype=np.int64)

    def record(self, row: int) -> dict:
        """The item shown in `row` as a dict (NaN turned into None)."""
        rec = self.frame().iloc[int(self._order[row])].to_dict()
        return {k: (None if is_missing(v) else v) for k, v in rec.items()}

    def row_of_id(self, item_id: int) -> int | None:
        if self._frame is None or "id" not in self._frame:
            return None
        hits = np.flatnonzero(self._column_values("id")[self._order] == item_id)
        return int(hits[0]) if len(hits) else None

    def counts_by_tier(self, visible_only: bool = False) -> dict[str, int]:
        tiers = self._column_values("tier")
        if visible_only:
            tiers = tiers[self._order]
        values, counts = np.unique(
            np.asarray([t if isinstance(t, str) else "" for t in tiers]), return_counts=True
        )
        return {str(v): int(c) for v, c in zip(values, counts, strict=True) if v}

    def distinct(self, key: str) -> list[str]:
        if self._frame is None or key not in self._frame:
            return []
        return sorted(str(v) for v in self._frame[key].dropna().unique())

    # ---- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].header()
            if role == Qt.ItemDataRole.ToolTipRole:  # the field's name is an internal code: English only
                return (
                    self._columns[section].key
                    if current_language() == "en"
                    else self._columns[section].header()
                )
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self._order):
                return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        cell = self._cell(index)
        if cell is None:
            return None
        column, value = cell
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(column, value)
        if role == Qt.ItemDataRole.UserRole:
            return None if is_missing(value) else value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return (
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column.numeric else None
            )
        if column.key == "tier":
            return self._tier_data(role, value, index.row())
        if column.key == "verification" and isinstance(value, str):
            return self._verification_data(role, value, index.row())
        return None

    def _cell(self, index: _Index) -> tuple[Column, object] | None:
        if not index.isValid() or not (0 <= index.row() < len(self._order)):
            return None
        if not (0 <= index.column() < len(self._columns)):
            return None
        column = self._columns[index.column()]
        return column, self._column_values(column.key)[self._order[index.row()]]

    def _tier_data(self, role: int, value: object, row: int) -> object:
        if not isinstance(value, str):
            if self._tiers_pending and role == Qt.ItemDataRole.ForegroundRole:
                return self._pending_brush
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._tier_brushes.get(value)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._tier_text.get(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tier_tooltip(row)
        return None

    def _verification_data(self, role: int, value: str, row: int) -> object:
        if role == Qt.ItemDataRole.DecorationRole:
            return self._verification_icon(value)
        if role == Qt.ItemDataRole.ForegroundRole and value in WEAK_VERIFICATION:
            return QBrush(QColor(VERIFICATION_COLOURS[value]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(filter(None, [_verification_help(value), self._edition_text(row)]))
        return None

    def _display(self, column: Column, value: object) -> str:
        if is_missing(value):
            return _("Classifying…") if column.key == "tier" and self._tiers_pending else ""
        text = str(value)
        if column.key == "tier":
            try:
                return tier_label(text, self._lang)
            except ValueError:
                return text
        if column.key == "verification":
            try:
                return verification_label(text, self._lang)
            except ValueError:
                return text
        if column.key == "product":
            return self._product_labels.get(text, text)
        if isinstance(value, float | np.floating | int | np.integer) and not isinstance(value, bool):
            return format_number(float(value))
        return str(value)

    def _tier_tooltip(self, row: int) -> str:
        pos = int(self._order[row])
        rule = self._column_values("rule")[pos]
        verification = self._column_values("verification")[pos]
        lines = [_("Double-click the row to see why (thresholds, table, source).")]
        if isinstance(rule, str) and rule:
            from ..catalog.labels import rule_label  # the catalog package imports pandas: not at start-up

            lines.insert(0, _("Rule: {rule}").format(rule=rule_label(rule)))
        if isinstance(verification, str):
            lines.insert(0, _verification_help(verification))
        return "\n".join(lines)

    def _edition_text(self, row: int) -> str:
        """'Standard edition: GB 19762—2025（2026-03-01 实施）；《目录》引用 GB 19762—2007' for a row's
        product
        (the item table's tiers are judged by the editions in force today)."""
        from ..catalog import UnknownProduct, get_catalog
        from ..catalog.in_force import edition_line

        product = self._column_values("product")[int(self._order[row])]
        try:
            cat = get_catalog()
            j = cat.judged(cat.product(str(product)).id)
        except (UnknownProduct, KeyError):
            return ""
        return _("Standard edition: {line}").format(
            line=edition_line(j.edition, j.effective, j.catalog_cited)
        )

    def _verification_icon(self, value: str) -> QIcon | None:
        if value not in VERIFICATION_COLOURS:
            return None
        icon = self._verif_icons.get(value)
        if icon is None:
            icon = self._verif_icons[value] = _dot_icon(VERIFICATION_COLOURS[value])
        return icon


def _verification_help(value: str) -> str:
    texts = {
        "verified": N_("Thresholds verified against two independent sources or the official text."),
        "single_source": N_("Thresholds taken from one credible secondary source."),
        "unverified": N_("Thresholds not verified: check them against the official standard."),
        "successor_edition": N_(
            "Thresholds of the edition in force, which replaced the edition the catalog cites."
        ),
    }
    return _(texts[value]) if value in texts else value


def columns_for_product(spec, lang: str) -> list[Column]:
    """Common columns, plus the product's parameters and indicators when one kind is shown."""
    cols = list(COMMON_COLUMNS)
    if spec is None:
        return cols
    extra = [
        Column(
            f.name,
            f.label_zh if lang == "zh" else f.label_en,
            f.unit if f.unit not in ("", "1") else None,
            numeric=getattr(f, "kind", "number") == "number",
            translate=False,
        )
        for f in (*spec.parameters, *spec.indicators)
    ]
    return cols[:5] + extra + cols[5:]  # after tag, name, tier, verification, product


class _IndexRelay(QObject):
    """Carries a finished index from the worker to the GUI thread. Parentless and kept for the
    process's life (``_RELAYS``), so a worker never emits on an object the window has deleted: when
    the indexer goes, Qt drops the queued connection and the result with it."""

    ready = Signal(object, object)
    keys_ready = Signal(object, object)


_RELAYS: list[_IndexRelay] = []


class SearchIndexer(QObject):
    """Builds the table's text sort keys, then its search index (pinyin initials: pypinyin is slow to
    import) on the shared task pool (``tasks.wait_for_all`` waits for it at exit), without a progress
    dialog; the results come back through queued signals."""

    ready = Signal(object, object)  # frame, index
    keys_ready = Signal(object, object)  # frame, {column: sort key}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _IndexRelay()
        _RELAYS.append(self._relay)
        self._relay.ready.connect(self.ready, Qt.ConnectionType.QueuedConnection)
        self._relay.keys_ready.connect(self.keys_ready, Qt.ConnectionType.QueuedConnection)

    def start(self, frame: pd.DataFrame) -> None:
        from .tasks import thread_pool

        relay = self._relay

        def work() -> None:
            log = logging.getLogger(__name__)
            try:
                relay.keys_ready.emit(frame, text_sort_keys(frame))
            except Exception:  # the first sort builds its key again and reports any error then
                log.exception("building the sort keys failed")
            try:
                relay.ready.emit(frame, EquipmentTableModel.build_search_index(frame))
            except Exception:  # the first search builds it again and reports any error then
                log.exception("building the search index failed")

        thread_pool().start(work)
