"""Motor replacement saving at equal shaft output (methods.md 3.1)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ...i18n import N_

METHOD_MOTOR = N_("motor: P_out × h × (1/η_old − 1/η_new), P_out = P_N × β, rated efficiencies")
METHOD_MOTOR_PART_LOAD = N_(
    "motor: P_out × h × (1/η_old(β) − 1/η_new(β)), loss-model part-load correction (unverified)"
)


def part_load_efficiency(
    eff_rated_pct: npt.ArrayLike, load_factor: npt.ArrayLike, constant_loss_share: float
) -> npt.NDArray[np.float64]:
    """Efficiency (%) at load factor β from the rated efficiency with a two-part loss model.

    P_loss,N = P_N (1/η_N − 1); constant loss P_0 = k·P_loss,N; load loss at rated P_Cu = P_loss,N − P_0;
    η(β) = β / (β + k·L + β²·(1 − k)·L) with L = 1/η_N − 1 (per unit of P_N). The share k (methods.md:
    0.25–0.40 typical) is an UNVERIFIED assumption; prefer measured part-load efficiencies.
    """
    eta = np.asarray(eff_rated_pct, dtype=np.float64) / 100.0
    beta = np.asarray(load_factor, dtype=np.float64)
    loss = 1.0 / eta - 1.0
    k = float(constant_loss_share)
    return 100.0 * beta / (beta + k * loss + beta**2 * (1.0 - k) * loss)


def motor_kwh(
    rated_power_kw: npt.ArrayLike,
    load_factor: npt.ArrayLike,
    annual_hours: npt.ArrayLike,
    eff_old_pct: npt.ArrayLike,
    eff_new_pct: npt.ArrayLike,
    *,
    constant_loss_share: float | None = None,
) -> npt.NDArray[np.float64]:
    """Annual electricity saved (kWh) by one motor running the same shaft load with a better efficiency.

    ΔE = P_out · t · (100/η_old − 100/η_new), P_out = rated_power_kw × load_factor (kW), t in h/yr,
    η in %. With ``constant_loss_share`` the efficiencies are first corrected to the load factor
    (``part_load_efficiency``); by default the rated efficiencies are used.
    """
    p_out = np.asarray(rated_power_kw, dtype=np.float64) * np.asarray(load_factor, dtype=np.float64)
    old = np.asarray(eff_old_pct, dtype=np.float64)
    new = np.asarray(eff_new_pct, dtype=np.float64)
    if constant_loss_share is not None:
        old = part_load_efficiency(old, load_factor, constant_loss_share)
        new = part_load_efficiency(new, load_factor, constant_loss_share)
    return p_out * np.asarray(annual_hours, dtype=np.float64) * (100.0 / old - 100.0 / new)
