from retrofit_desktop.engine import FactorSet


def test_a_given_price_drops_the_missing_price_note():
    missing = FactorSet.default(region="hunan", year=2022)["price_electricity"]
    assert missing.value is None and missing.note  # says cost figures are missing
    given = FactorSet.default(region="hunan", year=2022, price_cny_per_kwh=0.65)["price_electricity"]
    assert given.value == 0.65
    assert given.note == ""
