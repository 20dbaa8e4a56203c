"""assess_items groups rows by product and tier without changing any row's answer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from retrofit_desktop.engine import AssessmentOptions, FactorSet, assess_items
from retrofit_desktop.i18n import _

MOTOR = {
    "product": "motor",
    "rated_power_kw": 10.0,
    "load_factor": 0.8,
    "annual_hours": 4000.0,
    "efficiency_pct": 88.0,
}


def _assess(rows: list[dict], tiers: list) -> pd.DataFrame:
    items = pd.DataFrame(rows)
    cls = pd.DataFrame({"tier": tiers, "thr__efficiency_pct__energy_saving": 90.0}, index=items.index)
    return assess_items(
        items, cls, None, AssessmentOptions(factors=FactorSet.default(price_cny_per_kwh=0.6))
    ).items


def test_rows_without_a_method_or_product_are_marked_and_motors_still_computed():
    rows = [{**MOTOR, "product": None}, {**MOTOR, "product": "kettle"}, MOTOR, {**MOTOR, "product": "kettle"}]
    res = _assess(rows, ["entry", "entry", "entry", "entry"])
    # no product at all: nothing to compute with; a product without a method: not applicable
    assert list(res["savings_status"]) == ["insufficient_data", "not_applicable", "ok", "not_applicable"]
    assert res.at[1, "note"] == res.at[3, "note"] == _("no savings method for this product")
    # 10 kW × 0.8 × 4000 h × (1/0.88 − 1/0.90) = 32 000 × 0.0252525… = 808.08 kWh
    assert res.at[2, "kwh"] == pytest.approx(10 * 0.8 * 4000 * (1 / 0.88 - 1 / 0.90), rel=1e-12)
    assert np.isnan(res.at[0, "kwh"])


def test_tier_notes_and_mandatory_follow_each_rows_tier():
    rows = [{**MOTOR, "efficiency_pct": None}, MOTOR, MOTOR, {**MOTOR, "efficiency_pct": None}]
    res = _assess(rows, ["not_covered", "below_entry", "advanced", "no_threshold"])
    assert list(res["mandatory"]) == [False, True, False, False]
    assert list(res["savings_status"]) == ["insufficient_data", "ok", "not_applicable", "insufficient_data"]
    assert res.at[0, "note"] == _("parameters outside the standard's scope: no target threshold")
    assert res.at[3, "note"] == _("the tier table has no value for the target tier")
    assert res.at[2, "note"] == _("already meets the target tier") and res.at[2, "kwh"] == 0.0
    assert res.at[1, "note"] == ""
