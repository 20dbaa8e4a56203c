"""Financial metrics per measure, vectorised over items (methods.md 4).

Cash flows of a measure (project view, financing itself not modelled):
  year 0: −investment + capital subsidy + residual/recycling value of the removed equipment;
  years 1..N: annual energy-cost saving − O&M change
              (+ loan-interest subsidy in years 1..min(years, term): outstanding principal × points/100)
              (+ income-tax credit in year 1 when enabled: rate × investment).
Simple payback = (investment − capital subsidy − residual) / (saving − O&M change) (None when the
net annual saving is not positive). NPV at the discount rate; IRR by bisection on a bracket with a
sign change (None when NPV does not change sign between −99% and +1000%). CRF(r, N) =
r(1+r)^N/((1+r)^N − 1). Cost of conserved energy CCE = (net investment × CRF + O&M change)/kWh;
abatement cost = (net investment × CRF + O&M change − CNY saving)/tCO2 (negative = net gain).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

IRR_LOW, IRR_HIGH = -0.99, 10.0


def npv(rate: float, cash_flows: Sequence[float]) -> float:
    """Σ CF_t / (1+r)^t, t = 0, 1, ... (CF_0 undiscounted)."""
    t = np.arange(len(cash_flows))
    return float(np.sum(np.asarray(cash_flows, dtype=float) / (1.0 + rate) ** t))


def irr(cash_flows: Sequence[float], low: float = IRR_LOW, high: float = IRR_HIGH) -> float | None:
    """Internal rate of return of one cash-flow series, or None when NPV has no sign change.

    Scans [low, high] on a grid for the first sign change, then bisects it to 1e-12. With several
    sign changes (non-conventional flows) the lowest root is returned.
    """
    grid = np.concatenate([np.linspace(low, 1.0, 400), np.linspace(1.0, high, 200)[1:]])
    values = np.array([npv(r, cash_flows) for r in grid])
    if np.any(values == 0.0):
        return float(grid[np.argmax(values == 0.0)])
    change = np.nonzero(np.sign(values[:-1]) != np.sign(values[1:]))[0]
    if change.size == 0:
        return None
    lo, hi = grid[change[0]], grid[change[0] + 1]
    f_lo = npv(lo, cash_flows)
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        f_mid = npv(mid, cash_flows)
        if f_mid == 0.0 or hi - lo < 1e-12:
            return float(mid)
        if np.sign(f_mid) == np.sign(f_lo):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return float(0.5 * (lo + hi))


def crf(rate: npt.ArrayLike, years: npt.ArrayLike) -> np.ndarray:
    """Capital recovery factor r(1+r)^N/((1+r)^N − 1); 1/N when r = 0."""
    r = np.asarray(rate, dtype=float)
    n = np.asarray(years, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = (1.0 + r) ** n
        out = np.where(r == 0, 1.0 / n, r * growth / (growth - 1.0))
    return out


@dataclass(frozen=True)
class FinanceOptions:
    """Finance assumptions; defaults come from the FactorSet (see ``AssessmentOptions``)."""

    discount_rate: float
    capital_subsidy_share: float = 0.0  # fraction of investment paid by a capital grant at year 0
    capital_subsidy_cap_cny: float | None = None  # per measure
    loan_share: float | None = None  # fraction of investment financed by an eligible loan; None = no loan
    loan_term_years: int | None = None  # equal principal repayments; None = principal outstanding throughout
    loan_disbursed: date | None = None  # None: eligibility by the end date is assumed (stated in notes)
    loan_subsidy_points: float = 0.0  # percentage points
    loan_subsidy_years: int = 0
    loan_subsidy_end: date | None = None
    tax_credit: bool = False
    tax_credit_rate: float = 0.0

    def loan_subsidy_applies(self) -> bool:
        if not self.loan_share or self.loan_subsidy_points <= 0 or self.loan_subsidy_years <= 0:
            return False
        if self.loan_disbursed is not None and self.loan_subsidy_end is not None:
            return self.loan_disbursed <= self.loan_subsidy_end
        return True


def cash_flow_matrix(
    investment: npt.ArrayLike,
    annual_saving: npt.ArrayLike,
    lifetime_years: npt.ArrayLike,
    residual_value: npt.ArrayLike,
    om_change: npt.ArrayLike,
    opts: FinanceOptions,
) -> np.ndarray:
    """Rows = items, columns = years 0..max(N). NaN rows where an input is missing."""
    inv = np.asarray(investment, dtype=float)
    n_items = inv.shape[0]
    life = np.asarray(lifetime_years, dtype=float)
    saving = np.asarray(annual_saving, dtype=float) - np.asarray(om_change, dtype=float)
    finite_life = life[np.isfinite(life)]
    horizon = int(finite_life.max()) if finite_life.size else 0
    years = np.arange(horizon + 1)
    cf = np.zeros((n_items, horizon + 1))
    active = (years[None, :] >= 1) & (years[None, :] <= np.nan_to_num(life, nan=0.0)[:, None])
    cf += np.where(active, saving[:, None], 0.0)
    cf[:, 0] = -inv + capital_subsidy(inv, opts) + np.asarray(residual_value, dtype=float)
    if opts.loan_subsidy_applies():
        principal = inv * float(opts.loan_share or 0.0)  # loan_subsidy_applies: a share is given
        for t in range(1, min(opts.loan_subsidy_years, horizon) + 1):
            outstanding = 1.0
            if opts.loan_term_years:
                outstanding = max(0.0, 1.0 - (t - 1) / opts.loan_term_years)
            cf[:, t] += np.where(t <= life, principal * outstanding * opts.loan_subsidy_points / 100.0, 0.0)
    if opts.tax_credit and horizon >= 1:
        cf[:, 1] += inv * opts.tax_credit_rate
    bad = ~(
        np.isfinite(inv)
        & np.isfinite(saving)
        & np.isfinite(life)
        & (life >= 1)
        & np.isfinite(np.asarray(residual_value, dtype=float))
    )
    cf[bad, :] = np.nan
    return cf


def capital_subsidy(investment: npt.ArrayLike, opts: FinanceOptions) -> np.ndarray:
    sub = np.asarray(investment, dtype=float) * opts.capital_subsidy_share
    if opts.capital_subsidy_cap_cny is not None:
        sub = np.minimum(sub, opts.capital_subsidy_cap_cny)
    return sub


def npv_matrix(rate: float, cf: np.ndarray) -> np.ndarray:
    disc = (1.0 + rate) ** -np.arange(cf.shape[1], dtype=float)
    return cf @ disc


def irr_matrix(
    cf: np.ndarray, low: float = IRR_LOW, high: float = IRR_HIGH, iterations: int = 80
) -> np.ndarray:
    """Vectorised IRR by bisection; NaN where NPV(low) and NPV(high) have the same sign or data is missing."""
    lo = np.full(cf.shape[0], low)
    hi = np.full(cf.shape[0], high)
    f_lo = npv_matrix(low, cf)
    f_hi = npv_matrix(high, cf)
    ok = np.isfinite(f_lo) & np.isfinite(f_hi) & (np.sign(f_lo) != np.sign(f_hi))
    years = np.arange(cf.shape[1], dtype=float)
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        f_mid = np.einsum("ij,ij->i", np.nan_to_num(cf), (1.0 + mid[:, None]) ** -years[None, :])
        same = np.sign(f_mid) == np.sign(f_lo)
        lo = np.where(same, mid, lo)
        f_lo = np.where(same, f_mid, f_lo)
        hi = np.where(same, hi, mid)
    return np.where(ok, 0.5 * (lo + hi), np.nan)


def simple_payback(
    investment: npt.ArrayLike,
    annual_saving: npt.ArrayLike,
    om_change: npt.ArrayLike,
    residual_value: npt.ArrayLike,
    opts: FinanceOptions,
) -> np.ndarray:
    inv = np.asarray(investment, dtype=float)
    net_inv = inv - capital_subsidy(inv, opts) - np.asarray(residual_value, dtype=float)
    net_saving = np.asarray(annual_saving, dtype=float) - np.asarray(om_change, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(net_saving > 0, np.maximum(net_inv, 0.0) / net_saving, np.nan)


def levelised_costs(
    investment: npt.ArrayLike,
    lifetime_years: npt.ArrayLike,
    residual_value: npt.ArrayLike,
    om_change: npt.ArrayLike,
    kwh: npt.ArrayLike,
    tco2: npt.ArrayLike,
    cny: npt.ArrayLike,
    opts: FinanceOptions,
) -> tuple[np.ndarray, np.ndarray]:
    """(CCE in CNY/kWh, abatement cost in CNY/tCO2); NaN where the denominator is not positive."""
    inv = np.asarray(investment, dtype=float)
    net_inv = inv - capital_subsidy(inv, opts) - np.asarray(residual_value, dtype=float)
    annual_cost = net_inv * crf(opts.discount_rate, lifetime_years) + np.asarray(om_change, dtype=float)
    kwh = np.asarray(kwh, dtype=float)
    tco2 = np.asarray(tco2, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        cce = np.where(kwh > 0, annual_cost / kwh, np.nan)
        mac = np.where(tco2 > 0, (annual_cost - np.asarray(cny, dtype=float)) / tco2, np.nan)
    return cce, mac
