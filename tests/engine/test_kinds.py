"""Hand calculations per equipment kind, through assess_items with a given classification frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from retrofit_desktop.engine import AssessmentOptions, FactorSet, assess_items
from retrofit_desktop.engine.savings import vsd_kwh

G = 9.80665


def _run(items: dict, cls: dict, **opts):
    items = pd.DataFrame(items)
    cls = pd.DataFrame(cls, index=items.index)
    fs = opts.pop("factors", FactorSet.default(price_cny_per_kwh=0.6))
    return assess_items(items, cls, None, AssessmentOptions(factors=fs, **opts))


def test_pump_replacement():
    # P_h = 1000 × 9.80665 × (200/3600) × 50 / 1000 = 27.2407 kW; motor 93 %
    # ΔE = 27.2407 / 0.93 × 5000 × (1/0.70 − 1/0.80) = 29.2911 × 5000 × 0.178571 = 26 152.8 kWh
    out = _run(
        {
            "product": ["pump"],
            "flow_m3h": [200.0],
            "head_m": [50.0],
            "annual_hours": [5000.0],
            "motor_efficiency_pct": [93.0],
            "pump_efficiency_pct": [70.0],
        },
        {"tier": ["below_entry"], "thr__pump_efficiency_pct__energy_saving": [80.0]},
    )
    p_h = 1000 * G * 200 / 3600 * 50 / 1000
    assert out.items.at[0, "kwh"] == pytest.approx(p_h / 0.93 * 5000 * (1 / 0.7 - 1 / 0.8), rel=1e-9)
    assert out.items.at[0, "kwh"] == pytest.approx(26152.8, abs=0.1)
    assert "pump" in out.items.at[0, "method"]


def test_vsd_static_head_is_less_than_cube_law():
    # rated 27.2407 kW, H_st 20 of 50 m (s = 0.4), q = 0.6, η = 0.80 × 0.93 = 0.744, η_VSD 0.95
    # throttled = 27.2407 × 0.6 / 0.744 = 21.968 kW
    # VSD = 27.2407 × 0.6 × (0.4 + 0.6 × 0.36) / (0.744 × 0.95) = 16.3444 × 0.616 / 0.7068 = 14.245 kW
    # saving = 7.723 kW × 5000 h = 38 617 kWh; the cube law (s = 0) would claim 68 217 kWh
    p_r = 1000 * G * 200 / 3600 * 50 / 1000
    with_head = vsd_kwh(p_r, 0.4, 60.0, 5000.0, 80.0, 93.0, 0.95)
    cube = vsd_kwh(p_r, 0.0, 60.0, 5000.0, 80.0, 93.0, 0.95)
    assert with_head == pytest.approx(
        (p_r * 0.6 / 0.744 - p_r * 0.6 * 0.616 / (0.744 * 0.95)) * 5000, rel=1e-9
    )
    assert with_head == pytest.approx(38617, abs=2)
    assert cube == pytest.approx((p_r * 0.6 / 0.744 - p_r * 0.216 / (0.744 * 0.95)) * 5000, rel=1e-9)
    assert with_head < cube
    # all static head: flow reduction saves only throttling, speed control loses η_VSD
    assert vsd_kwh(p_r, 1.0, 60.0, 5000.0, 80.0, 93.0, 0.95) < 0


def test_vsd_measure_through_assess():
    items = {
        "product": ["pump", "pump", "pump"],
        "flow_m3h": [200.0] * 3,
        "head_m": [50.0] * 3,
        "static_head_m": [20.0, None, 20.0],
        "duty_flow_pct": [60.0] * 3,
        "annual_hours": [5000.0] * 3,
        "motor_efficiency_pct": [93.0] * 3,
        "pump_efficiency_pct": [80.0] * 3,
        "vsd": [False, False, True],
        "measure": ["vsd"] * 3,
    }
    out = _run(items, {"tier": ["energy_saving"] * 3}).items
    assert out.at[0, "savings_status"] == "ok" and out.at[0, "kwh"] == pytest.approx(38617, abs=2)
    assert out.at[1, "savings_status"] == "insufficient_data" and out.at[1, "missing_fields"] == [
        "static_head_m"
    ]
    assert out.at[2, "savings_status"] == "not_applicable"  # already has a VSD


def test_fan_replacement():
    # air power = 36 000/3600 m³/s × 2000 Pa = 20 kW; ΔE = 20/0.92 × 6000 × (1/0.65 − 1/0.75) = 26 755.9 kWh
    out = _run(
        {
            "product": ["fan"],
            "flow_m3h": [36000.0],
            "total_pressure_pa": [2000.0],
            "annual_hours": [6000.0],
            "motor_efficiency_pct": [92.0],
            "fan_efficiency_pct": [65.0],
        },
        {"tier": ["entry"], "thr__fan_efficiency_pct__energy_saving": [75.0]},
    )
    assert out.items.at[0, "kwh"] == pytest.approx(20 / 0.92 * 6000 * (1 / 0.65 - 1 / 0.75), rel=1e-9)
    assert out.items.at[0, "kwh"] == pytest.approx(26755.9, abs=0.1)


def test_air_compressor():
    # 10 m³/min × 4000 h × (7.5 − 6.3) kW/(m³/min) = 48 000 kWh (lower specific power is better)
    out = _run(
        {
            "product": ["air_compressor", "air_compressor"],
            "delivered_air_m3min": [10.0, 10.0],
            "loaded_hours": [4000.0, None],
            "specific_power": [7.5, 7.5],
        },
        {"tier": ["below_entry"] * 2, "thr__specific_power__energy_saving": [6.3, 6.3]},
    ).items
    assert out.at[0, "kwh"] == pytest.approx(48000.0)
    assert out.at[1, "missing_fields"] == ["loaded_hours"]


def test_transformer_both_losses():
    # old: (1000 W × 8760 h + 0.5² × 10 000 W × 8760 h)/1000 = 8760 + 21 900 = 30 660 kWh
    # new: (700 × 8760 + 0.25 × 9000 × 8760)/1000 = 6132 + 19 710 = 25 842 kWh → saving 4818 kWh
    # second unit already has P0 600 W (better than 700): keeps 600, only Pk improves:
    # 0.25 × (10 000 − 9000) × 8760 / 1000 = 2190 kWh
    out = _run(
        {
            "product": ["transformer"] * 2,
            "rated_capacity_kva": [1000.0] * 2,
            "no_load_loss_w": [1000.0, 600.0],
            "load_loss_w": [10000.0, 10000.0],
            "transformer_load_factor": [0.5, 0.5],
            "energised_hours": [8760.0, 8760.0],
        },
        {
            "tier": ["below_entry"] * 2,
            "thr__no_load_loss_w__energy_saving": [700.0] * 2,
            "thr__load_loss_w__energy_saving": [9000.0] * 2,
        },
    ).items
    assert out.at[0, "kwh"] == pytest.approx(4818.0)
    assert out.at[1, "kwh"] == pytest.approx(2190.0)
    assert np.isnan(out.at[0, "kwh_reactive_equivalent"])  # no I0%/Uk% given: not shown, not added


#: a 1000 kVA transformer below entry: losses 1000/10000 W at load factor 0.5 for 8760 h, I0 1.0 → 0.5 %,
#: Uk 4.5 % both; the energy-saving thresholds 700/9000 W (inputs, classification)
_TRANSFORMER_1000KVA = (
    {
        "product": ["transformer"],
        "rated_capacity_kva": [1000.0],
        "no_load_loss_w": [1000.0],
        "load_loss_w": [10000.0],
        "transformer_load_factor": [0.5],
        "energised_hours": [8760.0],
        "no_load_current_pct": [1.0],
        "impedance_voltage_pct": [4.5],
        "new_no_load_current_pct": [0.5],
        "new_impedance_voltage_pct": [4.5],
    },
    {
        "tier": ["below_entry"],
        "thr__no_load_loss_w__energy_saving": [700.0],
        "thr__load_loss_w__energy_saving": [9000.0],
    },
)


def test_transformer_reactive_shown_separately():
    # K_Q 0.08; Q0 old 1.0 % × 1000 kVA = 10 kvar, new 0.5 % → 5 kvar; Uk 4.5 % both (Qk equal)
    # reactive equivalent = 0.08 × (10 − 5) × 8760 = 3504 kWh, not added to kwh
    out = _run(
        *_TRANSFORMER_1000KVA,
    ).items
    assert out.at[0, "kwh_reactive_equivalent"] == pytest.approx(3504.0)
    assert out.at[0, "kwh"] == pytest.approx(4818.0)


def test_transformer_without_k_q_has_no_reactive_figure():
    # K_Q cleared by the user (a factor may be emptied): the reactive equivalent cannot be computed and
    # is not shown (NaN); the active saving is the same 4818 kWh as above (it does not use K_Q)
    fs = FactorSet.default(price_cny_per_kwh=0.6).with_overrides(reactive_equivalent_kq=None)
    out = _run(
        *_TRANSFORMER_1000KVA,
        factors=fs,
    ).items
    assert np.isnan(out.at[0, "kwh_reactive_equivalent"])
    assert out.at[0, "kwh"] == pytest.approx(4818.0)
    assert out.at[0, "savings_status"] == "ok"


def test_boiler_fuels():
    # coal 1000 t, η 75 → 82: ΔB = 1000 × (1 − 75/82) = 85.366 t; tce = 85.366 × 0.7143; tCO2 = 85.366 × 1.867
    # gas 50 万m³ = 500 000 m³, η 88 → 92: ΔB = 500 000 × (1 − 88/92) = 21 739.1 m³;
    #   tce = 21 739.1 × 1.33/1000 = 28.913; tCO2 = 21 739.1 × 2.162/1000 = 47.000
    # biomass: no tce coefficient → tce NaN; CO2 0 by the stated carbon-neutral assumption
    fs = FactorSet.default(fuel_prices={"coal": 900.0})
    out = _run(
        {
            "product": ["boiler"] * 4,
            "annual_fuel_use": [1000.0, 50.0, 800.0, 100.0],
            "fuel_kind": ["coal", "natural_gas", "biomass", "coal"],
            "fuel_unit": ["t", "万m3", "t", "m3"],
            "thermal_efficiency_pct": [75.0, 88.0, 80.0, 75.0],
        },
        {"tier": ["below_entry"] * 4, "thr__thermal_efficiency_pct__energy_saving": [82.0, 92.0, 85.0, 82.0]},
        factors=fs,
    )
    r = out.items
    d_coal = 1000 * (1 - 75 / 82)
    assert r.at[0, "fuel"] == pytest.approx(d_coal) and r.at[0, "fuel_unit"] == "t"
    assert r.at[0, "tce_calorific"] == pytest.approx(d_coal * 0.7143)
    assert r.at[0, "tce_equivalent"] == pytest.approx(d_coal * 0.7143)
    assert r.at[0, "tco2"] == pytest.approx(d_coal * 1.867)
    assert r.at[0, "cny"] == pytest.approx(d_coal * 900.0)
    assert np.isnan(r.at[0, "kwh"])
    d_gas = 500000 * (1 - 88 / 92)
    assert r.at[1, "fuel"] == pytest.approx(d_gas) and r.at[1, "fuel_unit"] == "m3"
    assert r.at[1, "tce_calorific"] == pytest.approx(28.913, abs=1e-3)
    assert r.at[1, "tco2"] == pytest.approx(47.000, abs=1e-3)
    assert np.isnan(r.at[1, "cny"])  # no gas price given
    assert np.isnan(r.at[2, "tce_calorific"]) and r.at[2, "tco2"] == 0.0
    assert r.at[3, "savings_status"] == "insufficient_data" and "fuel_unit" in r.at[3, "missing_fields"][0]
    assert out.summary["fuel"]["coal"] == pytest.approx(d_coal)
    assert any("carbon-neutral" in n or "碳中性" in n for n in out.summary["notes"])


def test_chiller_iplv_and_cop():
    # IPLV: 1 000 000 kWh_th × (1/5.0 − 1/6.0) = 33 333.3 kWh
    # COP only: 500 kW × 2000 h = 1 000 000 kWh_th × (1/4.5 − 1/5.5) = 40 404.0 kWh
    out = _run(
        {
            "product": ["chiller"] * 3,
            "annual_cooling_kwh": [1e6, None, None],
            "cooling_load_kw": [None, 500.0, None],
            "annual_hours": [None, 2000.0, 2000.0],
            "iplv": [5.0, None, 5.0],
            "cop": [4.2, 4.5, 4.5],
        },
        {
            "tier": ["below_entry"] * 3,
            "thr__iplv__energy_saving": [6.0, 6.0, 6.0],
            "thr__cop__energy_saving": [5.0, 5.5, 5.5],
        },
    ).items
    assert out.at[0, "kwh"] == pytest.approx(1e6 * (1 / 5 - 1 / 6))
    assert "IPLV" in out.at[0, "method"]
    assert out.at[1, "kwh"] == pytest.approx(1e6 * (1 / 4.5 - 1 / 5.5))
    assert "COP" in out.at[1, "method"]
    assert out.at[2, "savings_status"] == "insufficient_data"
    assert "annual_cooling_kwh" in out.at[2, "missing_fields"][0]


def test_unknown_product_is_not_applicable_with_note():
    out = _run(
        {"product": ["pv_module"], "conversion_efficiency_pct": [20.0]}, {"tier": ["below_entry"]}
    ).items
    assert out.at[0, "savings_status"] == "not_applicable" and np.isnan(out.at[0, "kwh"])
