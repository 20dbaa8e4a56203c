"""A factor every calculation needs (grid CO2, tce, physical constants) without a value is a clear
FactorError naming it, not a TypeError from float(None) deep in a formula."""

from __future__ import annotations

from dataclasses import replace

import pytest

from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.engine import FactorSet
from retrofit_desktop.engine.regions import FactorError


def _without(key: str) -> FactorSet:
    fs = FactorSet.default(price_cny_per_kwh=0.6)
    return replace(fs, factors={**fs.factors, key: replace(fs.factors[key], value=None)})


def test_a_present_factor_is_its_value():
    fs = FactorSet.default()
    assert fs.number("gravity") == pytest.approx(9.80665)
    assert fs.grid_co2 == fs.factors["grid_co2"].value


@pytest.mark.parametrize(
    ("key", "read"),
    [
        ("grid_co2", lambda fs: fs.grid_co2),
        ("tce_electricity_equivalent", lambda fs: fs.tce_equivalent),
        ("discount_rate", lambda fs: fs.discount_rate),
        ("water_density", lambda fs: fs.number("water_density")),
    ],
)
def test_a_required_factor_without_a_value_is_named(key, read):
    with pytest.raises(FactorError, match=key):
        read(_without(key))


def test_a_field_the_product_lacks_is_named():
    spec = get_catalog().product("motor")
    assert spec.require_field("poles").name == "poles"
    with pytest.raises(KeyError, match="motor: no field 'head_m'"):
        spec.require_field("head_m")
