"""Assessment view: factor set, target tier, a background run, totals, charts and measures per item.

The figures come from ``services.assess`` (run off the GUI thread through ``ui.tasks``); this module
only lays them out. Each factor shows where its value comes from; an electricity price left empty is
"not given" and the view says the cost figures are missing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from retrofit_desktop import services
from retrofit_desktop.domain import TIER_COLOURS, Tier, tier_label, verification_label
from retrofit_desktop.i18n import _, current_language
from retrofit_desktop.ui.charts import (
    COMPARISON_COLUMNS,
    MEASURE_COLUMNS,
    TOTAL_KEYS,
    MacCurveChart,
    SavingsChart,
    TierChart,
    comparisons_frame,
    mac_blocks,
    measure_text,
    measures_frame,
    missing_text,
    payload_totals,
    savings_by_product,
    status_text,
    tier_counts,
    tier_text,
    total_labels,
)
from retrofit_desktop.ui.frame_model import FrameModel, format_value
from retrofit_desktop.ui.tasks import TaskHandle, run_in_background

# --- the factor set editor ---------------------------------------------------------------------
_FACTOR_KEYS = {  # what the form shows -> the keys a payload / FactorSet may use for it
    "grid": ("grid_co2",),
    "price": ("price_electricity", "electricity_price"),
    "discount": ("discount_rate",),
    "calorific": ("tce_electricity_calorific", "electricity_tce_calorific"),
    "equivalent": ("tce_electricity_equivalent", "electricity_tce_equivalent"),
}


def _regions() -> list[tuple[str, str, str]]:
    """(id, zh, en) of national, grid regions and provinces, in that order."""
    try:
        from retrofit_desktop.engine.regions import regions
    except ImportError:
        return [("national", "全国", "National")]
    order = {"national": 0, "regional": 1, "province": 2}
    return [(r.id, r.name_zh, r.name_en) for r in sorted(regions().values(), key=lambda r: order.get(r.level, 3))]


def _grid_years() -> list[int]:
    try:
        from retrofit_desktop.engine.factors import grid_years
    except ImportError:
        return []
    years: set[int] = set()
    for rid, _zh, _en in _regions():
        years.update(grid_years(rid))
    return sorted(years, reverse=True)


def parse_price(text: str) -> float | None:
    """CNY/kWh from the price field; empty = not given (None). Raises ValueError with a message."""
    t = text.strip().replace("，", ",").replace(",", ".")
    if not t:
        return None
    try:
        v = float(t)
    except ValueError:
        raise ValueError(_("Electricity price {text!r} is not a number in CNY/kWh").format(text=text)) from None
    if not math.isfinite(v) or v <= 0:
        raise ValueError(_("Electricity price must be more than 0 CNY/kWh, got {text}").format(text=text))
    return v


def parse_rate(text: str) -> float | None:
    """Discount rate as a fraction from '0.08' or '8%'; empty = the default. Raises ValueError."""
    t = text.strip().replace("％", "%")
    if not t:
        return None
    percent = t.endswith("%")
    try:
        v = float(t.rstrip("%").strip())
    except ValueError:
        raise ValueError(_("Discount rate {text!r} is not a number (write 0.08 or 8%)").format(text=text)) from None
    if percent:
        v /= 100.0
    if not -1 < v < 1:
        raise ValueError(_("Discount rate {text!r} is out of range: write a fraction such as 0.08, or 8%").format(
            text=text))
    return v


def _factor_text(f: Mapping | None) -> str:
    """'0.4900 kgCO2/kWh (2022) — source [status]'; a fraction is shown as a percentage."""
    if not f:
        return _("no source")
    value, unit = f.get("value"), f.get("unit", "") or ""
    if value is None:
        head = _("not given")
    elif isinstance(value, str):
        head = f"{value} {unit}".strip()
    elif unit == "fraction":
        head = f"{float(value):.2%}".replace(".00%", "%")
    else:
        head = f"{format_value(value)} {unit}".strip()
    year = f" ({f['year']})" if f.get("year") else ""
    source = f.get("source") or _("no source")
    status = f.get("status")
    try:
        status_text = verification_label(status, current_language()) if status else ""
    except ValueError:
        status_text = str(status)
    tail = f" [{status_text}]" if status_text else ""
    return f"{head}{year} — {source}{tail}"


class FactorForm(QWidget):
    """Region, factor year, electricity price, discount rate, tce convention, each with its source."""

    changed = Signal()
    basis_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lang = current_language()
        self.region_combo = QComboBox()
        self.region_combo.setEditable(True)
        self.region_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for rid, zh, en in _regions():
            self.region_combo.addItem(zh if lang == "zh" else en, rid)
        self.year_combo = QComboBox()
        self.year_combo.addItem(_("Latest available"), None)
        for y in _grid_years():
            self.year_combo.addItem(str(y), y)
        self.price_edit = QLineEdit()
        self.price_edit.setPlaceholderText(_("not given (CNY/kWh)"))
        self.rate_edit = QLineEdit()
        self.rate_edit.setPlaceholderText(_("default (e.g. 0.08 or 8%)"))
        self.basis_combo = QComboBox()
        self.basis_combo.addItem(_("Calorific value basis (当量值)"), "calorific")
        self.basis_combo.addItem(_("Equivalent value basis (等价值)"), "equivalent")
        self.sources: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for key, label, field in (("grid", _("Region"), self.region_combo), ("year", _("Factor year"), self.year_combo),
                                  ("price", _("Electricity price, CNY/kWh"), self.price_edit),
                                  ("discount", _("Discount rate"), self.rate_edit),
                                  ("basis", _("tce convention"), self.basis_combo)):
            src = QLabel()
            src.setWordWrap(True)
            src.setStyleSheet("color: #555555;")
            src.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.sources[key] = src
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(field)
            box.addWidget(src)
            form.addRow(label, box)
        self.region_combo.currentTextChanged.connect(self._changed)
        self.year_combo.currentIndexChanged.connect(self._changed)
        self.price_edit.textChanged.connect(self._changed)
        self.rate_edit.textChanged.connect(self._changed)
        self.basis_combo.currentIndexChanged.connect(self._basis_changed)
        self.preview()

    # --- values ------------------------------------------------------------------------------
    def set_region(self, name: str) -> None:
        """Select a region by id, Chinese or English name or alias ('湖南', 'Hunan', 'hunan', '湖南省')."""
        i = self.region_combo.findData(name)
        if i < 0:
            i = self.region_combo.findText(name)
        if i < 0:
            try:
                from retrofit_desktop.engine.regions import find_region

                i = self.region_combo.findData(find_region(name).id)
            except (ImportError, ValueError):
                i = -1
        if i >= 0:
            self.region_combo.setCurrentIndex(i)
        else:
            self.region_combo.setEditText(name)  # unknown: shown as typed, reported on preview/run

    def region(self) -> str | None:
        text = self.region_combo.currentText().strip()
        i = self.region_combo.findText(text)
        return self.region_combo.itemData(i) if i >= 0 else (text or None)

    def year(self) -> int | None:
        return self.year_combo.currentData()

    def price(self) -> float | None:
        try:
            return parse_price(self.price_edit.text())
        except ValueError:
            return None

    def basis(self) -> str:
        return self.basis_combo.currentData()

    def assess_options(self, target: str, lang: str) -> Any:
        """services.AssessOptions for these factors; ValueError names the bad field."""
        price = parse_price(self.price_edit.text())
        rate = parse_rate(self.rate_edit.text())
        kwargs: dict[str, Any] = {"region": self.region(), "factor_year": self.year(), "price_cny_per_kwh": price,
                                  "target": target, "discount_rate": rate, "lang": lang}
        fields = _option_fields()
        for name in ("tce_basis", "tce_convention"):
            if name in fields:
                kwargs[name] = self.basis()
        return services.AssessOptions(**{k: v for k, v in kwargs.items() if not fields or k in fields})

    # --- sources -----------------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        self.preview()
        self.changed.emit()

    def _basis_changed(self, *_args) -> None:
        self.preview()
        self.basis_changed.emit()

    def preview(self) -> None:
        """Show each factor's value and source for the current choices (before any run)."""
        try:
            from retrofit_desktop.engine.factors import FactorSet
        except ImportError:
            return
        errors = {}
        try:
            price = parse_price(self.price_edit.text())
        except ValueError as exc:
            errors["price"], price = str(exc), None
        try:
            rate = parse_rate(self.rate_edit.text())
        except ValueError as exc:
            errors["discount"], rate = str(exc), None
        try:
            fs = FactorSet.default(self.region(), self.year(), price, discount_rate=rate)
        except ValueError as exc:  # engine FactorError: unknown region, year not available
            errors["grid"] = str(exc)
            fs = None
        self.show_sources(fs.to_json() if fs is not None else {}, errors)

    def show_sources(self, factors: Mapping, errors: Mapping[str, str] | None = None) -> None:
        """Fill the source lines from a FactorSet JSON or a payload's ``summary.factors``."""
        errors = dict(errors or {})
        flat = factors.get("factors", factors) if isinstance(factors, Mapping) else {}
        grid_res = factors.get("grid_resolution") if isinstance(factors, Mapping) else None

        def find(kind: str) -> Mapping | None:
            return next((flat[k] for k in _FACTOR_KEYS[kind] if isinstance(flat.get(k), Mapping)), None)

        grid = find("grid")
        grid_text = _factor_text(grid)
        if grid_res and grid_res.get("fallback"):
            grid_text += "\n" + str(grid_res["fallback"])
        texts = {"grid": grid_text,
                 "year": _("Grid factor year used: {year}").format(year=(grid or {}).get("year") or "—"),
                 "price": _factor_text(find("price")) if self.price_edit.text().strip()
                 else _("Not given: cost figures will be missing"),
                 "discount": _factor_text(find("discount")),
                 "basis": _factor_text(find(self.basis()))}
        for key, label in self.sources.items():
            message = errors.get(key)
            label.setStyleSheet("color: #b2182b;" if message else "color: #555555;")
            label.setText(message or texts.get(key, ""))


