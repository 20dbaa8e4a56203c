"""Finance against textbook values and hand calculations."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from retrofit_desktop.engine.finance import (
    FinanceOptions,
    cash_flow_matrix,
    crf,
    irr,
    irr_matrix,
    levelised_costs,
    npv,
    npv_matrix,
    simple_payback,
)

FLOWS = [-100, 30, 30, 30, 30, 30]


def test_npv_textbook():
    # annuity factor (8 %, 5 y) = (1 − 1.08^−5)/0.08 = (1 − 0.680583)/0.08 = 3.992710
    # NPV = −100 + 30 × 3.992710 = 19.7813
    assert npv(0.08, FLOWS) == pytest.approx(19.7813, abs=1e-4)
    assert npv(0.0, FLOWS) == pytest.approx(50.0)


def test_irr_textbook():
    # −100 + 30 × a(r, 5) = 0 ⇒ a(r, 5) = 3.3333 ⇒ r ≈ 15.24 % (standard annuity tables)
    r = irr(FLOWS)
    assert r == pytest.approx(0.152382, abs=1e-5)
    assert npv(r, FLOWS) == pytest.approx(0.0, abs=1e-8)


def test_irr_none_without_sign_change():
    # −100 + 10x + 10x² = 0 with x = 1/(1+r): x = (−1 + √41)/2 = 2.70156 ⇒ r = 1/x − 1 = −0.62985
    assert irr([-100, 10, 10]) == pytest.approx(-0.62985, abs=1e-5)
    assert irr([100, 10, 10]) is None  # all inflows: NPV never zero
    assert irr([-100, -10, -10]) is None


def test_crf():
    # CRF(8 %, 10) = 0.08 × 1.08^10 / (1.08^10 − 1) = 0.08 × 2.158925 / 1.158925 = 0.149029
    assert crf(0.08, 10) == pytest.approx(0.149029, abs=1e-6)
    assert crf(0.0, 4) == pytest.approx(0.25)


def test_vectorised_matches_scalar():
    opts = FinanceOptions(discount_rate=0.08)
    cf = cash_flow_matrix(
        [100.0, 100.0, 50.0], [30.0, 10.0, 5.0], [5, 5, 20], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], opts
    )
    assert cf.shape == (3, 21)
    assert npv_matrix(0.08, cf)[0] == pytest.approx(19.7813, abs=1e-4)
    got = irr_matrix(cf)
    for i in range(3):
        expected = irr(list(cf[i]))
        assert got[i] == pytest.approx(expected, abs=1e-6)


def test_missing_inputs_give_nan():
    opts = FinanceOptions(discount_rate=0.08)
    cf = cash_flow_matrix([100.0, np.nan], [30.0, 30.0], [5, 5], [0.0, 0.0], [0.0, 0.0], opts)
    assert np.isnan(npv_matrix(0.08, cf)[1]) and np.isnan(irr_matrix(cf)[1])


def test_payback_and_subsidy():
    opts = FinanceOptions(discount_rate=0.08, capital_subsidy_share=0.2, capital_subsidy_cap_cny=15.0)
    # subsidy = min(0.2 × 100, 15) = 15; payback = (100 − 15 − 5 residual) / (30 − 2 O&M) = 80 / 28 = 2.857
    assert simple_payback([100.0], [30.0], [2.0], [5.0], opts)[0] == pytest.approx(80 / 28)
    assert np.isnan(simple_payback([100.0], [0.0], [0.0], [0.0], opts)[0])  # never pays back


def test_loan_interest_subsidy_and_tax_credit():
    base = dict(
        discount_rate=0.08,
        loan_share=0.5,
        loan_term_years=4,
        loan_subsidy_points=1.5,
        loan_subsidy_years=2,
        loan_subsidy_end=date(2026, 12, 31),
    )
    cf = cash_flow_matrix([1000.0], [300.0], [5], [0.0], [0.0], FinanceOptions(**base))[0]
    # principal 500; year 1: 500 × 1.0 × 1.5 % = 7.5; year 2: outstanding 500 × (1 − 1/4) = 375 → 5.625
    assert list(cf) == pytest.approx([-1000, 307.5, 305.625, 300, 300, 300])
    late = FinanceOptions(**base, loan_disbursed=date(2027, 1, 5))  # after the end date: no subsidy
    assert list(cash_flow_matrix([1000.0], [300.0], [5], [0.0], [0.0], late)[0]) == pytest.approx(
        [-1000, 300, 300, 300, 300, 300]
    )
    tax = FinanceOptions(discount_rate=0.08, tax_credit=True, tax_credit_rate=0.10)
    assert cash_flow_matrix([1000.0], [300.0], [2], [0.0], [0.0], tax)[0][1] == pytest.approx(400.0)


def test_cce_and_abatement_cost():
    opts = FinanceOptions(discount_rate=0.08)
    # annualised cost = 20 000 × CRF(8 %, 10) = 20 000 × 0.149029 = 2980.59 CNY/yr
    # CCE = 2980.59 / 11 451.7 kWh = 0.26027 CNY/kWh
    # abatement = (2980.59 − 7443.61) / 5.6113 t = −795.37 CNY/tCO2
    cce, mac = levelised_costs([20000.0], [10.0], [0.0], [0.0], [11451.7], [5.6113], [7443.61], opts)
    assert cce[0] == pytest.approx(20000 * 0.1490295 / 11451.7, rel=1e-5)
    assert mac[0] == pytest.approx((20000 * 0.1490295 - 7443.61) / 5.6113, rel=1e-5)
