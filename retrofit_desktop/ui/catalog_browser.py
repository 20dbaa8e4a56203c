"""Catalog browser: the edition, its products, each product's tier rows with source and status.

"Import official pack…" loads a corrected/official edition pack through the catalog package; a pack
that fails validation lists every problem inline (row, column, message) under the button.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from retrofit_desktop import catalog as catalog_pkg
from retrofit_desktop import palette
from retrofit_desktop.catalog import Catalog
from retrofit_desktop.catalog.labels import edition_name, note_text, row_text, standard_text
from retrofit_desktop.domain import VERIFICATION_ORDER, verification_label
from retrofit_desktop.i18n import _, current_language
from retrofit_desktop.ui.frame_model import FrameModel
from retrofit_desktop.ui.tasks import TaskHandle, run_in_background
from retrofit_desktop.values import is_yes

_TIER_GRADES = (("advanced", "Advanced"), ("energy_saving", "Energy-saving"), ("entry", "Entry"))
#: the columns of `tier_rows_frame` and of the tier-rows table, in order
TIER_ROW_COLUMNS = (
    "table",
    "row_id",
    "conditions",
    "indicator",
    "unit",
    "advanced",
    "energy_saving",
    "entry",
    "verification",
    "source",
    "note",
)


def products_frame(cat, lang: str | None = None) -> pd.DataFrame:
    """One row per catalog product: id, names, group, standard, tier rows, membership status."""
    lang = lang or current_language()
    rows = []
    for spec in cat.products.values():
        rows.append(
            {
                "id": spec.id,
                "name_zh": spec.name_zh,
                "name_en": spec.name_en,
                "group": _group_label(getattr(spec, "group", ""), lang),
                "standard": standard_text(spec.standard),
                "rows": len(getattr(spec, "rows", ()) or ()),
                "membership": verification_label(spec.membership, lang)
                if getattr(spec, "membership", None)
                else "",
            }
        )
    return pd.DataFrame(rows, columns=["id", "name_zh", "name_en", "group", "standard", "rows", "membership"])


def _conditions_text(spec, row: dict) -> str:
    """'额定功率 = 55 kW; 极数 = 4' from the row's parameter slots."""
    lang = current_language()
    parts = []
    i = 1
    while f"p{i}_name" in row:
        name = str(row.get(f"p{i}_name") or "").strip()
        i += 1
        if not name:
            continue
        n = i - 1
        field = spec.field(name) if hasattr(spec, "field") else None
        label = (field.label_zh if lang == "zh" else field.label_en) if field else name
        unit = f" {field.unit}" if field is not None and field.unit else ""
        value = str(row.get(f"p{n}_value") or "").strip()
        if value:
            parts.append(f"{label} = {value.replace('|', ' / ')}")
            continue
        lo, hi = str(row.get(f"p{n}_min") or "").strip(), str(row.get(f"p{n}_max") or "").strip()
        lo_incl = is_yes(row.get(f"p{n}_min_incl"))
        hi_incl = is_yes(row.get(f"p{n}_max_incl"))
        if lo and lo == hi:
            parts.append(f"{label} = {lo}{unit}")
        elif lo or hi:
            left = f"{lo} {'≤' if lo_incl else '<'} " if lo else ""
            right = f" {'≤' if hi_incl else '<'} {hi}" if hi else ""
            parts.append(f"{left}{label}{right}{unit}")
    return "; ".join(parts)


def tier_rows_frame(spec) -> pd.DataFrame:
    """A product's tier rows for display: conditions, indicator, the three tiers' values, source, status."""
    mapping = getattr(spec, "tier_mapping", None)
    out = []
    for row in getattr(spec, "rows", ()) or ():
        rec = {
            "table": row.get("table", ""),
            "row_id": row_text(row.get("row_id", "")),
            "conditions": _conditions_text(spec, row),
            "indicator": _indicator_label(spec, row.get("indicator", "")),
            "unit": row.get("unit", ""),
        }
        for tier, _label in _TIER_GRADES:
            grade = mapping.grade(tier) if mapping is not None else None
            raw = row.get(f"grade{grade}") if grade else None
            rec[tier] = pd.to_numeric(raw, errors="coerce") if raw not in (None, "") else float("nan")
        rec["verification"] = str(row.get("verification", ""))
        # the citation; its English form in the English edition
        rec["source"] = (current_language() != "zh" and row.get("source_en")) or row.get("source", "")
        rec["note"] = row.get("note", "")
        out.append(rec)
    cols = list(TIER_ROW_COLUMNS)
    return pd.DataFrame(out, columns=cols)


