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

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..domain import THRESHOLD_TIERS, TIER_RANK, Direction, Tier
from ..i18n import _
from .conversions import electricity_outputs, fuel_outputs
from .factors import FUEL_UNITS, FactorSet
from .finance_frame import FinanceSettings, add_finance
from .kinds import COMPUTE, FUEL_PRODUCTS, INDICATORS, REQUIRED, VSD_REQUIRED, col
from .measures import REPLACING, Measure, MeasureKind, PriceList
from .summary import build_summary

OK, INSUFFICIENT, NOT_APPLICABLE = "ok", "insufficient_data", "not_applicable"
_TRUE = {"1", "1.0", "true", "yes", "y", "是", "有"}


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
            raise ValueError(_("Target tier must be one of {tiers}, got {target!r}").format(
                tiers=", ".join(t.value for t in THRESHOLD_TIERS), target=self.target))
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "measure", MeasureKind(self.measure))


@dataclass
class AssessmentResult:
    items: pd.DataFrame
    summary: dict[str, Any]
    factors: FactorSet


def _per_item_measures(items: pd.DataFrame, opts: AssessmentOptions) -> pd.DataFrame:
    """One row per item: measure kind, target tier and the measure's own numbers (NaN when not given)."""
    n = len(items)
    m = pd.DataFrame(index=items.index)
    kind = np.full(n, opts.measure.value, dtype=object)
    if "measure" in items:
        given = items["measure"].to_numpy(dtype=object)
        valid = np.isin(given, [k.value for k in MeasureKind])
        kind = np.where(valid, given, kind)
    m["measure"] = kind
    m["target_tier"] = opts.target.value
    for name in ("investment_cny", "lifetime_years", "residual_value_cny", "om_change_cny",
                 "rewind_efficiency_loss_pct"):
        m[name] = col(items, name)
    if opts.measures and "asset_tag" in items:
        pos = pd.Index(items["asset_tag"].astype(str)).get_indexer(list(opts.measures))
        for (_tag, meas), p in zip(opts.measures.items(), pos, strict=True):
            if p < 0:
                continue
            m.iat[p, m.columns.get_loc("measure")] = meas.kind.value
            if meas.target_tier is not None:
                m.iat[p, m.columns.get_loc("target_tier")] = Tier(meas.target_tier).value
            for name in ("investment_cny", "lifetime_years", "residual_value_cny", "om_change_cny",
                         "rewind_efficiency_loss_pct"):
                v = getattr(meas, name)
                if v is not None:
                    m.iat[p, m.columns.get_loc(name)] = float(v)
            for ind, v in meas.new_values.items():
                if f"newval__{ind}" not in m:
                    m[f"newval__{ind}"] = np.nan
                m.iat[p, m.columns.get_loc(f"newval__{ind}")] = float(v)
    return m


def _threshold(classification: pd.DataFrame, idx: np.ndarray, indicator: str, tiers: np.ndarray) -> np.ndarray:
    out = np.full(len(idx), np.nan)
    for tier in np.unique(tiers):
        name = f"thr__{indicator}__{tier}"
        if name in classification:
            sel = tiers == tier
            out[sel] = pd.to_numeric(classification[name].iloc[idx[sel]], errors="coerce").to_numpy(dtype=float)
    return out


