"""Assessment charts with QtCharts: tier distribution, savings by product, MAC curve.

Each chart is a QChartView with a ``set_…`` method taking plain Python data (no Qt in the caller's
computation), so the view keeps one widget and refreshes it after each run. The data comes from
``ui.assessment_figures`` (totals, chart data and labels read from the typed assessment).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from PySide6 import QtCharts
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from retrofit_desktop.domain import TIER_ORDER, Tier, tier_label
from retrofit_desktop.i18n import _, current_language
from retrofit_desktop.palette import MAC_COSTS, MAC_SAVES, MUTED, TIER_COLOURS, text_on
from retrofit_desktop.ui.assessment_figures import MacBlock

_SAVINGS_COLOUR = "#2c7fb8"


class _ChartView(QtCharts.QChartView):
    def __init__(self, title: str, parent: QWidget | None = None):
        self._title = title
        chart = QtCharts.QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QtCharts.QChart.AnimationOption.NoAnimation)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(220, 200)

    def _clear(self) -> QtCharts.QChart:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        return chart

    def _empty(self, message: str) -> None:
        self._clear()
        self.chart().setTitle(f"{self._title}<br><small>{message}</small>")


class TierChart(_ChartView):
    """Number of items per tier, one bar per tier in the tier's colour."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Items by tier"), parent)
        self.counts: dict[str, int] = {}

    def set_counts(self, counts: Mapping[str, int]) -> None:
        self.counts = {Tier(k).value: int(v) for k, v in counts.items() if int(v) > 0}
        tiers = [t for t in TIER_ORDER if t.value in self.counts]
        if not tiers:
            self._empty(_("No items"))
            return
        chart = self._clear()
        chart.setTitle(self._title)
        lang = current_language()
        labels = [tier_label(t, lang) for t in tiers]
        tiers.reverse()  # horizontal bars are drawn bottom-up: best tier at the top
        labels.reverse()
        series = QtCharts.QHorizontalStackedBarSeries()  # one set per tier, non-zero in its own row only
        for i, tier in enumerate(tiers):
            bar = QtCharts.QBarSet(labels[i])
            bar.append([float(self.counts[tier.value]) if j == i else 0.0 for j in range(len(tiers))])
            bar.setColor(QColor(TIER_COLOURS[tier]))
            bar.setBorderColor(QColor(MUTED))
            bar.setLabelColor(QColor(text_on(TIER_COLOURS[tier])))
            series.append(bar)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        y = QtCharts.QBarCategoryAxis()
        y.append(labels)
        x = QtCharts.QValueAxis()
        x.setRange(0, max(self.counts.values()))
        x.applyNiceNumbers()
        x.setLabelFormat("%d")
        x.setTitleText(_("items"))
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        series.attachAxis(y)
        chart.legend().setVisible(False)


