"""ui.assessment_view, ui.assessment_figures, ui.charts: factors with sources, background run, totals
equal services.assess; the figures read from the typed assessment equal its schema-1 JSON."""

from __future__ import annotations

import math

import pytest
from assessment_helpers import hand_assessment
from PySide6.QtCore import Qt
from ui_helpers import finished, same

from retrofit_desktop import services
from retrofit_desktop.ui import tasks
from retrofit_desktop.ui.assessment_figures import (
    MacBlock,
    assessment_totals,
    comparisons_frame,
    mac_blocks,
    measures_frame,
    savings_by_product,
)
from retrofit_desktop.ui.assessment_view import AssessmentView, parse_price, parse_rate
from retrofit_desktop.ui.charts import mac_layout
from retrofit_desktop.ui.frame_model import format_value


@pytest.fixture
def sample_ws(tmp_path):
    ws = services.open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite'}")
    eid = services.ensure_sample_enterprise(ws)
    assert eid is not None
    yield ws, eid
    assert tasks.wait_for_all(10000)


def _run(qtbot, view):
    return finished(qtbot, view.run())


def test_totals_equal_services_assess_on_the_same_items(qtbot, qtmodeltester, sample_ws):
    ws, eid = sample_ws
    view = AssessmentView()
    qtbot.addWidget(view)
    view.set_context(ws, eid)
    view.factors.set_region("湖南")
    view.factors.price_edit.setText("0.65")
    view.factors.rate_edit.setText("8%")
    assert _run(qtbot, view) == "done"

    expected = services.assess(
        services.load_items(ws, eid),
        services.AssessOptions(
            region="hunan", price_cny_per_kwh=0.65, discount_rate=0.08, target="energy_saving"
        ),
    )
    s = expected["summary"]
    assert s["kwh"] is not None and s["kwh"] > 0
    assert view.totals["kwh"] == pytest.approx(s["kwh"], rel=1e-12)
    assert view.totals["tce"] == pytest.approx(s["tce"]["calorific"], rel=1e-12)
    assert view.totals["tco2"] == pytest.approx(s["tco2"], rel=1e-12)
    assert same(view.totals["cny"], s["cny"])  # None when a fuel price is missing for some items
    assert same(view.totals["investment"], s["investment"])
    assert same(view.totals["npv"], s["npv"])
    for note in s["notes"]:
        assert note in view.notes_label.text()
    # what is shown is the same number, formatted
    assert view.total_values["kwh"].text() == format_value(s["kwh"])
    # the equivalent basis (等价值) switches the tce total only
    view.factors.basis_combo.setCurrentIndex(view.factors.basis_combo.findData("equivalent"))
    assert view.totals["tce"] == pytest.approx(s["tce"]["equivalent"], rel=1e-12)
    assert view.totals["kwh"] == pytest.approx(s["kwh"], rel=1e-12)

    assert view.measures_model.rowCount() == len(expected["items"])
    m = view.measures_model
    col = m.columns().index("missing")
    shown_missing = [m.data(m.index(r, col)) for r in range(m.rowCount()) if m.row_series(r)["missing"]]
    assert shown_missing  # the sample has items lacking data
    assert not any("__" in t or "_pct" in t for t in shown_missing)  # labels, not internal names
    # selecting an item shows its classification trace, with the catalog source of each threshold
    view.measures_view.sortByColumn(m.columns().index("asset_tag"), Qt.SortOrder.DescendingOrder)
    view.measures_view.selectRow(0)
    picked = expected["items"][
        [i["asset_tag"] for i in expected["items"]].index(m.row_series(0)["asset_tag"])
    ]
    t = view.trace_model
    assert t.rowCount() == len(picked["comparisons"]) >= 1
    assert [t.row_series(r)["source"] for r in range(t.rowCount())] == [
        c["source"] for c in picked["comparisons"]
    ]
    assert picked["asset_tag"] in view.trace_label.text()
    qtmodeltester.check(t, force_py=True)
    qtmodeltester.check(view.measures_model, force_py=True)
    shown = {k: v for k, v in view.tier_chart.counts.items()}
    assert shown == {k: v for k, v in s["by_tier"].items() if v}
    assert sum(shown.values()) == len(expected["items"])
    # the grid factor's source is shown next to the region
    grid = s["factors"]["factors"]["grid_co2"]
    assert grid["source"] in view.factors.sources["grid"].text()


