"""Item editor: a form generated from the catalog's schema of the chosen product, with units,
inline validation and the live tier with its trace ("why this tier").

Numbers are typed with or without a unit ("75 hp", "55 kW", "0.8 MPa", money as "3万元" or "1,200元",
years as "15年"); ``services.parse_amount`` reads them as the ledger import reads a cell, in the
field's base unit, and the converted value is shown next to the field. The
editor never writes to the database: it emits ``save_requested(new, old)`` and the main window puts
the change on the undo stack.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .. import palette
from ..domain import Tier, tier_label, verification_label
from ..i18n import N_, _, current_language
from .equipment_model import format_number
from .widgets import named

# (name, msgid, kind) of the fields every item has; kind "int" or "text"
COMMON_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("asset_tag", N_("Asset tag"), "text"),
    ("name", N_("Name"), "text"),
    ("model", N_("Model"), "text"),
    ("manufacturer", N_("Manufacturer"), "text"),
    ("site", N_("Site"), "text"),
    ("year_installed", N_("Year installed"), "int"),
    ("quantity", N_("Quantity"), "int"),
    ("notes", N_("Notes"), "text"),
)


#: units pint does not hold, shown as words: money in 元 and lifetimes in years
WORD_UNITS = {"CNY": (N_("CNY"), "元"), "a": (N_("years"), "年")}
#: placeholder of an empty money or years field: the spellings it accepts besides a plain number
WORD_EXAMPLES = {"CNY": N_("e.g. 30000 or 3万元"), "a": N_("e.g. 15 or 15年")}


def _label(spec_field, lang: str) -> str:
    text = spec_field.label_zh if lang == "zh" else spec_field.label_en
    unit = getattr(spec_field, "unit", "") or ""
    if unit in WORD_UNITS:
        msgid, zh = WORD_UNITS[unit]
        unit = zh if lang == "zh" else msgid
    return f"{text} ({unit})" if unit not in ("", "1") and f"({unit})" not in text else text


def enum_label(spec_field, value, lang: str) -> str:
    """Display text of an enumeration value: the catalog's label in the language
    (e.g. 室燃 for chamber_fired)."""
    return spec_field.value_label(_enum_text(value), lang)


def _enum_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _find(combo: QComboBox, value) -> int:
    """The entry of `combo` (after the empty first one) whose value reads as `value`; -1: none."""
    wanted = _enum_text(value)
    for i in range(1, combo.count()):
        if _enum_text(combo.itemData(i)) == wanted:
            return i
    return -1


def _narrow(combo: QComboBox) -> QComboBox:
    """A combo box that may be narrower than its longest label (the editor's dock is about 380 px on a
    1366 px screen; a long English label would otherwise widen the form past it, cut off on the right)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


