"""The summary dict of an assessment (design.md JSON schema 1 ``summary`` keys plus engine extras)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..domain import TIER_ORDER, SavingsStatus
from ..i18n import N_, _
from .factors import FUEL_UNITS, FactorSet
from .portfolio import Totals, mac_curve

if TYPE_CHECKING:  # a type only: assess.py imports this module
    from .assess import AssessmentOptions

CONVENTION = N_(
    "tce.calorific = 当量值 (electricity 0.1229 kgce/kWh, GB/T 2589-2020); tce.equivalent = 等价值 "
    "(electricity at the editable equivalent factor); fuels have one tce figure on both bases"
)

_LOAN_NOTE = N_(
    "Loan-interest subsidy: {points} percentage points for up to {years} years on {share:.0%} of the "
    "investment; disbursement by {end} is assumed unless a date was given."
)


def _sum(values: np.ndarray, mask: np.ndarray) -> float | None:
    """Sum of the masked values ignoring NaN; None when all of them are missing."""
    v = values[mask]
    present = ~np.isnan(v)
    return float(v[present].sum()) if present.any() else None


def _payback(num: dict[str, np.ndarray], ok: np.ndarray) -> dict[str, Any]:
    """The proposal's simple payback: the items' own formula summed over the items that have one,
    Σ(investment − capital subsidy − residual) / Σ(cost saving − O&M change); None when none has."""
    sel = ok & np.isfinite(num["net_investment"]) & np.isfinite(num["net_annual_saving"])
    saving = float(num["net_annual_saving"][sel].sum()) if sel.any() else 0.0
    return {
        "payback_years": float(num["net_investment"][sel].sum()) / saving if saving > 0 else None,
        "payback_items": int(sel.sum()),
    }


def build_summary(
    res: pd.DataFrame, items: pd.DataFrame, fs: FactorSet, opts: AssessmentOptions
) -> dict[str, Any]:
    status = res["savings_status"].to_numpy(dtype=object)
    ok = status == SavingsStatus.OK
    counted = ok | (status == SavingsStatus.NOT_APPLICABLE)
    num = {
        c: res[c].to_numpy(dtype=float)
        for c in (
            "kwh",
            "fuel",
            "tce_calorific",
            "tce_equivalent",
            "tco2",
            "cny",
            "investment",
            "npv",
            "net_investment",
            "net_annual_saving",
        )
    }
    fuel_kind = res["fuel_kind"].to_numpy(dtype=object)
    notes: list[str] = []
    if fs.grid.fallback:
        notes.append(fs.grid.fallback)
    cny: float | None = _sum(num["cny"], counted)
    # The part that could be priced, so a missing fuel price does not hide the electricity saving.
    cny_priced = cny
    cny_unpriced = int((ok & np.isnan(num["cny"])).sum())
    if fs.price_electricity is None and (ok & ~np.isnan(num["kwh"])).any():
        cny = None
        notes.append(
            _(
                "Cost figures are missing: no electricity price was given (enter the average price from the "
                "bill)."
            )
        )
    elif np.isnan(num["cny"][ok]).any():
        cny = None
        notes.append(_("Cost figures are missing for some items: a fuel or electricity price was not given."))
    insufficient = int((status == SavingsStatus.INSUFFICIENT_DATA).sum())
    if insufficient:
        notes.append(
            _("{n} items lack data for a savings estimate; they are listed with the missing fields.").format(
                n=insufficient
            )
        )
    if (fuel_kind[pd.notna(fuel_kind)] == "biomass").any():
        notes.append(_("Biomass is treated as carbon-neutral (biogenic CO2 not counted)."))
    if (~np.isnan(num["investment"])).any():
        notes += _finance_notes(fs, opts)
    totals = Totals(res)
    tier_counts = pd.Series(res["tier"].to_numpy(dtype=object)).value_counts()
    by_tier = {t.value: int(tier_counts.get(t.value, 0)) for t in TIER_ORDER}
    status_counts = pd.Series(status).value_counts()
    products = items["product"] if "product" in items else pd.Series([None] * len(items), index=items.index)
    sites = items["site"] if "site" in items else pd.Series([None] * len(items), index=items.index)
    mandatory = res.index[res["mandatory"].to_numpy(dtype=bool)]
    has_fuel = pd.notna(fuel_kind)
    fuels = {}
    if has_fuel.any():
        kinds_present = fuel_kind[has_fuel]
        for k in FUEL_UNITS:
            sel = kinds_present == k
            if sel.any():
                fuels[k] = _sum(num["fuel"][has_fuel], counted[has_fuel] & sel)
    return {
        "kwh": _sum(num["kwh"], counted),
        "fuel": fuels,
        "tce": {
            "calorific": _sum(num["tce_calorific"], counted),
            "equivalent": _sum(num["tce_equivalent"], counted),
            "convention": _(CONVENTION),
        },
        "tco2": _sum(num["tco2"], counted),
        "cny": cny,
        "cny_priced": cny_priced,
        "cny_unpriced_items": cny_unpriced,
        "investment": _sum(num["investment"], ok),
        "npv": _sum(num["npv"], ok),
        **_payback(num, ok),
        "target_tier": opts.target.value,
        "by_tier": by_tier,
        "by_status": {str(k): int(v) for k, v in status_counts.items()},
        "by_product": totals.by(products),
        "by_target_tier": totals.by(res["target_tier"]),
        "totals_by_tier": totals.by(res["tier"]),
        "by_site": totals.by(sites),
        "mandatory_items": mandatory.tolist(),
        "mac_curve": mac_curve(res, items),
        "factors": fs.to_json(),
        "notes": notes,
    }


def _finance_notes(fs: FactorSet, opts: AssessmentOptions) -> list[str]:
    """The assumptions of the finance figures: residual value and O&M, loan subsidy, tax credit."""
    notes = [_("Residual value and O&M change count as 0 where not entered.")]
    fo = opts.finance.finance_options(fs)
    if fo.loan_subsidy_applies():
        notes.append(
            _(_LOAN_NOTE).format(
                points=fo.loan_subsidy_points,
                years=fo.loan_subsidy_years,
                share=fo.loan_share,
                end=fo.loan_subsidy_end,
            )
        )
    elif opts.finance.loan_share:
        notes.append(
            _("No loan-interest subsidy: the loan was disbursed after {end}.").format(end=fo.loan_subsidy_end)
        )
    if opts.finance.tax_credit:
        notes.append(
            _(
                "Income-tax credit of {rate:.0%} of the investment included (rule unverified; needs "
                "taxable profit)."
            ).format(rate=fo.tax_credit_rate)
        )
    return notes
