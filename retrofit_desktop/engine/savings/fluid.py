"""Pumps and fans: replacement at the same duty point, and VSD instead of throttling (methods.md 3.2).

Hydraulic power of a pump P_h = ρ g Q H (Q in m³/s); air power of a fan P_a = Q · p_t. Electrical
input P_in = P_h / (η_pump · η_motor). VSD: the system curve H(q) = H_st + (H_r − H_st)·q²
(q = duty flow / rated flow) keeps the static head, so the plain cube law is used only when H_st = 0.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ...i18n import N_

METHOD_PUMP = N_("pump: ρgQH/η_motor × h × (1/η_old − 1/η_new) at the rated duty point")
METHOD_FAN = N_("fan: Q·p_t/η_motor × h × (1/η_old − 1/η_new) at the duty point")
METHOD_PUMP_VSD = N_(
    "pump VSD: throttled ρgQ_dH_r/η vs ρgQ_d(H_st + (H_r−H_st)q²)/(η·η_VSD), affinity laws with static head"
)
METHOD_FAN_VSD = N_(
    "fan VSD: throttled Q_d·p_t/η vs Q_d(p_st + (p_t−p_st)q²)/(η·η_VSD), affinity laws with fixed pressure"
)


def pump_hydraulic_kw(
    flow_m3h: npt.ArrayLike, head_m: npt.ArrayLike, density: float, gravity: float
) -> npt.NDArray[np.float64]:
    """ρ g Q H in kW, Q in m³/h, H in m, ρ in kg/m³, g in m/s²."""
    return (
        density
        * gravity
        * np.asarray(flow_m3h, dtype=np.float64)
        / 3600.0
        * np.asarray(head_m, dtype=np.float64)
        / 1000.0
    )


def fan_air_kw(flow_m3h: npt.ArrayLike, total_pressure_pa: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Q · p_t in kW, Q in m³/h, p_t in Pa."""
    return (
        np.asarray(flow_m3h, dtype=np.float64)
        / 3600.0
        * np.asarray(total_pressure_pa, dtype=np.float64)
        / 1000.0
    )


def fluid_replacement_kwh(
    fluid_kw: npt.ArrayLike,
    annual_hours: npt.ArrayLike,
    eff_old_pct: npt.ArrayLike,
    eff_new_pct: npt.ArrayLike,
    motor_eff_pct: npt.ArrayLike,
) -> npt.NDArray[np.float64]:
    """kWh/yr saved by a pump/fan with a better efficiency delivering the same fluid power.

    ΔE = P_fluid / η_motor × t × (100/η_old − 100/η_new), efficiencies in %.
    """
    p = np.asarray(fluid_kw, dtype=np.float64) / (np.asarray(motor_eff_pct, dtype=np.float64) / 100.0)
    return (
        p
        * np.asarray(annual_hours, dtype=np.float64)
        * (
            100.0 / np.asarray(eff_old_pct, dtype=np.float64)
            - 100.0 / np.asarray(eff_new_pct, dtype=np.float64)
        )
    )


def vsd_kwh(
    rated_fluid_kw: npt.ArrayLike,
    static_share: npt.ArrayLike,
    duty_flow_pct: npt.ArrayLike,
    annual_hours: npt.ArrayLike,
    machine_eff_pct: npt.ArrayLike,
    motor_eff_pct: npt.ArrayLike,
    vsd_efficiency: float,
) -> npt.NDArray[np.float64]:
    """kWh/yr saved by speed control instead of throttling at a reduced duty flow.

    ``rated_fluid_kw`` is ρgQ_rH_r (pump) or Q_r·p_t (fan); ``static_share`` = H_st/H_r (or p_st/p_t),
    the part of the head that does not fall with flow. With q = duty_flow_pct/100:
    throttled P = P_r · q / η (the pump keeps the rated head, the valve burns the rest — conservative,
    a real pump curve rises at low flow); VSD P = P_r · q · (s + (1 − s)·q²) / (η · η_VSD).
    With s = 0 this is the cube law P_r q³; with s > 0 the saving is smaller. Efficiencies of the
    machine and motor are assumed unchanged at the reduced speed (unverified simplification).
    """
    q = np.asarray(duty_flow_pct, dtype=np.float64) / 100.0
    s = np.asarray(static_share, dtype=np.float64)
    eta = (
        np.asarray(machine_eff_pct, dtype=np.float64)
        / 100.0
        * np.asarray(motor_eff_pct, dtype=np.float64)
        / 100.0
    )
    p_r = np.asarray(rated_fluid_kw, dtype=np.float64)
    throttled = p_r * q / eta
    vsd = p_r * q * (s + (1.0 - s) * q**2) / (eta * vsd_efficiency)
    return (throttled - vsd) * np.asarray(annual_hours, dtype=np.float64)
