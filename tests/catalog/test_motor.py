"""Motors (GB 18613-2020): converted values, boundaries, interpolation, scope."""

from __future__ import annotations

import pandas as pd
import pytest
from catalog_refdata import num, read_reference

from retrofit_desktop.catalog import UnknownProduct
from retrofit_desktop.domain import Tier, Verification


def _cls(cat, kw, poles, eff):
    return cat.classify("motor", {"rated_power_kw": kw, "poles": poles}, {"efficiency_pct": eff})


def test_every_reference_cell_is_converted(cat):
    ref = read_reference("motor_gb18613_2020_three_phase_induction.csv")
    assert len(ref) == 168
    spec = cat.product("motor")
    assert len(spec.rows) == 168
    for r in ref:
        c = _cls(cat, float(r["rated_power_kw"]), r["poles"], 50.0)
        t = c.comparisons[0].thresholds
        assert (t["advanced"], t["energy_saving"], t["entry"]) == (
            num(r["grade1_advanced"]),
            num(r["grade2_energy_saving"]),
            num(r["grade3_entry"]),
        ), r
        assert c.comparisons[0].rule == "table_row"


def test_grades_strictly_ordered(cat):
    for r in cat.product("motor").rows:
        assert float(r["grade1"]) > float(r["grade2"]) > float(r["grade3"]), r["row_id"]


@pytest.mark.parametrize(
    "eff, tier",
    [
        (94.6, Tier.ENTRY),  # 55 kW 4-pole grade 3 = 94.6: on the threshold meets it
        (94.59999, Tier.BELOW_ENTRY),  # not rounded up
        (95.7, Tier.ENERGY_SAVING),
        (96.49, Tier.ENERGY_SAVING),
        (96.5, Tier.ADVANCED),
        (99.0, Tier.ADVANCED),
    ],
)
def test_boundaries_on_tabulated_rating(cat, eff, tier):
    assert _cls(cat, 55, 4, eff).tier == tier


def test_linear_interpolation_between_ratings(cat):
    # 50 kW 4-pole lies between 45 kW (96.3/95.4/94.2) and 55 kW (96.5/95.7/94.6), weight 0.5:
    # entry = 94.2 + (50-45)/(55-45) * (94.6-94.2) = 94.4; energy_saving = 95.4 + 0.5*0.3 = 95.55
    c = _cls(cat, 50, 4, 94.4)
    comp = c.comparisons[0]
    assert comp.thresholds == {
        "advanced": pytest.approx(96.4),
        "energy_saving": pytest.approx(95.55),
        "entry": pytest.approx(94.4),
    }
    assert c.tier == Tier.ENTRY  # exactly on the interpolated entry value
    assert _cls(cat, 50, 4, 95.55).tier == Tier.ENERGY_SAVING
    assert _cls(cat, 50, 4, 94.39).tier == Tier.BELOW_ENTRY
    assert "linear_interpolation(rated_power_kw)" in comp.rule
    assert comp.row == "T1-45kW-4P; T1-55kW-4P"
    # the rule itself is unverified, so the item is too
    assert c.verification == Verification.UNVERIFIED


def test_interpolation_uneven_weights(cat):
    # 2-pole 1.3 kW between 1.1 kW (g3 = 82.7) and 1.5 kW (g3 = 84.2):
    # 82.7 + (1.3-1.1)/(1.5-1.1) * (84.2-82.7) = 82.7 + 0.5*1.5 = 83.45
    ref = {
        (r["rated_power_kw"], r["poles"]): r
        for r in read_reference("motor_gb18613_2020_three_phase_induction.csv")
    }
    g3_lo, g3_hi = float(ref[("1.1", "2")]["grade3_entry"]), float(ref[("1.5", "2")]["grade3_entry"])
    expected = g3_lo + (1.3 - 1.1) / (1.5 - 1.1) * (g3_hi - g3_lo)
    c = _cls(cat, 1.3, 2, 80)
    assert c.comparisons[0].thresholds["entry"] == pytest.approx(expected)


@pytest.mark.parametrize("kw, poles", [(0.1, 4), (1000.5, 4), (2000, 2), (55, 10)])
def test_outside_the_table_is_not_covered(cat, kw, poles):
    c = _cls(cat, kw, poles, 95)
    assert c.tier == Tier.NOT_COVERED
    assert all(v is None for v in c.comparisons[0].thresholds.values())


def test_edges_of_the_table_are_covered(cat):
    assert _cls(cat, 0.12, 2, 60.8).tier == Tier.ENTRY
    assert _cls(cat, 1000, 8, 99).tier == Tier.ADVANCED


def test_missing_value_and_parameters(cat):
    assert _cls(cat, 55, 4, None).tier == Tier.NO_VALUE
    c = cat.classify("motor", {"rated_power_kw": 55}, {"efficiency_pct": 95})
    assert c.tier == Tier.NOT_COVERED and c.rule == "missing_parameter"


def test_verification_of_deciding_cells(cat):
    # 4-pole 55 kW: grades 2 and 3 cross-checked against two IEC tables (verified), grade 1 single source
    assert _cls(cat, 55, 4, 95.0).verification == Verification.VERIFIED  # entry: cells g3, g2
    assert _cls(cat, 55, 4, 97.0).verification == Verification.SINGLE_SOURCE  # advanced: g1
    assert _cls(cat, 55, 2, 95.0).verification == Verification.SINGLE_SOURCE  # 2-pole: single source


def test_names_and_aliases(cat):
    assert cat.product("三相异步电动机").id == "motor"
    assert cat.product("Three-phase induction motor").id == "motor"
    with pytest.raises(UnknownProduct):
        cat.product("蒸汽机")


def test_classification_records_edition(cat):
    c = _cls(cat, 55, 4, 95.0)
    assert c.edition_id == cat.edition.id and len(c.edition_sha256) == 64
    assert c.to_json()["edition"]["sha256"] == cat.edition.sha256


def test_frame_columns(cat):
    items = pd.DataFrame(
        {
            "product": ["motor", "电动机", "motor"],
            "rated_power_kw": [55, 50, 2000],
            "poles": ["4", 4.0, 4],
            "efficiency_pct": [95.0, 96.0, 99.0],
        },
        index=[10, 20, 30],
    )
    out = cat.classify_frame(items)
    assert list(out.index) == [10, 20, 30]
    assert list(out["tier"]) == ["entry", "energy_saving", "not_covered"]
    assert out.loc[10, "thr__efficiency_pct__entry"] == 94.6
    assert pd.isna(out.loc[30, "thr__efficiency_pct__entry"])
    assert out.loc[30, "rule"] == "out_of_range"
    assert out.attrs["catalog_edition"]["sha256"] == cat.edition.sha256


def test_frame_unknown_product_and_empty(cat):
    items = pd.DataFrame(
        {
            "product": ["steam engine", None, "motor"],
            "rated_power_kw": [1, 1, 55],
            "poles": [4, 4, 4],
            "efficiency_pct": [90, 90, 94.6],
        }
    )
    out = cat.classify_frame(items)
    assert list(out["tier"]) == ["not_covered", "not_covered", "entry"]
    assert list(out["rule"][:2]) == ["unknown_product", "unknown_product"]
    empty = cat.classify_frame(items.iloc[:0])
    assert len(empty) == 0 and {"tier", "verification", "rule"} <= set(empty.columns)
