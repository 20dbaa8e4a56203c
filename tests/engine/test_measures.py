"""Measures (replace now / at failure / instead of rewind / remanufacture), price list, finance, portfolio."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from retrofit_desktop.domain import Tier
from retrofit_desktop.engine import (
    AssessmentOptions,
    FactorSet,
    FinanceSettings,
    Measure,
    MeasureKind,
    PriceList,
    PriceRow,
    assess_items,
    mac_curve,
    rank_measures,
)

E_OUT = 55 * 0.75 * 6000  # 247 500 kWh of shaft work per year


def _frame(n=1, eff=91.0):
    items = pd.DataFrame(
        {
            "asset_tag": [f"M{i}" for i in range(n)],
            "product": ["motor"] * n,
            "rated_power_kw": [55.0] * n,
            "load_factor": [0.75] * n,
            "annual_hours": [6000.0] * n,
            "efficiency_pct": [eff] * n,
        }
    )
    cls = pd.DataFrame(
        {
            "tier": ["below_entry"] * n,
            "thr__efficiency_pct__entry": [94.6] * n,
            "thr__efficiency_pct__energy_saving": [95.7] * n,
            "thr__efficiency_pct__advanced": [96.5] * n,
        },
        index=items.index,
    )
    return items, cls


FS = FactorSet.default(price_cny_per_kwh=0.65)


def test_replace_now_finance():
    # ΔE = 247 500 × (1/0.91 − 1/0.957) = 13 357.6 kWh; CNY = × 0.65 = 8682.4
    # investment 20 000, residual 1000: payback = 19 000 / 8682.4 = 2.188 y
    # NPV = −19 000 + 8682.4 × a(8 %, 15) (= 8.559479) = 55 317.6
    items, cls = _frame()
    m = {
        "M0": Measure(
            "M0", MeasureKind.REPLACE, investment_cny=20000, lifetime_years=15, residual_value_cny=1000
        )
    }
    r = assess_items(items, cls, None, AssessmentOptions(factors=FS, measures=m)).items
    kwh = E_OUT * (1 / 0.91 - 1 / 0.957)
    assert r.at[0, "kwh"] == pytest.approx(kwh)
    assert r.at[0, "payback_years"] == pytest.approx(19000 / (kwh * 0.65))
    annuity = (1 - 1.08**-15) / 0.08
    assert annuity == pytest.approx(8.559479, abs=1e-6)
    assert r.at[0, "npv"] == pytest.approx(-19000 + kwh * 0.65 * annuity)
    assert 0 < r.at[0, "irr"] < 1


def test_replace_at_failure_uses_incremental_price():
    # price list: energy-saving motor 400 CNY/kW, entry motor 300 CNY/kW → incremental 100 × 55 = 5500 CNY
    prices = PriceList(
        [
            PriceRow("motor", Tier.ENERGY_SAVING, 400.0, "per_size", "rated_power_kw", 0, 1000, "quote A"),
            PriceRow("motor", Tier.ENTRY, 300.0, "per_size", "rated_power_kw", 0, 1000, "quote B"),
        ]
    )
    items, cls = _frame(2)
    items["measure"] = ["replace_at_failure", "replace"]
    items["lifetime_years"] = 15.0
    r = assess_items(items, cls, None, AssessmentOptions(factors=FS, price_list=prices)).items
    assert r.at[0, "investment"] == pytest.approx(5500.0)
    assert r.at[1, "investment"] == pytest.approx(22000.0)
    assert r.at[0, "npv"] > r.at[1, "npv"]


def test_replace_instead_of_rewind():
    # rewinding loses 1.0 point: baseline 90.0 %; replacement at 95.7 %
    # ΔE = 247 500 × (1/0.90 − 1/0.957) = 16 380.2 kWh
    items, cls = _frame()
    m = {"M0": Measure("M0", MeasureKind.REPLACE_INSTEAD_OF_REWIND, rewind_efficiency_loss_pct=1.0)}
    r = assess_items(items, cls, None, AssessmentOptions(factors=FS, measures=m)).items
    assert r.at[0, "kwh"] == pytest.approx(E_OUT * (1 / 0.90 - 1 / 0.957))
    m = {"M0": Measure("M0", MeasureKind.REPLACE_INSTEAD_OF_REWIND)}
    r = assess_items(items, cls, None, AssessmentOptions(factors=FS, measures=m)).items
    assert r.at[0, "missing_fields"] == ["rewind_efficiency_loss_pct"]


def test_remanufacture_with_user_values_and_advanced_target():
    items, cls = _frame(2)
    m = {
        "M0": Measure("M0", MeasureKind.REMANUFACTURE, new_values={"efficiency_pct": 93.5}),
        "M1": Measure("M1", target_tier=Tier.ADVANCED),
    }
    r = assess_items(items, cls, None, AssessmentOptions(factors=FS, measures=m)).items
    assert r.at[0, "kwh"] == pytest.approx(E_OUT * (1 / 0.91 - 1 / 0.935))
    assert r.at[1, "kwh"] == pytest.approx(E_OUT * (1 / 0.91 - 1 / 0.965))
    assert list(r["target_tier"]) == ["energy_saving", "advanced"]


def test_loan_subsidy_raises_npv():
    items, cls = _frame()
    items["investment_cny"] = 20000.0
    items["lifetime_years"] = 10.0
    base = assess_items(items, cls, None, AssessmentOptions(factors=FS)).items.at[0, "npv"]
    loan = FinanceSettings(loan_share=1.0)
    with_loan = assess_items(items, cls, None, AssessmentOptions(factors=FS, finance=loan)).items.at[0, "npv"]
    # 20 000 × 1.5 % = 300 CNY in years 1 and 2: +300/1.08 + 300/1.08² = 534.98
    assert with_loan - base == pytest.approx(300 / 1.08 + 300 / 1.08**2)


def test_portfolio_mac_and_ranking():
    items, cls = _frame(3)
    items["efficiency_pct"] = [91.0, 93.0, 89.0]
    items["investment_cny"] = [20000.0, 60000.0, 5000.0]
    items["lifetime_years"] = 15.0
    cls.loc[1, "tier"] = "entry"
    out = assess_items(items, cls, None, AssessmentOptions(factors=FS))
    bars = mac_curve(out.items, items)
    costs = [b["cny_per_tco2"] for b in bars]
    assert costs == sorted(costs)
    assert bars[0]["x_start"] == 0.0
    for a, b in zip(bars, bars[1:], strict=False):
        assert b["x_start"] == pytest.approx(a["x_end"])
    assert bars[-1]["x_end"] == pytest.approx(out.items["tco2"].sum())
    ranked = rank_measures(out.items)
    assert list(ranked.index[:2]) == [2, 0]  # below-entry (mandatory) first, cheapest abatement first
    assert ranked.index[-1] == 1
    assert out.summary["mac_curve"] == bars


def test_finance_missing_without_investment_or_price():
    items, cls = _frame()
    r = assess_items(items, cls, None, AssessmentOptions(factors=FS)).items
    assert np.isnan(r.at[0, "npv"]) and np.isnan(r.at[0, "investment"])
    items["investment_cny"], items["lifetime_years"] = 20000.0, 15.0
    r = assess_items(items, cls, None, AssessmentOptions(factors=FactorSet.default())).items
    assert np.isnan(r.at[0, "npv"]) and np.isnan(r.at[0, "abatement_cny_per_tco2"])
    assert r.at[0, "cce_cny_per_kwh"] == pytest.approx(
        20000 * 0.1168295 / (E_OUT * (1 / 0.91 - 1 / 0.957)), rel=1e-5
    )


def test_unknown_measure_in_item_column_is_reported_not_replaced():
    items, cls = _frame(2)
    items["measure"] = ["teleport", None]
    r = assess_items(items, cls, None, AssessmentOptions(factors=FS)).items
    assert r.at[0, "savings_status"] == "insufficient_data" and r.at[0, "missing_fields"] == ["measure"]
    assert "teleport" in r.at[0, "note"] and np.isnan(r.at[0, "kwh"])
    assert r.at[1, "savings_status"] == "ok" and r.at[1, "measure"] == "replace"  # blank: the default measure


def test_measure_for_unknown_tag_is_reported_and_duplicate_tags_all_get_it():
    items, cls = _frame(3)
    items["asset_tag"] = ["M0", "M0", "M2"]
    m = {"M0": Measure("M0", target_tier="advanced"), "NOPE": Measure("NOPE")}
    out = assess_items(items, cls, None, AssessmentOptions(factors=FS, measures=m))
    assert list(out.items["target_tier"]) == ["advanced", "advanced", "energy_saving"]
    assert any("NOPE" in n for n in out.summary["notes"])
    with pytest.raises(ValueError):
        Measure("M0", target_tier="below_entry")


def test_finance_assumptions_are_stated():
    items, cls = _frame()
    items["investment_cny"], items["lifetime_years"] = 20000.0, 10.0
    fin = FinanceSettings(loan_share=0.5, tax_credit=True)
    notes = assess_items(items, cls, None, AssessmentOptions(factors=FS, finance=fin)).summary["notes"]
    text = "\n".join(notes)
    assert "1.5" in text and "2026-12-31" in text and "10%" in text
