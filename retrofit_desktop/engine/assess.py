"""assess_items: savings, conversions and finance for an inventory frame (docs/architecture.md contract).

Decisions (docs/methods.md §6):
- The new unit's indicator is the target tier's threshold from the catalog's ``classify_frame``
  columns ``thr__<indicator>__<tier>`` (or the measure's own ``new_values``). On a multi-indicator
  product each indicator takes the better of the old value and the threshold.
- An item already at or above the target tier gets savings 0 and status ``not_applicable``.
- An item lacking an input the method needs gets ``insufficient_data`` with ``missing_fields``; its
  savings stay NaN, never 0. Savings are per unit × ``quantity`` (1 when not given).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..domain import THRESHOLD_TIERS, TIER_RANK, Direction, SavingsStatus, Tier
from ..i18n import N_, _
from ..values import is_yes
from .conversions import electricity_outputs, fuel_outputs
from .factors import FUEL_UNITS, FactorSet
from .finance_frame import FinanceSettings, add_finance
from .kinds import (
    COMPUTE,
    FUEL_PRODUCTS,
    INDICATORS,
    REQUIRED,
    USED_COLUMNS,
    VSD_REQUIRED,
    Columns,
    KindOutput,
    col,
    filled,
)
from .measures import REPLACING, Measure, MeasureKind, PriceList
from .summary import build_summary

OK, INSUFFICIENT, NOT_APPLICABLE = (
    SavingsStatus.OK,
    SavingsStatus.INSUFFICIENT_DATA,
    SavingsStatus.NOT_APPLICABLE,
)
_TIER_NOTES = {
    Tier.NOT_COVERED.value: N_("parameters outside the standard's scope: no target threshold"),
    Tier.NO_THRESHOLD.value: N_("the tier table has no value for the target tier"),
}


@dataclass(frozen=True)
class AssessmentOptions:
    target: Tier = Tier.ENERGY_SAVING
    factors: FactorSet | None = None  # None: FactorSet.default() (national, latest year, no price)
    measure: MeasureKind = MeasureKind.REPLACE  # default measure for items without their own
    measures: Mapping[str, Measure] = field(default_factory=dict)  # by asset_tag
    price_list: PriceList | None = None
    finance: FinanceSettings = field(default_factory=FinanceSettings)
    motor_constant_loss_share: float | None = None  # part-load correction (unverified); None = rated η
    transformer_k_t: float = 1.0

    def __post_init__(self) -> None:
        try:
            target = Tier(self.target)
        except ValueError:
            target = None
        if target not in THRESHOLD_TIERS:
            raise ValueError(
                _("Target tier must be one of {tiers}, got {target!r}").format(
                    tiers=", ".join(t.value for t in THRESHOLD_TIERS), target=self.target
                )
            )
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "measure", MeasureKind(self.measure))


@dataclass
class AssessmentResult:
    items: pd.DataFrame
    summary: dict[str, Any]
    factors: FactorSet


def _apply_measure(m: pd.DataFrame, p: int, meas: Measure) -> None:
    m.iat[p, m.columns.get_loc("measure")] = meas.kind.value
    if meas.target_tier is not None:
        m.iat[p, m.columns.get_loc("target_tier")] = Tier(meas.target_tier).value
    for name in (
        "investment_cny",
        "lifetime_years",
        "residual_value_cny",
        "om_change_cny",
        "rewind_efficiency_loss_pct",
    ):
        v = getattr(meas, name)
        if v is not None:
            m.iat[p, m.columns.get_loc(name)] = float(v)
    for ind, v in meas.new_values.items():
        if f"newval__{ind}" not in m:
            m[f"newval__{ind}"] = np.nan
        m.iat[p, m.columns.get_loc(f"newval__{ind}")] = float(v)


def _per_item_measures(items: pd.DataFrame, opts: AssessmentOptions) -> pd.DataFrame:
    """One row per item: measure kind, target tier and the measure's own numbers (NaN when not given)."""
    n = len(items)
    cols: dict[str, pd.Series] = {}

    def own(values: np.ndarray) -> pd.Series:  # object columns stay object (no string inference)
        return pd.Series(values, index=items.index, dtype=values.dtype, copy=False)

    kind = filled(n, opts.measure.value)
    if "measure" in items:
        given = items["measure"].to_numpy(dtype=object)
        valid = _any_of(given, [k.value for k in MeasureKind])
        kind = np.where(valid, given, kind)
        cols["invalid_measure"] = own(
            np.asarray(np.where(~valid & pd.notna(given), given, None), dtype=object)
        )
    cols["measure"] = own(kind)
    cols["target_tier"] = own(filled(n, opts.target.value))
    for name in (
        "investment_cny",
        "lifetime_years",
        "residual_value_cny",
        "om_change_cny",
        "rewind_efficiency_loss_pct",
    ):
        cols[name] = own(np.array(col(items, name), dtype=float))  # a copy: measures are written into it
    m = pd.DataFrame(cols, index=items.index, copy=False)
    unmatched: list[str] = []
    if opts.measures:
        tags = (
            items["asset_tag"].astype(str).to_numpy(dtype=object)
            if "asset_tag" in items
            else np.array([], dtype=object)
        )
        positions = pd.Series(np.arange(len(tags))).groupby(tags).indices if len(tags) else {}
        for tag, meas in opts.measures.items():
            rows = positions.get(str(tag))
            if rows is None:
                unmatched.append(str(tag))
                continue
            for p in rows:  # a tag used by several rows: the measure applies to each of them
                _apply_measure(m, int(p), meas)
    m.attrs["unmatched_measures"] = unmatched
    return m


