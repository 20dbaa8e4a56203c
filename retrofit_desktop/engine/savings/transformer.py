"""Transformer loss saving (methods.md 3.4; GB/T 13462 structure)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ...i18n import N_

METHOD_TRANSFORMER = N_("transformer: (P0 × T0 + K_T·β²·Pk × τ) old − new, active losses only")


def transformer_loss_kwh(
    no_load_loss_w: npt.ArrayLike,
    load_loss_w: npt.ArrayLike,
    load_factor: npt.ArrayLike,
    energised_hours: npt.ArrayLike,
    load_loss_hours: npt.ArrayLike,
    k_t: float = 1.0,
) -> npt.NDArray[np.float64]:
    """Annual active loss energy (kWh) of one transformer: (P0·T0 + K_T·β²·Pk·τ) / 1000, losses in W.

    Savings = loss(old) − loss(new) at the same β, T0 and τ. ``k_t`` (load-fluctuation factor) is 1
    unless the user sets it (methods.md: ≈1.05 for steady load, unverified).
    """
    beta = np.asarray(load_factor, dtype=np.float64)
    return (
        np.asarray(no_load_loss_w, dtype=np.float64) * np.asarray(energised_hours, dtype=np.float64)
        + k_t
        * beta**2
        * np.asarray(load_loss_w, dtype=np.float64)
        * np.asarray(load_loss_hours, dtype=np.float64)
    ) / 1000.0


def transformer_reactive_kwh(
    rated_kva: npt.ArrayLike,
    no_load_current_pct: npt.ArrayLike,
    impedance_pct: npt.ArrayLike,
    load_factor: npt.ArrayLike,
    energised_hours: npt.ArrayLike,
    load_loss_hours: npt.ArrayLike,
    k_q: float,
    k_t: float = 1.0,
) -> npt.NDArray[np.float64]:
    """Reactive economic equivalent (kWh/yr): K_Q·(Q0·T0 + K_T·β²·Qk·τ), Q0 = I0%·S_N/100, Qk = Uk%·S_N/100.

    A system-level indicator shown beside the active saving, never added to billed savings.
    """
    s_n = np.asarray(rated_kva, dtype=np.float64)
    q0 = np.asarray(no_load_current_pct, dtype=np.float64) * s_n / 100.0
    qk = np.asarray(impedance_pct, dtype=np.float64) * s_n / 100.0
    beta = np.asarray(load_factor, dtype=np.float64)
    return k_q * (
        q0 * np.asarray(energised_hours, dtype=np.float64)
        + k_t * beta**2 * qk * np.asarray(load_loss_hours, dtype=np.float64)
    )