def test_no_price_means_cost_figures_are_missing(qtbot, sample_ws):
    ws, eid = sample_ws
    view = AssessmentView()
    qtbot.addWidget(view)
    view.set_context(ws, eid)
    view.factors.price_edit.setText("")
    assert not view.cost_warning.isHidden()
    assert _run(qtbot, view) == "done"
    assert view.totals["kwh"] is not None  # energy figures do not need a price
    assert view.totals["cny"] is None  # never 0
    assert view.total_values["cny"].text() == "—"
    assert view.totals["payback_years"] is None
    view.factors.price_edit.setText("0.7")
    assert view.cost_warning.isHidden()


def test_bad_price_is_reported_inline_and_nothing_runs(qtbot, sample_ws):
    ws, eid = sample_ws
    view = AssessmentView()
    qtbot.addWidget(view)
    view.set_context(ws, eid)
    view.factors.price_edit.setText("0.6x")
    assert view.run() is None
    assert not view.error_label.isHidden()
    assert "0.6x" in view.error_label.text()
    assert "0.6x" in view.factors.sources["price"].text()  # next to the field too


def test_cancel_keeps_no_result(qtbot, sample_ws):
    ws, eid = sample_ws
    view = AssessmentView()
    qtbot.addWidget(view)
    view.set_context(ws, eid)
    handle = view.run()
    handle.cancel()
    assert handle.status == "cancelled"
    qtbot.waitUntil(handle.worker_returned, timeout=60000)
    assert view.assessment is None
    assert view.totals["kwh"] is None


def test_parse_price_and_rate():
    assert parse_price("") is None
    assert parse_price(" 0,65 ") == 0.65
    assert parse_rate("8%") == pytest.approx(0.08)
    assert parse_rate("0.06") == 0.06
    assert parse_rate("") is None
    for bad in ("abc", "0", "-1"):
        with pytest.raises(ValueError):
            parse_price(bad)
    with pytest.raises(ValueError):
        parse_rate("8")  # ambiguous: 8 is not a fraction, 8% must say so


def test_totals_by_hand():
    def item(product, kwh, inv, npv):
        return {
            "product": product,
            "kwh": kwh,
            "tce_calorific": kwh * 0.1229e-3,
            "tco2": None,
            "cny": kwh * 0.65,
            "investment": inv,
            "npv": npv,
        }

    items = [
        item("motor", 1000.0, 500.0, 20.0),
        item("motor", 3000.0, None, None),
        item("pump", 2000.0, 1500.0, -5.0),
    ]
    summary = {"kwh": 6000.0, "tce": {"calorific": 0.7374, "equivalent": 1.8}, "tco2": None, "cny": 3900.0}
    a = hand_assessment(items, summary)  # a summary without finance figures (an older payload's)
    t = assessment_totals(a)
    assert t["kwh"] == 6000.0 and t["tce"] == 0.7374 and t["tco2"] is None
    assert t["investment"] == 2000.0  # 500 + 1500; the unknown one is not counted as 0
    assert t["npv"] == 15.0  # 20 - 5
    assert t["payback_years"] == pytest.approx(2000.0 / 3900.0)
    assert assessment_totals(a, "equivalent")["tce"] == 1.8
    assert savings_by_product(a, "kwh") == {"motor": 4000.0, "pump": 2000.0}
    assert savings_by_product(a, "tco2") == {}
    # the engine's figures, when the summary has them, are what is shown
    engine = {**summary, "investment": 1800.0, "npv": None, "payback_years": 0.4}
    engine["by_product"] = {"motor": {"kwh": 4100.0}, "pump": {"kwh": None}}
    t = assessment_totals(hand_assessment(items, engine))
    assert (t["investment"], t["npv"], t["payback_years"]) == (1800.0, None, 0.4)
    assert savings_by_product(hand_assessment(items, engine), "kwh") == {"motor": 4100.0}


