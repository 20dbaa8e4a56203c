"""What the assessment views show, read from the typed ``services.Assessment``: totals, the measures
table, one item's classification trace, chart data, and the display text of result values.

Pure functions (no Qt): the items table and the comparisons long table are read as columns; the
summary through its typed attributes. The engine's extra summary figures that ``Summary`` has no
attribute for (investment, NPV, payback, the priced part of the cost, totals by product, the MAC
curve) are read in one place, ``engine_figure``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from retrofit_desktop.domain import SavingsStatus, tier_label
from retrofit_desktop.i18n import N_, _, current_language
from retrofit_desktop.values import is_missing

if TYPE_CHECKING:
    from retrofit_desktop.catalog import FieldSpec
    from retrofit_desktop.services import Assessment

TOTAL_KEYS = ("kwh", "tce", "tco2", "cny", "investment", "payback_years", "npv")
#: savings metrics a chart or the measures table can show: metric -> items column (tce: per basis)
METRIC_COLUMNS = {"kwh": "kwh", "tco2": "tco2", "cny": "cny"}

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
_NUMERIC_COMPARISON_COLUMNS = ("value", "advanced", "energy_saving", "entry")


@dataclass(frozen=True)
class MacBlock:
    """One measure on the MAC curve: width = tCO2 abated per year, height = CNY per tCO2."""

    label: str
    abatement_tco2: float
    cost_cny_per_tco2: float


# --- reading an assessment ------------------------------------------------------------------------
def _num(v: Any) -> float | None:
    """A finite number, or None (missing, NaN, infinite or not a number)."""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def engine_figure(a: Assessment, key: str) -> Any:
    """A figure of the engine's summary that ``Summary`` has no typed attribute for (None when the
    summary lacks it, e.g. an assessment rebuilt from an older report's payload)."""
    return a.summary.totals.get(key)


def _numbers(items: pd.DataFrame, column: str) -> pd.Series:
    """An items column as floats; missing, infinite and non-numeric values are NaN."""
    if column not in items.columns:
        return pd.Series(np.nan, index=items.index, dtype=float)
    values = pd.to_numeric(items[column], errors="coerce").astype(float)
    return values.where(np.isfinite(values))