def _threshold(
    classification: pd.DataFrame, idx: np.ndarray, indicator: str, targets: list[tuple[object, np.ndarray]]
) -> np.ndarray:
    """The target tier's threshold of each row ``idx``; `targets` = (tier, mask of the rows) pairs."""
    out = np.full(len(idx), np.nan)
    for tier, sel in targets:
        name = f"thr__{indicator}__{tier}"
        if name in classification:
            column = classification[name]
            if isinstance(column.dtype, np.dtype) and column.dtype.kind == "f":  # no parsing needed
                out[sel] = column.to_numpy()[idx[sel]]
            else:
                out[sel] = pd.to_numeric(column.iloc[idx[sel]], errors="coerce").to_numpy(dtype=float)
    return out


def _absent(values: np.ndarray) -> np.ndarray:
    """pd.isna, without the object-array scan when the column is already floats."""
    if values.dtype.kind == "f":
        nan: npt.NDArray[np.bool_] = np.isnan(values)
        return nan
    return np.asarray(pd.isna(values), dtype=bool)


def _any_of(values: np.ndarray, options: Iterable[object]) -> np.ndarray:
    """values ∈ options for a few options (faster than np.isin on object arrays)."""
    out = np.zeros(len(values), bool)
    for o in options:
        out |= values == o
    return out


def _by_code(
    codes: npt.NDArray[np.intp],
    values: Iterable[Any],
    f: Callable[[Any], object],
    dtype: npt.DTypeLike = float,
) -> np.ndarray:
    """f(value) per element, evaluated once per distinct value (codes/values from pd.factorize;
    code -1, a missing value, gets f(None))."""
    return np.array([*(f(v) for v in values), f(None)], dtype=dtype)[codes]


def _groups(
    values: np.ndarray, codes: np.ndarray, uniques: Iterable[Any], keep: np.ndarray
) -> Iterator[tuple[Any, np.ndarray]]:
    """(value, mask of its rows within `keep`) per distinct value, as ``values == value`` would give."""
    for k, v in enumerate(uniques):
        if isinstance(v, str):
            yield v, (codes == k) & keep
        else:  # numbers: compared as before
            yield v, (values == v) & keep
    na = codes == -1
    if na.any():  # missing: None equals None, NaN equals nothing
        for v in pd.unique(values[na]):
            yield v, (values == v) & keep