def test_mac_blocks_without_the_engine_curve_come_from_the_items():
    a = hand_assessment(
        [
            {"asset_tag": "M-1", "tco2": 2.0, "abatement_cny_per_tco2": -100.0},
            {"asset_tag": None, "name": "泵", "tco2": 1.5, "abatement_cny_per_tco2": 40.0},
            {"asset_tag": "M-3", "tco2": 0.0, "abatement_cny_per_tco2": 10.0},  # abates nothing
            {"asset_tag": "M-4", "tco2": 3.0, "abatement_cny_per_tco2": float("nan")},  # no cost
        ]
    )
    assert mac_blocks(a) == [MacBlock("M-1", 2.0, -100.0), MacBlock("泵", 1.5, 40.0)]


def test_measures_and_traces_read_from_columns_equal_the_json_items(sample_ws):
    """What the measures table and the trace show from the typed result is what its schema-1 JSON
    says for every item (two independent paths: the columns, and the JSON writer's dicts)."""
    ws, eid = sample_ws
    options = services.AssessOptions(region="hunan", price_cny_per_kwh=0.65)
    a = services.assessment_enterprise(ws, eid, options, save=False)
    payload = a.to_payload()
    for basis in ("calorific", "equivalent"):
        frame = measures_frame(a, basis)
        assert len(frame) == len(payload["items"]) == 38
        for pos, item in enumerate(payload["items"]):
            row = frame.iloc[pos]
            sav, fin = item["savings"], item["finance"]
            assert row["item"] == pos
            for key in ("row", "asset_tag", "name", "product", "tier", "target_tier"):
                assert same_value(row[key], item[key]), (pos, key)
            assert same_value(row["measure"], item["measure"] or sav["method"])
            assert same_value(row["status"], sav["status"])
            assert row["missing"] == ", ".join(sav["missing_fields"])
            for key in ("kwh", "tco2", "cny"):
                assert same_value(row[key], sav[key]), (pos, key)
            assert same_value(row["tce"], sav["tce"][basis])
            for key in ("investment", "payback_years", "npv"):
                assert same_value(row[key], fin[key]), (pos, key)
    traced = 0
    for pos, item in enumerate(payload["items"]):
        trace = comparisons_frame(a, pos)
        assert len(trace) == len(item["comparisons"])
        for (_i, shown), c in zip(trace.iterrows(), item["comparisons"], strict=True):
            for key in (
                "indicator",
                "value",
                "unit",
                "tier",
                "table",
                "row",
                "source",
                "verification",
                "rule",
            ):
                assert same_value(shown[key], c[key]), (pos, key)
            for tier in ("advanced", "energy_saving", "entry"):
                assert same_value(shown[tier], c["thresholds"][tier]), (pos, tier)
            traced += 1
    assert traced >= 38
    assert comparisons_frame(a, None).empty and comparisons_frame(None, 0).empty


def same_value(shown, expected) -> bool:
    """A cell of a frame against a JSON value: both missing, or equal."""
    import pandas as pd

    if expected is None:
        return shown is None or bool(pd.isna(shown))
    return shown == expected


def test_mac_layout_sorts_by_cost_and_stacks_widths():
    blocks = [
        MacBlock("c", 5.0, 120.0),
        MacBlock("a", 10.0, -300.0),
        MacBlock("x", 0.0, 10.0),
        MacBlock("b", 25.0, -50.0),
        MacBlock("n", 3.0, math.nan),
    ]
    laid = [(b.label, x0, x1) for b, x0, x1 in mac_layout(blocks)]
    assert laid == [("a", 0.0, 10.0), ("b", 10.0, 35.0), ("c", 35.0, 40.0)]


