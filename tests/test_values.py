"""One meaning of "missing" and of "yes" for every layer (retrofit_desktop/values.py)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from retrofit_desktop.values import NO_WORDS, YES_WORDS, is_missing, is_yes


@pytest.mark.parametrize(
    "value",
    [
        None,
        math.nan,
        float("nan"),
        np.nan,
        np.float32("nan"),
        np.float64("nan"),
        pd.NA,
        pd.NaT,
        np.datetime64("NaT"),
        np.timedelta64("NaT"),
        "",
        "   ",
        "\t\n",
        "\u3000",
    ],
)
def test_missing(value):
    assert is_missing(value)


@pytest.mark.parametrize(
    "value",
    [
        0,
        0.0,
        False,
        np.float32(0),
        np.int64(0),
        "0",
        "-",
        "—",
        "无",
        [],
        (),
        {},
        pd.Timestamp("2024-01-01"),
        np.datetime64("2024-01-01"),
        "a",
    ],
)
def test_not_missing(value):
    assert not is_missing(value)


@pytest.mark.parametrize(
    "value",
    [
        True,
        np.bool_(True),
        1,
        1.0,
        np.int64(1),
        np.float64(1.0),
        "1",
        "1.0",
        "yes",
        "YES",
        " Yes ",
        "y",
        "true",
        "TRUE",
        "t",
        "是",
        "有",
        "√",
        "✓",
        "✔",
    ],
)
def test_yes(value):
    assert is_yes(value)


@pytest.mark.parametrize(
    "value",
    [
        False,
        np.bool_(False),
        0,
        2,
        0.5,
        "0",
        "no",
        "n",
        "false",
        "否",
        "无",
        "×",
        "",
        None,
        math.nan,
        pd.NA,
        "yesterday",
        "有效",
    ],
)
def test_not_yes(value):
    assert not is_yes(value)


def test_yes_and_no_words_do_not_overlap():
    assert not YES_WORDS & NO_WORDS
    assert all(w == w.strip().lower() for w in YES_WORDS | NO_WORDS)


def test_the_store_the_export_and_the_catalog_agree():
    """The places that used to define "missing" their own way now give the same answers."""
    from retrofit_desktop.catalog import get_catalog
    from retrofit_desktop.store.items import plain_value

    rated = get_catalog().product("motor").parameters[0]
    for value in (None, math.nan, pd.NA, "  "):
        assert plain_value(value, "name") is None
        assert rated.normalise(value) is None


def test_a_vsd_written_with_a_tick_or_you_counts_everywhere():
    """'√' and '有' say yes to 是否变频 on import (the field's aliases) and in the engine (before: the
    engine took 是/有 but not √, the field took neither 'y' nor √)."""
    from retrofit_desktop.catalog import get_catalog
    from retrofit_desktop.engine import AssessmentOptions, FactorSet, assess_items

    vsd = next(f for f in get_catalog().product("pump").operating_fields if f.name == "vsd")
    assert [vsd.normalise(v) for v in ("√", "有", "y", "是", "否", "无", "n")] == ["yes"] * 4 + ["no"] * 3
    items = pd.DataFrame(
        {
            "product": ["pump"] * 3,
            "flow_m3h": [200.0] * 3,
            "head_m": [50.0] * 3,
            "static_head_m": [20.0] * 3,
            "duty_flow_pct": [60.0] * 3,
            "annual_hours": [5000.0] * 3,
            "motor_efficiency_pct": [93.0] * 3,
            "pump_efficiency_pct": [80.0] * 3,
            "vsd": ["√", "有", "否"],
            "measure": ["vsd"] * 3,
        }
    )
    cls = pd.DataFrame({"tier": ["energy_saving"] * 3}, index=items.index)
    out = assess_items(
        items, cls, None, AssessmentOptions(factors=FactorSet.default(price_cny_per_kwh=0.6))
    ).items
    assert list(out["savings_status"]) == ["not_applicable", "not_applicable", "ok"]
