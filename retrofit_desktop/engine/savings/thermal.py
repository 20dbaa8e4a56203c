"""Boilers (fuel) and chillers (electricity) at the same heat or cooling delivered (methods.md 3.5, 3.6)."""

from __future__ import annotations

import numpy as np

from ...i18n import N_

METHOD_BOILER = N_("boiler: fuel_old × (1 − η_old/η_new) at the same useful heat")
METHOD_CHILLER_IPLV = N_("chiller: Q_cool × (1/IPLV_old − 1/IPLV_new)")
METHOD_CHILLER_COP = N_("chiller: Q_cool × (1/COP_old − 1/COP_new) at the rated point")


def boiler_fuel_saved(annual_fuel_use, eff_old_pct, eff_new_pct) -> np.ndarray:
    """Fuel saved per year (same unit as ``annual_fuel_use``): B_old × (1 − η_old/η_new)."""
    return np.asarray(annual_fuel_use, dtype=float) * (
        1.0 - np.asarray(eff_old_pct, dtype=float) / np.asarray(eff_new_pct, dtype=float)
    )


def chiller_kwh(annual_cooling_kwh, cop_old, cop_new) -> np.ndarray:
    """kWh/yr saved: cooling delivered (kWh thermal) × (1/COP_old − 1/COP_new); COP or IPLV in W/W."""
    return np.asarray(annual_cooling_kwh, dtype=float) * (
        1.0 / np.asarray(cop_old, dtype=float) - 1.0 / np.asarray(cop_new, dtype=float)
    )
