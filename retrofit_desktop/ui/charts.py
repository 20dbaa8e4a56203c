"""Assessment charts with QtCharts: tier distribution, savings by product, MAC curve.

Each chart is a QChartView with a ``set_…`` method taking plain Python data (no Qt in the caller's
computation), so the view keeps one widget and refreshes it after each run. The pure functions at
the end turn a schema-1 payload into chart data, totals, a measures table and display labels.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from PySide6 import QtCharts
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QToolTip

from retrofit_desktop.domain import TIER_ORDER, SavingsStatus, Tier, tier_label
from retrofit_desktop.i18n import N_, _, current_language
from retrofit_desktop.palette import MAC_COSTS, MAC_SAVES, MUTED, TIER_COLOURS, text_on

_SAVINGS_COLOUR = "#2c7fb8"


class _ChartView(QtCharts.QChartView):
    def __init__(self, title: str, parent=None):
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

    def __init__(self, parent=None):
        self._title = _("Items by tier")
        super().__init__(self._title, parent)
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

    def __init__(self, parent=None, title: str | None = None):
        self._title = title or _("Savings by product")
        super().__init__(self._title, parent)
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


@dataclass(frozen=True)
class MacBlock:
    """One measure on the MAC curve: width = tCO2 abated per year, height = CNY per tCO2."""

    label: str
    abatement_tco2: float
    cost_cny_per_tco2: float


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

    def __init__(self, parent=None):
        self._title = _("Marginal abatement cost curve")
        super().__init__(self._title, parent)
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


# --- chart data from a schema-1 payload (pure functions, no Qt) -----------------------------------
def _num(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def item_metric(item: Mapping, metric: str, basis: str = "calorific") -> float | None:
    """kwh | tce | tco2 | cny of one payload item's savings (tce on the chosen basis)."""
    sav = item.get("savings") or {}
    if metric == "tce":
        tce = sav.get("tce")
        return _num(tce.get(basis)) if isinstance(tce, Mapping) else _num(tce)
    return _num(sav.get(metric))


def savings_by_product(
    payload: Mapping, metric: str, basis: str = "calorific", label: Callable[[str], str] | None = None
) -> dict[str, float]:
    """One savings metric per product: the summary's ``by_product`` totals when present, else the
    sum over the items whose figure is known (a product whose figures are all missing is left out)."""
    by_product = (payload.get("summary") or {}).get("by_product")
    out: dict[str, float] = {}
    if isinstance(by_product, Mapping) and by_product:
        column = f"tce_{basis}" if metric == "tce" else metric
        for product, entry in by_product.items():
            v = _num((entry or {}).get(column))
            if v is not None:
                key = label(product) if label else str(product)
                out[key] = out.get(key, 0.0) + v
        return out
    for item in payload.get("items", []):
        v = item_metric(item, metric, basis)
        if v is None:
            continue
        key = label(item.get("product", "")) if label else str(item.get("product", ""))
        out[key] = out.get(key, 0.0) + v
    return out


def tier_counts(payload: Mapping) -> dict[str, int]:
    by_tier = (payload.get("summary") or {}).get("by_tier")
    if by_tier:
        return {k: int(v) for k, v in by_tier.items()}
    out: dict[str, int] = {}
    for item in payload.get("items", []):
        out[item["tier"]] = out.get(item["tier"], 0) + 1
    return out


def mac_blocks(payload: Mapping) -> list[MacBlock]:
    """MAC blocks: the summary's ``mac_curve`` when present, else each item's abatement cost."""
    curve = (payload.get("summary") or {}).get("mac_curve") or payload.get("mac_curve")
    if curve:
        out = []
        for b in curve:
            cost = _num(b.get("cny_per_tco2"))
            label = " ".join(str(x) for x in (b.get("asset_tag") or b.get("label"), b.get("measure")) if x)
            out.append(MacBlock(label, _num(b.get("tco2")) or 0.0, math.nan if cost is None else cost))
        return out
    blocks = []
    for item in payload.get("items", []):
        fin = item.get("finance") or {}
        cost = next((_num(fin[k]) for k in ("abatement_cny_per_tco2", "cny_per_tco2") if k in fin), None)
        tco2 = item_metric(item, "tco2")
        if cost is not None and tco2:
            blocks.append(MacBlock(str(item.get("asset_tag") or item.get("name") or ""), tco2, cost))
    return blocks


TOTAL_KEYS = ("kwh", "tce", "tco2", "cny", "investment", "payback_years", "npv")


def _sum_known(values) -> float | None:
    known = [v for v in values if v is not None]
    return math.fsum(known) if known else None


def payload_totals(payload: Mapping, basis: str = "calorific") -> dict[str, float | None]:
    """Totals of an assessment: the summary's figures, finance summed over the items when the
    summary has none; payback = investment / annual CNY saved. Missing stays None."""
    s = payload.get("summary") or {}
    tce = s.get("tce")
    out: dict[str, float | None] = {
        "kwh": _num(s.get("kwh")),
        "tce": _num(tce.get(basis)) if isinstance(tce, Mapping) else _num(tce),
        "tco2": _num(s.get("tco2")),
        "cny": _num(s.get("cny")),
    }
    fin = s.get("finance") if isinstance(s.get("finance"), Mapping) else s
    items = payload.get("items", [])
    for key in ("investment", "npv"):
        value = (
            _num(fin.get(key))
            if key in fin
            else _sum_known(_num((i.get("finance") or {}).get(key)) for i in items)
        )
        out[key] = value
    payback = _num(fin.get("payback_years")) if "payback_years" in fin else None
    if payback is None and out["investment"] is not None and out["cny"]:
        payback = out["investment"] / out["cny"] if out["cny"] > 0 else None
    out["payback_years"] = payback
    return out


