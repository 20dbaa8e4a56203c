"""Pumps by GB 19762-2025 表3: thresholds against hand calculations from the published coefficients."""

from __future__ import annotations

import math
from datetime import date

import pytest

from retrofit_desktop.catalog.in_force import Judging
from retrofit_desktop.domain import Tier, Verification

IN_FORCE = Judging("in_force", date(2026, 12, 1))
# coefficients a, b, c, d, e of 表3 as the formula pack gives them (single-stage / multistage types)
SINGLE = (-8.44, -0.48, 0.09, 84.63, 8.5)
MULTI = (-6.93, -0.19, -0.4, 72.67, 8.73)


def hand(q, h, n, ci, coeff=SINGLE, double=False, stages=1):
    """ns = 3.65·n·√(Q'/3600)/(H/i)^0.75 (Q' = Q/2 for double suction); η = a·ln²ns + b·ln²Q + … − Ci."""
    ns = 3.65 * n * math.sqrt((q / 2 if double else q) / 3600) / (h / stages) ** 0.75
    a, b, c, d, e = coeff
    x, y = math.log(ns), math.log(q)
    base = a * x * x + b * y * y + c * x * y + d * x + e * y
    return ns, [base - k for k in ci]


def classify(cat, judging=IN_FORCE, **item):
    return cat.trace({"product": "pump", **item}, judging)


def test_double_suction_pump_of_the_2007_worked_example(cat):
    # GB 19762-2007 附录A: Q = 800 m³/h, H = 12 m, n = 1470 r/min, double suction -> ns = 277.4
    ns, (g1, g2, g3) = hand(800, 12, 1470, (162.33, 163.33, 168.33), double=True)  # Q > 600: row T3-04
    assert round(ns, 1) == 277.4
    c = classify(
        cat,
        pump_type="single_stage_double_suction",
        flow_m3h=800,
        head_m=12,
        speed_rpm=1470,
        pump_efficiency_pct=80.5,
    )
    thr = c.comparisons[0].thresholds
    assert thr["advanced"] == pytest.approx(g1, abs=0.01) and thr["entry"] == pytest.approx(g3, abs=0.01)
    assert thr["energy_saving"] == pytest.approx(g2, abs=0.01)
    assert round(g3, 1) == 79.4 and g3 <= 80.5 < g2  # so: entry tier
    assert c.tier == Tier.ENTRY and c.rule == "formula"
    assert c.comparisons[0].row == "GB19762-T3-04" and "277.4" in c.comparisons[0].rule
    assert c.verification == Verification.SUCCESSOR_EDITION
    j = c.to_json()
    assert (j["standard_edition"], j["edition_effective"], j["catalog_edition_cited"]) == (
        "GB 19762-2025",
        "2026-03-01",
        "GB 19762-2007",
    )


@pytest.mark.parametrize(
    ("pump_type", "q", "h", "n", "ci", "eff", "tier"),
    [
        # IS100-65-200: end-suction, 100 m³/h, 50 m, 2900 r/min (row T3-01)
        ("single_stage_single_suction", 100, 50, 2900, (161.33, 163.33, 168.33), 76.0, None),
        # ISW80-160 in-line pump, 50 m³/h, 32 m (row T3-05: its own, lower C values)
        ("inline", 50, 32, 2900, (163.33, 165.33, 171.33), 70.0, None),
        # in-line pump above 300 m³/h (row T3-06)
        ("inline", 400, 20, 1480, (164.33, 165.33, 171.33), 90.0, Tier.ADVANCED),
    ],
)
def test_single_stage_types_against_hand_calculation(cat, pump_type, q, h, n, ci, eff, tier):
    _ns, (g1, g2, g3) = hand(q, h, n, ci)
    c = classify(cat, pump_type=pump_type, flow_m3h=q, head_m=h, speed_rpm=n, pump_efficiency_pct=eff)
    thr = c.comparisons[0].thresholds
    assert [thr["advanced"], thr["energy_saving"], thr["entry"]] == pytest.approx([g1, g2, g3], abs=0.01)
    expected = (
        Tier.ADVANCED
        if eff >= g1
        else Tier.ENERGY_SAVING
        if eff >= g2
        else Tier.ENTRY
        if eff >= g3
        else Tier.BELOW_ENTRY
    )
    assert c.tier == expected and (tier is None or tier == expected)


def test_multistage_uses_head_per_stage_and_its_own_coefficients(cat):
    ns, (g1, g2, g3) = hand(50, 200, 2950, (139.33, 142.33, 150.33), coeff=MULTI, stages=5)  # row T3-07
    c = classify(
        cat,
        pump_type="multistage",
        flow_m3h=50,
        head_m=200,
        speed_rpm=2950,
        stages=5,
        pump_efficiency_pct=g2 + 0.01,
    )
    assert c.tier == Tier.ENERGY_SAVING and f"{ns:.1f}" in c.comparisons[0].rule
    assert c.comparisons[0].thresholds["entry"] == pytest.approx(g3, abs=0.01)
    # without the number of stages the head per stage, hence ns, is unknown: no default of one stage
    c = classify(cat, pump_type="multistage", flow_m3h=50, head_m=200, speed_rpm=2950, pump_efficiency_pct=80)
    assert c.tier == Tier.NOT_COVERED and c.rule == "missing_parameter"