def _verification_text(v: Any) -> str:
    try:
        return verification_label(v, current_language())
    except ValueError:
        return str(v)


def _option_fields() -> set[str]:
    import dataclasses
    import inspect

    cls = services.AssessOptions
    if dataclasses.is_dataclass(cls):
        return {f.name for f in dataclasses.fields(cls)}
    try:
        return set(inspect.signature(cls).parameters)
    except (TypeError, ValueError):
        return set()


class AssessmentView(QWidget):
    """Factor set + target tier → background assessment → totals, charts, measures table."""

    assessed = Signal(object)  # the schema-1 payload of the last finished run

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = None
        self.enterprise_id: int | None = None
        self.payload: dict | None = None
        self.totals: dict[str, float | None] = {}
        self.task: TaskHandle | None = None

        self.factors = FactorForm()
        self.factors.changed.connect(self._refresh_cost_warning)
        self.factors.basis_changed.connect(self._show_payload)
        self.target_combo = QComboBox()
        for tier in (Tier.ENERGY_SAVING, Tier.ADVANCED):
            self.target_combo.addItem(tier_label(tier, current_language()), tier.value)
        self.run_button = QPushButton(_("Run assessment"))
        self.run_button.clicked.connect(self.run)
        self.run_button.setEnabled(False)
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel(_("Target tier")))
        target_row.addWidget(self.target_combo, 1)
        target_row.addWidget(self.run_button)
        factors_box = QGroupBox(_("Factors"))
        fl = QVBoxLayout(factors_box)
        fl.addWidget(self.factors)
        fl.addLayout(target_row)

        self.status_label = QLabel(_("Choose an enterprise to assess."))
        self.status_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b2182b;")
        self.error_label.hide()
        self.cost_warning = QLabel()
        self.cost_warning.setWordWrap(True)
        self.cost_warning.setStyleSheet("color: #8c510a;")
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        totals_box = QGroupBox(_("Totals"))
        grid = QGridLayout(totals_box)
        self.total_values: dict[str, QLabel] = {}
        for i, (key, text) in enumerate(total_labels().items()):
            name = QLabel(text)
            value = QLabel("—")
            value.setObjectName(f"total_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(name, i, 0)
            grid.addWidget(value, i, 1)
            self.total_values[key] = value
        grid.setColumnStretch(1, 1)

        self.tier_chart = TierChart()
        self.savings_chart = SavingsChart()
        self.mac_chart = MacCurveChart()
        self.metric_combo = QComboBox()
        for key, text in (("tce", _("tce/yr")), ("kwh", _("kWh/yr")), ("tco2", _("tCO2/yr")),
                          ("cny", _("CNY/yr"))):
            self.metric_combo.addItem(text, key)
        self.metric_combo.currentIndexChanged.connect(self._show_payload)
        savings_panel = QWidget()
        sp = QVBoxLayout(savings_panel)
        sp.setContentsMargins(0, 0, 0, 0)
        metric_row = QHBoxLayout()
        metric_row.addWidget(QLabel(_("Show savings in")))
        metric_row.addWidget(self.metric_combo)
        metric_row.addStretch(1)
        sp.addLayout(metric_row)
        sp.addWidget(self.savings_chart, 1)
        charts = QSplitter(Qt.Orientation.Horizontal)
        for w in (self.tier_chart, savings_panel, self.mac_chart):
            charts.addWidget(w)

        self.measures_model = FrameModel(
            columns=MEASURE_COLUMNS,
            headers={"row": _("Row"), "asset_tag": _("Asset tag"), "name": _("Name"), "product": _("Product"),
                     "tier": _("Tier"), "target_tier": _("Target"), "measure": _("Measure"),
                     "status": _("Savings status"), "missing": _("Missing data"), "kwh": _("kWh/yr"),
                     "tce": _("tce/yr"), "tco2": _("tCO2/yr"), "cny": _("CNY/yr"),
                     "investment": _("Investment, CNY"), "payback_years": _("Payback, years"),
                     "npv": _("NPV, CNY")},
            formatters={"tier": tier_text, "target_tier": tier_text, "status": status_text,
                        "row": lambda v: str(int(v)), "measure": measure_text, "product": self._product_label,
                        "missing": missing_text},
            row_colour=lambda r: TIER_COLOURS.get(r["tier"]), colour_columns=["tier"],
            tooltips={"missing": "missing"})
        self.measures_view = QTableView()
        self.measures_view.setModel(self.measures_model)
        self.measures_view.setSortingEnabled(True)
        self.measures_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.measures_view.verticalHeader().setVisible(False)
        self.measures_view.horizontalHeader().setStretchLastSection(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(charts, _("Charts"))
        self.trace_model = FrameModel(
            columns=COMPARISON_COLUMNS,
            headers={"indicator": _("Indicator"), "value": _("Value"), "unit": _("Unit"),
                     "advanced": tier_text("advanced"), "energy_saving": tier_text("energy_saving"),
                     "entry": tier_text("entry"), "tier": _("Tier"), "table": _("Table"), "row": _("Row"),
                     "source": _("Source"), "verification": _("Verification"), "rule": _("Rule")},
            formatters={"indicator": missing_text, "tier": tier_text, "verification": _verification_text},
            tooltips={"source": "source", "rule": "rule"})
        self.trace_view = QTableView()
        self.trace_view.setModel(self.trace_model)
        self.trace_view.verticalHeader().setVisible(False)
        self.trace_view.horizontalHeader().setStretchLastSection(True)
        self.trace_label = QLabel(_("Select an item to see how its tier was found."))
        trace_box = QWidget()
        tl = QVBoxLayout(trace_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.trace_label)
        tl.addWidget(self.trace_view, 1)
        self.measures_view.selectionModel().selectionChanged.connect(self._show_trace)
        measures = QSplitter(Qt.Orientation.Vertical)
        measures.addWidget(self.measures_view)
        measures.addWidget(trace_box)
        measures.setStretchFactor(0, 3)
        measures.setStretchFactor(1, 1)
        self.tabs.addTab(measures, _("Measures per item"))

        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(factors_box)
        left.addStretch(1)
        top.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(totals_box)
        right.addWidget(self.status_label)
        right.addWidget(self.cost_warning)
        right.addWidget(self.notes_label)
        right.addWidget(self.error_label)
        right.addStretch(1)
        top.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._refresh_cost_warning()

    # --- context and options -----------------------------------------------------------------
    def set_context(self, workspace, enterprise_id: int | None) -> None:
        """Assess this enterprise's items next; clears the previous results."""
        if self.task is not None and self.task.is_running():
            self.task.cancel()
        self.workspace, self.enterprise_id = workspace, enterprise_id
        self.payload = None
        self._show_payload()
        self.run_button.setEnabled(workspace is not None and enterprise_id is not None)
        self.status_label.setText(_("Ready: set the factors and run the assessment.") if enterprise_id is not None
                                  else _("Choose an enterprise to assess."))
        region = self._enterprise_region()
        if region:
            self.factors.set_region(region)

    def _enterprise_region(self) -> str | None:
        try:
            for e in services.list_enterprises(self.workspace):
                if e.id == self.enterprise_id:
                    return getattr(e, "region", None)
        except Exception:  # the region is only a default; the user can still choose one
            return None
        return None

    def target(self) -> str:
        return self.target_combo.currentData()

    def options(self) -> Any:
        """services.AssessOptions from the form; raises ValueError with a message for a bad field."""
        return self.factors.assess_options(target=self.target(), lang=current_language())

    # --- running -----------------------------------------------------------------------------
    def run(self) -> TaskHandle | None:
        if self.workspace is None or self.enterprise_id is None:
            return None
        try:
            options = self.options()
        except ValueError as exc:
            self._show_error(str(exc))
            return None
        self._show_error(None)
        ws, eid = self.workspace, self.enterprise_id

        def work(progress, cancelled):
            progress(0, 0)
            return services.assess_enterprise(ws, eid, options, progress=progress, cancelled=cancelled)

        # Starting cancels a stale run (its "cancelled" arrives now), so the status is set afterwards.
        self.task = run_in_background(self, work, _("Assessing equipment"), self._on_done, self._on_error,
                                      kind="assess")
        self.status_label.setText(_("Assessing…"))
        handle = self.task
        handle.finished.connect(lambda status: self._on_finished(status) if handle is self.task else None)
        return self.task

    def _on_done(self, payload: dict) -> None:
        self.payload = payload
        self.factors.show_sources((payload.get("summary") or {}).get("factors") or {})
        self._show_payload()
        n = len(payload.get("items", []))
        self.status_label.setText(_("Assessed {n} items against the {target} tier.").format(
            n=n, target=tier_text(self.target())))
        self.assessed.emit(payload)

    def _on_error(self, exc: BaseException) -> None:
        self._show_error(_("The assessment failed: {error}").format(error=exc))
        self.status_label.setText(_("No results."))

    def _on_finished(self, status: str) -> None:
        if status == "cancelled":
            self.status_label.setText(_("Assessment cancelled; the results shown are from the previous run.")
                                      if self.payload else _("Assessment cancelled."))

    # --- display -----------------------------------------------------------------------------
    def _show_error(self, message: str | None) -> None:
        self.error_label.setVisible(bool(message))
        self.error_label.setText(message or "")

    def _refresh_cost_warning(self) -> None:
        if self.factors.price() is None:
            self.cost_warning.setText(_("Electricity price not given: cost figures (CNY saved, payback, NPV) "
                                        "are missing. Enter the average price from the electricity bill."))
            self.cost_warning.show()
        else:
            self.cost_warning.hide()

    def _show_payload(self, *_args) -> None:
        basis = self.factors.basis()
        payload = self.payload or {}
        self.totals = payload_totals(payload, basis) if self.payload else dict.fromkeys(TOTAL_KEYS)
        for key, label in self.total_values.items():
            value = self.totals.get(key)
            label.setText(format_value(value, 1 if key == "payback_years" else None))
            if value is None and self.payload and key in ("cny", "payback_years", "npv", "investment"):
                label.setToolTip(_("Missing: no price or investment figure was available"))
            else:
                label.setToolTip("")
        notes = (payload.get("summary") or {}).get("notes") or []
        self.notes_label.setText("\n".join(f"• {n}" for n in notes))
        if not self.payload:
            self.tier_chart.set_counts({})
            self.savings_chart.set_values({}, "")
            self.mac_chart.set_blocks([])
            self.measures_model.set_frame(measures_frame({}))
            self._show_trace()
            return
        self.tier_chart.set_counts(tier_counts(payload))
        metric = self.metric_combo.currentData()
        self.savings_chart.set_values(savings_by_product(payload, metric, basis, label=self._product_label),
                                      self.metric_combo.currentText())
        self.mac_chart.set_blocks(mac_blocks(payload))
        self.measures_model.set_frame(measures_frame(payload, basis))
        self.measures_view.resizeColumnsToContents()
        self._show_trace()

    def _show_trace(self, *_args) -> None:
        rows = self.measures_view.selectionModel().selectedRows()
        if not rows or not self.payload:
            self.trace_label.setText(_("Select an item to see how its tier was found."))
            self.trace_model.set_frame(comparisons_frame({}))
            return
        item = self.payload["items"][int(self.measures_model.row_series(rows[0].row())["item"])]
        self.trace_label.setText(_("{tag} {name}: each indicator against the thresholds of the table row used").format(
            tag=item.get("asset_tag") or "", name=item.get("name") or ""))
        self.trace_model.set_frame(comparisons_frame(item))
        self.trace_view.resizeColumnsToContents()

    @staticmethod
    def _product_label(product_id: str) -> str:
        try:
            from retrofit_desktop.catalog import get_catalog

            spec = get_catalog().products[product_id]
            return spec.name_zh if current_language() == "zh" else spec.name_en
        except Exception:  # an unknown id is shown as it is
            return product_id