def assess_items(items: pd.DataFrame, classification: pd.DataFrame | None = None, catalog: Any = None,
                 options: AssessmentOptions | None = None) -> AssessmentResult:
    """Savings, tce, tCO2, CNY and finance per item, plus a summary (design.md JSON schema 1 keys)."""
    opts = options or AssessmentOptions()
    fs = opts.factors or FactorSet.default()
    if classification is None:
        if catalog is None:
            from ..catalog import get_catalog

            catalog = get_catalog()
        classification = catalog.classify_frame(items)
    n = len(items)
    meas = _per_item_measures(items, opts)
    res = pd.DataFrame(index=items.index)
    res["target_tier"] = meas["target_tier"]
    res["measure"] = meas["measure"]
    status = np.full(n, INSUFFICIENT, dtype=object)
    missing: list[list[str]] = [[] for _ in range(n)]
    method = np.full(n, None, dtype=object)
    note = np.full(n, "", dtype=object)
    kwh = np.full(n, np.nan)
    fuel = np.full(n, np.nan)
    fuel_kind = np.full(n, None, dtype=object)
    reactive = np.full(n, np.nan)
    products = items["product"].to_numpy(dtype=object) if "product" in items else np.full(n, None, dtype=object)
    tiers = (classification["tier"].to_numpy(dtype=object) if "tier" in classification
             else np.full(n, None, dtype=object))
    kinds = meas["measure"].to_numpy(dtype=object)
    targets = meas["target_tier"].to_numpy(dtype=object)
    qty = col(items, "quantity")
    qty = np.where(np.isnan(qty), 1.0, qty)

    tier_rank = np.array([TIER_RANK.get(Tier(t), -1) if t in Tier._value2member_map_ else -1 for t in tiers])
    target_rank = np.array([TIER_RANK[Tier(t)] for t in targets])
    replacing = np.isin(kinds, [k.value for k in REPLACING])
    meets = replacing & (tier_rank >= target_rank)
    status[meets] = NOT_APPLICABLE
    note[meets] = _("already meets the target tier")
    kwh[meets] = 0.0
    fuel[meets & np.isin(products, list(FUEL_PRODUCTS))] = 0.0

    for product in pd.unique(products):
        pmask = (products == product) & ~meets
        if not pmask.any():
            continue
        if product not in COMPUTE:
            status[pmask] = NOT_APPLICABLE
            note[pmask] = _("no savings method for this product")
            continue
        idx = np.nonzero(pmask)[0]
        sub = items.iloc[idx].copy()
        sub_kinds = kinds[idx]
        vsd_mask = sub_kinds == MeasureKind.VSD.value
        active = np.ones(len(idx), bool)
        if vsd_mask.any() and product not in VSD_REQUIRED:
            status[idx[vsd_mask]] = NOT_APPLICABLE
            note[idx[vsd_mask]] = _("a VSD measure applies to pumps and fans only")
            active &= ~vsd_mask
            vsd_mask[:] = False
        elif vsd_mask.any() and "vsd" in sub:
            has_vsd = sub["vsd"].map(lambda v: str(v).strip().lower() in _TRUE).to_numpy(dtype=bool)
            done = idx[vsd_mask & has_vsd]
            status[done], note[done], kwh[done] = NOT_APPLICABLE, _("already has a VSD"), 0.0
            active &= ~(vsd_mask & has_vsd)
            vsd_mask &= ~has_vsd
        miss: list[list[str]] = [[] for _ in range(len(idx))]
        for name in REQUIRED[product]:
            values = sub[name] if name in sub else pd.Series([None] * len(sub))
            for i in np.nonzero(pd.isna(values).to_numpy() & ~vsd_mask)[0]:
                miss[i].append(name)
        for name in VSD_REQUIRED.get(product, ()):
            for i in np.nonzero(np.isnan(col(sub, name)) & vsd_mask)[0]:
                miss[i].append(name)
        rewind = sub_kinds == MeasureKind.REPLACE_INSTEAD_OF_REWIND.value
        loss = meas["rewind_efficiency_loss_pct"].to_numpy(dtype=float)[idx]
        for i in np.nonzero(rewind & np.isnan(loss))[0]:
            miss[i].append("rewind_efficiency_loss_pct")
        ind_ok = np.zeros(len(idx), bool) if product == "chiller" else np.ones(len(idx), bool)
        ind_missing: list[list[str]] = [[] for _ in range(len(idx))]
        for ind, direction in INDICATORS[product].items():
            old = col(sub, ind)
            if direction is Direction.HIGHER:
                old = np.where(rewind, old - np.nan_to_num(loss), old)
            newval = meas[f"newval__{ind}"].to_numpy(dtype=float)[idx] if f"newval__{ind}" in meas else np.full(len(idx), np.nan)
            thr = _threshold(classification, idx, ind, targets[idx])
            better = np.fmax if direction is Direction.HIGHER else np.fmin
            from_thr = np.where(np.isnan(thr), np.nan, better(old, thr))  # never worse than the old unit
            new = np.where(np.isnan(newval), from_thr, newval)
            sub[f"old__{ind}"] = old
            sub[f"new__{ind}"] = np.where(np.isnan(old), np.nan, new)
            has = ~np.isnan(old) & ~np.isnan(new)
            for i in np.nonzero(np.isnan(old))[0]:
                ind_missing[i].append(ind)
            for i in np.nonzero(~np.isnan(old) & np.isnan(new) & ~vsd_mask)[0]:
                ind_missing[i].append(f"thr__{ind}__{targets[idx][i]}")
            ind_ok = (ind_ok | has) if product == "chiller" else (ind_ok & has)
        for i in np.nonzero(~ind_ok & ~vsd_mask)[0]:
            miss[i].extend(ind_missing[i])
        kw = {"vsd_mask": vsd_mask} if product in VSD_REQUIRED else {}
        out = COMPUTE[product](sub, fs, opts, **kw)
        for i in range(len(idx)):
            miss[i].extend(out.missing[i])
        values = out.fuel if product in FUEL_PRODUCTS else out.kwh
        for j, i in enumerate(idx):
            if not active[j]:
                continue
            missing[i] = miss[j]
            method[i] = out.method[j]
            if miss[j]:
                status[i] = INSUFFICIENT
            elif not np.isfinite(values[j]):
                status[i] = INSUFFICIENT
                missing[i] = [_("valid inputs (a value is zero or out of range)")]
            else:
                status[i] = OK
        ok_rows = active & np.array([not m for m in miss]) & np.isfinite(values)
        sel = idx[ok_rows]
        if product in FUEL_PRODUCTS:
            fuel[sel] = out.fuel[ok_rows] * qty[sel]
            fuel_kind[idx] = out.fuel_kind
        else:
            kwh[sel] = out.kwh[ok_rows] * qty[sel]
            reactive[sel] = out.reactive_kwh[ok_rows] * qty[sel]

    res["savings_status"] = status
    res["missing_fields"] = missing
    res["method"] = method
    res["note"] = note
    res["tier"] = tiers
    res["mandatory"] = tiers == Tier.BELOW_ENTRY.value
    res["kwh"] = kwh
    res["fuel"] = fuel
    res["fuel_kind"] = fuel_kind
    res["fuel_unit"] = [FUEL_UNITS.get(k) if isinstance(k, str) else None for k in fuel_kind]
    elec = electricity_outputs(kwh, fs)
    fuels = fuel_outputs(fuel, fuel_kind, fs)
    is_fuel = np.isin(products, list(FUEL_PRODUCTS))
    for key in ("tce_calorific", "tce_equivalent", "tco2", "cny"):
        res[key] = np.where(is_fuel, fuels[key], elec[key])
    res["kwh_reactive_equivalent"] = reactive
    add_finance(res, items, meas, opts, fs)
    summary = build_summary(res, items, fs, opts)
    return AssessmentResult(items=res, summary=summary, factors=fs)