def test_flow_band_edges_and_range(cat):
    item = {
        "pump_type": "single_stage_single_suction",
        "head_m": 30,
        "speed_rpm": 1480,
        "pump_efficiency_pct": 80,
    }
    at_300 = classify(cat, flow_m3h=300, **item).comparisons[0]
    above = classify(cat, flow_m3h=300.5, **item).comparisons[0]
    assert at_300.row == "GB19762-T3-01" and above.row == "GB19762-T3-02"  # [5, 300] then (300, 10000]
    assert at_300.thresholds["advanced"] == pytest.approx(hand(300, 30, 1480, (161.33,))[1][0], abs=0.01)
    low = classify(cat, flow_m3h=4, **item)
    assert low.tier == Tier.NOT_COVERED and low.rule == "out_of_range"


def test_pump_type_from_suction_or_missing(cat):
    base = {"flow_m3h": 800, "head_m": 12, "speed_rpm": 1470, "pump_efficiency_pct": 80.5}
    assert classify(cat, suction="double", **base).tier == Tier.ENTRY  # a double-suction pump is single-stage
    c = classify(cat, suction="single", **base)  # end-suction or in-line? their C values differ
    assert c.tier == Tier.NOT_COVERED and c.rule == "missing_parameter"
    assert classify(cat, pump_type="管道泵", **dict(base, flow_m3h=200)).comparisons[0].row == "GB19762-T3-05"


def test_before_the_2025_edition_takes_effect_pumps_stay_not_covered(cat):
    item = {
        "pump_type": "single_stage_double_suction",
        "flow_m3h": 800,
        "head_m": 12,
        "speed_rpm": 1470,
        "pump_efficiency_pct": 80.5,
    }
    before = classify(cat, Judging("in_force", date(2026, 2, 28)), **item)
    assert before.tier == Tier.NOT_COVERED and before.rule == "edition_not_in_data"
    assert before.to_json()["standard_edition"] == "GB 19762-2007"  # the edition in force then
    assert classify(cat, Judging("in_force", date(2026, 3, 1)), **item).tier == Tier.ENTRY  # 实施日期
    by_catalog = classify(
        cat, Judging("catalog", date(2026, 12, 1)), **item
    )  # GB 19762-2007's tables: not found
    assert by_catalog.tier == Tier.NOT_COVERED and by_catalog.rule == "edition_not_in_data"


def test_frame_and_trace_agree_for_pumps(cat):
    import pandas as pd

    frame = pd.DataFrame(
        [
            {
                "product": "pump",
                "pump_type": "single_stage_double_suction",
                "flow_m3h": 800,
                "head_m": 12,
                "speed_rpm": 1470,
                "pump_efficiency_pct": 80.5,
            },
            {
                "product": "pump",
                "pump_type": "inline",
                "flow_m3h": 50,
                "head_m": 32,
                "speed_rpm": 2900,
                "pump_efficiency_pct": 70.0,
            },
            {"product": "pump", "pump_type": "multistage", "flow_m3h": 50, "head_m": 200, "speed_rpm": 2950},
        ]
    )
    out = cat.classify_frame(frame, IN_FORCE)
    for i, row in frame.iterrows():
        t = cat.trace(row.dropna().to_dict(), IN_FORCE)
        assert out.at[i, "tier"] == t.tier.value
        for tier in ("advanced", "energy_saving", "entry"):
            got = out.at[i, f"thr__pump_efficiency_pct__{tier}"]
            want = t.comparisons[0].thresholds[tier]
            assert (math.isnan(got) and want is None) or got == pytest.approx(want, abs=0.01)
    assert list(out["standard_edition"]) == ["GB 19762-2025"] * 3


def test_pump_rows_cite_the_standard_and_keep_the_transcription_as_provenance():
    """What users read names GB 19762—2025 and its table; the repository the numbers were transcribed
    from stays in the provenance column, out of the citation."""
    import csv

    from retrofit_desktop.catalog.pump_formula import DATA, pump_rows

    assert {row.source for row in pump_rows()} == {
        "GB 19762—2025《离心泵能效限定值及能效等级》表3"
        "（国家市场监督管理总局、国家标准化管理委员会 2026-03-01 实施）"
    }
    assert {row.source_en for row in pump_rows()} == {
        "GB 19762—2025 Minimum allowable values of energy efficiency and energy efficiency grades "
        "for centrifugal "
        "pumps, Table 3 (SAMR and SAC; in force 2026-03-01)"
    }
    with DATA.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 10
    assert all("EquipEffi" in r["provenance"] and r["row_id"] in r["provenance"] for r in rows)
