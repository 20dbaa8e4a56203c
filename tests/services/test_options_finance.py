"""AssessOptions: fuel prices and finance settings reach the figures and survive a report's verify."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from retrofit_desktop import services
from retrofit_desktop.cli import main

PRICE, RATE = 0.65, 0.08
GAS_PRICE, COAL_PRICE = 3.5, 900.0  # CNY/m3, CNY/t: user-given
KWH = 55 * 0.75 * 6000 * (100 / 93.0 - 100 / 95.7)  # GB 18613-2020 55 kW 4P, grade 2 = 95.7 %
TAX_CREDIT_RATE = 0.10  # engine/data/factors.csv tax_credit_rate (unverified rule, off by default)


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "asset_tag": ["M1", "B1", "B2"], "product": ["motor", "boiler", "boiler"],
        "rated_power_kw": [55.0, None, None], "poles": ["4", None, None],
        "efficiency_pct": [93.0, None, None],
        "annual_hours": [6000.0, 4000.0, 4500.0], "load_factor": [0.75, None, None],
        "investment_cny": [12000.0, None, None], "lifetime_years": [15.0, None, None],
        "boiler_type": [None, "chamber_fired", "grate_coal"], "fuel": [None, "natural_gas", "bituminous"],
        "fuel_class": [None, None, "II"], "condensing": [None, "no", None],
        "rated_capacity_th": [None, 4.0, 6.0],
        "thermal_efficiency_pct": [None, 91.0, 81.0], "annual_fuel_use": [None, 620000.0, 2400.0],
        "fuel_kind": [None, "natural_gas", "coal"], "fuel_unit": [None, "m3", "t"],
    })  # fmt: skip


def _options(**kw) -> services.AssessOptions:
    return services.AssessOptions(
        price_cny_per_kwh=PRICE,
        discount_rate=RATE,
        fuel_prices={"natural_gas": GAS_PRICE, "coal": COAL_PRICE},
        **kw,
    )


@pytest.fixture(scope="module")
def plain():
    return services.assess(_frame(), _options())


@pytest.fixture(scope="module")
def with_finance():
    return services.assess(_frame(), _options(capital_subsidy_share=0.2, tax_credit=True))


def test_fuel_prices_give_boiler_costs(plain):
    m, gas, coal = plain["items"]
    for item, price in ((gas, GAS_PRICE), (coal, COAL_PRICE)):
        s = item["savings"]
        assert s["status"] == "ok" and s["fuel"] > 0
        assert s["cny"] == pytest.approx(s["fuel"] * price, rel=1e-12)
    factors = plain["summary"]["factors"]["factors"]
    assert factors["price_fuel_natural_gas"]["value"] == GAS_PRICE
    assert factors["price_fuel_coal"]["value"] == COAL_PRICE
    assert plain["options"]["fuel_prices"] == {"natural_gas": GAS_PRICE, "coal": COAL_PRICE}


def test_capital_subsidy_and_tax_credit(plain, with_finance):
    cny = KWH * PRICE
    base, sub = plain["items"][0]["finance"], with_finance["items"][0]["finance"]
    assert base["payback_years"] == pytest.approx(12000 / cny, rel=1e-9)
    # payback = (investment − 20 % subsidy) / saving
    assert sub["capital_subsidy"] == pytest.approx(2400.0)
    assert sub["payback_years"] == pytest.approx((12000 - 2400) / cny, rel=1e-9)
    # NPV gains the subsidy at year 0 and 10 % of the investment as a tax credit in year 1
    assert sub["npv"] - base["npv"] == pytest.approx(2400 + TAX_CREDIT_RATE * 12000 / (1 + RATE), rel=1e-9)
    assert (
        with_finance["options"]["capital_subsidy_share"] == 0.2
        and with_finance["options"]["tax_credit"] is True
    )


def test_options_json_round_trip():
    o = _options(
        capital_subsidy_share=0.3,
        loan_share=0.5,
        loan_term_years=3,
        loan_disbursed="2026-03-01",
        loan_subsidy_points=1.0,
        tax_credit=True,
    )
    assert services.AssessOptions.from_json(json.loads(json.dumps(o.to_json()))) == o
    assert hash(o) == hash(services.AssessOptions.from_json(o.to_json()))


def test_loan_interest_subsidy():
    # 50 % of 12 000 on a loan with 1.0 point subsidy for 2 years, principal outstanding (no term):
    # years 1 and 2 gain 6000 × 1 % = 60 CNY each.
    base = services.assess(_frame().iloc[:1], _options())["items"][0]["finance"]
    loan = services.assess(
        _frame().iloc[:1], _options(loan_share=0.5, loan_subsidy_points=1.0, loan_subsidy_years=2)
    )["items"][0]["finance"]
    assert loan["npv"] - base["npv"] == pytest.approx(60 / (1 + RATE) + 60 / (1 + RATE) ** 2, rel=1e-9)


@pytest.mark.parametrize(
    "bad",
    [
        {"fuel_prices": {"uranium": 1.0}},
        {"fuel_prices": {"coal": -5.0}},
        {"capital_subsidy_share": 1.5},
        {"loan_disbursed": "March"},
    ],
)
def test_bad_options(bad):
    with pytest.raises(ValueError):
        services.AssessOptions(**bad)


def test_report_with_finance_options_verifies(with_finance, tmp_path):
    out = services.write_report(with_finance, tmp_path / "r.pdf", lang="en")
    res = services.verify_report(out)
    assert res.ok, res.differences
    # a different option would not: the recomputation really uses the stored options
    changed = services.assess(_frame(), _options(capital_subsidy_share=0.5, tax_credit=True))
    assert services.compare_payloads(with_finance, changed)


def test_cli_flags(tmp_path, capsys):
    csv = tmp_path / "m.csv"
    _frame().to_csv(csv, index=False)
    code = main(
        [
            "--db",
            str(tmp_path / "db.sqlite3"),
            "assess",
            str(csv),
            "--price",
            "0.65",
            "--discount-rate",
            "0.08",
            "--fuel-price",
            "natural_gas=3.5",
            "--fuel-price",
            "coal=900",
            "--capital-subsidy",
            "0.2",
            "--tax-credit",
            "--json",
            "-",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    payload = json.loads(out)
    assert payload["options"]["fuel_prices"] == {"natural_gas": 3.5, "coal": 900.0}
    assert payload["items"][0]["finance"]["payback_years"] == pytest.approx(9600 / (KWH * PRICE), rel=1e-9)
    for bad in (["--fuel-price", "gas"], ["--fuel-price", "uranium=3"], ["--capital-subsidy", "2"]):
        assert main(["--db", str(tmp_path / "db.sqlite3"), "assess", str(csv), *bad]) == 2
        capsys.readouterr()


def test_cli_report_with_finance_flags_verifies(tmp_path, capsys):
    csv = tmp_path / "m.csv"
    _frame().to_csv(csv, index=False)
    db, pdf = str(tmp_path / "db.sqlite3"), str(tmp_path / "r.pdf")
    assert (
        main(
            [
                "--db",
                db,
                "--lang",
                "en",
                "report",
                str(csv),
                "-o",
                pdf,
                "--price",
                "0.65",
                "--fuel-price",
                "natural_gas=3.5",
                "--capital-subsidy",
                "0.2",
                "--tax-credit",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["--db", db, "verify", pdf]) == 0
    capsys.readouterr()
