"""assess_items against the real catalog's classify_frame (motor, GB 18613-2020 table 1)."""

from __future__ import annotations

import pandas as pd
import pytest

from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.engine import AssessmentOptions, FactorSet, assess_items


def test_motor_end_to_end_with_catalog_thresholds():
    items = pd.DataFrame(
        {
            "asset_tag": ["A", "B", "C"],
            "product": ["motor"] * 3,
            "rated_power_kw": [55.0] * 3,
            "poles": [4, 4, 4],
            "efficiency_pct": [91.0, 96.6, None],
            "load_factor": [0.75] * 3,
            "annual_hours": [6000.0] * 3,
        }
    )
    out = assess_items(
        items, None, get_catalog(), AssessmentOptions(factors=FactorSet.default(price_cny_per_kwh=0.65))
    )
    r = out.items
    # GB 18613-2020 表1, 55 kW 4-pole: grade 2 (energy_saving) 95.7 %
    # ΔE = 55 × 0.75 × 6000 × (1/0.91 − 1/0.957) = 247 500 × 0.0539685 = 13 357.2 kWh
    assert r.at[0, "savings_status"] == "ok"
    assert r.at[0, "kwh"] == pytest.approx(247500 * (1 / 0.91 - 1 / 0.957), rel=1e-9)
    assert r.at[1, "savings_status"] == "not_applicable" and r.at[1, "kwh"] == 0.0  # 96.6 % ≥ advanced 96.5
    assert r.at[2, "savings_status"] == "insufficient_data" and r.at[2, "missing_fields"] == [
        "efficiency_pct"
    ]
    assert out.summary["by_tier"]["below_entry"] == 1 and out.summary["by_tier"]["advanced"] == 1
