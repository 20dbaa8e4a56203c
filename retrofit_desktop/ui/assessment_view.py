"""Assessment view: factor set, target tier, a background run, totals, charts and measures per item.

The figures come from ``services.assessment_enterprise`` (run off the GUI thread through
``ui.tasks``), a typed ``Assessment``; this module only lays them out (``ui.assessment_figures``
reads them). Each factor shows where its value comes from; an electricity price left empty is
"not given" and the view says the cost figures are missing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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
from retrofit_desktop.ui.assessment_figures import (
    COMPARISON_COLUMNS,
    MEASURE_COLUMNS,
    TOTAL_KEYS,
    assessment_totals,
    comparisons_frame,
    mac_blocks,
    measure_text,
    measures_frame,
    missing_text,
    priced_cost,
    savings_by_product,
    status_text,
    tier_counts,
    tier_text,
    total_labels,
)
from retrofit_desktop.ui.charts import MacCurveChart, SavingsChart, TierChart
from retrofit_desktop.ui.factor_form import FactorForm, parse_price, parse_rate
from retrofit_desktop.ui.finance_form import FinanceForm
from retrofit_desktop.ui.frame_model import FrameModel, format_value
from retrofit_desktop.ui.tasks import TaskHandle, run_in_background
from retrofit_desktop.values import is_missing

if TYPE_CHECKING:
    import pandas as pd

    from retrofit_desktop.services import Assessment, AssessOptions, Workspace

__all__ = ["AssessmentView", "FactorForm", "parse_price", "parse_rate"]

#: totals that are missing when no price or investment figure was available
_COST_KEYS = ("cny", "payback_years", "npv", "investment")


def _verification_text(v: Any) -> str:
    try:
        return verification_label(v, current_language())
    except ValueError:
        return str(v)


def _measure_headers() -> dict[str, str]:
    return {
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
    }


def _comparison_headers() -> dict[str, str]:
    return {
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
    }


def _tier_colour(row: pd.Series) -> str | None:
    return TIER_COLOURS.get(row["tier"])


def _table_view(model: FrameModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _wrapped_label(text: str = "", colour: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if colour is not None:
        label.setStyleSheet(f"color: {colour};")
    return label


class AssessmentView(QWidget):
    """Factor set + target tier → background assessment → totals, charts, measures table."""

    assessed = Signal(object)  # the Assessment of the last finished run

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.enterprise_id: int | None = None
        self.assessment: Assessment | None = None
        self.totals: dict[str, float | None] = dict.fromkeys(TOTAL_KEYS)
        self.task: TaskHandle | None = None

        settings_box = self._build_settings_box()
        totals_box = self._build_totals_box()
        self._build_messages()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_charts(), _("Charts"))
        self.tabs.addTab(self._build_measures(), _("Measures per item"))
        self._lay_out(settings_box, totals_box)
        self._refresh_cost_warning()

    # --- building ------------------------------------------------------------------------------
    def _build_settings_box(self) -> QGroupBox:
        """Factors and finance (one tabbed column: side by side they squeezed the totals off screen),
        the target tier and the run button."""
        self.factors = FactorForm()
        self.factors.changed.connect(self._refresh_cost_warning)
        self.factors.basis_changed.connect(self._show_assessment)
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
        box = QGroupBox(_("Assessment settings"))
        layout = QVBoxLayout(box)
        self.settings_tabs = QTabWidget()
        self.settings_tabs.setObjectName("settingsTabs")
        self.settings_tabs.addTab(self.factors, _("Factors"))
        self.settings_tabs.addTab(self.finance, _("Finance"))
        layout.addWidget(self.settings_tabs)
        layout.addLayout(target_row)
        return box

    def _build_totals_box(self) -> QGroupBox:
        box = QGroupBox(_("Totals"))
        grid = QGridLayout(box)
        self.total_values: dict[str, QLabel] = {}
        for i, (key, text) in enumerate(total_labels().items()):
            value = QLabel("—")
            value.setObjectName(f"total_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(QLabel(text), i, 0)
            grid.addWidget(value, i, 1)
            self.total_values[key] = value
        grid.setColumnStretch(1, 1)
        return box

    def _build_messages(self) -> None:
        """Status, error, missing-price warning and the assessment's notes (beside the totals)."""
        self.status_label = _wrapped_label(_("Choose an enterprise to assess."))
        self.error_label = _wrapped_label(colour=palette.ERROR)
        self.error_label.hide()
        self.cost_warning = _wrapped_label(colour=palette.WARNING)
        self.notes_label = _wrapped_label()
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _build_charts(self) -> QSplitter:
        """Tier distribution, savings by product (in a chosen metric) and the MAC curve."""
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
        self.metric_combo.currentIndexChanged.connect(self._show_assessment)
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
        return charts

    def _build_measures(self) -> QSplitter:
        """The measures table over the items, and below it the selected item's trace."""
        self.measures_model = FrameModel(
            columns=MEASURE_COLUMNS,
            headers=_measure_headers(),
            formatters={
                "tier": tier_text,
                "target_tier": tier_text,
                "status": status_text,
                "row": lambda v: str(int(v)),
                "measure": measure_text,
                "product": self._product_label,
                "missing": missing_text,
            },
            row_colour=_tier_colour,
            colour_columns=["tier"],
            tooltips={"missing": "missing"},
        )
        self.measures_view = _table_view(self.measures_model)
        self.measures_view.setSortingEnabled(True)
        self.measures_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.trace_model = FrameModel(
            columns=COMPARISON_COLUMNS,
            headers=_comparison_headers(),
            formatters={"indicator": missing_text, "tier": tier_text, "verification": _verification_text},
            tooltips={"source": "source", "rule": "rule"},
        )
        self.trace_view = _table_view(self.trace_model)
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
        return measures

    def _lay_out(self, settings_box: QWidget, totals_box: QWidget) -> None:
        """Settings on the left, totals and messages on the right, the result tabs below."""
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(settings_box)
        left.addStretch(1)
        top.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(totals_box)
        for label in (self.status_label, self.cost_warning, self.notes_label, self.error_label):
            right.addWidget(label)
        right.addStretch(1)
        top.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    # --- context and options -----------------------------------------------------------------
    def set_context(self, workspace: Workspace | None, enterprise_id: int | None) -> None:
        """Assess this enterprise's items next; clears the previous results."""
        if self.task is not None and self.task.is_running():
            self.task.cancel()
        self.workspace, self.enterprise_id = workspace, enterprise_id
        self.assessment = None
        self._show_assessment()
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
        if self.workspace is None:
            return None
        try:
            for e in services.list_enterprises(self.workspace):
                if e.id == self.enterprise_id:
                    return e.region
        except Exception:  # the region is only a default; the user can still choose one
            return None
        return None

    def target(self) -> str:
        return str(self.target_combo.currentData())

    def options(self) -> AssessOptions:
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

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Assessment:
            progress(0, 0)
            return services.assessment_enterprise(ws, eid, options, progress=progress, cancelled=cancelled)

        # Starting cancels a stale run (its "cancelled" arrives now), so the status is set afterwards.
        self.task = run_in_background(
            self, work, _("Assessing equipment"), self._on_done, self._on_error, kind="assess"
        )
        self.status_label.setText(_("Assessing…"))
        handle = self.task
        handle.finished.connect(lambda status: self._on_finished(status) if handle is self.task else None)
        return self.task

    def _on_done(self, assessment: Assessment) -> None:
        self.assessment = assessment
        self.factors.show_sources(assessment.summary.factors)
        self.finance.show_sources(assessment.summary.factors)
        self._show_assessment()
        self.status_label.setText(
            _("Assessed {n} items against the {target} tier.").format(
                n=len(assessment), target=tier_text(self.target())
            )
        )
        self.assessed.emit(assessment)

    def _on_error(self, exc: BaseException) -> None:
        self._show_error(_("The assessment failed: {error}").format(error=exc))
        self.status_label.setText(_("No results."))

    def _on_finished(self, status: str) -> None:
        if status == "cancelled":
            self.status_label.setText(
                _("Assessment cancelled; the results shown are from the previous run.")
                if self.assessment is not None
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

    def _show_assessment(self, *_args: object) -> None:
        """Totals, notes, charts and the measures table of the current assessment (or empty ones)."""
        a, basis = self.assessment, self.factors.basis()
        self.totals = assessment_totals(a, basis) if a is not None else dict.fromkeys(TOTAL_KEYS)
        self._show_totals(a is not None)
        self.notes_label.setText("\n".join(f"• {n}" for n in self._notes(a)))
        if a is None:
            self.tier_chart.set_counts({})
            self.savings_chart.set_values({}, "")
            self.mac_chart.set_blocks([])
        else:
            self.tier_chart.set_counts(tier_counts(a))
            self.savings_chart.set_values(
                savings_by_product(a, self.metric_combo.currentData(), basis, label=self._product_label),
                self.metric_combo.currentText(),
            )
            self.mac_chart.set_blocks(mac_blocks(a))
        self.measures_model.set_frame(measures_frame(a, basis))
        if a is not None:
            self.measures_view.resizeColumnsToContents()
        self._show_trace()

    def _show_totals(self, assessed: bool) -> None:
        for key, label in self.total_values.items():
            value = self.totals.get(key)
            label.setText(format_value(value, 1 if key == "payback_years" else None))
            if value is None and assessed and key in _COST_KEYS:
                label.setToolTip(_("Missing: no price or investment figure was available"))
            else:
                label.setToolTip("")

    def _notes(self, a: Assessment | None) -> list[str]:
        if a is None:
            return []
        notes = a.summary.notes
        priced, unpriced = priced_cost(a)
        if self.totals.get("cny") is None and priced is not None and unpriced:
            # the total is missing because some items have no price; what the others save still counts
            notes.insert(
                0,
                _("Cost saved by the priced items: {value} CNY/yr ({n} items without a price).").format(
                    value=format_value(priced), n=unpriced
                ),
            )
        return notes

    def _show_trace(self, *_args: object) -> None:
        rows = self.measures_view.selectionModel().selectedRows()
        if not rows or self.assessment is None:
            self.trace_label.setText(_("Select an item to see how its tier was found."))
            self.trace_model.set_frame(comparisons_frame(None))
            return
        shown = self.measures_model.row_series(rows[0].row())
        self.trace_label.setText(
            _("{tag} {name}: each indicator against the thresholds of the table row used").format(
                tag=_text(shown["asset_tag"]), name=_text(shown["name"])
            )
        )
        self.trace_model.set_frame(comparisons_frame(self.assessment, int(shown["item"])))
        self.trace_view.resizeColumnsToContents()

    @staticmethod
    def _product_label(product_id: str) -> str:
        from retrofit_desktop.catalog.labels import product_label

        return product_label(product_id)  # an unknown id is shown as it is


def _text(value: Any) -> str:
    """A cell as text for a sentence: '' when missing."""
    return "" if is_missing(value) else str(value)