class _FieldRow:
    """One input with its message label; `value()` parses it (None when empty)."""

    def __init__(self, name: str, kind: str, unit: str = "", spec=None) -> None:
        self.name, self.kind, self.unit, self.spec = name, kind, unit or "", spec
        self.message = named(QLabel(), f"msg_{name}")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.widget: QComboBox | QLineEdit
        if kind == "enum":
            combo = _narrow(named(QComboBox(), f"field_{name}"))
            combo.addItem("", None)
            for v in (spec.allowed if spec is not None else None) or ():
                combo.addItem(enum_label(spec, v, current_language()), v)
            self.widget = combo
        else:
            self.widget = named(QLineEdit(), f"field_{name}")
            if kind == "number" and self.unit in WORD_EXAMPLES:
                self.widget.setPlaceholderText(_(WORD_EXAMPLES[self.unit]))
        self.error: str | None = None

    @property
    def changed(self) -> SignalInstance:
        """The widget's signal that its content changed (a choice made, a character typed)."""
        if isinstance(self.widget, QComboBox):
            return self.widget.currentIndexChanged
        return self.widget.textChanged

    def set_value(self, value) -> None:
        if isinstance(self.widget, QComboBox):
            if value is not None and self.spec is not None:
                try:  # a stored value as the plant wrote it ('螺杆式 变频') reads as the import reads it
                    value = self.spec.normalise(value) or value
                except ValueError:
                    pass  # kept as written: shown as an extra entry of the list
            i = _find(self.widget, value) if value is not None else 0
            if i < 0:
                self.widget.addItem(_enum_text(value), value)
                i = self.widget.count() - 1
            self.widget.setCurrentIndex(i)
        elif value is None:
            self.widget.setText("")
        elif isinstance(value, float | int) and not isinstance(value, bool):
            self.widget.setText(format_number(value))
        else:
            self.widget.setText(str(value))

    def text(self) -> str:
        if isinstance(self.widget, QComboBox):
            return self.widget.currentText()
        return self.widget.text().strip()

    def value(self):
        """Parsed value (float/int/str/None); sets `self.error` and the message label."""
        self.error = None
        note = ""
        if isinstance(self.widget, QComboBox):
            value = self.widget.currentData()
        else:
            text = self.widget.text().strip()
            value = None
            if text:
                try:
                    value, note = self._parse(text)
                except ValueError as exc:
                    self.error = str(exc)
        self._show(note)
        return value

    def _parse(self, text: str):
        if self.kind == "text":
            return text, ""
        if self.kind == "int":
            try:
                number = int(float(text))
            except ValueError:
                raise ValueError(_("Not a whole number: {text}").format(text=text)) from None
            self._check_plausible(number)
            return number, ""
        try:
            value = float(text)  # a plain number is already in the field's unit
        except ValueError:
            # anything else ('3万元', '15年', '1,200', '75 hp') is read as the ledger import reads a
            # cell; loads pint and pandas, so only for text that is not a plain number
            from .. import services

            value = services.parse_amount(text, self.unit)
        if not math.isfinite(value):
            raise ValueError(_("Not a number: {text}").format(text=text))
        lo, hi = getattr(self.spec, "min", None), getattr(self.spec, "max", None)
        if lo is not None and value < lo:
            raise ValueError(_("Must be at least {min} {unit}").format(min=format_number(lo), unit=self.unit))
        if hi is not None and value > hi:
            raise ValueError(_("Must be at most {max} {unit}").format(max=format_number(hi), unit=self.unit))
        self._check_plausible(value)
        shown = format_number(value)
        try:
            plain = float(text.replace(",", ""))
        except ValueError:
            plain = None
        unit = "" if self.unit in ("1", "CNY", "a") else self.unit
        note = "" if plain == value else f"= {shown} {unit}".rstrip()
        return value, note

    def _check_plausible(self, value: float) -> None:
        """The import's rules (an efficiency above 100 %, a rated size of 0 ...) hold for typed values too."""
        from .. import services  # loaded with the workspace long before a value is typed

        problem = services.value_problem(self.name, value)
        if problem:
            raise ValueError(problem)

    def _show(self, note: str) -> None:
        if self.error:
            self.message.setText(self.error)
            self.message.setStyleSheet(f"color: {palette.ERROR};")
            self.message.setVisible(True)
        elif note:
            self.message.setText(note)
            self.message.setStyleSheet(f"color: {palette.MUTED};")
            self.message.setVisible(True)
        else:
            self.message.setVisible(False)

    def add_to(self, form: QFormLayout, label: str) -> None:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(self.widget)
        lay.addWidget(self.message)
        form.addRow(label, box)


