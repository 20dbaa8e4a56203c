"""Assessment view: factor set, target tier, a background run, totals, charts and measures per item.

The figures come from ``services.assess`` (run off the GUI thread through ``ui.tasks``); this module
only lays them out. Each factor shows where its value comes from; an electricity price left empty is
"not given" and the view says the cost figures are missing.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from retrofit_desktop import palette, services
from retrofit_desktop.domain import Tier, tier_label, verification_label
from retrofit_desktop.i18n import _, current_language
from retrofit_desktop.palette import TIER_COLOURS
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
from retrofit_desktop.ui.factor_form import FactorForm, parse_price, parse_rate
from retrofit_desktop.ui.finance_form import FinanceForm
from retrofit_desktop.ui.frame_model import FrameModel, format_value
from retrofit_desktop.ui.tasks import TaskHandle, run_in_background

__all__ = ["AssessmentView", "FactorForm", "parse_price", "parse_rate"]


def _verification_text(v: Any) -> str:
    try:
        return verification_label(v, current_language())
    except ValueError:
        return str(v)


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
        self.finance = FinanceForm()
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
        factors_box = QGroupBox(_("Assessment settings"))
        fl = QVBoxLayout(factors_box)
        # factors and finance share one column (side by side they squeezed the totals off screen)
        self.settings_tabs = QTabWidget(objectName="settingsTabs")
        self.settings_tabs.addTab(self.factors, _("Factors"))
        self.settings_tabs.addTab(self.finance, _("Finance"))
        fl.addWidget(self.settings_tabs)
        fl.addLayout(target_row)

        self.status_label = QLabel(_("Choose an enterprise to assess."))
        self.status_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {palette.ERROR};")
        self.error_label.hide()
        self.cost_warning = QLabel()
        self.cost_warning.setWordWrap(True)
        self.cost_warning.setStyleSheet(f"color: {palette.WARNING};")
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
        for key, text in (
            ("tce", _("tce/yr")),
            ("kwh", _("kWh/yr")),
            ("tco2", _("tCO2/yr")),
            ("cny", _("CNY/yr")),
        ):
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
            headers={
                "row": _("Row"),
                "asset_tag": _("Asset tag"),
                "name": _("Name"),
                "product": _("Product"),
                "tier": _("Tier"),
                "target_tier": _("Target"),
                "measure": _("Measure"),
                "status": _("Savings status"),
                "missing": _("Missing data"),
                "kwh": _("kWh/yr"),
                "tce": _("tce/yr"),
                "tco2": _("tCO2/yr"),
                "cny": _("CNY/yr"),
                "investment": _("Investment, CNY"),
                "payback_years": _("Payback, years"),
                "npv": _("NPV, CNY"),
            },
            formatters={
                "tier": tier_text,
                "target_tier": tier_text,
                "status": status_text,
                "row": lambda v: str(int(v)),
                "measure": measure_text,
                "product": self._product_label,
                "missing": missing_text,
            },
            row_colour=lambda r: TIER_COLOURS.get(r["tier"]),
            colour_columns=["tier"],
            tooltips={"missing": "missing"},
        )
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
            headers={
                "indicator": _("Indicator"),
                "value": _("Value"),
                "unit": _("Unit"),
                "advanced": tier_text("advanced"),
                "energy_saving": tier_text("energy_saving"),
                "entry": tier_text("entry"),
                "tier": _("Tier"),
                "table": _("Table"),
                "row": _("Row"),
                "source": _("Source"),
                "verification": _("Verification"),
                "rule": _("Rule"),
            },
            formatters={"indicator": missing_text, "tier": tier_text, "verification": _verification_text},
            tooltips={"source": "source", "rule": "rule"},
        )
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
        self.status_label.setText(
            _("Ready: set the factors and run the assessment.")
            if enterprise_id is not None
            else _("Choose an enterprise to assess.")
        )
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
        options = self.factors.assess_options(target=self.target(), lang=current_language())
        return dataclasses.replace(options, **self.finance.option_kwargs())

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
        self.task = run_in_background(
            self, work, _("Assessing equipment"), self._on_done, self._on_error, kind="assess"
        )
        self.status_label.setText(_("Assessing…"))
        handle = self.task
        handle.finished.connect(lambda status: self._on_finished(status) if handle is self.task else None)
        return self.task

    def _on_done(self, payload: dict) -> None:
        self.payload = payload
        self.factors.show_sources((payload.get("summary") or {}).get("factors") or {})
        self.finance.show_sources((payload.get("summary") or {}).get("factors") or {})
        self._show_payload()
        n = len(payload.get("items", []))
        self.status_label.setText(
            _("Assessed {n} items against the {target} tier.").format(n=n, target=tier_text(self.target()))
        )
        self.assessed.emit(payload)

    def _on_error(self, exc: BaseException) -> None:
        self._show_error(_("The assessment failed: {error}").format(error=exc))
        self.status_label.setText(_("No results."))

    def _on_finished(self, status: str) -> None:
        if status == "cancelled":
            self.status_label.setText(
                _("Assessment cancelled; the results shown are from the previous run.")
                if self.payload
                else _("Assessment cancelled.")
            )

    # --- display -----------------------------------------------------------------------------
    def _show_error(self, message: str | None) -> None:
        self.error_label.setVisible(bool(message))
        self.error_label.setText(message or "")

    def _refresh_cost_warning(self) -> None:
        if self.factors.price() is None:
            self.cost_warning.setText(
                _(
                    "Electricity price not given: cost figures (CNY saved, payback, NPV) "
                    "are missing. Enter the average price from the electricity bill."
                )
            )
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
        summary = payload.get("summary") or {}
        notes = list(summary.get("notes") or [])
        priced, unpriced = summary.get("cny_priced"), summary.get("cny_unpriced_items")
        if self.totals.get("cny") is None and priced is not None and unpriced:
            # the total is missing because some items have no price; what the others save still counts
            notes.insert(
                0,
                _("Cost saved by the priced items: {value} CNY/yr ({n} items without a price).").format(
                    value=format_value(priced), n=unpriced
                ),
            )
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
        self.savings_chart.set_values(
            savings_by_product(payload, metric, basis, label=self._product_label),
            self.metric_combo.currentText(),
        )
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
        self.trace_label.setText(
            _("{tag} {name}: each indicator against the thresholds of the table row used").format(
                tag=item.get("asset_tag") or "", name=item.get("name") or ""
            )
        )
        self.trace_model.set_frame(comparisons_frame(item))
        self.trace_view.resizeColumnsToContents()

    @staticmethod
    def _product_label(product_id: str) -> str:
        from retrofit_desktop.catalog.labels import product_label

        return product_label(product_id)  # an unknown id is shown as it is
