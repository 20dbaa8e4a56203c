"""Transformer loss saving (methods.md 3.4; GB/T 13462 structure)."""

from __future__ import annotations

import numpy as np

from ...i18n import N_

METHOD_TRANSFORMER = N_("transformer: (P0 × T0 + K_T·β²·Pk × τ) old − new, active losses only")


def transformer_loss_kwh(
    no_load_loss_w, load_loss_w, load_factor, energised_hours, load_loss_hours, k_t: float = 1.0
) -> np.ndarray:
    """Annual active loss energy (kWh) of one transformer: (P0·T0 + K_T·β²·Pk·τ) / 1000, losses in W.

    Savings = loss(old) − loss(new) at the same β, T0 and τ. ``k_t`` (load-fluctuation factor) is 1
    unless the user sets it (methods.md: ≈1.05 for steady load, unverified).
    """
    beta = np.asarray(load_factor, dtype=float)
    return (
        np.asarray(no_load_loss_w, dtype=float) * np.asarray(energised_hours, dtype=float)
        + k_t * beta**2 * np.asarray(load_loss_w, dtype=float) * np.asarray(load_loss_hours, dtype=float)
    ) / 1000.0


def transformer_reactive_kwh(
    rated_kva,
    no_load_current_pct,
    impedance_pct,
    load_factor,
    energised_hours,
    load_loss_hours,
    k_q: float,
    k_t: float = 1.0,
) -> np.ndarray:
    """Reactive economic equivalent (kWh/yr): K_Q·(Q0·T0 + K_T·β²·Qk·τ), Q0 = I0%·S_N/100, Qk = Uk%·S_N/100.

    A system-level indicator shown beside the active saving, never added to billed savings.
    """
    s_n = np.asarray(rated_kva, dtype=float)
    q0 = np.asarray(no_load_current_pct, dtype=float) * s_n / 100.0
    qk = np.asarray(impedance_pct, dtype=float) * s_n / 100.0
    beta = np.asarray(load_factor, dtype=float)
    return k_q * (
        q0 * np.asarray(energised_hours, dtype=float)
        + k_t * beta**2 * qk * np.asarray(load_loss_hours, dtype=float)
    )
