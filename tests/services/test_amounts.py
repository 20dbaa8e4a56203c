"""services.parse_amount: a number typed in a form is read the way the ledger import reads a cell."""

from __future__ import annotations

import pytest

from retrofit_desktop import services
from retrofit_desktop.i18n import use_language


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("3万元", "CNY", 3 * 10_000),
        ("3.5 万", "CNY", 3.5 * 10_000),
        ("1,200元", "CNY", 1200),  # thousands separator, then the word
        ("1,200", "CNY", 1200),
        ("30000", "CNY", 30000),
        ("12千元", "CNY", 12 * 1000),
        ("-2万", "CNY", -2 * 10_000),  # an O&M change is signed: the sign survives the word
        ("15年", "a", 15),
        ("18个月", "a", 18 / 12),
        ("0,65", "", 0.65),  # a lone decimal comma, as the import reads it
        ("75 hp", "kW", 75 * 745.69987158227022 / 1000),  # mechanical horsepower = 745.699872 W
    ],
)
def test_money_years_and_units_are_converted(text, unit, expected):
    assert services.parse_amount(text, unit) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize(
    ("text", "unit", "example"),
    [
        ("abc", "CNY", "3万元"),
        ("5 kW", "CNY", "3万元"),  # another dimension is no amount of money
        ("-", "CNY", "3万元"),  # the import reads '-' as missing; a form leaves a field empty instead
        ("abc", "a", "15年"),
        ("3万元", "a", "15年"),
    ],
)
def test_garbage_in_money_or_years_names_the_text_and_what_to_type(text, unit, example):
    with use_language("en"), pytest.raises(ValueError) as info:
        services.parse_amount(text, unit)
    assert text in str(info.value) and example in str(info.value)


def test_the_message_is_translated():
    with use_language("zh"), pytest.raises(ValueError) as info:
        services.parse_amount("abc", "CNY")
    assert str(info.value) == "不是以元计的金额：abc。请输入如 30000、3万元 或 1,200元"
    with use_language("zh"), pytest.raises(ValueError) as info:
        services.parse_amount("十五", "a")
    assert str(info.value) == "不是年数：十五。请输入如 15 或 15年"


def test_other_units_keep_the_unit_parsers_message():
    with use_language("en"), pytest.raises(ValueError, match="'abc' is not a number"):
        services.parse_amount("abc", "kW")
    with use_language("en"), pytest.raises(ValueError, match="'-' is not a number"):
        services.parse_amount("-", "kW")


def test_the_form_and_the_import_read_the_same_text_alike(tmp_path):
    texts = ["3万元", "3.5 万", "1,200元", "45000"]
    lives = ["15年", "8", "10 年", "18个月"]
    csv = tmp_path / "ledger.csv"
    rows = ["设备编号,产品类别,额定功率,极数,效率,改造投资,经济寿命"]
    rows += [f'M-{i},motor,55,4,92,"{m}","{y}"' for i, (m, y) in enumerate(zip(texts, lives, strict=True))]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = services.read_file(csv)
    assert not result.rejected, result.rejected
    frame = result.items.sort_values("asset_tag")
    assert list(frame["investment_cny"]) == [services.parse_amount(t, "CNY") for t in texts]
    assert list(frame["lifetime_years"]) == [services.parse_amount(t, "a") for t in lives]
    # and both are the hand-computed values
    assert list(frame["investment_cny"]) == [30000, 35000, 1200, 45000]
    assert list(frame["lifetime_years"]) == pytest.approx([15, 8, 10, 1.5])
