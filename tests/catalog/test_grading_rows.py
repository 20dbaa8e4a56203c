"""Grading against the standard's rows by hand: condensing and electric boilers, '—' cells, and rows that
require more than one indicator (the weakest decides). Expected values are read off the reference rows
cited in each test (GB 24500-2020 表4 / 5.2, GB 19153-2019 表1, GB 21454 表1-表3)."""

from __future__ import annotations

import pandas as pd
import pytest

from retrofit_desktop.catalog.catalog import load_builtin
from retrofit_desktop.domain import Tier

CAT = load_builtin()
GAS = {"boiler_type": "chamber_fired", "fuel": "natural_gas"}


@pytest.mark.parametrize(
    ("eff", "tier"),
    [
        (103, Tier.ADVANCED),
        (102.9, Tier.ENERGY_SAVING),
        (101, Tier.ENERGY_SAVING),
        (98, Tier.ENTRY),
        (97.9, Tier.BELOW_ENTRY),
    ],
)
def test_condensing_gas_boiler_graded_by_its_row(eff, tier):
    # GB 24500-2020 表4 室燃锅炉 天然气 冷凝: 103 / 101 / 98 % (lower heating value basis)
    c = CAT.classify("boiler", {**GAS, "condensing": "冷凝"}, {"thermal_efficiency_pct": eff})
    assert c.tier == tier
    assert c.comparisons[0].thresholds == {"advanced": 103, "energy_saving": 101, "entry": 98}
    assert c.comparisons[0].table == "GB 24500-2020 表4" and c.comparisons[0].row == "B23"


def test_non_condensing_row_is_another_row():
    # 表4 天然气 非冷凝: 96 / 94 / 92
    c = CAT.classify("boiler", {**GAS, "condensing": "非冷凝"}, {"thermal_efficiency_pct": 95})
    assert c.tier == Tier.ENERGY_SAVING and c.comparisons[0].row == "B22"


@pytest.mark.parametrize(("eff", "tier"), [(97, Tier.ENTRY), (99.5, Tier.ENTRY), (96.9, Tier.BELOW_ENTRY)])
def test_electric_boiler_against_the_limit_value(eff, tier):
    # GB 24500-2020 clause 5.2 (reference row, single source): electric boilers >= 97 %, no grade 1 or 2
    c = CAT.classify("boiler", {"boiler_type": "电锅炉", "fuel": "电"}, {"thermal_efficiency_pct": eff})
    assert c.tier == tier
    comp = c.comparisons[0]
    assert comp.thresholds == {"advanced": None, "energy_saving": None, "entry": 97}
    assert comp.not_in_standard == ["advanced", "energy_saving"]
    assert comp.verification.value == "single_source"


def test_dash_cell_is_no_value_in_the_standard_not_out_of_range():
    # GB 19153-2019 表1, liquid-cooled, 11 kW, 0.8 MPa: '—' in every grade
    p = {
        "compressor_type": "oil_injected_rotary_fixed",
        "drive_power_kw": 11,
        "discharge_pressure_mpa": 0.8,
        "cooling": "liquid",
    }
    for values in ({"specific_power": 9.0}, {}):
        c = CAT.classify("air_compressor", p, values)
        assert c.tier == Tier.NO_THRESHOLD and c.rule == "no_standard_value", values
        assert c.comparisons[0].row == "表1-11kW-0.8MPa-liquid"
        assert c.comparisons[0].not_in_standard == ["advanced", "energy_saving", "entry"]
    # the same cell air-cooled has values (表1 11 kW 0.8 MPa air: a plain row)
    air = CAT.classify("air_compressor", {**p, "cooling": "air"}, {"specific_power": 9.0})
    assert air.rule == "table_row" and air.comparisons[0].not_in_standard == []
    # a blank cell (not in the data) stays "no threshold" with the plain row rule,
    # not "no value in the standard"
    assert (
        CAT.classify(
            "transformer",
            {
                "rated_capacity_kva": 2500,
                "transformer_type": "oil",
                "core_material": "electrical_steel",
                "connection_group": "Yyn0",
            },
            {"no_load_loss_w": 1, "load_loss_w": 1},
        ).rule
        != "no_standard_value"
    )


MS = {
    "ac_type": "风冷单冷",
    "cooling_capacity_kw": 12,
}  # GB 21454 表1 ≤14000 W: SEER 5.5/5.1/4.8, EERmin 3.6/2.9/2.1


