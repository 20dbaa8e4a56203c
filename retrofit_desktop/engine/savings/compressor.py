"""Air compressor replacement at the same delivered air (methods.md 3.3)."""

from __future__ import annotations

import numpy as np

from ...i18n import N_

METHOD_COMPRESSOR = N_("air compressor: Q_FAD × loaded h × (SP_old − SP_new), loaded operation only")


def compressor_kwh(delivered_air_m3min, loaded_hours, sp_old, sp_new) -> np.ndarray:
    """kWh/yr saved: delivered air (m³/min) × loaded hours × (specific power old − new) in kW/(m³/min).

    Unloaded running is not counted (its power depends on the control type; methods.md 3.3), so the
    figure is the loaded-mode saving at equal free-air delivery.
    """
    return (
        np.asarray(delivered_air_m3min, dtype=float)
        * np.asarray(loaded_hours, dtype=float)
        * (np.asarray(sp_old, dtype=float) - np.asarray(sp_new, dtype=float))
    )
