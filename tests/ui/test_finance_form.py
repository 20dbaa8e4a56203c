"""Assessment view's finance settings: capital subsidy, loan interest subsidy, tax credit — each with its
source, passed to services.AssessOptions, and the totals equal services.assess with the same options."""

from __future__ import annotations

import pytest

from retrofit_desktop import services
from retrofit_desktop.domain import verification_label
from retrofit_desktop.ui import tasks
from retrofit_desktop.ui.assessment_view import AssessmentView
from retrofit_desktop.ui.finance_form import FinanceForm, parse_share


@pytest.fixture
def financed_ws(tmp_path):
    """Two motors with a retrofit investment and lifetime (the sample enterprise has none)."""
    ws = services.open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite'}")
    eid = services.create_enterprise(ws, "丁厂")
    for tag, power, eff, inv in (("M-1", 55.0, 92.0, 30000.0), ("M-2", 22.0, 89.0, 12000.0)):
        services.save_item(
            ws,
            eid,
            dict(
                asset_tag=tag,
                product="motor",
                rated_power_kw=power,
                poles="4",
                efficiency_pct=eff,
                annual_hours=6000,
                load_factor=0.8,
                quantity=1,
                investment_cny=inv,
                lifetime_years=15,
            ),
        )
    yield ws, eid
    assert tasks.wait_for_all(10000)


@pytest.mark.parametrize(
    ("text", "share"), [("20%", 0.2), ("0.2", 0.2), ("20％", 0.2), ("", None), ("100%", 1.0)]
)
def test_shares_in_percent_or_fraction(text, share):
    assert parse_share(text, "x") == share


@pytest.mark.parametrize("text", ["120%", "1.5", "-0.1", "abc"])
def test_bad_shares_are_named(text):
    with pytest.raises(ValueError, match="Capital"):
        parse_share(text, "Capital subsidy")


def test_each_setting_shows_its_source_and_status(qtbot):
    form = FinanceForm()
    qtbot.addWidget(form)
    defaults = services.preview_factors(services.AssessOptions())["factors"]
    points = defaults["loan_subsidy_points"]
    text = form.sources["loan_subsidy_points"].text()
    assert points["source"] in text and verification_label(points["status"], "zh") in text
    assert points["unit"] == "percentage points" and "个百分点" in text  # the unit word in Chinese
    tax = defaults["tax_credit_rate"]
    assert tax["source"] in form.sources["tax_credit"].text()
    assert (
        verification_label(tax["status"], "zh") in form.sources["tax_credit"].text()
    )  # 未核实: unverified rule
    assert form.sources["capital_subsidy_share"].text() == "无资本金补助"
    # a user value replaces the cited default and says so
    form.edits["loan_subsidy_points"].setText("1")
    user = services.preview_factors(services.AssessOptions(loan_subsidy_points=1.0))["factors"][
        "loan_subsidy_points"
    ]
    assert user["source"] != points["source"] and user["source"] in form.sources["loan_subsidy_points"].text()
    form.edits["capital_subsidy_share"].setText("abc")
    assert "资本金补助" in form.sources["capital_subsidy_share"].text()  # the error names the field
    with pytest.raises(ValueError):
        form.option_kwargs()


def test_finance_options_reach_the_assessment(qtbot, financed_ws):
    ws, eid = financed_ws
    view = AssessmentView()
    qtbot.addWidget(view)
    view.set_context(ws, eid)
    tabs = view.settings_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["计算因子", "融资与补贴"]
    assert tabs.widget(1) is view.finance
    view.factors.price_edit.setText("0.65")
    fin = view.finance
    fin.edits["capital_subsidy_share"].setText("20%")
    fin.edits["loan_share"].setText("50%")
    fin.edits["loan_term_years"].setText("5")
    fin.edits["loan_subsidy_points"].setText("1.5")
    fin.edits["loan_subsidy_years"].setText("2")
    fin.tax_credit.setChecked(True)
    options = view.options()
    assert (options.capital_subsidy_share, options.loan_share, options.loan_term_years) == (0.2, 0.5, 5)
    assert (options.loan_subsidy_points, options.loan_subsidy_years, options.tax_credit) == (1.5, 2, True)

    handle = view.run()
    with qtbot.waitSignal(handle.finished, timeout=60000) as blocker:
        pass
    assert blocker.args[0] == "done"
    frame = services.load_items(ws, eid)
    plain = services.assess(frame, services.AssessOptions(price_cny_per_kwh=0.65))["items"]
    expected = services.assess(frame, options)["items"]
    shown_npv = dict(zip(view.assessment.items["asset_tag"], view.assessment.items["npv"], strict=True))
    financed = [i for i in expected if i["finance"]["npv"] is not None]
    assert len(financed) == 2
    for item in financed:
        assert shown_npv[item["asset_tag"]] == pytest.approx(item["finance"]["npv"], rel=1e-12)
        assert item["finance"]["capital_subsidy"] == pytest.approx(0.2 * item["finance"]["investment"])
    before = {i["asset_tag"]: i["finance"]["npv"] for i in plain}
    # a capital subsidy, a cheaper loan and a tax credit each raise the NPV
    assert all(i["finance"]["npv"] > before[i["asset_tag"]] for i in financed)
    assert view.assessment.header["options"]["capital_subsidy_share"] == 0.2
