"""Chinese display forms of the data-file factor scopes/notes and of the savings methods.

The English texts stay the reference (JSON fields ``scope``, ``note``, ``savings.method``); the Chinese
forms are checked against them independently: present wherever the English is, written in Chinese, and
carrying exactly the same figures (a translation must not change a number).
"""

from __future__ import annotations

import csv
import re
from collections import Counter

import pandas as pd
import pytest

from retrofit_desktop.engine import AssessmentOptions, FactorSet, assess_items, savings
from retrofit_desktop.engine.regions import DATA_DIR
from retrofit_desktop.engine_labels import factor_note, factor_scope, method_label
from retrofit_desktop.i18n import use_language

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _rows() -> list[dict[str, str]]:
    with (DATA_DIR / "factors.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_shipped_scope_and_note_has_a_chinese_form():
    rows = _rows()
    assert len(rows) > 20
    missing = [
        (r["key"], col)
        for r in rows
        for col in ("scope", "note")
        if r[col].strip() and not _CJK.search(r[f"{col}_zh"])
    ]
    assert missing == []
    # and no Chinese text where there is no English one to translate
    assert [r["key"] for r in rows for col in ("scope", "note") if r[f"{col}_zh"] and not r[col]] == []


@pytest.mark.parametrize("col", ["scope", "note"])
def test_chinese_texts_carry_the_same_figures_as_the_english(col):
    differ = {
        r["key"]: (r[col], r[f"{col}_zh"])
        for r in _rows()
        if Counter(_NUMBER.findall(r[col])) != Counter(_NUMBER.findall(r[f"{col}_zh"]))
    }
    assert differ == {}


def test_number_check_would_catch_a_changed_figure():
    # the check above compares multisets of numeric tokens: a changed or dropped figure differs
    english = "raw coal: NCV 20.908 GJ/t × 0.02618 tC/GJ × OF 93% × 44/12"
    assert Counter(_NUMBER.findall(english)) == Counter(["20.908", "0.02618", "93", "44", "12"])
    assert Counter(_NUMBER.findall(english)) != Counter(
        _NUMBER.findall("原煤：20.98 GJ/t × 0.02618 × 93% × 44/12")
    )


def test_factor_json_keeps_english_and_adds_chinese_fields():
    f = FactorSet.default("hunan", 2022).to_json()["factors"]["discount_rate"]
    row = next(r for r in _rows() if r["key"] == "discount_rate")
    assert f["scope"] == row["scope"] == "social discount rate 社会折现率"  # unchanged English field
    assert f["note"] == row["note"]
    assert (f["scope_zh"], f["note_zh"]) == (row["scope_zh"], row["note_zh"])
    back = FactorSet.from_json(FactorSet.default("hunan", 2022).to_json())["discount_rate"]
    assert (back.scope_zh, back.note_zh) == (row["scope_zh"], row["note_zh"])


def test_display_follows_the_language_and_english_is_unchanged():
    row = next(r for r in _rows() if r["key"] == "tax_credit_rate")
    with use_language("en"):
        assert factor_scope(row["key"], row["scope"], None, row["scope_zh"]) == row["scope"]
        assert factor_note(row["key"], row["note"], row["note_zh"]) == row["note"]
    with use_language("zh"):
        assert factor_scope(row["key"], row["scope"], None, row["scope_zh"]) == row["scope_zh"]
        assert factor_note(row["key"], row["note"], row["note_zh"]) == row["note_zh"]


def test_old_payload_without_chinese_fields_still_reads_in_chinese():
    data = FactorSet.default("hunan", 2022).to_json()
    for f in data["factors"].values():
        del f["scope_zh"], f["note_zh"]
    old = FactorSet.from_json(data)["fuel_co2_diesel"]
    assert old.scope_zh == old.note_zh == ""
    row = next(r for r in _rows() if r["key"] == "fuel_co2_diesel")
    with use_language("zh"):
        # the English text is the shipped one, so the shipped Chinese applies
        assert factor_scope(old.key, old.scope) == row["scope_zh"]
        assert factor_note(old.key, old.note) == row["note_zh"]
        # an edited English note is not the shipped one: shown as it is
        assert factor_note(old.key, "measured NCV 42.1 GJ/t") == "measured NCV 42.1 GJ/t"
        # an engine-written English note from an English run reads in Chinese
        assert factor_note("price_fuel_coal", "not given") == "未提供"


def test_a_given_value_drops_the_chinese_note_too():
    fs = FactorSet.default("hunan", 2022)
    assert fs["price_electricity"].note_zh.startswith("未提供")
    given = fs.with_overrides(price_electricity=0.65, discount_rate=0.06)
    assert given["price_electricity"].note == given["price_electricity"].note_zh == ""
    assert given["discount_rate"].note_zh == ""
    assert (
        given["discount_rate"].scope_zh == fs["discount_rate"].scope_zh
    )  # what the factor is does not change


def test_a_scope_that_repeats_the_label_is_not_shown_twice_in_chinese():
    row = next(r for r in _rows() if r["key"] == "gravity")
    with use_language("zh"):
        assert factor_scope("gravity", row["scope"], None, row["scope_zh"]) == ""
    with use_language("en"):
        assert (
            factor_scope("gravity", row["scope"], None, row["scope_zh"]) == "standard acceleration of gravity"
        )


def test_every_method_constant_has_a_chinese_label():
    constants = {name: getattr(savings, name) for name in dir(savings) if name.startswith("METHOD_")}
    assert len(constants) == 11 and set(constants.values()) == set(savings.METHODS)
    for name, method in constants.items():
        with use_language("zh"):
            zh = method_label(method)
        with use_language("en"):
            assert method_label(method) == method, name
        assert zh != method and _CJK.search(zh), name
        # the formula symbols the English names survive the translation
        assert Counter(_NUMBER.findall(zh)) == Counter(_NUMBER.findall(method)), name
    with use_language("zh"):
        assert method_label("pump: some older method text") == "pump: some older method text"
        assert method_label(None) == ""


def test_assessment_keeps_the_english_method_whatever_the_language():
    items = pd.DataFrame(
        {
            "product": ["motor"],
            "rated_power_kw": [10.0],
            "load_factor": [0.8],
            "annual_hours": [4000.0],
            "efficiency_pct": [88.0],
        }
    )
    cls = pd.DataFrame({"tier": ["entry"], "thr__efficiency_pct__energy_saving": [90.0]})
    with use_language("zh"):
        res = assess_items(items, cls, None, AssessmentOptions(factors=FactorSet.default())).items
    assert res.at[0, "method"] == savings.METHOD_MOTOR
    assert res.at[0, "method"].startswith("motor: P_out")


def test_grid_fallback_mapping_remark_reads_in_chinese():
    # Tibet has no 2023 provincial factor (the annex lists 30 provinces): the southwest regional one is
    # used through the (unverified) province → region mapping, which the note states
    with use_language("en"):
        f = FactorSet.default("tibet", 2023)["grid_co2"]
    assert f.note.endswith("province → grid region mapping: unverified")
    with use_language("zh"):
        shown = factor_note("grid_co2", f.note, f.note_zh)
    assert shown.endswith("省份→区域电网对应关系：未核实") and "mapping" not in shown
    assert Counter(_NUMBER.findall(shown)) == Counter(_NUMBER.findall(f.note))


def test_grid_factor_notes_have_chinese_forms_with_the_same_figures():
    with (DATA_DIR / "grid_factors.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    noted = [r for r in rows if r["note"].strip()]
    assert len(noted) > 10
    assert [r["note"] for r in noted if not _CJK.search(r["note_zh"])] == []
    assert [r["note_zh"] for r in rows if r["note_zh"] and not r["note"]] == []
    assert [
        (r["note"], r["note_zh"])
        for r in noted
        if Counter(_NUMBER.findall(r["note"])) != Counter(_NUMBER.findall(r["note_zh"]))
    ] == []


def test_grid_factor_note_reads_in_the_report_language():
    f = FactorSet.default(None, 2023).factors["grid_co2"]  # national 2023 row
    assert "down 1.1% from 2022" in f.note  # the JSON keeps the English
    with use_language("zh"):
        assert "较 2022 年下降 1.1%" in factor_note("grid_co2", f.note, f.note_zh)
    with use_language("en"):
        assert "较" not in factor_note("grid_co2", f.note, f.note_zh)