@pytest.mark.parametrize(
    ("seer", "eer", "tier", "decided"),
    [
        (5.6, 3.7, Tier.ADVANCED, "seer"),
        (5.6, 3.0, Tier.ENERGY_SAVING, "eer"),  # SEER advanced, EER only grade 2
        (5.6, 2.0, Tier.BELOW_ENTRY, "eer"),  # EER below the grade-3 minimum 2.1
        (4.9, 3.7, Tier.ENTRY, "seer"),
        (
            5.6,
            None,
            Tier.NO_VALUE,
            "eer",
        ),  # the row requires an EER: without it the grade cannot be confirmed
    ],
)
def test_multisplit_applies_seer_and_the_eer_minimum(seer, eer, tier, decided):
    values = {"seer": seer} if eer is None else {"seer": seer, "eer": eer}
    c = CAT.classify("multi_split", MS, values)
    assert c.tier == tier and c.decided_by == decided
    by = {x.indicator: x for x in c.comparisons}
    assert by["eer"].thresholds == {"advanced": 3.6, "energy_saving": 2.9, "entry": 2.1}
    assert by["seer"].thresholds == {"advanced": 5.5, "energy_saving": 5.1, "entry": 4.8}


def test_multisplit_heat_pump_eer_minimum():
    # 表2 风冷热泵 ≤14000 W: APF 5.2/4.4/3.6, EERmin 3.5/2.8/2.0
    c = CAT.classify(
        "multi_split", {"ac_type": "air_heat_pump", "cooling_capacity_kw": 10}, {"apf": 5.3, "eer": 2.8}
    )
    assert c.tier == Tier.ENERGY_SAVING and c.decided_by == "eer"


def test_multisplit_band_without_an_eer_minimum_in_the_data():
    # 表1 14-28 kW: SEER 5.1/4.7/4.4; the source pack gives the EER minimum on the ≤14 kW row only
    c = CAT.classify(
        "multi_split", {"ac_type": "air_cooling_only", "cooling_capacity_kw": 20}, {"seer": 5.2, "eer": 1.0}
    )
    assert c.tier == Tier.ADVANCED and c.decided_by == "seer"
    eer = next(x for x in c.comparisons if x.indicator == "eer")
    assert eer.rule == "no_standard_value" and eer.verification.value == "unverified"
    assert (
        CAT.classify(
            "multi_split", {"ac_type": "air_cooling_only", "cooling_capacity_kw": 20}, {"seer": 5.2}
        ).tier
        == Tier.ADVANCED
    )


def test_a_value_the_row_does_not_require_is_shown_as_not_used():
    # 表3 水环式 ≤28000 W: IPLV(C) 7.0/5.9/5.2 and no EER row: an EER given is reported, not silently dropped
    c = CAT.classify(
        "multi_split", {"ac_type": "water_loop", "cooling_capacity_kw": 20}, {"iplv": 7.1, "eer": 1.0}
    )
    assert c.tier == Tier.ADVANCED and c.decided_by == "iplv"
    eer = next(x for x in c.comparisons if x.indicator == "eer")
    assert eer.rule == "indicator_not_required" and eer.tier == Tier.NOT_COVERED


def test_frame_names_the_deciding_indicator_and_agrees_with_trace():
    items = pd.DataFrame(
        [
            {"product": "multi_split", **MS, "seer": 5.6, "eer": 3.0},
            {"product": "multi_split", "ac_type": "water_loop", "cooling_capacity_kw": 20, "iplv": 6.0},
            {"product": "boiler", **GAS, "condensing": "yes", "thermal_efficiency_pct": 103},
        ]
    )
    out = CAT.classify_frame(items)
    assert list(out["tier"]) == ["energy_saving", "energy_saving", "advanced"]
    assert list(out["decided_by"]) == ["eer", "iplv", None]
    for i, row in items.iterrows():
        assert CAT.trace(row.dropna().to_dict()).tier.value == out["tier"].iloc[i]


def test_low_ambient_multisplit_fixed_cop_minimums():
    # GB 21454 表4 低温机组 ≤18000 W: HSPF 3.4/3.2/3.0 with 'gates COP(-12℃)>=2.2, COP(-20℃)>=1.8'
    p = {"ac_type": "低温", "heating_capacity_kw": 16}
    ok = CAT.classify("multi_split", p, {"hspf": 3.5, "cop_m12": 2.3, "cop_m20": 1.9})
    assert ok.tier == Tier.ADVANCED
    low = CAT.classify("multi_split", p, {"hspf": 3.5, "cop_m12": 2.3, "cop_m20": 1.7})
    assert low.tier == Tier.BELOW_ENTRY and low.decided_by == "cop_m20"
    gate = next(x for x in low.comparisons if x.indicator == "cop_m20")
    assert gate.thresholds == {"advanced": 1.8, "energy_saving": 1.8, "entry": 1.8}
    assert gate.verification.value == "unverified"  # the source does not state the gates' grade scope


def test_low_ambient_heat_pump_fixed_minimums():
    # GB 19577-2024 表3 地板采暖型 ≤35 kW: HSPF row with 'fixed gates COPdh>=2.0 and COPh>=2.3'
    p = {"terminal": "floor_heating", "heating_capacity_kw": 20}
    c = CAT.classify("lowtemp_ashp", p, {"hspf": 10, "copdh": 1.9, "coph": 2.4})
    assert c.tier == Tier.BELOW_ENTRY and c.decided_by == "copdh"
    assert CAT.classify("lowtemp_ashp", p, {"hspf": 10}).tier == Tier.NO_VALUE  # the minimums need values
