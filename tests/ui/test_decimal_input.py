from retrofit_desktop.ui.factor_form import normalise_decimal, parse_fuel_price, parse_price


def test_thousands_separator_is_not_a_decimal_point():
    # a coal price written the Chinese way: 3,200 CNY/t, not 3.2
    assert parse_fuel_price("3,200", "Coal price") == 3200.0
    assert parse_fuel_price("1，250.5", "Coal price") == 1250.5


def test_a_lone_decimal_comma_is_a_decimal_point():
    assert parse_price("0,65") == 0.65
    assert normalise_decimal("3,2") == "3.2"
    assert normalise_decimal(" 12 ") == "12"