def _group_label(group: str, lang: str) -> str:
    labels = getattr(catalog_pkg, "GROUPS", {}).get(group)
    return (labels[0] if lang == "zh" else labels[1]) if labels else group


def _indicator_label(spec, name: str) -> str:
    ind = spec.indicator(name) if hasattr(spec, "indicator") else None
    if ind is None:
        return name
    return ind.label_zh if current_language() == "zh" else ind.label_en


def pack_problems_frame(exc: BaseException) -> pd.DataFrame:
    """Every problem of a rejected pack as (row, column, message); other errors as one message row."""
    problems = getattr(exc, "problems", None)
    if problems:
        return pd.DataFrame(
            [{"row": r, "column": c or "", "message": m} for r, c, m in problems],
            columns=["row", "column", "message"],
        )
    return pd.DataFrame(
        [{"row": None, "column": "", "message": str(exc) or type(exc).__name__}],
        columns=["row", "column", "message"],
    )


def _hide_in_chinese(view: QTableView, model: FrameModel, columns: tuple[str, ...]) -> None:
    """Hide columns whose text is English or an internal code when the interface is Chinese."""
    shown = model.columns()
    for col in columns:
        if col in shown:
            view.setColumnHidden(shown.index(col), current_language() == "zh")


def _make_table(model: FrameModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSortingEnabled(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    return view


def _tier_rows_model() -> FrameModel:
    """The model of a product's tier rows (columns of `tier_rows_frame`), coloured by status."""
    return FrameModel(
        columns=list(TIER_ROW_COLUMNS),
        headers={
            "table": _("Table"),
            "row_id": _("Row"),
            "conditions": _("Parameters"),
            "indicator": _("Indicator"),
            "unit": _("Unit"),
            "advanced": _("Advanced"),
            "energy_saving": _("Energy-saving"),
            "entry": _("Entry"),
            "verification": _("Verification"),
            "source": _("Source"),
            "note": _("Note"),
        },
        formatters={
            "verification": lambda v: (
                verification_label(v) if v in palette.VERIFICATION_BACKGROUNDS else str(v)
            ),
            "advanced": _threshold,
            "energy_saving": _threshold,
            "entry": _threshold,
        },
        row_colour=lambda r: palette.VERIFICATION_BACKGROUNDS.get(r["verification"]),
        colour_columns=["verification"],
        tooltips={"source": "source", "note": "note", "conditions": "conditions"},
    )


class CatalogBrowser(QWidget):
    """Browse the active catalog edition; import an official pack."""

    pack_imported = Signal(object)  # whatever catalog.import_pack returned (the new edition)

    def __init__(
        self, parent: QWidget | None = None, catalog_loader: Callable[[str | None], Catalog] | None = None
    ):
        super().__init__(parent)
        self._load_catalog = catalog_loader or catalog_pkg.get_catalog
        self.catalog: Catalog | None = None
        self.task: TaskHandle | None = None

        top = self._edition_bar()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {palette.ERROR};")
        self.problems_model = FrameModel(
            columns=["row", "column", "message"],
            headers={"row": _("Row"), "column": _("Column"), "message": _("Problem")},
        )
        self.problems_view = _make_table(self.problems_model)
        self.problems_view.setMaximumHeight(140)
        self._show_problems(None)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._products_pane())
        splitter.addWidget(self._rows_pane())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(self.problems_view)
        layout.addWidget(splitter, 1)
        self.reload()

    def _edition_bar(self) -> QHBoxLayout:
        """The edition shown, the editions kept (choose, make active) and the pack import."""
        self.edition_label = QLabel()
        self.edition_label.setWordWrap(True)
        self.edition_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(_("Import official pack…"))
        self.import_button.clicked.connect(self._choose_pack)
        self.edition_combo = QComboBox()
        self.edition_combo.setToolTip(
            _("Catalog editions kept side by side; the active one is used to assess")
        )
        self.edition_combo.activated.connect(self._on_edition_chosen)
        self.activate_button = QPushButton(_("Use for assessments"))
        self.activate_button.clicked.connect(self._activate_edition)
        top = QHBoxLayout()
        top.addWidget(self.edition_label, 1)
        self.edition_caption = QLabel(_("Edition"))
        for w in (self.edition_caption, self.edition_combo, self.activate_button, self.import_button):
            top.addWidget(w, 0, Qt.AlignmentFlag.AlignTop)
        return top

    def _products_pane(self) -> QWidget:
        """The filter and the product list (left of the splitter)."""
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Filter products (id, Chinese or English name, standard)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)

        self.products_model = FrameModel(
            columns=["id", "name_zh", "name_en", "group", "standard", "rows", "membership"],
            headers={
                "id": _("ID"),
                "name_zh": _("Name (zh)"),
                "name_en": _("Name (en)"),
                "group": _("Group"),
                "standard": _("Standard"),
                "rows": _("Tier rows"),
                "membership": _("In catalog"),
            },
        )
        self.products_view = _make_table(self.products_model)
        self.products_view.selectionModel().selectionChanged.connect(self._on_product_selected)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.filter_edit)
        ll.addWidget(self.products_view, 1)
        return left

    def _rows_pane(self) -> QWidget:
        """The chosen product's heading, tier rows and counts by status (right of the splitter)."""
        self.product_label = QLabel()
        self.product_label.setWordWrap(True)
        self.product_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rows_model = _tier_rows_model()
        self.rows_view = _make_table(self.rows_model)
        self.rows_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.counts_label = QLabel()
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.product_label)
        rl.addWidget(self.rows_view, 1)
        rl.addWidget(self.counts_label)
        return right

    # --- catalog ---------------------------------------------------------------------------
    def reload(self, edition_id: str | None = None) -> None:
        """Show an edition (default: the active one) and list its products."""
        self._fill_editions(edition_id)
        try:
            self.catalog = self._load_catalog(edition_id)
        except Exception as exc:  # a broken pack on disk must not take the window down
            self.catalog = None
            self._show_problems(exc, _("The catalog could not be loaded:"))
            self._all_products = products_frame_empty()
            self._apply_filter(self.filter_edit.text())
            return
        self._show_edition()
        self._all_products = products_frame(self.catalog)
        self._apply_filter(self.filter_edit.text())

    def _fill_editions(self, selected: str | None) -> None:
        list_editions = getattr(catalog_pkg, "list_editions", None)
        active = getattr(catalog_pkg, "active_edition_id", None)
        try:
            editions = list_editions() if list_editions else []
            active_id = active() if active else None
        except Exception:  # the list is a convenience; the active edition still shows
            editions, active_id = [], None
        if active_id is None:
            try:
                active_id = catalog_pkg.get_catalog().edition.id
            except Exception:
                active_id = None
        self.active_edition_id = active_id
        self.edition_combo.blockSignals(True)
        self.edition_combo.clear()
        for ed in editions:
            text = f"{edition_name(ed.id)} — {ed.title_zh if current_language() == 'zh' else ed.title_en}"
            if ed.id == active_id:
                text += " " + _("(active)")
            self.edition_combo.addItem(text, ed.id)
        i = self.edition_combo.findData(selected or active_id)
        if i >= 0:
            self.edition_combo.setCurrentIndex(i)
        self.edition_combo.blockSignals(False)
        self.edition_combo.setVisible(self.edition_combo.count() > 1)
        self.activate_button.setVisible(self.edition_combo.count() > 1)
        self.edition_caption.setVisible(self.edition_combo.count() > 1)

    def _on_edition_chosen(self, index: int) -> None:
        self.reload(self.edition_combo.itemData(index))

    def _activate_edition(self) -> None:
        edition_id = self.edition_combo.currentData()
        setter = getattr(catalog_pkg, "set_active_edition", None)
        if edition_id is None or setter is None:
            return
        try:
            setter(edition_id)
        except Exception as exc:
            self._show_problems(exc, _("The edition could not be made active:"))
            return
        self.reload(edition_id)

    def _show_edition(self) -> None:
        if self.catalog is None:
            return
        ed = self.catalog.edition
        title = ed.title_zh if current_language() == "zh" else ed.title_en
        self.edition_label.setText(
            _(
                "<b>{title}</b><br>{doc_no}, effective {effective}; {modelled} of {total} products modelled; "
                "edition {id}, SHA-256 {sha}…"
            ).format(
                title=_esc(title),
                doc_no=_esc(ed.doc_no),
                effective=_esc(ed.effective),
                modelled=len(self.catalog.products),
                total=ed.products_total,
                id=_esc(edition_name(ed.id)),
                sha=ed.sha256[:12],
            )
        )

    def _apply_filter(self, text: str) -> None:
        frame = getattr(self, "_all_products", products_frame_empty())
        needle = text.strip().lower()
        if needle:
            hay = (
                frame[["id", "name_zh", "name_en", "standard"]].astype(str).agg(" ".join, axis=1).str.lower()
            )
            frame = frame[hay.str.contains(needle, regex=False)]
        self.products_model.set_frame(frame)
        _hide_in_chinese(
            self.products_view, self.products_model, ("id", "name_en")
        )  # an internal code; English
        self.products_view.resizeColumnsToContents()
        if len(frame):
            self.products_view.selectRow(0)
        else:
            self.show_product(None)

    def _on_product_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.products_view.selectionModel().selectedRows()
        if not rows:
            return
        self.show_product(self.products_model.row_series(rows[0].row())["id"])

    def show_product(self, product_id: str | None) -> None:
        if product_id is None or self.catalog is None:
            self.product_label.clear()
            self.rows_model.set_frame(tier_rows_frame(None))
            self.counts_label.clear()
            return
        spec = self.catalog.products[product_id]
        self.current_product = product_id
        name = spec.name_zh if current_language() == "zh" else spec.name_en
        mapping = getattr(spec, "tier_mapping", None)
        shown_id = f" ({_esc(spec.id)})" if current_language() == "en" else ""  # an internal code: not in zh
        lines = [
            f"<b>{_esc(name)}</b>{shown_id} — {_esc(standard_text(spec.standard))} "
            f"{_esc(getattr(spec, 'standard_title_zh', ''))}"
        ]
        if mapping is not None:
            lines.append(
                _("Tiers use grades {a} / {s} / {e} of the standard ({status}; {source})").format(
                    a=mapping.advanced or "—",
                    s=mapping.energy_saving or "—",
                    e=mapping.entry or "—",
                    status=verification_label(mapping.verification),
                    source=_esc(note_text(mapping.source) or _("no source")),
                )
            )
        if getattr(spec, "edition_note", ""):
            lines.append(_esc(note_text(spec.edition_note)))
        if not getattr(spec, "rows", ()):
            lines.append(_("This product has no tier table in this edition: its items are not covered."))
        self.product_label.setText("<br>".join(lines))
        self.rows_model.set_frame(tier_rows_frame(spec))
        _hide_in_chinese(
            self.rows_view, self.rows_model, ("note",)
        )  # the rows' provenance notes are English data
        self.rows_view.resizeColumnsToContents()
        counts = spec.verification_counts() if hasattr(spec, "verification_counts") else {}
        self.counts_label.setText(
            _("Tier rows by status: {counts}").format(
                counts=", ".join(
                    f"{verification_label(v)} {counts.get(v.value, 0)}" for v in VERIFICATION_ORDER
                )
            )
        )

    # --- pack import -----------------------------------------------------------------------
    def _choose_pack(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import official pack"), "", _("Catalog packs (*.csv *.xlsx)")
        )
        if path:
            self.import_pack_file(path)

    def import_pack_file(self, path: str | Path) -> TaskHandle:
        """Validate and import a pack off the GUI thread; problems are listed inline."""
        self._show_problems(None)
        self.import_button.setEnabled(False)

        def work(progress, cancelled):
            progress(0, 0)
            return catalog_pkg.import_pack(path)

        self.task = run_in_background(
            self, work, _("Importing catalog pack"), self._on_imported, self._on_import_failed
        )
        return self.task

    def _on_imported(self, result: object) -> None:
        self.import_button.setEnabled(True)
        self.reload(getattr(result, "id", None))
        self.pack_imported.emit(result)

    def _on_import_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        self._show_problems(exc, _("The pack was not imported:"))

    def _show_problems(self, exc: BaseException | None, heading: str = "") -> None:
        if exc is None:
            self.error_label.hide()
            self.problems_view.hide()
            self.problems_model.set_frame(pack_problems_frame(ValueError("")).iloc[0:0])
            return
        frame = pack_problems_frame(exc)
        self.error_label.setText(
            f"{heading} {len(frame)} "
            + _("problem(s)")
            + (f" — {_esc(str(getattr(exc, 'path', '')))}" if getattr(exc, "path", None) else "")
        )
        self.error_label.show()
        self.problems_model.set_frame(frame)
        self.problems_view.resizeColumnsToContents()
        self.problems_view.show()


def products_frame_empty() -> pd.DataFrame:
    return pd.DataFrame(columns=["id", "name_zh", "name_en", "group", "standard", "rows", "membership"])


def _threshold(v) -> str:
    return f"{float(v):g}"


def _esc(text: object) -> str:
    from html import escape

    return escape(str(text))
