"""Plausibility rules on converted columns (vectorised masks).

Errors reject the row: impossible values (efficiency <= 0 or > 100 % -- or above the field's own bound,
110 % for a boiler's thermal efficiency on the lower heating value basis --, negative quantities, a rated
size of 0, more hours than a year has, load factor > 1.5, values outside the catalog's min/max).
Warnings keep the row: suspicious values (a motor above 1 kW with an efficiency below 50 %, which
usually means a fraction was typed into a % column; a boiler above 100 % not marked condensing).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..catalog.model import FieldSpec
from ..i18n import _
from .fields import SIGNED_FIELDS

__all__ = ["range_problems", "warning_problems", "is_efficiency", "MOTOR_PRODUCTS"]

MOTOR_PRODUCTS = ("motor", "pmsm", "motor_hv")
_RATED_SUFFIXES = ("_kw", "_kva", "_th", "_mw")
HOURS_PER_LEAP_YEAR = 8784  # 366 d x 24 h


def is_efficiency(f: FieldSpec) -> bool:
    if "loss" in f.name:  # rewind_efficiency_loss_pct: points lost, 0 is possible
        return False
    return f.unit.strip() == "%" and ("efficiency" in f.name or f.name.endswith("_pct") and "eff" in f.name)


def range_problems(f: FieldSpec, values: pd.Series) -> list[tuple[np.ndarray, str]]:
    """[(mask of bad cells, reason)] for one numeric column (NaN is never a problem)."""
    v = values.to_numpy(dtype=float, na_value=np.nan)
    out: list[tuple[np.ndarray, str]] = []
    with np.errstate(invalid="ignore"):
        if is_efficiency(f):
            out.append((v <= 0, _("an efficiency must be greater than 0 %")))
            if f.max is None or f.max <= 100:  # a boiler's LHV efficiency states its own bound (condensing)
                out.append((v > 100, _("an efficiency cannot exceed 100 %")))
            else:
                out.append(
                    (
                        v > f.max,
                        _(
                            "an efficiency above {max:g} % is not plausible, even for a condensing "
                            "boiler (lower heating value basis)"
                        ).format(max=f.max),
                    )
                )
        if f.name == "year_installed":
            out.append((v > dt.date.today().year + 1, _("the year lies in the future")))
        lo = f.min if f.min is not None else 0.0  # physical sizes, hours, money, counts are never negative
        if f.name not in SIGNED_FIELDS:  # an O&M cost change may be a saving
            out.append((v < lo, _("must be at least {min:g}").format(min=lo)))
        if f.name == "lifetime_years":
            out.append((v == 0, _("a lifetime of 0 years is impossible (leave the cell empty if unknown)")))
        if f.name == "annual_hours":  # the catalog's maximum, said in words
            out.append((v > HOURS_PER_LEAP_YEAR, _("a year has at most 8784 hours")))
        elif f.max is not None and not (is_efficiency(f) and f.max > 100):
            out.append((v > f.max, _("must be at most {max:g}").format(max=f.max)))
        if f.name.endswith(_RATED_SUFFIXES) and lo <= 0:
            out.append((v == 0, _("a rated size of 0 is impossible (leave the cell empty if unknown)")))
    return [(m, r) for m, r in out if m.any()]


def warning_problems(frame: pd.DataFrame) -> list[tuple[str, np.ndarray, str]]:
    """[(field, mask, reason)] of suspicious but possible values on the converted frame."""
    out = []
    if {"product", "thermal_efficiency_pct"} <= set(frame.columns):
        cond = (
            frame["condensing"]
            if "condensing" in frame.columns
            else pd.Series(None, index=frame.index, dtype=object)
        )
        with np.errstate(invalid="ignore"):
            m = (
                frame["product"].eq("boiler").to_numpy()
                & (frame["thermal_efficiency_pct"].to_numpy(dtype=float, na_value=np.nan) > 100)
                & ~cond.astype(str).str.strip().str.lower().isin(("yes", "是", "冷凝", "冷凝式")).to_numpy()
            )
        if m.any():
            out.append(
                (
                    "thermal_efficiency_pct",
                    m,
                    _(
                        "efficiency above 100 % (lower heating value basis) is reached only by a condensing "
                        "boiler: mark the boiler as condensing, or check the value"
                    ),
                )
            )
    if {"product", "rated_power_kw", "efficiency_pct"} <= set(frame.columns):
        with np.errstate(invalid="ignore"):
            m = (
                frame["product"].isin(MOTOR_PRODUCTS).to_numpy()
                & (frame["rated_power_kw"].to_numpy(dtype=float, na_value=np.nan) > 1)
                & (frame["efficiency_pct"].to_numpy(dtype=float, na_value=np.nan) < 50)
            )
        if m.any():
            out.append(
                (
                    "efficiency_pct",
                    m,
                    _(
                        "efficiency below 50 % for a motor above 1 kW: was a fraction (0.95) entered instead "
                        "of %?"
                    ),
                )
            )
    return out
