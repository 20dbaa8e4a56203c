"""Enumeration values as plants write them -> the catalog's allowed value (catalog/choices.py).

Expectations are written by hand from what each wording means on a nameplate or in a ledger.
"""

from __future__ import annotations

import re

import pytest

from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.catalog.choices import UnknownChoice
from retrofit_desktop.i18n import use_language

FIXED, VARIABLE = "oil_injected_rotary_fixed", "oil_injected_rotary_variable"


def spec(product: str, name: str):
    f = get_catalog().product(product).field(name)
    assert f is not None, (product, name)
    return f


@pytest.mark.parametrize(
    ("product", "field", "written", "expected"),
    [
        # compressors: the qualifier 工频/变频 decides, the generic 螺杆/喷油回转 only names the kind
        ("air_compressor", "compressor_type", "喷油回转（工频）", FIXED),
        ("air_compressor", "compressor_type", "喷油回转(变频)", VARIABLE),
        ("air_compressor", "compressor_type", "喷油螺杆(变频)", VARIABLE),
        ("air_compressor", "compressor_type", "喷油螺杆【工频】", FIXED),
        ("air_compressor", "compressor_type", "螺杆式", FIXED),
        ("air_compressor", "compressor_type", "螺杆式 变频", VARIABLE),
        ("air_compressor", "compressor_type", "螺杆式　变频", VARIABLE),  # full-width space
        ("air_compressor", "compressor_type", "螺杆/变频", VARIABLE),
        ("air_compressor", "compressor_type", "变频螺杆", VARIABLE),
        ("air_compressor", "compressor_type", "永磁变频螺杆机", VARIABLE),
        ("air_compressor", "compressor_type", "工频螺杆空压机", FIXED),
        ("air_compressor", "compressor_type", "喷油回转式（变频）", VARIABLE),  # the Chinese label itself
        (
            "air_compressor",
            "compressor_type",
            "Oil-injected rotary (fixed speed)",
            FIXED,
        ),  # the English label
        ("air_compressor", "compressor_type", "oil_injected_rotary_variable", VARIABLE),  # the code
        ("air_compressor", "cooling", "风冷", "air"),
        ("air_compressor", "cooling", "水冷", "liquid"),
        ("air_compressor", "cooling", "风冷式", "air"),
        ("air_compressor", "cooling", "Air-cooled", "air"),
        # poles: digits with 极/P, full width, Chinese numerals
        ("motor", "poles", "4极", "4"),
        ("motor", "poles", "4P", "4"),
        ("motor", "poles", "４ｐ", "4"),
        ("motor", "poles", "4 极", "4"),
        ("motor", "poles", 4.0, "4"),
        ("motor", "poles", "四极", "4"),
        ("motor", "poles", "2极（高速）", "2"),
        ("pmsm", "poles", "16P", "16"),
        # transformers
        ("transformer", "transformer_type", "干式", "dry"),
        ("transformer", "transformer_type", "油浸式", "oil"),
        ("transformer", "transformer_type", "干式变压器", "dry"),
        ("transformer", "transformer_type", "油浸式（S11）", "oil"),
        ("transformer", "transformer_type", "SCB13干式", "dry"),
        ("transformer", "rated_voltage_kv", "10kV", "10"),
        ("transformer", "rated_voltage_kv", "10 kV", "10"),
        ("transformer", "rated_voltage_kv", "10000V", "10"),
        ("motor_hv", "rated_voltage_kv", "6kV", "6"),
        ("motor_hv", "rated_voltage_kv", "6000V", "6"),
        ("motor_hv", "rated_voltage_kv", "6", "6"),
        # boilers: 燃气/天然气 in both the type and the fuel
        ("boiler", "boiler_type", "燃气", "chamber_fired"),
        ("boiler", "boiler_type", "天然气", "chamber_fired"),
        ("boiler", "boiler_type", "燃气锅炉", "chamber_fired"),
        ("boiler", "boiler_type", "链条炉排（燃煤）", "grate_coal"),
        ("boiler", "fuel", "天然气", "natural_gas"),
        ("boiler", "fuel", "燃气", "natural_gas"),
        ("boiler", "fuel", "无烟煤", "anthracite"),  # not 烟煤 inside it
        ("boiler", "fuel_kind", "燃气", "natural_gas"),
        ("boiler", "condensing", "是", "yes"),
        ("boiler", "condensing", "冷凝式", "yes"),
        # chillers
        ("chiller", "heat_rejection", "风冷", "air"),
        ("chiller", "heat_rejection", "水冷式", "water"),
        ("pump", "vsd", "变频", "yes"),
        ("pump", "vsd", "否", "no"),
    ],
)
def test_plant_wordings_read_as_the_allowed_value(product, field, written, expected):
    assert spec(product, field).normalise(written) == expected


