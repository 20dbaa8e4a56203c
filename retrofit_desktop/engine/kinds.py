"""Per-product dispatch: which indicator drives the saving, which inputs each method needs, and the call.

Field names follow docs/architecture.md (canonical inventory columns). Each ``compute_*`` takes the
rows of one product (old and new indicator values already resolved into ``old__<ind>`` /
``new__<ind>`` columns) and returns kWh (or fuel) per unit and the method name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..domain import Direction
from . import savings as sv
from .conversions import fuel_to_canonical
from .factors import FUEL_UNITS, FactorSet

if TYPE_CHECKING:  # a type only: assess.py imports this module
    from .assess import AssessmentOptions

# indicator → direction, per product (architecture.md table)
INDICATORS: dict[str, dict[str, Direction]] = {
    "motor": {"efficiency_pct": Direction.HIGHER},
    "pmsm": {"efficiency_pct": Direction.HIGHER},
    "motor_hv": {"efficiency_pct": Direction.HIGHER},
    "pump": {"pump_efficiency_pct": Direction.HIGHER},
    "fan": {"fan_efficiency_pct": Direction.HIGHER},
    "air_compressor": {"specific_power": Direction.LOWER},
    "transformer": {"no_load_loss_w": Direction.LOWER, "load_loss_w": Direction.LOWER},
    "boiler": {"thermal_efficiency_pct": Direction.HIGHER},
    "chiller": {"iplv": Direction.HIGHER, "cop": Direction.HIGHER},
}

#: Inputs (besides the indicator) each product's replacement method needs.
REQUIRED: dict[str, tuple[str, ...]] = {
    "motor": ("rated_power_kw", "load_factor", "annual_hours"),
    "pmsm": ("rated_power_kw", "load_factor", "annual_hours"),
    "motor_hv": ("rated_power_kw", "load_factor", "annual_hours"),
    "pump": ("flow_m3h", "head_m", "annual_hours", "motor_efficiency_pct"),
    "fan": ("flow_m3h", "total_pressure_pa", "annual_hours", "motor_efficiency_pct"),
    "air_compressor": ("delivered_air_m3min", "loaded_hours"),
    "transformer": ("transformer_load_factor", "energised_hours"),
    "boiler": ("annual_fuel_use", "fuel_kind", "fuel_unit"),
    "chiller": (),  # annual_cooling_kwh, or cooling_load_kw × annual_hours: checked in compute_chiller
}
VSD_REQUIRED: dict[str, tuple[str, ...]] = {
    "pump": (
        "flow_m3h",
        "head_m",
        "static_head_m",
        "duty_flow_pct",
        "annual_hours",
        "motor_efficiency_pct",
        "pump_efficiency_pct",
    ),
    "fan": (
        "flow_m3h",
        "total_pressure_pa",
        "static_pressure_pa",
        "duty_flow_pct",
        "annual_hours",
        "motor_efficiency_pct",
        "fan_efficiency_pct",
    ),
}

#: Optional inputs read by the compute functions, besides REQUIRED / VSD_REQUIRED / indicators.
OPTIONAL: dict[str, tuple[str, ...]] = {
    "transformer": (
        "load_loss_hours",
        "rated_capacity_kva",
        "no_load_current_pct",
        "impedance_voltage_pct",
        "new_no_load_current_pct",
        "new_impedance_voltage_pct",
    ),
    "chiller": ("annual_cooling_kwh", "cooling_load_kw", "annual_hours"),
    "pump": ("vsd",),
    "fan": ("vsd",),
}
USED_COLUMNS: dict[str, frozenset[str]] = {
    p: frozenset(REQUIRED[p])
    | frozenset(VSD_REQUIRED.get(p, ()))
    | frozenset(INDICATORS[p])
    | frozenset(OPTIONAL.get(p, ()))
    for p in INDICATORS
}


@dataclass
class KindOutput:
    kwh: np.ndarray  # per unit, NaN where not computed
    fuel: np.ndarray  # per unit, canonical fuel unit
    fuel_kind: np.ndarray  # object
    method: np.ndarray  # object
    missing: dict[int, list[str]]  # row position → extra missing fields found while computing
    reactive_kwh: np.ndarray


class Columns:
    """The rows of one product as plain numpy columns (cheaper than a DataFrame for array arithmetic)."""

    def __init__(self, frame: pd.DataFrame, rows: np.ndarray, names: frozenset[str]):
        self.n = len(rows)
        self.data: dict[str, np.ndarray] = {c: frame[c].to_numpy()[rows] for c in names if c in frame.columns}

    def __len__(self) -> int:
        return self.n

    def __contains__(self, name: object) -> bool:
        return name in self.data

    def __getitem__(self, name: str) -> np.ndarray:
        return self.data[name]

    def __setitem__(self, name: str, values: np.ndarray) -> None:
        self.data[name] = values


def col(df: pd.DataFrame | Columns, name: str) -> np.ndarray:
    """A numeric column as floats; all-NaN when absent, NaN where a value is not a number."""
    if name not in df:
        return np.full(len(df), np.nan)
    v = df[name]
    if isinstance(v, np.ndarray) and v.dtype.kind == "f":
        return v
    parsed: npt.NDArray[np.float64] = pd.to_numeric(pd.Series(np.asarray(v)), errors="coerce").to_numpy(
        dtype=float
    )
    return parsed


def _empty(n: int, method: str) -> KindOutput:
    return KindOutput(
        np.full(n, np.nan),
        np.full(n, np.nan),
        np.full(n, None, dtype=object),
        filled(n, method),
        {},
        np.full(n, np.nan),
    )


def filled(n: int, value: object) -> np.ndarray:
    """An object array holding `value` n times (np.full would build n separate copies of a string)."""
    out = np.empty(n, dtype=object)
    out.fill(value)
    return out


def compute_motor(df: Columns, fs: FactorSet, opts: AssessmentOptions) -> KindOutput:
    k = opts.motor_constant_loss_share
    out = _empty(len(df), sv.METHOD_MOTOR if k is None else sv.METHOD_MOTOR_PART_LOAD)
    out.kwh = sv.motor_kwh(
        col(df, "rated_power_kw"),
        col(df, "load_factor"),
        col(df, "annual_hours"),
        col(df, "old__efficiency_pct"),
        col(df, "new__efficiency_pct"),
        constant_loss_share=k,
    )
    return out


def _fluid(
    df: Columns,
    fs: FactorSet,
    indicator: str,
    pressure: str,
    static: str,
    vsd_mask: np.ndarray,
    method: str,
    method_vsd: str,
    is_pump: bool,
) -> KindOutput:
    out = _empty(len(df), method)
    flow = col(df, "flow_m3h")
    if is_pump:
        fluid_kw = sv.pump_hydraulic_kw(
            flow, col(df, pressure), fs.number("water_density"), fs.number("gravity")
        )
    else:
        fluid_kw = sv.fan_air_kw(flow, col(df, pressure))
    out.kwh = sv.fluid_replacement_kwh(
        fluid_kw,
        col(df, "annual_hours"),
        col(df, f"old__{indicator}"),
        col(df, f"new__{indicator}"),
        col(df, "motor_efficiency_pct"),
    )
    if vsd_mask.any():
        with np.errstate(divide="ignore", invalid="ignore"):
            share = col(df, static) / col(df, pressure)
        vsd = sv.vsd_kwh(
            fluid_kw,
            share,
            col(df, "duty_flow_pct"),
            col(df, "annual_hours"),
            col(df, f"old__{indicator}"),
            col(df, "motor_efficiency_pct"),
            fs.number("vsd_efficiency"),
        )
        out.kwh = np.where(vsd_mask, vsd, out.kwh)
        out.method = np.where(vsd_mask, method_vsd, out.method)
    return out


def compute_pump(
    df: Columns, fs: FactorSet, opts: AssessmentOptions, vsd_mask: np.ndarray | None = None
) -> KindOutput:
    vsd_mask = np.zeros(len(df), bool) if vsd_mask is None else vsd_mask
    return _fluid(
        df,
        fs,
        "pump_efficiency_pct",
        "head_m",
        "static_head_m",
        vsd_mask,
        sv.METHOD_PUMP,
        sv.METHOD_PUMP_VSD,
        True,
    )


def compute_fan(
    df: Columns, fs: FactorSet, opts: AssessmentOptions, vsd_mask: np.ndarray | None = None
) -> KindOutput:
    vsd_mask = np.zeros(len(df), bool) if vsd_mask is None else vsd_mask
    return _fluid(
        df,
        fs,
        "fan_efficiency_pct",
        "total_pressure_pa",
        "static_pressure_pa",
        vsd_mask,
        sv.METHOD_FAN,
        sv.METHOD_FAN_VSD,
        False,
    )


def compute_compressor(df: Columns, fs: FactorSet, opts: AssessmentOptions) -> KindOutput:
    out = _empty(len(df), sv.METHOD_COMPRESSOR)
    out.kwh = sv.compressor_kwh(
        col(df, "delivered_air_m3min"),
        col(df, "loaded_hours"),
        col(df, "old__specific_power"),
        col(df, "new__specific_power"),
    )
    return out


def compute_transformer(df: Columns, fs: FactorSet, opts: AssessmentOptions) -> KindOutput:
    out = _empty(len(df), sv.METHOD_TRANSFORMER)
    beta, t0 = col(df, "transformer_load_factor"), col(df, "energised_hours")
    tau = col(df, "load_loss_hours")
    tau = np.where(np.isnan(tau), t0, tau)  # τ = T0 when not given (β then taken as the RMS load factor)
    k_t = opts.transformer_k_t
    old = sv.transformer_loss_kwh(
        col(df, "old__no_load_loss_w"), col(df, "old__load_loss_w"), beta, t0, tau, k_t
    )
    new = sv.transformer_loss_kwh(
        col(df, "new__no_load_loss_w"), col(df, "new__load_loss_w"), beta, t0, tau, k_t
    )
    out.kwh = old - new
    kva = col(df, "rated_capacity_kva")
    k_q = fs.value("reactive_equivalent_kq")
    if k_q is None:  # the user cleared K_Q: no reactive figure (NaN, not shown); the active saving stands
        return out
    r_old = sv.transformer_reactive_kwh(
        kva, col(df, "no_load_current_pct"), col(df, "impedance_voltage_pct"), beta, t0, tau, k_q, k_t
    )
    r_new = sv.transformer_reactive_kwh(
        kva, col(df, "new_no_load_current_pct"), col(df, "new_impedance_voltage_pct"), beta, t0, tau, k_q, k_t
    )
    out.reactive_kwh = r_old - r_new
    return out


def compute_boiler(df: Columns, fs: FactorSet, opts: AssessmentOptions) -> KindOutput:
    out = _empty(len(df), sv.METHOD_BOILER)
    kinds = (
        np.asarray(df["fuel_kind"], dtype=object)
        if "fuel_kind" in df
        else np.full(len(df), None, dtype=object)
    )
    units = (
        np.asarray(df["fuel_unit"], dtype=object)
        if "fuel_unit" in df
        else np.full(len(df), None, dtype=object)
    )
    qty, problems = fuel_to_canonical(col(df, "annual_fuel_use"), kinds, units)
    out.fuel = sv.boiler_fuel_saved(
        qty, col(df, "old__thermal_efficiency_pct"), col(df, "new__thermal_efficiency_pct")
    )
    out.fuel_kind = np.asarray(kinds, dtype=object)
    given = ~pd.isna(np.asarray(kinds, dtype=object)) & ~pd.isna(np.asarray(units, dtype=object))
    for i in np.nonzero((problems != "") & given)[0]:
        out.missing[int(i)] = [f"fuel_unit ({problems[i]})"]
    return out


def compute_chiller(df: Columns, fs: FactorSet, opts: AssessmentOptions) -> KindOutput:
    out = _empty(len(df), sv.METHOD_CHILLER_IPLV)
    cooling = col(df, "annual_cooling_kwh")
    cooling = np.where(np.isnan(cooling), col(df, "cooling_load_kw") * col(df, "annual_hours"), cooling)
    use_iplv = ~np.isnan(col(df, "old__iplv")) & ~np.isnan(col(df, "new__iplv"))
    old = np.where(use_iplv, col(df, "old__iplv"), col(df, "old__cop"))
    new = np.where(use_iplv, col(df, "new__iplv"), col(df, "new__cop"))
    out.kwh = sv.chiller_kwh(cooling, old, new)
    out.method = np.where(use_iplv, sv.METHOD_CHILLER_IPLV, sv.METHOD_CHILLER_COP)
    for i in np.nonzero(np.isnan(cooling))[0]:
        out.missing[int(i)] = ["annual_cooling_kwh (or cooling_load_kw × annual_hours)"]
    return out


COMPUTE: dict[str, Callable[..., KindOutput]] = {
    "motor": compute_motor,
    "pmsm": compute_motor,
    "motor_hv": compute_motor,
    "pump": compute_pump,
    "fan": compute_fan,
    "air_compressor": compute_compressor,
    "transformer": compute_transformer,
    "boiler": compute_boiler,
    "chiller": compute_chiller,
}
FUEL_PRODUCTS = {"boiler"}
__all__ = [
    "Columns",
    "COMPUTE",
    "FUEL_PRODUCTS",
    "FUEL_UNITS",
    "INDICATORS",
    "REQUIRED",
    "USED_COLUMNS",
    "VSD_REQUIRED",
    "KindOutput",
    "col",
    "filled",
]