def _objects(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(None, index=frame.index, dtype=object)
    return frame[column]


def metric_column(a: Assessment, metric: str, basis: str = "calorific") -> pd.Series:
    """kwh | tce | tco2 | cny saved per item (tce on the chosen basis), NaN where not known."""
    return _numbers(a.items, f"tce_{basis}" if metric == "tce" else METRIC_COLUMNS.get(metric, metric))


def _known_sum(values: pd.Series) -> float | None:
    known = values.dropna()
    return math.fsum(known.tolist()) if len(known) else None


def _figure_or_item_sum(a: Assessment, key: str) -> float | None:
    """The engine summary's total, or (a summary without it) the sum of the items' known values."""
    if key in a.summary.totals:
        return _num(engine_figure(a, key))
    return _known_sum(_numbers(a.items, key))


def assessment_totals(a: Assessment, basis: str = "calorific") -> dict[str, float | None]:
    """Totals of an assessment: the summary's figures (finance summed over the items when the
    summary has none); payback = investment / annual CNY saved when the summary has none.
    Missing stays None."""
    s = a.summary
    out: dict[str, float | None] = {
        "kwh": _num(s.kwh),
        "tce": _num(s.tce_equivalent if basis == "equivalent" else s.tce_calorific),
        "tco2": _num(s.tco2),
        "cny": _num(s.cny),
        "investment": _figure_or_item_sum(a, "investment"),
        "npv": _figure_or_item_sum(a, "npv"),
    }
    payback = _num(engine_figure(a, "payback_years"))
    investment, cny = out["investment"], out["cny"]
    if payback is None and investment is not None and cny:
        payback = investment / cny if cny > 0 else None
    out["payback_years"] = payback
    return out


def priced_cost(a: Assessment) -> tuple[float | None, int]:
    """(CNY/yr saved by the items that have a price, number of items with a saving but no price)."""
    unpriced = engine_figure(a, "cny_unpriced_items")
    return _num(engine_figure(a, "cny_priced")), int(unpriced) if unpriced else 0


def items_with_savings(a: Assessment) -> int:
    """Items whose savings could be estimated (status ok)."""
    status = _objects(a.items, "savings_status")
    return int((status.astype(object) == SavingsStatus.OK.value).sum())


def tier_counts(a: Assessment) -> dict[str, int]:
    """Items per tier: the summary's counts, else counted from the items."""
    if a.summary.by_tier:
        return {str(k): int(v) for k, v in a.summary.by_tier.items()}
    counts = _objects(a.items, "tier").value_counts(sort=False)
    return {str(k): int(v) for k, v in counts.items()}


def savings_by_product(
    a: Assessment, metric: str, basis: str = "calorific", label: Callable[[str], str] | None = None
) -> dict[str, float]:
    """One savings metric per product: the summary's totals by product when present, else the sum
    over the items whose figure is known (a product whose figures are all missing is left out)."""
    name = label or str
    out: dict[str, float] = {}
    by_product = engine_figure(a, "by_product")
    if isinstance(by_product, dict) and by_product:
        column = f"tce_{basis}" if metric == "tce" else metric
        for product, entry in by_product.items():
            v = _num((entry or {}).get(column))
            if v is not None:
                key = name(product)
                out[key] = out.get(key, 0.0) + v
        return out
    values = metric_column(a, metric, basis)
    products = _objects(a.items, "product").astype(object).where(lambda p: p.notna(), "")
    known = values.notna()
    for product, v in zip(products[known].tolist(), values[known].tolist(), strict=True):
        key = name(str(product))
        out[key] = out.get(key, 0.0) + v
    return out


def mac_blocks(a: Assessment) -> list[MacBlock]:
    """MAC blocks: the summary's MAC curve when present, else each item's abatement cost."""
    curve = engine_figure(a, "mac_curve")
    if curve:
        out = []
        for b in curve:
            cost = _num(b.get("cny_per_tco2"))
            label = " ".join(str(x) for x in (b.get("asset_tag") or b.get("label"), b.get("measure")) if x)
            out.append(MacBlock(label, _num(b.get("tco2")) or 0.0, math.nan if cost is None else cost))
        return out
    cost = _numbers(a.items, "abatement_cny_per_tco2")
    tco2 = metric_column(a, "tco2")
    usable = cost.notna() & tco2.notna() & (tco2 != 0)
    tags = _objects(a.items, "asset_tag").astype(object)
    names = _objects(a.items, "name").astype(object)
    labels = tags.where(tags.notna() & (tags != ""), names).where(lambda s: s.notna(), "")
    return [
        MacBlock(str(lab), t, c)
        for lab, t, c in zip(
            labels[usable].tolist(), tco2[usable].tolist(), cost[usable].tolist(), strict=True
        )
    ]


def _missing_list(v: Any) -> str:
    """An item's missing fields as 'a, b' ('' when none)."""
    if isinstance(v, list | tuple | np.ndarray):
        return ", ".join(map(str, v))
    return "" if is_missing(v) else str(v)


def measures_frame(a: Assessment | None, basis: str = "calorific") -> pd.DataFrame:
    """One row per assessed item: tier, target, measure, savings status and figures, finance.

    ``item`` (hidden) is the row's position in ``a.items``: it survives sorting and finds the trace."""
    if a is None:
        return pd.DataFrame(columns=["item", *MEASURE_COLUMNS])
    items = a.items
    measure = _objects(items, "measure").astype(object)
    named = measure.notna() & measure.astype(bool)
    frame = pd.DataFrame(
        {
            "item": np.arange(len(items)),
            **{k: _objects(items, k) for k in ("row", "asset_tag", "name", "product", "tier")},
            "target_tier": _objects(items, "target_tier"),
            # an assessment without ``measure`` shows the engine's method text
            "measure": measure.where(named, _objects(items, "method").astype(object)),
            "status": _objects(items, "savings_status"),
            "missing": [_missing_list(v) for v in _objects(items, "missing_fields").tolist()],
            "kwh": metric_column(a, "kwh"),
            "tce": metric_column(a, "tce", basis),
            "tco2": metric_column(a, "tco2"),
            "cny": metric_column(a, "cny"),
            **{k: _numbers(items, k) for k in ("investment", "payback_years", "npv")},
        },
        index=items.index,
    )
    return frame.reset_index(drop=True)


def comparisons_frame(a: Assessment | None, item: int | None = None) -> pd.DataFrame:
    """The classification trace of item `item` (its position in ``a.items``): each indicator
    against its thresholds, cited; empty without an assessment, an item or traces."""
    if a is None or item is None or a.comparisons.empty or "item" not in a.comparisons.columns:
        return pd.DataFrame(columns=COMPARISON_COLUMNS)
    comps = a.comparisons
    lo, hi = np.searchsorted(comps["item"].to_numpy(), [item, item + 1])  # sorted by item
    part = comps.iloc[lo:hi]
    frame = pd.DataFrame({c: _objects(part, c) for c in COMPARISON_COLUMNS}, index=part.index)
    for c in _NUMERIC_COMPARISON_COLUMNS:
        frame[c] = _numbers(part, c)
    return frame.reset_index(drop=True)


# --- display text of result values ----------------------------------------------------------------
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
    # an item without ``measure`` shows the engine's method text, whose msgid is that English text
    text = str(v)
    return _(text) if text else text


@functools.cache
def _fields_by_name() -> dict[str, FieldSpec]:
    """Every field a column can hold (common, retrofit, then products'), by name; first one wins."""
    from retrofit_desktop import services

    by_name: dict[str, FieldSpec] = {}
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
        SavingsStatus.OK.value: _("ok"),
        SavingsStatus.INSUFFICIENT_DATA.value: _("insufficient data"),
        SavingsStatus.NOT_APPLICABLE.value: _("not applicable"),
    }.get(str(v), str(v))
