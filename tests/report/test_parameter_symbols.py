"""The report's parameter column takes a quantity's symbol from the catalog (FieldSpec.symbol), the one
definition of a field; its own table keeps only the short words and units."""

from __future__ import annotations

from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.i18n import use_language
from retrofit_desktop.report.labels import KEY_PARAMETERS, parameter_label


def test_every_parameter_without_a_word_has_a_catalog_symbol():
    cat = get_catalog()
    missing = [
        (product, field)
        for product, params in KEY_PARAMETERS.items()
        for field, word, _unit in params
        if not word and not (cat.products[product].field(field) or _NONE).symbol
    ]
    assert missing == []


class _NONE:
    symbol = ""


def test_labels_as_printed():
    with use_language("zh"):
        assert parameter_label("pump", "head_m", "") == "H"
        assert parameter_label("boiler", "rated_capacity_th", "") == "D"
        assert parameter_label("motor_hv", "rated_voltage_kv", "") == "U"
        assert parameter_label("motor", "poles", "poles") == "极数"
    with use_language("en"):
        assert parameter_label("motor", "poles", "poles") == "poles"


def test_the_symbol_is_in_the_field_json():
    spec = get_catalog().products["air_compressor"]
    assert spec.field("discharge_pressure_mpa").to_json()["symbol"] == "p"
    assert spec.field("drive_power_kw").to_json()["symbol"] == "P"
