"""units.py: one registry, GB/T 2589 standard-coal units, tolerant parsing of ledger cells."""

from __future__ import annotations

import math

import pytest

from retrofit_desktop import units
from retrofit_desktop.i18n import use_language
from retrofit_desktop.units import Q_, UnitError, convert, parse_quantity, ureg

# Independent constants: 1 hp (mechanical) = 550 ft·lbf/s = 745.69987 W; 1 PS = 75 kgf·m/s = 735.49875 W.
HP_W = 550 * 0.3048 * 0.45359237 * 9.80665
PS_W = 75 * 9.80665


def test_one_registry_for_the_app():
    assert units.ureg is ureg
    assert Q_ is ureg.Quantity
    # Quantities from the app registry combine without "mixing registries" errors.
    assert (Q_("55 kW") / Q_("10 m^3/min")).to("kW/(m^3/min)").magnitude == pytest.approx(5.5)


def test_standard_coal_units_follow_gbt_2589():
    # GB/T 2589: 1 kgce = 29 307.6 kJ = 7 000 kcal_IT (1 kcal_IT = 4.1868 kJ).
    assert Q_("1 kgce").to("kJ").magnitude == pytest.approx(29307.6)
    assert Q_("1 kgce").to("international_calorie").magnitude == pytest.approx(7000 * 1000)
    assert Q_("1 tce").to("GJ").magnitude == pytest.approx(29.3076)
    # Electricity calorific equivalent: 3600 kJ/kWh / 29307.6 kJ/kgce = 0.12284 kgce/kWh.
    assert Q_("1000 kWh").to("kgce").magnitude == pytest.approx(1000 * 3600 / 29307.6)
    assert Q_("1 toe").to("GJ").magnitude == pytest.approx(41.868)
    assert convert(10000, "tce", "toe") == pytest.approx(10000 * 29.3076 / 41.868)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("75 hp", "kW", 75 * HP_W / 1000),
        ("75马力", "kW", 75 * PS_W / 1000),  # 马力 is the metric horsepower in Chinese usage
        ("75 PS", "kW", 75 * PS_W / 1000),
        ("10 m³/min", "m³/min", 10.0),
        ("10 m3/min", "m3/min", 10.0),
        ("600 m3/h", "m³/min", 600 / 60),
        ("10立方米/分", "m³/min", 10.0),
        ("10 立方米/分钟", "m³/min", 10.0),
        ("0.8 MPa", "MPa", 0.8),
        ("8 bar", "MPa", 0.8),
        ("0.8兆帕", "MPa", 0.8),
        ("800 kPa", "MPa", 0.8),
        ("0,8 MPa", "MPa", 0.8),
        ("2 t/h", "t/h", 2.0),
        ("2 T/h", "t/h", 2.0),  # T would be tesla in pint: ledgers mean tonnes
        ("2吨/小时", "t/h", 2.0),
        ("1.4 MW", "MW", 1.4),
        ("1.4 MW", "kW", 1400.0),
        ("55 kW", "kW", 55.0),
        ("55 KW", "kW", 55.0),
        ("55 kw", "kW", 55.0),
        ("55千瓦", "kW", 55.0),
        ("５５ ｋＷ", "kW", 55.0),  # full-width input
        ("55000 W", "kW", 55.0),
        ("95%", "%", 95.0),
        ("95 ％", "%", 95.0),
        ("75%", "", 0.75),  # a load factor is a fraction
        ("8000 小时", "h", 8000.0),
        ("8000 h/a", "h/yr", 8000.0),
        ("8000小时/年", "h", 8000.0),
        ("1,250 kVA", "kVA", 1250.0),
        ("1.2万 kWh", "kWh", 12000.0),
        ("1.2万千瓦时", "kWh", 12000.0),
        ("2980 r/min", "rpm", 2980.0),
        ("2980转/分", "rpm", 2980.0),
        ("6.5 kW/(m3/min)", "kW/(m³/min)", 6.5),
        ("55", "kW", 55.0),  # a bare number is in the expected unit
        ("0.93", "%", 0.93),
        (55, "kW", 55.0),
        (7.5, "kW", 7.5),
    ],
)
def test_parse_quantity_accepts_ledger_spellings(text, unit, expected):
    assert parse_quantity(text, unit) == pytest.approx(expected, rel=1e-9)


def test_gauge_pressure_marker_is_accepted():
    assert parse_quantity("0.8 MPa(g)", "MPa") == pytest.approx(0.8)
    assert parse_quantity("0.8MPaG", "MPa") == pytest.approx(0.8)
    assert parse_quantity("0.8 MPa（表压）", "MPa") == pytest.approx(0.8)


@pytest.mark.parametrize("text", ["", "   ", None, float("nan"), "nan", "-", "—", "无"])
def test_missing_stays_missing(text):
    assert math.isnan(parse_quantity(text, "kW"))


@pytest.mark.parametrize(
    ("text", "unit", "fragment"),
    [
        ("2 kW", "t/h", "cannot be converted"),
        ("2 t/h", "MW", "cannot be converted"),
        ("55 kW", "kVA", "cannot be converted"),  # active vs apparent power
        ("55 kVA", "kW", "cannot be converted"),
        ("0.8 MPa", "kW", "cannot be converted"),
        ("55 foo", "kW", "unknown unit"),
        ("abc", "kW", "not a number"),
        ("about 5", "kW", "not a number"),
        ("0.8 MPa(a)", "MPa", "absolute"),
        ("10 Nm3/min", "m³/min", "normal cubic metres"),
        ("10 Nm³/min", "m³/min", "normal cubic metres"),
    ],
)
def test_parse_quantity_refuses_with_a_clear_message(text, unit, fragment):
    with use_language("en"), pytest.raises(UnitError) as exc:
        parse_quantity(text, unit)
    assert fragment in str(exc.value)
    assert repr(text) in str(exc.value)  # the message names the value


def test_unit_error_is_translated():
    with use_language("zh"), pytest.raises(UnitError) as exc:
        parse_quantity("2 kW", "t/h")
    assert "无法换算" in str(exc.value)


def test_boolean_is_not_a_number():
    with pytest.raises(UnitError):
        parse_quantity(True, "kW")


def test_convert_and_conversion_factor():
    assert convert(1, "MW", "kW") == pytest.approx(1000.0)
    assert convert(1, "kW/(m3/min)", "kW/(m3/s)") == pytest.approx(60.0)
    assert units.conversion_factor("%", "") == pytest.approx(0.01)
    with pytest.raises(UnitError):
        convert(1, "kW", "m")


def test_no_other_module_creates_a_registry():
    from pathlib import Path

    package = Path(units.__file__).parent
    offenders = [
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if p.name != "units.py" and "UnitRegistry(" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


@pytest.mark.parametrize("text", ["1e309", "-1e400 kW"])
def test_infinite_numbers_are_refused(text):
    with pytest.raises(UnitError):
        parse_quantity(text, "kW")
