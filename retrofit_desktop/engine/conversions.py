"""Turn saved kWh or fuel into tce (当量值 and 等价值), tCO2 and CNY — vectorised, no pint.

Conventions (methods.md 3.8): tce(calorific 当量值) = kWh × 0.1229 kgce/kWh / 1000;
tce(equivalent 等价值) = kWh × f_eq / 1000; tCO2 = kWh × EF_grid(kgCO2/kWh) / 1000;
fuel: tce = quantity × 折标系数, tCO2 = quantity × EF_fuel. A fuel has one tce figure, reported on both
bases. A missing factor or price gives NaN, never 0.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..i18n import _
from .factors import FUEL_UNITS, FactorSet
from .regions import FactorError

#: Accepted spellings of fuel units → (canonical unit, multiplier to the canonical unit).
_UNIT_ALIASES: dict[str, tuple[str, float]] = {
    "t": ("t", 1.0),
    "tonne": ("t", 1.0),
    "tonnes": ("t", 1.0),
    "吨": ("t", 1.0),
    "kg": ("t", 1e-3),
    "千克": ("t", 1e-3),
    "公斤": ("t", 1e-3),
    "m3": ("m3", 1.0),
    "m³": ("m3", 1.0),
    "nm3": ("m3", 1.0),
    "nm³": ("m3", 1.0),
    "立方米": ("m3", 1.0),
    "1e4 m3": ("m3", 1e4),
    "10^4 m3": ("m3", 1e4),
    "10^4m3": ("m3", 1e4),
    "万m3": ("m3", 1e4),
    "万m³": ("m3", 1e4),
    "万nm3": ("m3", 1e4),
    "万立方米": ("m3", 1e4),
    "gj": ("GJ", 1.0),
    "mj": ("GJ", 1e-3),
    "吉焦": ("GJ", 1.0),
}


def fuel_to_canonical(
    quantity: npt.ArrayLike, fuel_kind: npt.ArrayLike, fuel_unit: npt.ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """Fuel quantities in each fuel's canonical unit (``FUEL_UNITS``).

    Returns (quantities, problems) where ``problems`` holds a reason string for each row whose
    fuel or unit is unknown or incompatible (its quantity is NaN) and "" otherwise.
    """
    q = np.asarray(quantity, dtype=float)
    kinds = pd.Series(np.asarray(fuel_kind, dtype=object), dtype=object)
    units = pd.Series(np.asarray(fuel_unit, dtype=object), dtype=object)
    # work on the few distinct (kind, unit) pairs, not on every row
    pair_codes, pairs = pd.factorize(
        pd.Series(list(zip(kinds, units, strict=True)), dtype=object), use_na_sentinel=False
    )
    pair_mult = np.full(len(pairs), np.nan)
    pair_canon: list[str | None] = [None] * len(pairs)
    for j, (kind, unit) in enumerate(pairs):
        alias = _UNIT_ALIASES.get(unit.strip().lower()) if isinstance(unit, str) else None
        pair_canon[j] = alias[0] if alias is not None else None
        if (
            alias is not None
            and isinstance(kind, str)
            and kind in FUEL_UNITS
            and alias[0] == FUEL_UNITS[kind]
        ):
            pair_mult[j] = alias[1]
    mult = pair_mult[pair_codes] if len(pairs) else np.full(q.shape, np.nan)
    good = ~np.isnan(mult)
    out = q * mult
    problems = np.full(q.shape, "", dtype=object)
    for i in np.nonzero(~good)[0]:  # only the bad rows get a message
        kind, unit, c = kinds.iat[i], units.iat[i], pair_canon[pair_codes[i]]
        if not isinstance(kind, str) or kind not in FUEL_UNITS:
            problems[i] = _("unknown fuel_kind {kind!r}").format(kind=kind)
        elif c is None:
            problems[i] = _("unknown fuel_unit {unit!r}").format(unit=unit)
        else:
            problems[i] = _("fuel_unit {unit!r} does not fit {kind} (expected {expected})").format(
                unit=unit, kind=kind, expected=FUEL_UNITS[kind]
            )
    return out, problems


def electricity_outputs(kwh: npt.ArrayLike, factors: FactorSet) -> dict[str, np.ndarray]:
    """tce on both bases, tCO2 and CNY for saved electricity (kWh/yr)."""
    kwh = np.asarray(kwh, dtype=float)
    price = factors.price_electricity
    return {
        "tce_calorific": kwh * factors.tce_calorific / 1000.0,
        "tce_equivalent": kwh * factors.tce_equivalent / 1000.0,
        "tco2": kwh * factors.grid_co2 / 1000.0,
        "cny": kwh * price if price is not None else np.full(kwh.shape, np.nan),
    }


def fuel_outputs(
    fuel_saved: npt.ArrayLike, fuel_kind: npt.ArrayLike, factors: FactorSet
) -> dict[str, np.ndarray]:
    """tce, tCO2 and CNY for saved fuel given in each fuel's canonical unit."""
    fuel_saved = np.asarray(fuel_saved, dtype=float)
    kinds = np.asarray(pd.Series(fuel_kind, dtype=object))
    tce = np.full(fuel_saved.shape, np.nan)
    tco2 = np.full(fuel_saved.shape, np.nan)
    cny = np.full(fuel_saved.shape, np.nan)
    for kind in FUEL_UNITS:
        m = kinds == kind
        if not m.any():
            continue
        for arr, val in (
            (tce, factors.fuel_tce(kind)),
            (tco2, factors.fuel_co2(kind)),
            (cny, factors.fuel_price(kind)),
        ):
            if val is not None:
                arr[m] = fuel_saved[m] * val
    return {"tce_calorific": tce, "tce_equivalent": tce.copy(), "tco2": tco2, "cny": cny}


__all__ = ["FactorError", "electricity_outputs", "fuel_outputs", "fuel_to_canonical"]