class _Missing:
    """Missing-input flags of one product's rows as a boolean matrix, turned into name lists at the end."""

    def __init__(self, n: int):
        self.n = n
        self.names: list[str] = []
        self.flags: list[np.ndarray] = []
        self.extra: dict[int, list[str]] = {}

    def add(self, name: str, flags: np.ndarray) -> None:
        if flags.any():
            self.names.append(name)
            self.flags.append(flags)

    def any(self) -> np.ndarray:
        out = np.zeros(self.n, bool)
        for f in self.flags:
            out |= f
        for i in self.extra:
            out[i] = True
        return out

    def lists(self, rows: np.ndarray) -> np.ndarray:
        """Missing names for each of ``rows`` (object array); rows with the same pattern share one list."""
        codes = np.zeros(len(rows), dtype=np.int64)
        for k, f in enumerate(self.flags):
            codes |= f[rows].astype(np.int64) << k
        inverse: npt.NDArray[np.intp]
        inverse, uniq = pd.factorize(codes)
        patterns = np.empty(len(uniq), dtype=object)
        for j, c in enumerate(uniq.tolist()):  # element-wise: numpy would read equal-length lists as 2-D
            patterns[j] = [self.names[k] for k in range(len(self.names)) if c >> k & 1]
        out = patterns[inverse.ravel()]
        for j, i in enumerate(rows.tolist()):
            if i in self.extra:
                out[j] = list(out[j]) + self.extra[i]
        return out


class _Kinds:
    """Measure kinds and target tiers of all rows, factorised once (no string comparisons per product)."""

    def __init__(self, kinds: np.ndarray, targets: np.ndarray, uniform: bool = False):
        """`uniform`: every row has kinds[0] and targets[0] (no per-item measures): nothing to factorise."""
        if uniform:
            zeros = np.zeros(len(kinds), np.intp)
            codes, values = zeros, np.array([kinds[0]], dtype=object)
            self.target_codes, self.target_values = zeros, np.array([targets[0]], dtype=object)
        else:
            codes, values = pd.factorize(kinds)
            self.target_codes, self.target_values = pd.factorize(targets)
        self.vsd = _by_code(codes, values, lambda k: k == MeasureKind.VSD.value, bool)
        self.rewind = _by_code(
            codes, values, lambda k: k == MeasureKind.REPLACE_INSTEAD_OF_REWIND.value, bool
        )
        replacing = {k.value for k in REPLACING}
        self.replacing = _by_code(codes, values, lambda k: isinstance(k, str) and k in replacing, bool)
        self.targets = targets

    def target_groups(self, idx: np.ndarray) -> list[tuple[object, np.ndarray]]:
        """(target tier, mask over idx) in order of first appearance, as pd.unique would list them."""
        codes = self.target_codes[idx]
        if (codes >= 0).all():
            return [(self.target_values[c], codes == c) for c in pd.unique(codes)]
        sub = self.targets[idx]  # a missing target (not produced by _per_item_measures): compare values
        return [(t, sub == t) for t in pd.unique(sub)]


def _assess_product(
    product: str,
    idx: np.ndarray,
    items: pd.DataFrame,
    classification: pd.DataFrame,
    meas: pd.DataFrame,
    kinds: _Kinds,
    fs: FactorSet,
    opts: AssessmentOptions,
    cols: dict[str, np.ndarray],
    missing: np.ndarray,
) -> None:
    """Fill the result arrays in ``cols`` for the rows ``idx`` of one product."""
    sub = Columns(items, idx, USED_COLUMNS[product])
    sub_targets = kinds.target_groups(idx)
    active, vsd_mask = _vsd_scope(product, idx, sub, kinds.vsd[idx], cols)
    miss = _Missing(len(idx))
    for name in REQUIRED[product]:
        absent = _absent(sub[name]) if name in sub else np.ones(len(idx), bool)
        miss.add(name, absent & ~vsd_mask)
    for name in VSD_REQUIRED.get(product, ()):
        miss.add(name, np.isnan(col(sub, name)) & vsd_mask)
    rewind = kinds.rewind[idx]
    loss = meas["rewind_efficiency_loss_pct"].to_numpy(dtype=float)[idx]
    miss.add("rewind_efficiency_loss_pct", rewind & np.isnan(loss))
    ind_ok, ind_flags = _old_and_new_indicators(
        product, idx, sub, classification, meas, sub_targets, rewind, loss
    )
    for name, flags in ind_flags:
        miss.add(name, flags & ~ind_ok & ~vsd_mask)
    kw = {"vsd_mask": vsd_mask} if product in VSD_REQUIRED else {}
    out = COMPUTE[product](sub, fs, opts, **kw)
    miss.extra.update(out.missing)
    _store_product(product, idx, out, active, miss, cols, missing)