def test_region_accepts_any_spelling(qtbot):
    view = AssessmentView()
    qtbot.addWidget(view)
    for spelling in ("湖南", "湖南省", "Hunan", "hunan"):
        view.factors.set_region("全国")
        view.factors.set_region(spelling)
        assert view.factors.region() == "hunan", spelling
    view.factors.set_region("华中")
    assert view.factors.region() == "central"


def test_mac_chart_draws_the_engine_curve(qtbot, sample_ws):
    from retrofit_desktop.ui.charts import MacCurveChart

    ws, eid = sample_ws
    frame = services.load_items(ws, eid)
    frame["investment_cny"] = frame["rated_power_kw"] * 900.0  # investment figures make the curve
    frame["lifetime_years"] = 15.0
    a = services.assessment(frame, services.AssessOptions(price_cny_per_kwh=0.65))
    curve = a.to_payload()["summary"]["mac_curve"]
    assert len(curve) >= 5
    chart = MacCurveChart()
    qtbot.addWidget(chart)
    chart.set_blocks(mac_blocks(a))
    laid = chart.layout_
    assert len(laid) == len(curve)
    assert [b.cost_cny_per_tco2 for b, _x0, _x1 in laid] == sorted(c["cny_per_tco2"] for c in curve)
    assert laid[-1][2] == pytest.approx(math.fsum(c["tco2"] for c in curve))  # total width = tCO2 abated
    assert chart.block_at(laid[0][1] + 1e-9) is laid[0][0]


def test_a_second_run_replaces_the_first(qtbot, sample_ws):
    ws, eid = sample_ws
    view = AssessmentView()
    qtbot.addWidget(view)
    view.set_context(ws, eid)
    first = view.run()
    view.target_combo.setCurrentIndex(view.target_combo.findData("advanced"))
    second = view.run()
    assert first.status == "cancelled" and second is not first
    with qtbot.waitSignal(second.finished, timeout=60000):
        pass
    qtbot.waitUntil(first.worker_returned, timeout=60000)
    assert view.assessment.header["options"]["target"] == "advanced"  # the stale result never landed
    from retrofit_desktop.i18n import _
    from retrofit_desktop.ui.assessment_figures import tier_text

    assert view.status_label.text() == _("Assessed {n} items against the {target} tier.").format(
        n=38, target=tier_text("advanced")
    )  # not the stale run's "cancelled"
    targets = view.assessment.items["target_tier"]
    assert set(targets.dropna()) == {"advanced"}


def test_priced_part_of_the_cost_is_shown_when_a_fuel_price_is_missing(qtbot, sample_ws):
    ws, eid = sample_ws
    view = AssessmentView()
    qtbot.addWidget(view)
    view.set_context(ws, eid)
    view.factors.set_region("湖南")
    view.factors.price_edit.setText("0.65")
    assert _run(qtbot, view) == "done"
    s = view.assessment.to_payload()["summary"]
    assert view.totals["cny"] is None  # the gas boiler has no fuel price
    items = view.assessment.items
    priced = items[items["cny"].notna()]
    expected = 0.65 * priced["kwh"].sum()  # electricity-only items: kWh saved x 0.65 CNY/kWh
    assert s["cny_priced"] == pytest.approx(expected, rel=1e-9)
    first = view.notes_label.text().splitlines()[0]
    assert f"{expected:,.0f}" in first and str(s["cny_unpriced_items"]) in first


def test_an_enterprise_without_items_shows_empty_results(qtbot, tmp_path):
    ws = services.open_workspace(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    eid = services.create_enterprise(ws, "空厂")
    view = AssessmentView()
    qtbot.addWidget(view)
    view.set_context(ws, eid)
    view.factors.price_edit.setText("0.65")
    assert _run(qtbot, view) == "done"
    assert len(view.assessment) == 0
    assert view.totals == dict.fromkeys(view.totals)  # every total missing, none 0
    assert all(label.text() == "—" for label in view.total_values.values())
    assert view.measures_model.rowCount() == 0 and view.tier_chart.counts == {}
    assert view.savings_chart.values == {} and view.mac_chart.layout_ == []
    assert tasks.wait_for_all(10000)
