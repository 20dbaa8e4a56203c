"""`retrofit classify` on condensing/electric boilers and multi-indicator rows, and its --edition option."""

from __future__ import annotations

GAS = ("--param", "boiler_type=室燃", "--param", "fuel=天然气")


def test_condensing_boiler_above_100_percent_is_graded_not_refused(run):
    # GB 24500-2020 表4 天然气 冷凝 103/101/98: 103 % was a usage error ("cannot exceed 100 %") before
    d = run.json(
        "classify",
        "boiler",
        *GAS,
        "--param",
        "condensing=冷凝",
        "--value",
        "thermal_efficiency_pct=103",
        "--json",
    )
    assert d["tier"] == "advanced" and d["comparisons"][0]["thresholds"]["advanced"] == 103
    code, _out, err = run(
        "--lang",
        "en",
        "classify",
        "boiler",
        *GAS,
        "--param",
        "condensing=yes",
        "--value",
        "thermal_efficiency_pct=111",
    )
    assert code == 2 and "110 %" in err


def test_non_condensing_boiler_above_100_percent_warns(run):
    code, _out, err = run(
        "--lang",
        "en",
        "classify",
        "boiler",
        *GAS,
        "--param",
        "condensing=no",
        "--value",
        "thermal_efficiency_pct=103",
    )
    assert code == 0 and "only by a condensing boiler" in err


def test_electric_boiler_and_multisplit_text(run):
    code, out, _err = run(
        "--lang",
        "zh",
        "classify",
        "boiler",
        "--param",
        "boiler_type=电锅炉",
        "--param",
        "fuel=电",
        "--value",
        "thermal_efficiency_pct=97",
    )
    assert code == 0 and "准入水平" in out and "标准对此行仅规定能效限定值" in out
    code, out, _err = run(
        "--lang",
        "zh",
        "classify",
        "multi_split",
        "--param",
        "ac_type=风冷单冷",
        "--param",
        "cooling_capacity_kw=12",
        "--value",
        "seer=5.6",
        "--value",
        "eer=3.0",
    )
    assert (
        code == 0 and "节能水平" in out and "决定等级的指标：能效比" in out
    )  # the indicator by its label (issue 11 C.11)


def test_classify_takes_the_edition_options_like_assess(run):
    pump = (
        "classify",
        "pump",
        "--param",
        "pump_type=单级单吸",
        "--param",
        "flow_m3h=100",
        "--param",
        "head_m=32",
        "--param",
        "speed_rpm=2900",
        "--value",
        "pump_efficiency_pct=80",
        "--json",
    )
    in_force = run.json(*pump, "--assessment-date", "2026-12-01")
    assert in_force["standard_edition"] == "GB 19762-2025" and in_force["tier"] != "not_covered"
    cited = run.json(*pump, "--edition", "catalog", "--assessment-date", "2026-12-01")
    assert cited["standard_edition"] == "GB 19762-2007" and cited["tier"] == "not_covered"
    before = run.json(*pump, "--assessment-date", "2025-12-01")
    assert before["standard_edition"] == "GB 19762-2007" and before["tier"] == "not_covered"
    code, _out, err = run("classify", "pump", "--assessment-date", "2026-13-01")
    assert code == 2 and err