def _vsd_scope(
    product: str, idx: np.ndarray, sub: Columns, vsd_mask: np.ndarray, cols: dict[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """(rows still to compute, rows computed as a VSD measure): a VSD measure on a product other than a
    pump or fan, or on a unit that already has a VSD, is not applicable (marked in ``cols`` here)."""
    status, note = cols["status"], cols["note"]
    active = np.ones(len(idx), bool)
    if vsd_mask.any() and product not in VSD_REQUIRED:
        status[idx[vsd_mask]] = NOT_APPLICABLE
        note[idx[vsd_mask]] = _("a VSD measure applies to pumps and fans only")
        active &= ~vsd_mask
        vsd_mask[:] = False
    elif vsd_mask.any() and "vsd" in sub:
        has_vsd = np.array([is_yes(v) for v in sub["vsd"]], dtype=bool)
        done = idx[vsd_mask & has_vsd]
        status[done], note[done], cols["kwh"][done] = NOT_APPLICABLE, _("already has a VSD"), 0.0
        active &= ~(vsd_mask & has_vsd)
        vsd_mask &= ~has_vsd
    return active, vsd_mask


def _old_and_new_indicators(
    product: str,
    idx: np.ndarray,
    sub: Columns,
    classification: pd.DataFrame,
    meas: pd.DataFrame,
    sub_targets: list[tuple[object, np.ndarray]],
    rewind: np.ndarray,
    loss: np.ndarray,
) -> tuple[np.ndarray, list[tuple[str, np.ndarray]]]:
    """Write each indicator's old and new value into ``sub`` (``old__<ind>``, ``new__<ind>``); return the
    rows whose indicators suffice for the method and the (field, rows lacking it) flags of the others."""
    is_chiller = product == "chiller"  # needs one complete pair (IPLV or COP), not every indicator
    ind_ok = np.zeros(len(idx), bool) if is_chiller else np.ones(len(idx), bool)
    ind_flags: list[tuple[str, np.ndarray]] = []
    for ind, direction in INDICATORS[product].items():
        old = col(sub, ind)
        if direction is Direction.HIGHER:
            old = np.where(rewind, old - np.nan_to_num(loss), old)
        key = f"newval__{ind}"
        newval = meas[key].to_numpy(dtype=float)[idx] if key in meas else np.full(len(idx), np.nan)
        thr = _threshold(classification, idx, ind, sub_targets)
        better = np.fmax if direction is Direction.HIGHER else np.fmin
        from_thr = np.where(np.isnan(thr), np.nan, better(old, thr))  # never worse than the old unit
        new = np.where(np.isnan(newval), from_thr, newval)
        sub[f"old__{ind}"] = old
        sub[f"new__{ind}"] = np.where(np.isnan(old), np.nan, new)
        ind_flags.append((ind, np.isnan(old)))
        for tier, sel in sub_targets:
            ind_flags.append((f"thr__{ind}__{tier}", ~np.isnan(old) & np.isnan(new) & sel))
        has = ~np.isnan(old) & ~np.isnan(new)
        ind_ok = (ind_ok | has) if is_chiller else (ind_ok & has)
    return ind_ok, ind_flags


def _store_product(
    product: str,
    idx: np.ndarray,
    out: KindOutput,
    active: np.ndarray,
    miss: _Missing,
    cols: dict[str, np.ndarray],
    missing: np.ndarray,
) -> None:
    """Status, method, missing fields and the savings × quantity of the rows ``idx`` of one product."""
    status, method = cols["status"], cols["method"]
    values = out.fuel if product in FUEL_PRODUCTS else out.kwh
    lacking = miss.any()
    finite = np.isfinite(values)
    ok = active & ~lacking & finite
    invalid = active & ~lacking & ~finite
    status[idx[active]] = INSUFFICIENT
    status[idx[ok]] = OK
    method[idx[active]] = out.method[active]
    lacking_rows = np.nonzero(active & lacking)[0]
    if lacking_rows.size:
        missing[idx[lacking_rows]] = miss.lists(lacking_rows)
    for i in np.nonzero(invalid)[0]:
        missing[int(idx[i])] = [_("valid inputs (a value is zero or out of range)")]
    sel = idx[ok]
    if product in FUEL_PRODUCTS:
        cols["fuel"][sel] = out.fuel[ok] * cols["qty"][sel]
        cols["fuel_kind"][idx] = out.fuel_kind
    else:
        cols["kwh"][sel] = out.kwh[ok] * cols["qty"][sel]
        cols["reactive"][sel] = out.reactive_kwh[ok] * cols["qty"][sel]


def assess_items(
    items: pd.DataFrame,
    classification: pd.DataFrame | None = None,
    catalog: Any = None,
    options: AssessmentOptions | None = None,
) -> AssessmentResult:
    """Savings, tce, tCO2, CNY and finance per item, plus a summary (design.md JSON schema 1 keys)."""
    opts = options or AssessmentOptions()
    fs = opts.factors or FactorSet.default()
    classification = _classification(items, classification, catalog)
    n = len(items)
    meas = _per_item_measures(items, opts)
    products = (
        items["product"].to_numpy(dtype=object) if "product" in items else np.full(n, None, dtype=object)
    )
    tiers = (
        classification["tier"].to_numpy(dtype=object)
        if "tier" in classification
        else np.full(n, None, dtype=object)
    )
    kinds = meas["measure"].to_numpy(dtype=object)
    targets = meas["target_tier"].to_numpy(dtype=object)
    qty = col(items, "quantity")
    cols: dict[str, np.ndarray] = {
        "status": filled(n, INSUFFICIENT),
        "method": np.full(n, None, dtype=object),
        "note": filled(n, ""),
        "kwh": np.full(n, np.nan),
        "fuel": np.full(n, np.nan),
        "fuel_kind": np.full(n, None, dtype=object),
        "reactive": np.full(n, np.nan),
        "qty": np.where(np.isnan(qty), 1.0, qty),
    }
    missing = np.empty(n, dtype=object)
    empty: list[str] = []
    missing.fill(empty)  # one shared empty list for complete rows (treat as read-only)

    rank = {t.value: r for t, r in TIER_RANK.items()}
    tier_codes: npt.NDArray[np.intp]
    tier_codes, tier_values = pd.factorize(tiers)
    tier_rank = _by_code(tier_codes, tier_values, lambda t: rank.get(t, -1.0) if isinstance(t, str) else -1.0)
    by_kind = _Kinds(kinds, targets, uniform=n > 0 and "measure" not in items and not opts.measures)
    target_rank = _by_code(
        by_kind.target_codes,
        by_kind.target_values,
        lambda t: rank.get(t, np.nan) if isinstance(t, str) else np.nan,
    )
    meets = by_kind.replacing & (tier_rank >= target_rank)
    cols["status"][meets] = NOT_APPLICABLE
    cols["note"][meets] = _("already meets the target tier")
    product_codes: npt.NDArray[np.intp]
    product_codes, product_values = pd.factorize(products)
    is_fuel = _by_code(product_codes, product_values, lambda p: p in FUEL_PRODUCTS, bool)
    cols["kwh"][meets & ~is_fuel] = 0.0
    cols["fuel"][meets & is_fuel] = 0.0
    if "fuel_kind" in items:
        cols["fuel_kind"][is_fuel] = items["fuel_kind"].to_numpy(dtype=object)[is_fuel]

    for product, pmask in _groups(products, product_codes, product_values, ~meets):
        if not pmask.any():
            continue
        if product not in COMPUTE:
            cols["status"][pmask] = NOT_APPLICABLE
            cols["note"][pmask] = _("no savings method for this product")
            continue
        _assess_product(
            product, np.nonzero(pmask)[0], items, classification, meas, by_kind, fs, opts, cols, missing
        )

    _flag_invalid_measures(meas, cols, missing)
    _note_tiers(tiers, tier_codes, tier_values, cols)
    fuel_rows = np.flatnonzero(is_fuel)
    res = _result_frame(items, meas, cols, missing, tiers, tier_codes, tier_values, fuel_rows)
    _add_conversions(res, cols, fuel_rows, fs)
    add_finance(res, items, meas, opts, fs)
    summary = build_summary(res, items, fs, opts)
    if meas.attrs.get("unmatched_measures"):
        summary["notes"].append(
            _("Measures for asset tags not in the inventory were not applied: {tags}").format(
                tags=", ".join(meas.attrs["unmatched_measures"])
            )
        )
    return AssessmentResult(items=res, summary=summary, factors=fs)


def _classification(items: pd.DataFrame, classification: pd.DataFrame | None, catalog: Any) -> pd.DataFrame:
    """The items' classification frame (computed by the catalog when not given), aligned to the items."""
    if classification is None:
        if catalog is None:
            from ..catalog import get_catalog

            catalog = get_catalog()
        classification = catalog.classify_frame(items)
    if not classification.index.equals(items.index):  # align by label; rows are then read by position
        classification = classification.reindex(items.index)
    return classification


def _flag_invalid_measures(meas: pd.DataFrame, cols: dict[str, np.ndarray], missing: np.ndarray) -> None:
    """An item whose own measure names no known measure lacks data: no savings, the measure is named."""
    if "invalid_measure" not in meas:
        return
    for i in np.nonzero(pd.notna(meas["invalid_measure"].to_numpy(dtype=object)))[0]:
        cols["status"][i] = INSUFFICIENT
        cols["note"][i] = _("unknown measure {value!r}; use one of {known}").format(
            value=meas["invalid_measure"].iat[i], known=", ".join(k.value for k in MeasureKind)
        )
        missing[int(i)] = ["measure"]
        for key in ("kwh", "fuel", "reactive"):
            cols[key][i] = np.nan


def _note_tiers(
    tiers: np.ndarray, tier_codes: npt.NDArray[np.intp], tier_values: Any, cols: dict[str, np.ndarray]
) -> None:
    """Why an item without savings data has no target threshold (outside the scope, no table value)."""
    tier_note = _by_code(
        tier_codes, tier_values, lambda t: t in _TIER_NOTES if isinstance(t, str) else False, bool
    )
    rows = np.flatnonzero(tier_note)
    rows = rows[(cols["status"][rows] == INSUFFICIENT) & (cols["note"][rows] == "")]
    for tier, text in _TIER_NOTES.items():
        cols["note"][rows[tiers[rows] == tier]] = _(text)


def _result_frame(
    items: pd.DataFrame,
    meas: pd.DataFrame,
    cols: dict[str, np.ndarray],
    missing: np.ndarray,
    tiers: np.ndarray,
    tier_codes: npt.NDArray[np.intp],
    tier_values: Any,
    fuel_rows: np.ndarray,
) -> pd.DataFrame:
    """The per-item result columns up to the savings (conversions and finance are added after)."""

    def obj(
        values: np.ndarray,
    ) -> pd.Series:  # keep object dtype: no per-column string inference on 100k rows
        return pd.Series(np.asarray(values, dtype=object), index=items.index, dtype=object, copy=False)

    fuel_unit = np.full(len(items), None, dtype=object)
    fuel_kinds = cols["fuel_kind"][fuel_rows]
    for kind, unit in FUEL_UNITS.items():
        fuel_unit[fuel_rows[fuel_kinds == kind]] = unit
    return pd.DataFrame(
        {
            "target_tier": obj(meas["target_tier"].to_numpy(dtype=object).copy()),
            "measure": obj(meas["measure"].to_numpy(dtype=object).copy()),
            "savings_status": obj(cols["status"]),
            "missing_fields": obj(missing),
            "method": obj(cols["method"]),
            "note": obj(cols["note"]),
            "tier": obj(tiers.copy()),
            "mandatory": _by_code(tier_codes, tier_values, lambda t: t == Tier.BELOW_ENTRY.value, bool),
            "kwh": cols["kwh"],
            "fuel": cols["fuel"],
            "fuel_kind": obj(cols["fuel_kind"]),
            "fuel_unit": obj(fuel_unit),
        },
        index=items.index,
        copy=False,
    )  # the arrays are this function's own: no copy, no consolidation


def _add_conversions(
    res: pd.DataFrame, cols: dict[str, np.ndarray], fuel_rows: np.ndarray, fs: FactorSet
) -> None:
    """tce (both bases), tCO2 and CNY of the electricity and fuel saved, and the reactive equivalent."""
    elec = electricity_outputs(cols["kwh"], fs)
    fuels = fuel_outputs(cols["fuel"][fuel_rows], cols["fuel_kind"][fuel_rows], fs)  # fuel rows only
    for key in ("tce_calorific", "tce_equivalent", "tco2", "cny"):
        values = np.array(elec[key], dtype=float)
        values[fuel_rows] = fuels[key]
        res[key] = values
    res["kwh_reactive_equivalent"] = cols["reactive"]
