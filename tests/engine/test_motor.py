"""Motor savings: hand calculations and the assess_items motor path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrofit_desktop.engine import AssessmentOptions, FactorSet, assess_items
from retrofit_desktop.engine.savings import motor_kwh, part_load_efficiency


def test_motor_hand_calculation():
    # 55 kW, β 0.75, 6000 h, η 91.0 → 95.0
    # P_out = 55 × 0.75 = 41.25 kW; E_out = 41.25 × 6000 = 247 500 kWh
    # 247 500 / 0.91 = 271 978.02; 247 500 / 0.95 = 260 526.32; ΔE = 11 451.70 kWh
    assert motor_kwh(55, 0.75, 6000, 91.0, 95.0) == pytest.approx(271978.022 - 260526.316, abs=0.01)
    assert motor_kwh(55, 0.75, 6000, 91.0, 95.0) == pytest.approx(11451.706, abs=0.001)


def test_motor_vectorised_over_columns():
    df = pd.DataFrame(
        {"p": [55.0, 11.0], "b": [0.75, 1.0], "h": [6000, 8000], "o": [91.0, 88.0], "n": [95.0, 90.0]}
    )
    got = motor_kwh(df["p"], df["b"], df["h"], df["o"], df["n"])
    # 11 × 1 × 8000 × (1/0.88 − 1/0.90) = 88 000 × 0.0252525 = 2222.22
    assert got == pytest.approx([11451.706, 2222.222], abs=0.001)


def test_part_load_efficiency_model():
    # η_N 90 %, k = 0.3: L = 1/0.9 − 1 = 0.11111; at β 0.5: 0.5 / (0.5 + 0.3·0.11111 + 0.25·0.7·0.11111)
    # = 0.5 / (0.5 + 0.033333 + 0.019444) = 0.5 / 0.552778 = 0.904523
    assert part_load_efficiency(90.0, 0.5, 0.3) == pytest.approx(90.4523, abs=1e-3)
    assert part_load_efficiency(90.0, 1.0, 0.3) == pytest.approx(90.0)  # rated point unchanged


@settings(deadline=None, max_examples=60)
@given(
    p=st.floats(0.75, 1000),
    b=st.floats(0.1, 1.2),
    h=st.floats(1, 8760),
    e1=st.floats(60, 98),
    e2=st.floats(60, 98),
)
def test_zero_when_equal_and_sign_flips_when_swapped(p, b, h, e1, e2):
    assert motor_kwh(p, b, h, e1, e1) == 0.0
    forward, backward = motor_kwh(p, b, h, e1, e2), motor_kwh(p, b, h, e2, e1)
    assert forward == pytest.approx(-backward, rel=1e-9, abs=1e-9)
    if abs(e2 - e1) > 1e-6:  # closer values may round to an exact 0
        assert np.sign(forward) == np.sign(e2 - e1)


def _motor_frame():
    items = pd.DataFrame(
        {
            "asset_tag": ["M1", "M2", "M3", "M4"],
            "product": ["motor"] * 4,
            "rated_power_kw": [55.0, 55.0, None, 30.0],
            "load_factor": [0.75, 0.75, 0.8, 0.8],
            "annual_hours": [6000.0, 6000.0, 4000.0, None],
            "efficiency_pct": [91.0, 95.2, 90.0, 92.0],
            "quantity": [2, 1, 1, 1],
        }
    )
    classification = pd.DataFrame(
        {
            "tier": ["below_entry", "energy_saving", "below_entry", "entry"],
            "thr__efficiency_pct__advanced": [96.0, 96.0, 95.0, 95.5],
            "thr__efficiency_pct__energy_saving": [95.0, 95.0, 94.0, 94.5],
            "thr__efficiency_pct__entry": [93.0, 93.0, 92.0, 92.0],
        },
        index=items.index,
    )
    return items, classification


def test_assess_motor_items():
    items, cls = _motor_frame()
    fs = FactorSet.default(region="hunan", price_cny_per_kwh=0.65)
    res = assess_items(items, cls, None, AssessmentOptions(factors=fs)).items
    assert list(res["savings_status"]) == ["ok", "not_applicable", "insufficient_data", "insufficient_data"]
    # M1: 2 motors × 11 451.706 kWh
    assert res.at[0, "kwh"] == pytest.approx(2 * 11451.706, abs=0.01)
    assert res.at[0, "tce_calorific"] == pytest.approx(22903.41 * 0.1229 / 1000, rel=1e-6)
    assert res.at[0, "tce_equivalent"] == pytest.approx(22903.41 * 0.300 / 1000, rel=1e-6)
    assert res.at[0, "tco2"] == pytest.approx(
        22903.41 * 0.4976 / 1000, rel=1e-6
    )  # Hunan 2023 (公告2025年第47号)
    assert res.at[0, "cny"] == pytest.approx(22903.41 * 0.65, rel=1e-6)
    assert res.at[1, "kwh"] == 0.0  # already at/above the target: 0, not applicable
    assert res.at[2, "missing_fields"] == ["rated_power_kw"] and np.isnan(res.at[2, "kwh"])
    assert res.at[3, "missing_fields"] == ["annual_hours"] and np.isnan(res.at[3, "tco2"])
    assert "motor" in res.at[0, "method"]
    assert list(res["mandatory"]) == [True, False, True, False]


def test_advanced_target_uses_advanced_threshold():
    items, cls = _motor_frame()
    res = assess_items(items, cls, None, AssessmentOptions(target="advanced")).items
    # M2 (95.2 %) is below advanced (96.0): 41.25 × 6000 × (100/95.2 − 100/96) = 247 500 × 0.0087535 = 2166.49
    assert res.at[1, "savings_status"] == "ok"
    assert res.at[1, "kwh"] == pytest.approx(247500 * (1 / 0.952 - 1 / 0.96), rel=1e-9)


def test_missing_price_leaves_cost_missing_and_says_so():
    items, cls = _motor_frame()
    out = assess_items(items, cls, None, AssessmentOptions(factors=FactorSet.default()))
    assert np.isnan(out.items.at[0, "cny"])
    assert out.summary["cny"] is None
    assert any("Cost figures are missing" in n or "成本" in n or "费用" in n for n in out.summary["notes"])
    assert out.summary["kwh"] == pytest.approx(2 * 11451.706, abs=0.01)


def test_missing_threshold_is_insufficient_not_zero():
    items, cls = _motor_frame()
    cls = cls.drop(columns=["thr__efficiency_pct__energy_saving"])
    res = assess_items(items, cls, None, AssessmentOptions()).items
    assert res.at[0, "savings_status"] == "insufficient_data"
    assert res.at[0, "missing_fields"] == ["thr__efficiency_pct__energy_saving"]
    assert np.isnan(res.at[0, "kwh"])


def test_summary_factors_have_sources():
    items, cls = _motor_frame()
    out = assess_items(
        items, cls, None, AssessmentOptions(factors=FactorSet.default(region="西藏", year=2023))
    )
    f = out.summary["factors"]
    assert f["grid_resolution"]["fallback"]  # no 2023 value for Tibet: the southwest grid's
    assert f["factors"]["grid_co2"]["value"] == 0.2472 and f["factors"]["grid_co2"]["source"]
    assert f["factors"]["tce_electricity_calorific"]["source"].startswith("GB/T 2589")


def test_not_covered_item_gets_a_note_and_summary_is_json():
    import json

    items, cls = _motor_frame()
    cls.loc[0, "tier"] = "not_covered"
    cls.loc[
        0,
        ["thr__efficiency_pct__advanced", "thr__efficiency_pct__energy_saving", "thr__efficiency_pct__entry"],
    ] = np.nan
    out = assess_items(items, cls, None, AssessmentOptions(factors=FactorSet.default(price_cny_per_kwh=0.6)))
    assert out.items.at[0, "savings_status"] == "insufficient_data"
    assert out.items.at[0, "missing_fields"] == ["thr__efficiency_pct__energy_saving"]
    assert out.items.at[0, "note"]
    json.dumps(out.summary, allow_nan=False)  # plain JSON: no numpy types, no NaN


def test_labelled_index_and_empty_frames():
    items, cls = _motor_frame()
    items.index = cls.index = [10, 20, 30, 40]
    out = assess_items(items, cls, None, AssessmentOptions())
    assert out.items.at[10, "kwh"] == pytest.approx(2 * 11451.706, abs=0.01)
    assert out.summary["mandatory_items"] == [10, 30]
    empty = assess_items(items.iloc[:0], cls.iloc[:0], None, AssessmentOptions())
    assert len(empty.items) == 0 and empty.summary["kwh"] is None and empty.summary["by_product"] == {}


def test_classification_is_aligned_by_label():
    items, cls = _motor_frame()
    out = assess_items(items, cls.iloc[::-1], None, AssessmentOptions())  # same labels, reversed order
    assert list(out.items["savings_status"]) == [
        "ok",
        "not_applicable",
        "insufficient_data",
        "insufficient_data",
    ]
