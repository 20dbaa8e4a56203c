"""Property tests (zero when old = new, sign flips when swapped) and provenance/documentation checks."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrofit_desktop.engine import AssessmentOptions, FactorSet, assess_items
from retrofit_desktop.engine.savings import (
    boiler_fuel_saved,
    chiller_kwh,
    compressor_kwh,
    fluid_replacement_kwh,
    transformer_loss_kwh,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "retrofit_desktop" / "engine" / "data"
eff = st.floats(30, 99)


@settings(deadline=None, max_examples=50)
@given(p=st.floats(0.1, 500), h=st.floats(1, 8760), m=st.floats(70, 98), a=eff, b=eff)
def test_fluid_zero_and_antisymmetric(p, h, m, a, b):
    assert fluid_replacement_kwh(p, h, a, a, m) == 0.0
    assert fluid_replacement_kwh(p, h, a, b, m) == pytest.approx(
        -fluid_replacement_kwh(p, h, b, a, m), abs=1e-9
    )


@settings(deadline=None, max_examples=50)
@given(q=st.floats(0.5, 100), h=st.floats(1, 8760), a=st.floats(4, 12), b=st.floats(4, 12))
def test_compressor_zero_and_antisymmetric(q, h, a, b):
    assert compressor_kwh(q, h, a, a) == 0.0
    assert compressor_kwh(q, h, a, b) == pytest.approx(-compressor_kwh(q, h, b, a))
    assert np.sign(compressor_kwh(q, h, a, b)) == np.sign(a - b)  # lower specific power is better


@settings(deadline=None, max_examples=50)
@given(c=st.floats(1e3, 1e7), a=st.floats(2, 8), b=st.floats(2, 8))
def test_chiller_zero_and_sign(c, a, b):
    assert chiller_kwh(c, a, a) == 0.0
    if abs(b - a) > 1e-6:
        assert np.sign(chiller_kwh(c, a, b)) == np.sign(b - a)


@settings(deadline=None, max_examples=50)
@given(f=st.floats(1, 1e6), a=st.floats(50, 99), b=st.floats(50, 99))
def test_boiler_zero_and_sign(f, a, b):
    assert boiler_fuel_saved(f, a, a) == 0.0
    if abs(b - a) > 1e-6:
        assert np.sign(boiler_fuel_saved(f, a, b)) == np.sign(b - a)


@settings(deadline=None, max_examples=50)
@given(p0=st.floats(50, 5000), pk=st.floats(500, 50000), beta=st.floats(0, 1.2))
def test_transformer_equal_losses_save_nothing(p0, pk, beta):
    assert (
        transformer_loss_kwh(p0, pk, beta, 8760, 8760) - transformer_loss_kwh(p0, pk, beta, 8760, 8760) == 0.0
    )


def test_every_output_figure_has_its_factor_with_source():
    items = pd.DataFrame(
        {
            "product": ["motor", "boiler"],
            "rated_power_kw": [55.0, None],
            "load_factor": [0.75, None],
            "annual_hours": [6000.0, None],
            "efficiency_pct": [91.0, None],
            "thermal_efficiency_pct": [None, 75.0],
            "annual_fuel_use": [None, 100.0],
            "fuel_kind": [None, "coal"],
            "fuel_unit": [None, "t"],
        }
    )
    cls = pd.DataFrame(
        {
            "tier": ["below_entry"] * 2,
            "thr__efficiency_pct__energy_saving": [95.0, None],
            "thr__thermal_efficiency_pct__energy_saving": [None, 82.0],
        }
    )
    out = assess_items(
        items, cls, None, AssessmentOptions(factors=FactorSet.default(region="hunan", price_cny_per_kwh=0.6))
    )
    factors = json.loads(json.dumps(out.summary["factors"]))["factors"]
    for key in (
        "grid_co2",
        "tce_electricity_calorific",
        "tce_electricity_equivalent",
        "price_electricity",
        "fuel_tce_coal",
        "fuel_co2_coal",
        "discount_rate",
    ):
        assert factors[key]["source"] and factors[key]["status"], key
    # each figure equals quantity × the listed factor
    r = out.items
    assert r.at[0, "tco2"] == pytest.approx(r.at[0, "kwh"] * factors["grid_co2"]["value"] / 1000)
    assert r.at[1, "tco2"] == pytest.approx(r.at[1, "fuel"] * factors["fuel_co2_coal"]["value"])
    assert out.summary["tce"]["convention"]


def test_docs_list_every_shipped_factor():
    doc = (ROOT / "docs" / "methods.md").read_text(encoding="utf-8")
    for row in csv.DictReader((DATA / "factors.csv").read_text(encoding="utf-8").splitlines()):
        assert f"`{row['key']}`" in doc, row["key"]
        if row["value"]:
            assert row["value"] in doc, row["key"]
    for row in csv.DictReader((DATA / "grid_factors.csv").read_text(encoding="utf-8").splitlines()):
        assert f"| {row['year']} | {row['value']} | {row['status']} |" in doc, row
