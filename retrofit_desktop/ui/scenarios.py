"""Scenario comparison: the same items assessed under several scenarios, totals side by side.

A scenario is a name, a target tier and optionally its own electricity price; the region, factor
year, discount rate and tce convention are shared (``FactorForm``). All scenarios run in one
background task through ``services.assessment``; each gives a typed ``Assessment``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from retrofit_desktop import palette, services
from retrofit_desktop.domain import Tier, tier_label
from retrofit_desktop.i18n import _, current_language
from retrofit_desktop.ui.assessment_figures import (
    TOTAL_KEYS,
    assessment_totals,
    items_with_savings,
    total_labels,
)
from retrofit_desktop.ui.charts import SavingsChart
from retrofit_desktop.ui.factor_form import FactorForm, parse_price
from retrofit_desktop.ui.frame_model import FrameModel, format_value
from retrofit_desktop.ui.tasks import TaskHandle, run_in_background

if TYPE_CHECKING:
    from retrofit_desktop.services import Assessment, AssessOptions, Workspace

MAX_SCENARIOS = 6


@dataclass(frozen=True)
class ScenarioSpec:
    name: str
    target: str
    price_cny_per_kwh: float | None = None  # None: the shared price


def comparison_frame(
    names: list[str], assessments: list[Assessment], basis: str = "calorific"
) -> pd.DataFrame:
    """Rows = totals, columns = scenarios (+ the difference of each later scenario from the first)."""
    totals = [assessment_totals(a, basis) for a in assessments]
    labels = total_labels()
    rows = []
    for key in TOTAL_KEYS:
        row: dict[str, Any] = {"metric": labels[key], "key": key}
        for name, t in zip(names, totals, strict=True):
            row[name] = t.get(key)
        first = totals[0].get(key) if totals else None
        for name, t in list(zip(names, totals, strict=True))[1:]:
            v = t.get(key)
            row[f"Δ {name}"] = v - first if v is not None and first is not None else None
        rows.append(row)
    ok_counts: dict[str, Any] = {"metric": _("Items with a savings figure"), "key": "items_ok"}
    for name, a in zip(names, assessments, strict=True):
        ok_counts[name] = items_with_savings(a)
    for name in names[1:]:
        ok_counts[f"Δ {name}"] = ok_counts[name] - ok_counts[names[0]]
    rows.append(ok_counts)
    return pd.DataFrame(rows, dtype=object)  # object: counts stay integers, missing stays None


class _ScenarioRow:
    def __init__(self, grid: QGridLayout, row: int, spec: ScenarioSpec):
        self.name = QLineEdit(spec.name)
        self.target = QComboBox()
        for tier in (Tier.ENERGY_SAVING, Tier.ADVANCED):
            self.target.addItem(tier_label(tier, current_language()), tier.value)
        self.target.setCurrentIndex(max(0, self.target.findData(spec.target)))
        self.price = QLineEdit("" if spec.price_cny_per_kwh is None else f"{spec.price_cny_per_kwh:g}")
        self.price.setPlaceholderText(_("shared price"))
        self.widgets = (self.name, self.target, self.price)
        for col, w in enumerate(self.widgets):
            grid.addWidget(w, row, col)

    def spec(self) -> ScenarioSpec:
        return ScenarioSpec(
            self.name.text().strip(), self.target.currentData(), parse_price(self.price.text())
        )

    def remove(self) -> None:
        for w in self.widgets:
            w.setParent(None)
            w.deleteLater()


class ScenarioCompareView(QWidget):
    """Compare totals of the same enterprise's items under several scenarios."""

    compared = Signal(object)  # list of (ScenarioSpec, Assessment)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.enterprise_id: int | None = None
        self.results: list[tuple[ScenarioSpec, Assessment]] = []
        self.task: TaskHandle | None = None

        self.factors = FactorForm()
        self.factors.basis_changed.connect(self._show)
        factors_box = QGroupBox(_("Shared factors"))
        QVBoxLayout(factors_box).addWidget(self.factors)
        top = QHBoxLayout()
        top.addWidget(factors_box, 3)
        top.addWidget(self._build_scenarios_box(), 2)
        self.status = QLabel(_("Choose an enterprise, then compare."))
        self.status.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {palette.ERROR};")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self._build_results(), 1)
        self.add_scenario(ScenarioSpec(_("Energy-saving target"), Tier.ENERGY_SAVING.value))
        self.add_scenario(ScenarioSpec(_("Advanced target"), Tier.ADVANCED.value))

    def _build_scenarios_box(self) -> QGroupBox:
        """The scenario rows (name, target, price) and the add / remove / compare buttons."""
        self.rows_grid = QGridLayout()
        for col, text in enumerate((_("Scenario"), _("Target tier"), _("Electricity price, CNY/kWh"))):
            self.rows_grid.addWidget(QLabel(f"<b>{text}</b>"), 0, col)
        self.rows: list[_ScenarioRow] = []
        self.add_button = QPushButton(_("Add scenario"))
        self.add_button.clicked.connect(lambda: self.add_scenario())
        self.remove_button = QPushButton(_("Remove last"))
        self.remove_button.clicked.connect(self.remove_last)
        self.compare_button = QPushButton(_("Compare"))
        self.compare_button.clicked.connect(self.compare)
        self.compare_button.setEnabled(False)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)
        box = QGroupBox(_("Scenarios"))
        sl = QVBoxLayout(box)
        sl.addLayout(self.rows_grid)
        sl.addStretch(1)
        sl.addLayout(buttons)
        return box

    def _build_results(self) -> QSplitter:
        """The totals table beside a chart of one chosen total per scenario."""
        self.model = FrameModel(columns=[])
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.chart = SavingsChart(title=_("Scenarios compared"))
        self.metric_combo = QComboBox()
        labels = total_labels()
        for key in ("kwh", "tce", "tco2", "cny", "investment", "npv"):
            self.metric_combo.addItem(labels[key], key)
        self.metric_combo.currentIndexChanged.connect(self._show_chart)
        chart_panel = QWidget()
        cl = QVBoxLayout(chart_panel)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.metric_combo)
        cl.addWidget(self.chart, 1)
        results = QSplitter(Qt.Orientation.Horizontal)
        results.addWidget(self.view)
        results.addWidget(chart_panel)
        results.setStretchFactor(0, 3)
        results.setStretchFactor(1, 2)
        return results

    # --- scenarios ---------------------------------------------------------------------------
    def add_scenario(self, spec: ScenarioSpec | None = None) -> None:
        if len(self.rows) >= MAX_SCENARIOS:
            return
        spec = spec or ScenarioSpec(_("Scenario {n}").format(n=len(self.rows) + 1), Tier.ENERGY_SAVING.value)
        self.rows.append(_ScenarioRow(self.rows_grid, len(self.rows) + 1, spec))
        self._update_buttons()

    def remove_last(self) -> None:
        if len(self.rows) > 2:
            self.rows.pop().remove()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(len(self.rows) < MAX_SCENARIOS)
        self.remove_button.setEnabled(len(self.rows) > 2)

    def scenarios(self) -> list[ScenarioSpec]:
        """The scenarios as entered; ValueError for a bad price or a duplicate/empty name."""
        specs = [r.spec() for r in self.rows]
        names = [s.name for s in specs]
        if any(not n for n in names):
            raise ValueError(_("Every scenario needs a name."))
        if len(set(names)) != len(names):
            raise ValueError(_("Scenario names must differ."))
        return specs

    # --- running -----------------------------------------------------------------------------
    def set_context(self, workspace: Workspace | None, enterprise_id: int | None) -> None:
        if self.task is not None and self.task.is_running():
            self.task.cancel()
        self.workspace, self.enterprise_id = workspace, enterprise_id
        self.results = []
        self._show()
        self.compare_button.setEnabled(workspace is not None and enterprise_id is not None)

    def compare(self) -> TaskHandle | None:
        if self.workspace is None or self.enterprise_id is None:
            return None
        try:
            specs = self.scenarios()
            options = [self._options(s) for s in specs]
        except ValueError as exc:
            self._error(str(exc))
            return None
        self._error(None)
        ws, eid = self.workspace, self.enterprise_id

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> list[Assessment]:
            progress(0, 0)
            frame = services.load_items(ws, eid)
            n = len(specs)

            def overall(k: int) -> Callable[[int, int], None]:  # scenario k's progress within all
                return lambda done, total: progress(k * total + done, n * total)

            return [
                services.assessment(
                    frame,
                    opts,
                    progress=overall(k),
                    cancelled=cancelled,
                    traces=False,  # totals only: no classification traces to build
                )
                for k, opts in enumerate(options)
            ]

        self.task = run_in_background(
            self,
            work,
            _("Comparing scenarios"),
            lambda assessments: self._done(specs, assessments),
            self._failed,
            kind="scenarios",
        )
        self.status.setText(_("Comparing {n} scenarios…").format(n=len(specs)))
        handle = self.task
        handle.finished.connect(lambda status: self._finished(status) if handle is self.task else None)
        return self.task

    def _options(self, spec: ScenarioSpec) -> AssessOptions:
        base = self.factors.assess_options(target=spec.target, lang=current_language())
        if spec.price_cny_per_kwh is None:
            return base
        return services.AssessOptions(**{**base.to_json(), "price_cny_per_kwh": spec.price_cny_per_kwh})

    def _done(self, specs: list[ScenarioSpec], assessments: list[Assessment]) -> None:
        self.results = list(zip(specs, assessments, strict=True))
        self.status.setText(
            _("Compared {n} scenarios on {items} items.").format(
                n=len(specs), items=len(assessments[0]) if assessments else 0
            )
        )
        self._show()
        self.compared.emit(self.results)

    def _failed(self, exc: BaseException) -> None:
        self._error(_("The comparison failed: {error}").format(error=exc))

    def _finished(self, status: str) -> None:
        if status == "cancelled":
            self.status.setText(_("Comparison cancelled."))

    def _error(self, message: str | None) -> None:
        self.error.setVisible(bool(message))
        self.error.setText(message or "")

    # --- display -----------------------------------------------------------------------------
    def totals(self) -> dict[str, dict[str, float | None]]:
        """Scenario name -> totals, as shown."""
        basis = self.factors.basis()
        return {spec.name: assessment_totals(a, basis) for spec, a in self.results}

    def _show(self, *_args: object) -> None:
        self._show_chart()
        if not self.results:
            self.model.set_frame(pd.DataFrame(), columns=[])
            return
        names = [s.name for s, _a in self.results]
        frame = comparison_frame(names, [a for _s, a in self.results], self.factors.basis())
        value_cols = [c for c in frame.columns if c not in ("metric", "key")]
        fmt = {c: _cell_format for c in value_cols}
        self.model.set_frame(
            frame, columns=["metric", *value_cols], headers={"metric": _("Total")}, formatters=fmt
        )
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

    def _show_chart(self, *_args: object) -> None:
        key = self.metric_combo.currentData()
        values = {name: t.get(key) for name, t in self.totals().items()}
        self.chart.set_values(
            {k: v for k, v in values.items() if v is not None}, self.metric_combo.currentText()
        )


def _cell_format(v: Any) -> str:
    return format_value(float(v)) if isinstance(v, float) else format_value(v)


class ScenariosDialog(QDialog):
    """ScenarioCompareView in a window of its own, set to one enterprise (for a menu action)."""

    def __init__(self, workspace: Workspace | None, enterprise_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Compare scenarios"))
        self.view = ScenarioCompareView(self)
        self.view.set_context(workspace, enterprise_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(1200, 800)

    def reject(self) -> None:
        if self.view.task is not None and self.view.task.is_running():
            self.view.task.cancel()
        super().reject()
