"""Boilers (fuel) and chillers (electricity) at the same heat or cooling delivered (methods.md 3.5, 3.6)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ...i18n import N_

METHOD_BOILER = N_("boiler: fuel_old × (1 − η_old/η_new) at the same useful heat")
METHOD_CHILLER_IPLV = N_("chiller: Q_cool × (1/IPLV_old − 1/IPLV_new)")
METHOD_CHILLER_COP = N_("chiller: Q_cool × (1/COP_old − 1/COP_new) at the rated point")


def boiler_fuel_saved(
    annual_fuel_use: npt.ArrayLike, eff_old_pct: npt.ArrayLike, eff_new_pct: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """Fuel saved per year (same unit as ``annual_fuel_use``): B_old × (1 − η_old/η_new)."""
    return np.asarray(annual_fuel_use, dtype=np.float64) * (
        1.0 - np.asarray(eff_old_pct, dtype=np.float64) / np.asarray(eff_new_pct, dtype=np.float64)
    )


def chiller_kwh(
    annual_cooling_kwh: npt.ArrayLike, cop_old: npt.ArrayLike, cop_new: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """kWh/yr saved: cooling delivered (kWh thermal) × (1/COP_old − 1/COP_new); COP or IPLV in W/W."""
    return np.asarray(annual_cooling_kwh, dtype=np.float64) * (
        1.0 / np.asarray(cop_old, dtype=np.float64) - 1.0 / np.asarray(cop_new, dtype=np.float64)
    )