def measures_frame(payload: Mapping, basis: str = "calorific") -> pd.DataFrame:
    """One row per assessed item: tier, target, measure, savings status and figures, finance."""
    rows = []
    for position, item in enumerate(payload.get("items", [])):
        sav = item.get("savings") or {}
        fin = item.get("finance") or {}
        tce = sav.get("tce")
        missing = sav.get("missing_fields") or []
        rows.append(
            {
                "item": position,  # index into payload["items"] (hidden; survives sorting)
                "row": item.get("row"),
                "asset_tag": item.get("asset_tag"),
                "name": item.get("name"),
                "product": item.get("product"),
                "tier": item.get("tier"),
                "target_tier": item.get("target_tier"),
                "measure": item.get("measure") or sav.get("measure") or sav.get("method"),
                "status": sav.get("status"),
                "missing": ", ".join(map(str, missing)) if isinstance(missing, list) else str(missing),
                "kwh": _num(sav.get("kwh")),
                "tce": _num(tce.get(basis)) if isinstance(tce, Mapping) else _num(tce),
                "tco2": _num(sav.get("tco2")),
                "cny": _num(sav.get("cny")),
                "investment": _num(fin.get("investment")),
                "payback_years": _num(fin.get("payback_years")),
                "npv": _num(fin.get("npv")),
            }
        )
    return pd.DataFrame(rows, columns=["item", *MEASURE_COLUMNS])


COMPARISON_COLUMNS = [
    "indicator",
    "value",
    "unit",
    "advanced",
    "energy_saving",
    "entry",
    "tier",
    "table",
    "row",
    "source",
    "verification",
    "rule",
]


def comparisons_frame(item: Mapping) -> pd.DataFrame:
    """The classification trace of one payload item: each indicator against its thresholds, cited."""
    rows = []
    for c in item.get("comparisons") or []:
        thr = c.get("thresholds") or {}
        rows.append(
            {
                "indicator": c.get("indicator"),
                "value": _num(c.get("value")),
                "unit": c.get("unit"),
                "advanced": _num(thr.get("advanced")),
                "energy_saving": _num(thr.get("energy_saving")),
                "entry": _num(thr.get("entry")),
                "tier": c.get("tier"),
                "table": c.get("table"),
                "row": c.get("row"),
                "source": c.get("source"),
                "verification": c.get("verification"),
                "rule": c.get("rule"),
            }
        )
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


MEASURE_COLUMNS = [
    "row",
    "asset_tag",
    "name",
    "product",
    "tier",
    "target_tier",
    "measure",
    "status",
    "missing",
    "kwh",
    "tce",
    "tco2",
    "cny",
    "investment",
    "payback_years",
    "npv",
]


# --- display labels of payload values ------------------------------------------------------------
def total_labels() -> dict[str, str]:
    return {
        "kwh": _("Electricity saved, kWh/yr"),
        "tce": _("Energy saved, tce/yr"),
        "tco2": _("CO2 avoided, tCO2/yr"),
        "cny": _("Cost saved, CNY/yr"),
        "investment": _("Investment, CNY"),
        "payback_years": _("Simple payback, years"),
        "npv": _("Net present value, CNY"),
    }


def tier_text(v: Any) -> str:
    try:
        return tier_label(v, current_language())
    except ValueError:
        return str(v)


MEASURE_LABELS = {
    "replace": N_("Replace with a unit at the target tier"),
    "replace_at_failure": N_("Replace at failure"),
    "replace_instead_of_rewind": N_("Replace instead of rewinding"),
    "remanufacture": N_("Remanufacture"),
    "vsd": N_("Variable-speed drive"),
}


def measure_text(v: Any) -> str:
    label = MEASURE_LABELS.get(str(v))
    if label:
        return _(label)
    # a payload without ``measure`` shows the engine's method text, whose msgid is that English text
    text = str(v)
    return _(text) if text else text


@functools.cache
def _fields_by_name() -> dict[str, Any]:
    """Every field a column can hold (common, retrofit, then products'), by name; first one wins."""
    from retrofit_desktop import services

    by_name: dict[str, Any] = {}
    for _gid, _zh, _en, fields in services.field_groups():
        for f in fields:
            by_name.setdefault(f.name, f)
    return by_name


def missing_text(v: Any) -> str:
    """'annual_hours, load_factor' -> '年运行小时、负载率' (field labels in the current language)."""
    try:
        by_name = _fields_by_name()
    except Exception:  # labels are a nicety; the names are still meaningful
        return str(v)
    zh = current_language() == "zh"
    names = [n.strip() for n in str(v).split(",") if n.strip()]
    labels = []

    def label(name: str) -> str:
        f = by_name.get(name)
        return ((f.label_zh if zh else f.label_en) or name) if f is not None else name

    for n in names:
        parts = n.split("__")
        if len(parts) == 3 and parts[0] == "thr":  # a threshold the catalog lacks: thr__<indicator>__<tier>
            labels.append(
                _("{tier} threshold of {indicator}").format(
                    tier=tier_text(parts[2]), indicator=label(parts[1])
                )
            )
        else:
            labels.append(label(n))
    return ("、" if zh else ", ").join(labels)


def status_text(v: Any) -> str:
    return {
        SavingsStatus.OK: _("ok"),
        SavingsStatus.INSUFFICIENT_DATA: _("insufficient data"),
        SavingsStatus.NOT_APPLICABLE: _("not applicable"),
    }.get(str(v), str(v))
