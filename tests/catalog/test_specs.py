"""Product specs, listing JSON and field normalisation."""

from __future__ import annotations

import json

import pytest

from retrofit_desktop.catalog import GROUPS
from retrofit_desktop.domain import Verification

CONFIRMED = (
    "motor",
    "transformer",
    "room_ac",
    "boiler",
    "data_centre",
    "server",
    "charging_pile",
    "base_station",
    "pv_module",
)


def test_products_and_groups(cat):
    for pid in CONFIRMED:
        assert cat.products[pid].membership == Verification.SINGLE_SOURCE
    for spec in cat.products.values():
        assert spec.group in GROUPS
        assert spec.name_zh and spec.name_en and (spec.standard or spec.standard_to_confirm)
        assert "UNVERIFIED" not in spec.standard  # the mark is a flag, printed in the user's language
        for f in spec.parameters + spec.operating_fields:
            assert f.label_zh and f.label_en and f.aliases, (spec.id, f.name)
        assert len({f.name for f in spec.parameters}) == len(spec.parameters)


def test_architecture_field_names(cat):
    motor = cat.product("motor")
    assert [p.name for p in motor.parameters] == ["rated_power_kw", "poles"]
    assert [o.name for o in motor.operating_fields] == ["annual_hours", "load_factor"]
    assert "额定功率" in motor.field("rated_power_kw").aliases and "极数" in motor.field("poles").aliases
    assert "效率" in motor.indicator("efficiency_pct").aliases
    assert "比功率" in cat.product("air_compressor").indicator("specific_power").aliases
    assert "排气压力" in cat.product("air_compressor").field("discharge_pressure_mpa").aliases
    tr = cat.product("transformer")
    assert "额定容量" in tr.field("rated_capacity_kva").aliases
    assert {i.name for i in tr.indicators} == {"no_load_loss_w", "load_loss_w"}
    assert {i.unit for i in tr.indicators} == {"W"}
    assert (
        "年运行小时" in motor.field("annual_hours").aliases and "负载率" in motor.field("load_factor").aliases
    )


def test_enum_normalisation(cat):
    tr = cat.product("transformer")
    assert tr.field("transformer_type").normalise("油浸式") == "oil"
    assert tr.field("core_material").normalise("非晶合金") == "amorphous"
    assert cat.product("motor").field("poles").normalise(4.0) == "4"
    assert cat.product("motor").field("poles").normalise("4极") == "4"
    assert cat.product("motor").field("poles").normalise(None) is None
    with pytest.raises(ValueError):
        cat.product("motor").field("poles").normalise("5")


def test_list_json(cat):
    d = cat.list_json()
    json.dumps(d, ensure_ascii=False)
    assert d["products_total"] == 43
    assert d["products_modelled"] == len(cat.products) < 43
    assert d["edition"]["sha256"] == cat.edition.sha256
    assert sum(d["verification_counts"].values()) == len(cat.rows)
    motor = next(p for p in d["products"] if p["id"] == "motor")
    assert motor["rows"] == 168 and motor["has_table"]
    # 24 cross-checked 4-pole ratings x grades 2 and 3
    assert motor["cell_verification_counts"]["verified"] == 48
    assert motor["cell_verification_counts"]["single_source"] == 168 * 3 - 48


def test_show_json(cat):
    d = cat.product("transformer").to_json()
    json.dumps(d, ensure_ascii=False)
    params = {p["name"]: p for p in d["parameters"]}
    assert params["transformer_type"]["allowed"] == ["oil", "dry"]
    assert params["rated_capacity_kva"]["unit"] == "kVA" and params["rated_capacity_kva"]["allowed"] is None
    assert all(r["source"] and r["verification"] for r in d["rows"])
    assert d["tier_mapping"]["entry"] == 3 and d["tier_mapping"]["verification"] == "unverified"
    assert d["between_rules"][0]["rule"] == "stricter_neighbour"
    assert sum(d["verification_counts"].values()) == len(d["rows"])


def test_rule_and_value_labels(cat):
    from retrofit_desktop import i18n
    from retrofit_desktop.catalog.labels import rule_label

    assert rule_label("stricter_neighbour(drive_power_kw)+stricter_neighbour(discharge_pressure_mpa)") == (
        "取较严相邻行 (驱动电机额定功率); 取较严相邻行 (额定排气压力)"
    )  # parameters by label (issue 11 C.11)
    with i18n.use_language("en"):
        assert rule_label("out_of_range") == "outside the table (no extrapolation)"
    assert rule_label("something_else") == "something_else"
    tt = cat.product("transformer").field("transformer_type")
    assert tt.value_label("oil") == "油浸式" and tt.value_label("oil", "en") == "Oil-immersed"