class SavingsChart(_ChartView):
    """Annual savings per product (horizontal bars) in one metric chosen by the caller."""

    def __init__(self, parent: QWidget | None = None, title: str | None = None):
        super().__init__(title or _("Savings by product"), parent)
        self.values: dict[str, float] = {}

    def set_values(self, values: Mapping[str, float], unit: str) -> None:
        self.values = {
            k: float(v)
            for k, v in values.items()
            if v is not None and not math.isnan(float(v)) and float(v) != 0.0
        }
        if not self.values:
            self._empty(_("No savings could be computed"))
            return
        chart = self._clear()
        chart.setTitle(self._title)
        names = sorted(self.values, key=lambda k: self.values[k])  # biggest at the top
        bar = QtCharts.QBarSet(unit)
        bar.append([self.values[n] for n in names])
        bar.setColor(QColor(_SAVINGS_COLOUR))
        bar.setLabelColor(QColor("#000000"))  # labels sit outside the bars, on white
        series = QtCharts.QHorizontalBarSeries()
        series.append(bar)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        biggest = max(abs(v) for v in self.values.values())
        digits = int(math.floor(math.log10(biggest))) + 1 if biggest > 0 else 1
        series.setLabelsPrecision(max(4, digits + 1))  # 'g' format: no exponent for large figures
        series.setLabelsPosition(QtCharts.QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        y = QtCharts.QBarCategoryAxis()
        y.append(names)
        x = QtCharts.QValueAxis()
        lo = min(0.0, min(self.values.values()))
        hi = max(0.0, max(self.values.values()))
        x.setRange(lo * 1.2, hi * 1.2 if hi > 0 else 1.0)  # room for the labels outside the bars
        x.applyNiceNumbers()
        x.setTitleText(unit)
        x.setLabelFormat("%.0f" if biggest >= 100 else "%.4g")
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        series.attachAxis(y)
        chart.legend().setVisible(False)


def mac_layout(blocks: Sequence[MacBlock]) -> list[tuple[MacBlock, float, float]]:
    """Blocks sorted by cost (cheapest first) with their x extent [x0, x1) on the cumulative axis.

    Blocks without a positive abatement or a finite cost cannot be drawn and are left out.
    """
    usable = [b for b in blocks if b.abatement_tco2 > 0 and math.isfinite(b.cost_cny_per_tco2)]
    usable.sort(key=lambda b: b.cost_cny_per_tco2)
    out, x = [], 0.0
    for b in usable:
        out.append((b, x, x + b.abatement_tco2))
        x += b.abatement_tco2
    return out


class MacCurveChart(_ChartView):
    """Marginal abatement cost curve: blocks sorted by CNY/tCO2, widths = tCO2/yr (methods.md)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Marginal abatement cost curve"), parent)
        self.layout_: list[tuple[MacBlock, float, float]] = []
        self.skipped = 0

    def set_blocks(self, blocks: Sequence[MacBlock]) -> None:
        self.layout_ = mac_layout(blocks)
        self.skipped = len(blocks) - len(self.layout_)
        if not self.layout_:
            self._empty(_("No measure has both CO2 abatement and an investment figure"))
            return
        chart = self._clear()
        chart.setTitle(self._title)
        x_axis = QtCharts.QValueAxis()
        x_axis.setTitleText(_("Cumulative abatement, tCO2/yr"))
        x_axis.setLabelFormat("%.4g")
        y_axis = QtCharts.QValueAxis()
        y_axis.setTitleText(_("CNY per tCO2"))
        y_axis.setLabelFormat("%.4g")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        # One area series per sign: a step outline through the blocks (each drawn as a box from 0),
        # so hundreds of measures still cost two series.
        for negative, colour, name in (
            (True, MAC_SAVES, _("Saves money")),
            (False, MAC_COSTS, _("Costs money")),
        ):
            part = [(b, x0, x1) for b, x0, x1 in self.layout_ if (b.cost_cny_per_tco2 < 0) == negative]
            if not part:
                continue
            upper, lower = QtCharts.QLineSeries(), QtCharts.QLineSeries()
            for b, x0, x1 in part:
                y = b.cost_cny_per_tco2
                upper.append([QPointF(x0, 0.0), QPointF(x0, y), QPointF(x1, y), QPointF(x1, 0.0)])
                lower.append([QPointF(x0, 0.0), QPointF(x1, 0.0)])
            area = QtCharts.QAreaSeries(upper, lower)
            upper.setParent(area)  # QAreaSeries does not own its edges; keep them alive with it
            lower.setParent(area)
            area.setName(name)
            area.setBrush(QBrush(QColor(colour)))
            area.setPen(QPen(QColor("#333333"), 1))
            area.hovered.connect(self._on_hover)
            chart.addSeries(area)
            area.attachAxis(x_axis)
            area.attachAxis(y_axis)
        total = self.layout_[-1][2]
        costs = [b.cost_cny_per_tco2 for b, _x0, _x1 in self.layout_]
        lo, hi = min(0.0, min(costs)), max(0.0, max(costs))
        pad = (hi - lo) * 0.08 or 1.0
        x_axis.setRange(0.0, total)
        x_axis.applyNiceNumbers()
        y_axis.setRange(lo - (pad if lo < 0 else 0), hi + (pad if hi > 0 else 0))
        y_axis.applyNiceNumbers()
        if max(abs(lo), abs(hi)) >= 100:
            y_axis.setLabelFormat("%.0f")  # no exponent for CNY figures
        if total >= 100:
            x_axis.setLabelFormat("%.0f")
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def block_at(self, x: float) -> MacBlock | None:
        for b, x0, x1 in self.layout_:
            if x0 <= x < x1:
                return b
        return None

    def _on_hover(self, point: QPointF, state: bool) -> None:
        if not state:
            QToolTip.hideText()
            return
        b = self.block_at(point.x())
        if b is not None:
            QToolTip.showText(
                self.cursor().pos(),
                _("{label}: {tco2:.4g} tCO2/yr at {cost:,.0f} CNY/tCO2").format(
                    label=b.label, tco2=b.abatement_tco2, cost=b.cost_cny_per_tco2
                ),
                self,
            )
