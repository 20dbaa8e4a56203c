"""Finance columns of an assessment: investment, payback, NPV, IRR, CCE and abatement cost per item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..domain import SavingsStatus, Tier
from .factors import FactorSet
from .finance import (
    FinanceOptions,
    capital_subsidy,
    cash_flow_matrix,
    irr_matrix,
    levelised_costs,
    npv_matrix,
    simple_payback,
)
from .measures import MeasureKind

if TYPE_CHECKING:  # a type only: assess.py imports this module
    from .assess import AssessmentOptions


@dataclass(frozen=True)
class FinanceSettings:
    """User choices; rates and subsidy rules come from the FactorSet (cited, editable there)."""

    capital_subsidy_share: float = 0.0
    capital_subsidy_cap_cny: float | None = None
    loan_share: float | None = None  # share of investment on an eligible equipment-renewal loan
    loan_term_years: int | None = None
    loan_disbursed: date | None = None
    tax_credit: bool = False  # 10% income-tax credit (unverified rule), off by default

    def finance_options(self, fs: FactorSet) -> FinanceOptions:
        end = fs["loan_subsidy_end"].value
        return FinanceOptions(
            discount_rate=fs.discount_rate,
            capital_subsidy_share=self.capital_subsidy_share,
            capital_subsidy_cap_cny=self.capital_subsidy_cap_cny,
            loan_share=self.loan_share,
            loan_term_years=self.loan_term_years,
            loan_disbursed=self.loan_disbursed,
            loan_subsidy_points=fs.value("loan_subsidy_points") or 0.0,
            loan_subsidy_years=int(fs.value("loan_subsidy_years") or 0),
            loan_subsidy_end=date.fromisoformat(str(end)) if end else None,
            tax_credit=self.tax_credit,
            tax_credit_rate=fs.value("tax_credit_rate") or 0.0,
        )


def _investment(
    items: pd.DataFrame, meas: pd.DataFrame, opts: AssessmentOptions, qty: np.ndarray
) -> np.ndarray:
    inv: npt.NDArray[np.float64] = meas["investment_cny"].to_numpy(dtype=float).copy()
    if opts.price_list is None:
        return inv
    kinds = meas["measure"].to_numpy(dtype=object)
    targets = meas["target_tier"].to_numpy(dtype=object)
    target_price = opts.price_list.lookup(items, targets) * qty
    entry_price = opts.price_list.lookup(items, np.full(len(items), Tier.ENTRY.value, dtype=object)) * qty
    fill = np.isnan(inv)
    inv = np.where(fill & (kinds == MeasureKind.REPLACE.value), target_price, inv)
    inv = np.where(fill & (kinds == MeasureKind.REPLACE_AT_FAILURE.value), target_price - entry_price, inv)
    return inv


def add_finance(
    res: pd.DataFrame, items: pd.DataFrame, meas: pd.DataFrame, opts: AssessmentOptions, fs: FactorSet
) -> None:
    """Add finance columns in place; NaN wherever an input (investment, lifetime, price) is missing."""
    fo = opts.finance.finance_options(fs)
    qty = (
        pd.to_numeric(items["quantity"], errors="coerce").to_numpy(dtype=float)
        if "quantity" in items
        else np.ones(len(items))
    )
    qty = np.where(np.isnan(qty), 1.0, qty)
    inv = _investment(items, meas, opts, qty)
    ok = res["savings_status"].to_numpy(dtype=object) == SavingsStatus.OK
    inv = np.where(ok, inv, np.nan)
    life = np.where(ok, meas["lifetime_years"].to_numpy(dtype=float), np.nan)
    kinds = meas["measure"].to_numpy(dtype=object)
    residual = np.where(
        kinds == MeasureKind.REPLACE.value,
        np.nan_to_num(meas["residual_value_cny"].to_numpy(dtype=float)),
        0.0,
    )
    om = np.nan_to_num(meas["om_change_cny"].to_numpy(dtype=float))
    cny = res["cny"].to_numpy(dtype=float)
    res["investment"] = inv
    res["lifetime_years"] = life
    res["residual_value"] = np.where(np.isfinite(inv), residual, np.nan)
    res["capital_subsidy"] = capital_subsidy(inv, fo)
    res["payback_years"] = simple_payback(inv, cny, om, residual, fo)
    # the two sides of that payback, so the proposal's payback is the same formula summed (issue 11 C.12)
    has_payback = np.isfinite(res["payback_years"].to_numpy(dtype=float))
    res["net_investment"] = np.where(
        has_payback, np.maximum(inv - res["capital_subsidy"].to_numpy(dtype=float) - residual, 0.0), np.nan
    )
    res["net_annual_saving"] = np.where(has_payback, cny - om, np.nan)
    has = np.isfinite(inv) & np.isfinite(life) & np.isfinite(cny)
    npv = np.full(len(res), np.nan)
    irr = np.full(len(res), np.nan)
    if has.any():
        cf = cash_flow_matrix(inv[has], cny[has], life[has], residual[has], om[has], fo)
        npv[has] = npv_matrix(fo.discount_rate, cf)
        irr[has] = irr_matrix(cf)
    res["npv"] = npv
    res["irr"] = irr
    cce, mac = levelised_costs(
        inv, life, residual, om, res["kwh"].to_numpy(dtype=float), res["tco2"].to_numpy(dtype=float), cny, fo
    )
    res["cce_cny_per_kwh"] = cce
    res["abatement_cny_per_tco2"] = mac
