"""Factor keys and engine-written scopes have translated display forms; the JSON keeps its English."""

from __future__ import annotations

from retrofit_desktop.engine.factors import FactorSet
from retrofit_desktop.engine_labels import factor_label, factor_scope, grid_place
from retrofit_desktop.i18n import use_language


def test_every_shipped_factor_key_has_a_label_in_both_languages():
    keys = FactorSet.default("湖南").factors
    for lang in ("zh", "en"):
        with use_language(lang):
            unlabelled = [k for k in keys if factor_label(k) == k]
            assert not unlabelled, unlabelled


def test_labels_read_as_the_factor_names():
    with use_language("zh"):
        assert factor_label("price_fuel_natural_gas") == "天然气价格"
        assert factor_label("grid_co2", "average") == "电网平均二氧化碳排放因子"
        assert factor_label("fuel_co2_coal") == "原煤二氧化碳排放因子"
        assert factor_label("no_such_key") == "no_such_key"
    with use_language("en"):
        assert factor_label("price_fuel_natural_gas") == "Natural gas price"


def test_grid_scope_is_translated_but_the_json_keeps_english():
    data = FactorSet.default("湖南").to_json()
    grid, scope = data["grid_resolution"], data["factors"]["grid_co2"]["scope"]
    assert scope == "average grid CO2, province 湖南/Hunan"  # the stored field is unchanged
    with use_language("zh"):
        assert factor_scope("grid_co2", scope, grid) == "湖南（省级）"
        assert grid_place({"level": "regional", "region": "central"}) == "华中（区域电网）"
    with use_language("en"):
        assert factor_scope("grid_co2", scope, grid) == "Hunan (province)"
        assert factor_scope("price_fuel_coal", "coal price") == ""  # the label says it already
        assert (
            factor_scope("discount_rate", "social discount rate 社会折现率")
            == "social discount rate 社会折现率"
        )
