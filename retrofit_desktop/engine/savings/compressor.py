"""Air compressor replacement at the same delivered air (methods.md 3.3)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ...i18n import N_

METHOD_COMPRESSOR = N_("air compressor: Q_FAD × loaded h × (SP_old − SP_new), loaded operation only")


def compressor_kwh(
    delivered_air_m3min: npt.ArrayLike,
    loaded_hours: npt.ArrayLike,
    sp_old: npt.ArrayLike,
    sp_new: npt.ArrayLike,
) -> npt.NDArray[np.float64]:
    """kWh/yr saved: delivered air (m³/min) × loaded hours × (specific power old − new) in kW/(m³/min).

    Unloaded running is not counted (its power depends on the control type; methods.md 3.3), so the
    figure is the loaded-mode saving at equal free-air delivery.
    """
    return (
        np.asarray(delivered_air_m3min, dtype=np.float64)
        * np.asarray(loaded_hours, dtype=np.float64)
        * (np.asarray(sp_old, dtype=np.float64) - np.asarray(sp_new, dtype=np.float64))
    )
