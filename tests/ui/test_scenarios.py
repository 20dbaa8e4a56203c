"""ui.scenarios: two targets (and a price variant) side by side, equal to services.assess per
scenario."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_helpers import finished, same

from retrofit_desktop import services
from retrofit_desktop.ui.scenarios import ScenarioCompareView, ScenarioSpec


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    ws = services.open_workspace(f"sqlite:///{tmp_path_factory.mktemp('ws') / 'ws.sqlite'}")
    return ws, services.ensure_sample_enterprise(ws)


def _compare(qtbot, view):
    assert finished(qtbot, view.compare()) == "done", view.error.text()


def test_both_targets_side_by_side(qtbot, qtmodeltester, sample):
    ws, eid = sample
    view = ScenarioCompareView()
    qtbot.addWidget(view)
    view.set_context(ws, eid)
    view.factors.set_region("湖南")
    view.factors.price_edit.setText("0.65")
    names = [s.name for s in view.scenarios()]
    assert [s.target for s in view.scenarios()] == ["energy_saving", "advanced"]
    _compare(qtbot, view)

    items = services.load_items(ws, eid)
    totals = view.totals()
    for name, target in zip(names, ["energy_saving", "advanced"], strict=True):
        s = services.assess(
            items, services.AssessOptions(region="hunan", price_cny_per_kwh=0.65, target=target)
        )["summary"]
        t = totals[name]
        assert same(t["kwh"], s["kwh"]) and same(t["tco2"], s["tco2"]) and same(t["cny"], s["cny"])
        assert same(t["tce"], s["tce"]["calorific"])
        assert same(t["investment"], s["investment"]) and same(t["npv"], s["npv"])
    # a stricter target saves at least as much electricity
    assert totals[names[1]]["kwh"] >= totals[names[0]]["kwh"] > 0

    m = view.model
    headers = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert names[0] in headers and names[1] in headers and f"Δ {names[1]}" in headers
    frame = m.frame().set_index("key")
    assert frame.loc["kwh", f"Δ {names[1]}"] == pytest.approx(
        totals[names[1]]["kwh"] - totals[names[0]]["kwh"]
    )
    qtmodeltester.check(m, force_py=True)


def test_a_price_variant_scales_cost_only(qtbot, sample):
    ws, eid = sample
    view = ScenarioCompareView()
    qtbot.addWidget(view)
    view.set_context(ws, eid)
    view.factors.price_edit.setText("0.5")
    view.remove_last()  # at least two scenarios stay
    assert len(view.rows) == 2
    view.rows[1].name.setText("电价 1.0")
    view.rows[1].target.setCurrentIndex(view.rows[1].target.findData("energy_saving"))
    view.rows[1].price.setText("1.0")
    assert view.scenarios()[1] == ScenarioSpec("电价 1.0", "energy_saving", 1.0)
    _compare(qtbot, view)
    t = view.totals()
    base, dear = t[view.scenarios()[0].name], t["电价 1.0"]
    assert dear["kwh"] == base["kwh"]
    # electricity-only cost: compare per-item CNY of electric items (the boiler has no fuel price: None)
    cheap, dear_items = (a.items for _s, a in view.results)
    checked = 0
    for kwh, fuel, ca, cb in zip(cheap["kwh"], cheap["fuel"], cheap["cny"], dear_items["cny"], strict=True):
        known = [v if v == v else None for v in (kwh, fuel, ca)]  # NaN: missing
        if known[0] and known[2] is not None and not known[1]:  # electricity-only items with a cost
            assert cb == pytest.approx(ca * 1.0 / 0.5)
            checked += 1
    assert checked >= 10


def test_bad_input_is_reported_and_nothing_runs(qtbot, sample):
    ws, eid = sample
    view = ScenarioCompareView()
    qtbot.addWidget(view)
    view.set_context(ws, eid)
    view.rows[1].name.setText(view.rows[0].name.text())
    assert view.compare() is None
    assert not view.error.isHidden()
    view.rows[1].name.setText("B")
    view.rows[1].price.setText("free")
    assert view.compare() is None
    assert "free" in view.error.text()
    for _ in range(10):
        view.add_scenario()
    assert len(view.rows) == 6 and not view.add_button.isEnabled()


def test_dialog_wraps_the_view_for_one_enterprise(qtbot, sample):
    from retrofit_desktop.ui.scenarios import ScenariosDialog

    ws, eid = sample
    dlg = ScenariosDialog(ws, eid)
    qtbot.addWidget(dlg)
    assert dlg.view.enterprise_id == eid and dlg.view.compare_button.isEnabled()
    handle = dlg.view.compare()
    dlg.reject()  # closing cancels a running comparison
    assert handle.is_cancelled()


def test_dialog_compares_end_to_end(qtbot, sample):
    """The Scenarios dialog as the menu opens it: compare, then the table holds both scenarios'
    totals, equal to the typed assessments of the same items, and the count of items with a figure."""
    from retrofit_desktop.i18n import _
    from retrofit_desktop.ui.scenarios import ScenariosDialog

    ws, eid = sample
    dlg = ScenariosDialog(ws, eid)
    qtbot.addWidget(dlg)
    view = dlg.view
    view.factors.price_edit.setText("0.65")
    _compare(qtbot, view)
    names = [s.name for s in view.scenarios()]
    frame = view.model.frame().set_index("key")
    items = services.load_items(ws, eid)
    for name, target in zip(names, ["energy_saving", "advanced"], strict=True):
        a = services.assessment(items, services.AssessOptions(price_cny_per_kwh=0.65, target=target))
        assert same(frame.loc["kwh", name], a.summary.kwh)
        assert same(frame.loc["tce", name], a.summary.tce_calorific)
        ok = sum(i["savings"]["status"] == "ok" for i in a.to_payload()["items"])
        assert frame.loc["items_ok", name] == ok > 0
    assert view.status.text() == _("Compared {n} scenarios on {items} items.").format(n=2, items=38)
    assert view.chart.values  # one bar per scenario
    dlg.reject()