class ItemEditor(QWidget):
    """Form for one item. `save_requested(new: dict, old: dict | None)`."""

    save_requested = Signal(dict, object)

    def __init__(self, catalog=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemEditor")
        self.catalog = catalog
        self._old: dict | None = None
        self._baseline: tuple = ()
        self._rows: dict[str, _FieldRow] = {}
        self._spec_rows: dict[str, _FieldRow] = {}
        self._read_only = False
        self.classification = None
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.refresh)

        outer = QVBoxLayout(self)
        self.title = named(QLabel(), "editorTitle")
        self.title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        outer.addWidget(self.title)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self._body = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self._body.addWidget(self._common_group())
        self._spec_box = QWidget()
        self._spec_layout = QVBoxLayout(self._spec_box)
        self._spec_layout.setContentsMargins(0, 0, 0, 0)
        self._body.addWidget(self._spec_box)
        # built when the catalog arrives: importing retrofit_desktop.catalog loads pandas, which the
        # first window (shown before any data) must not wait for
        self._retrofit_slot: QWidget | None = QWidget()
        self._body.addWidget(self._retrofit_slot)
        self._body.addWidget(self._tier_group())
        self._body.addStretch(1)

        self.status = named(QLabel(), "editorStatus")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)
        outer.addLayout(self._buttons())
        if catalog is not None:
            self._ensure_retrofit_group()
        self.load(None)

    def _common_group(self) -> QGroupBox:
        """The product and the fields every item has."""
        common = QGroupBox(_("Item"))
        self._common_form = QFormLayout(common)
        self._common_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.product_combo = _narrow(named(QComboBox(), "field_product"))
        self._fill_products()
        self.product_combo.currentIndexChanged.connect(self._product_changed)
        self._common_form.addRow(_("Product"), self.product_combo)
        for name, msgid, kind in COMMON_FIELDS:
            self._add_row(_FieldRow(name, kind), self._common_form, _(msgid), self._rows)
        return common

    def _add_row(self, row: _FieldRow, form: QFormLayout, label: str, rows: dict[str, _FieldRow]) -> None:
        """Put `row` in `form` and `rows`; a change to it refreshes the live tier shortly after."""
        row.add_to(form, label)
        row.changed.connect(self._timer.start)
        rows[row.name] = row

    def _tier_group(self) -> QGroupBox:
        tier_box = QGroupBox(_("Tier (live)"))
        tier_lay = QVBoxLayout(tier_box)
        self.tier_label = named(QLabel(), "editorTier")
        self.tier_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tier_label.setMinimumHeight(28)
        self.tier_label.setWordWrap(True)  # the edition line is long: wrap it inside the dock
        self.trace = named(QTextBrowser(), "editorTrace")
        self.trace.setMinimumHeight(160)
        tier_lay.addWidget(self.tier_label)
        tier_lay.addWidget(QLabel(_("Why this tier:")))
        tier_lay.addWidget(self.trace)
        return tier_box

    def _buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.save_button = named(QPushButton(_("Save")), "editorSave")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip(_("Save the item to the workspace (Ctrl+S); undo with Ctrl+Z"))
        self.revert_button = named(QPushButton(_("Revert")), "editorRevert")
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        self.save_button.clicked.connect(self._save)
        self.revert_button.clicked.connect(self.revert)
        return buttons

    def _ensure_retrofit_group(self) -> None:
        """The retrofit measure and its finance inputs (investment, lifetime, …): every product has them."""
        if self._retrofit_slot is None:
            return
        from ..catalog.fields import RETROFIT_FIELDS

        box = named(QGroupBox(_("Retrofit")), "retrofitGroup")
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        lang = current_language()
        for f in RETROFIT_FIELDS:
            kind = "enum" if f.kind == "enum" else "number"
            self._add_row(_FieldRow(f.name, kind, f.unit, f), form, _label(f, lang), self._rows)
        hint = QLabel(
            _("Money in yuan (元); the O&M change is per year, negative when the retrofit saves O&M cost.")
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {palette.MUTED};")
        form.addRow(hint)
        self._body.replaceWidget(self._retrofit_slot, box)
        self._retrofit_slot.deleteLater()
        self._retrofit_slot = None

    # ---- catalog --------------------------------------------------------------------------
    def set_catalog(self, catalog) -> None:
        self.catalog = catalog
        if catalog is not None:
            self._ensure_retrofit_group()
        self._fill_products()
        self.load(self._old)

    def _fill_products(self) -> None:
        lang = current_language()
        self.product_combo.blockSignals(True)
        self.product_combo.clear()
        self.product_combo.addItem("", None)
        for pid, spec in sorted(self._products().items(), key=lambda kv: kv[0]):
            self.product_combo.addItem(spec.name_zh if lang == "zh" else spec.name_en, pid)
        self.product_combo.blockSignals(False)

    def _products(self) -> dict:
        return dict(getattr(self.catalog, "products", {}) or {})

    def spec(self):
        pid = self.product_combo.currentData()
        return self._products().get(pid) if pid else None

    # ---- loading ---------------------------------------------------------------------------
    def load(self, record: dict | None, defaults: dict | None = None) -> None:
        """Edit `record` (None: a new item, optionally pre-filled with `defaults`)."""
        self._old = dict(record) if record else None
        data = dict(record or defaults or {})
        i = self.product_combo.findData(data.get("product")) if data.get("product") else 0
        self.product_combo.blockSignals(True)
        self.product_combo.setCurrentIndex(max(i, 0))
        self.product_combo.blockSignals(False)
        self._build_spec_rows()
        for name, row in {**self._rows, **self._spec_rows}.items():
            row.set_value(data.get(name))
        self.title.setText(
            _("Edit item {tag}").format(tag=record.get("asset_tag", "")) if record else _("New item")
        )
        self.status.setText("")
        self.refresh()
        self._baseline = self._texts()

    # ---- unsaved changes (ui/unsaved.py asks before they would be replaced) ----------------------
    def _texts(self) -> tuple:
        return self.product_combo.currentData(), {
            n: r.text() for n, r in {**self._rows, **self._spec_rows}.items()
        }

    def is_dirty(self) -> bool:
        """Does the form differ from the item as loaded (or the new item's defaults)?"""
        return self._texts() != self._baseline

    def held_id(self) -> int | None:
        """The id of the stored item being edited (None: a new item)."""
        ident = (self._old or {}).get("id")
        return None if ident is None or ident != ident else int(ident)

    def item_label(self) -> str:
        return str((self._old or {}).get("asset_tag") or self._rows["asset_tag"].text() or _("New item"))

    def revert(self) -> None:
        """Drop the unsaved changes: the form shows the item as loaded again."""
        self.load(self._old)

    def pending_save(self) -> tuple[dict, dict | None] | None:
        """(new, old) to save, as `save_requested` carries them; None when the form cannot be saved
        (fields in error, asset tag or product missing), which the form then shows."""
        self.refresh()
        if self.errors() or not self.save_button.isEnabled():
            return None
        new = {k: v for k, v in self.values().items() if k != "id" or v is not None}
        return new, self._old

    def _product_changed(self) -> None:
        kept = {name: row.value() for name, row in self._spec_rows.items()}
        self._build_spec_rows()
        for name, row in self._spec_rows.items():
            if kept.get(name) is not None:
                row.set_value(kept[name])
        self.refresh()

    def _build_spec_rows(self) -> None:
        """Replace the product-specific part of the form with a freshly built one.

        The new groups are built inside a hidden container that is swapped in whole and shown, so
        Qt lays them out together (no half-updated form while fields come and go)."""
        old = self._spec_box
        self._spec_box = QWidget()
        self._spec_layout = QVBoxLayout(self._spec_box)
        self._spec_layout.setContentsMargins(0, 0, 0, 0)
        self._spec_rows = {}
        self._fill_spec_box()
        self._body.replaceWidget(old, self._spec_box)
        old.hide()
        old.deleteLater()
        self._spec_box.show()

    def _fill_spec_box(self) -> None:
        spec = self.spec()
        if spec is None:
            return
        lang = current_language()
        groups = (
            (_("Nameplate parameters"), spec.parameters),
            (_("Efficiency indicators"), spec.indicators),
            (_("Operating profile"), spec.operating_fields),
        )
        for title, fields in groups:
            fields = [f for f in fields if f.name not in self._spec_rows and f.name not in self._rows]
            if not fields:
                continue
            box = QGroupBox(title)
            form = QFormLayout(box)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for f in fields:
                kind = getattr(f, "kind", "number")
                row = _FieldRow(f.name, kind if kind in {"enum", "text"} else "number", f.unit, f)
                self._add_row(row, form, _label(f, lang), self._spec_rows)
            self._spec_layout.addWidget(box)

    # ---- values, validation, live tier ------------------------------------------------------------
    def values(self) -> dict:
        """Current item as a dict of parsed values (fields with errors are None)."""
        out = {"product": self.product_combo.currentData()}
        for name, row in {**self._rows, **self._spec_rows}.items():
            out[name] = row.value()
        if self._old and self._old.get("id") is not None:
            out["id"] = self._old["id"]
        return out

    def errors(self) -> dict[str, str]:
        self.values()
        return {n: r.error for n, r in {**self._rows, **self._spec_rows}.items() if r.error}

    def refresh(self) -> None:
        item = self.values()
        errors = {n: r.error for n, r in {**self._rows, **self._spec_rows}.items() if r.error}
        missing = [n for n in ("asset_tag", "product") if not item.get(n)]
        read_only = self._read_only
        self.save_button.setEnabled(not errors and not missing and not read_only)
        if read_only:
            self.status.setText(_("The workspace is open read-only: changes are not saved."))
        elif missing:
            self.status.setText(_("Asset tag and product are required."))
        elif errors:
            self.status.setText(_("Fix the fields marked in red."))
        else:
            self.status.setText("")
        self._show_tier(item)

    def _show_tier(self, item: dict) -> None:
        spec = self.spec()
        self.classification = None
        if spec is None or self.catalog is None:
            self.tier_label.setText(_("Choose a product to see its tier."))
            self.tier_label.setStyleSheet("")
            self.trace.setHtml("")
            return
        params = {f.name: item.get(f.name) for f in spec.parameters if item.get(f.name) is not None}
        values = {i.name: item.get(i.name) for i in spec.indicators if item.get(i.name) is not None}
        try:
            cls = self.catalog.classify(spec.id, params=params, values=values)
        except Exception as exc:  # the catalog explains what is wrong (e.g. a parameter out of range)
            self.tier_label.setText(_("Cannot classify: {detail}").format(detail=str(exc)))
            self.tier_label.setStyleSheet(f"color: {palette.ERROR};")
            self.trace.setHtml("")
            return
        self.classification = cls
        lang = current_language()
        colour = palette.TIER_COLOURS.get(Tier(cls.tier), palette.WHITE)
        text = f"{tier_label(cls.tier, lang)} · {verification_label(cls.verification, lang)}"
        if cls.judged is not None:
            from ..catalog.in_force import edition_line

            j = cls.judged
            text += "\n" + _("Standard edition: {line}").format(
                line=edition_line(j.edition, j.effective, j.catalog_cited)
            )
        self.tier_label.setText(text)
        self.tier_label.setStyleSheet(
            f"background: {colour}; color: {palette.text_on(colour)}; font-weight: bold; padding: 4px;"
        )
        self.trace.setHtml(trace_html(cls, spec, lang))

    def _save(self) -> None:
        pending = self.pending_save()
        if pending is not None:
            self.save_requested.emit(*pending)

    def set_read_only(self, on: bool) -> None:
        """A read-only workspace (e.g. an inspector's copy): the form shows, the tier is live, no saving."""
        self._read_only = on
        self.refresh()

    def mark_saved(self, record: dict) -> None:
        """After a successful save: keep editing the saved record."""
        self.load(record)
        self.status.setText(_("Saved."))


def trace_html(cls, spec, lang: str) -> str:
    """The comparisons behind a classification, as a small HTML table."""
    esc = html.escape
    labels = {i.name: (i.label_zh if lang == "zh" else i.label_en) for i in spec.indicators}
    head = "".join(
        f"<th>{esc(h)}</th>"
        for h in (
            _("Indicator"),
            _("Value"),
            tier_label(Tier.ADVANCED, lang),
            tier_label(Tier.ENERGY_SAVING, lang),
            tier_label(Tier.ENTRY, lang),
        )
    )
    rows = []
    for c in cls.comparisons:
        thr = c.thresholds or {}
        cells = [
            labels.get(c.indicator, c.indicator),
            f"{format_number(c.value) if c.value is not None else '—'} {c.unit}",
        ]
        limits = (thr.get(t) for t in ("advanced", "energy_saving", "entry"))
        cells += [format_number(v) if v is not None else "—" for v in limits]
        rows.append("<tr>" + "".join(f"<td>{esc(str(x))}</td>" for x in cells) + "</tr>")
        detail = [
            _("Direction: {d}").format(
                d=_("higher is better") if "higher" in str(c.direction) else _("lower is better")
            ),
            _("Table: {t}, row {r}").format(
                t=c.table or "—", r=_labels().row_text(c.row) if c.row is not None else "—"
            ),
            _("Source: {s}").format(s=(lang != "zh" and c.source_en) or c.source or "—"),
            _("Verification: {v}").format(
                v=verification_label(c.verification, lang) if c.verification else "—"
            ),
            _("Rule: {rule}").format(rule=_labels().rule_label(c.rule) if c.rule else "—"),
        ]
        lines = "<br>".join(esc(d) for d in detail)
        rows.append(f"<tr><td colspan='5' style='color:{palette.MUTED}'>{lines}</td></tr>")
    note = f"<p>{esc(_labels().note_text(cls.note))}</p>" if getattr(cls, "note", "") else ""
    if not rows:
        return note or f"<p>{esc(_('No comparison: enter the efficiency indicator.'))}</p>"
    table = "<table border='1' cellspacing='0' cellpadding='2' width='100%'>"
    return f"{table}<tr>{head}</tr>{''.join(rows)}</table>{note}"


def _labels():
    """catalog.labels on first use: the catalog package imports pandas, which must wait for the
    first paint."""
    from ..catalog import labels

    return labels
