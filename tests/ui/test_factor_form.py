"""ui.factor_form: fuel prices are entered, shown with their source, and reach AssessOptions."""

from __future__ import annotations

import pytest

from retrofit_desktop.i18n import use_language
from retrofit_desktop.ui.factor_form import FactorForm


def test_fuel_prices_reach_the_options(qtbot):
    with use_language("en"):
        form = FactorForm()
    qtbot.addWidget(form)
    assert set(form.fuel_edits) >= {"natural_gas", "coal"}
    assert "m3" in form.fuel_labels["natural_gas"] and "/t" in form.fuel_labels["coal"]
    assert form.assess_options("energy_saving", "en").fuel_prices is None  # nothing entered: not given
    form.fuel_edits["natural_gas"].setText("3.5")
    form.fuel_edits["coal"].setText("900")
    opts = form.assess_options("energy_saving", "en")
    assert opts.fuel_prices == {"natural_gas": 3.5, "coal": 900.0}
    # the preview shows the entered value as the factor the assessment will use
    assert "3.5" in form.sources["fuel:natural_gas"].text()
    assert "900" in form.sources["fuel:coal"].text()


def test_bad_fuel_price_is_reported_next_to_the_field(qtbot):
    form = FactorForm()
    qtbot.addWidget(form)
    form.fuel_edits["coal"].setText("9x0")
    assert "9x0" in form.sources["fuel:coal"].text()
    with pytest.raises(ValueError, match="9x0"):
        form.assess_options("energy_saving", "zh")
    form.fuel_edits["coal"].setText("-3")
    with pytest.raises(ValueError):
        form.assess_options("energy_saving", "zh")