@pytest.mark.parametrize("written", ["", "   ", None])
def test_empty_cells_are_no_value(written):
    assert spec("air_compressor", "compressor_type").normalise(written) is None


def test_two_deciding_words_for_different_values_stay_unknown():
    with pytest.raises(UnknownChoice) as exc:
        spec("air_compressor", "compressor_type").normalise("工频/变频")
    assert set(exc.value.ambiguous) == {FIXED, VARIABLE}


_CODE = re.compile(r"[a-z]+_[a-z_]+")  # an internal code such as oil_injected_rotary_fixed


@pytest.mark.parametrize(
    ("product", "field"),
    [
        ("air_compressor", "compressor_type"),
        ("transformer", "transformer_type"),
        ("boiler", "boiler_type"),
        ("boiler", "fuel"),
        ("chiller", "heat_rejection"),
        ("pump", "pump_type"),
        ("motor", "poles"),
    ],
)
def test_unknown_value_lists_chinese_labels_in_zh_and_english_labels_in_en(product, field):
    f = spec(product, field)
    with use_language("zh"), pytest.raises(UnknownChoice) as zh:
        f.normalise("活塞式往复机")
    with use_language("en"), pytest.raises(UnknownChoice) as en:
        f.normalise("活塞式往复机")
    zh_text, en_text = str(zh.value), str(en.value)
    assert not _CODE.search(zh_text) and not _CODE.search(en_text), (zh_text, en_text)
    assert f.label_zh in zh_text and f.label_en in en_text
    for c in f.choices:
        assert c.label_zh in zh_text and c.label_en in en_text
    assert "活塞式往复机" in zh_text and "活塞式往复机" in en_text


def test_compressor_reason_text_by_hand():
    f = spec("air_compressor", "compressor_type")
    with use_language("zh"), pytest.raises(UnknownChoice) as zh:
        f.normalise("活塞式")
    assert str(zh.value) == "“活塞式”不是可识别的压缩机类型；可选：喷油回转式（工频）、喷油回转式（变频）"
    with use_language("en"), pytest.raises(UnknownChoice) as en:
        f.normalise("活塞式")
    assert str(en.value) == (
        "'活塞式' is not a known Compressor type; allowed: Oil-injected rotary (fixed speed); "
        "Oil-injected rotary (variable speed)"
    )


def test_every_enumeration_value_has_a_chinese_and_an_english_label():
    cjk = re.compile(r"[\u4e00-\u9fff]")
    codes_as_labels = {"connection_group", "cooling_method"}  # Dyn11, IC411: the standard's own designations
    for product in get_catalog().products.values():
        for f in (*product.parameters, *product.operating_fields):
            if f.kind != "enum" or f.name in codes_as_labels:
                continue
            for c in f.choices:
                assert cjk.search(c.label_zh) or c.label_zh.endswith("kV"), (product.id, f.name, c)
                assert c.label_en and not _CODE.search(c.label_en), (product.id, f.name, c)


def test_a_user_answer_wins_and_may_name_a_label():
    f = spec("air_compressor", "compressor_type")
    assert f.normalise("老螺杆机(二期)", {"老螺杆机(二期)": VARIABLE}) == VARIABLE
    assert f.normalise("老螺杆机（二期）", {"老螺杆机(二期)": "喷油回转式（工频）"}) == FIXED  # width ignored
    # a stale answer (no longer an allowed value) falls back to the rule
    assert f.normalise("变频", {"变频": "piston"}) == VARIABLE
