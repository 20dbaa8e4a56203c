"""Cell conversion of Excel-typed cells (floats, booleans, dates) and text views."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from retrofit_desktop.catalog.fields import RATED_POWER, poles
from retrofit_desktop.io.cells import Col, to_enum, to_int, to_number, to_text, to_year

POWER = RATED_POWER
POLES = poles(("2", "4", "6", "8"))


def cells(*values) -> pd.Series:
    return pd.Series(list(values), dtype=object)


def test_booleans_and_dates_are_not_numbers():
    c = to_number(
        cells(True, dt.datetime(2020, 1, 1), dt.date(2020, 1, 1), 5.0, "7", "", "75 hp"), POWER, None
    )
    assert list(c.bad) == [True, True, True, False, False, False, False]
    assert c.values.tolist()[3:5] == [5.0, 7.0]
    assert math.isnan(c.values.tolist()[5])  # blank stays missing
    assert c.values.tolist()[6] == pytest.approx(75 * 0.74569987)


def test_header_unit_applies_to_bare_numbers_only():
    c = to_number(cells(7500.0, "11 kW", " 3000 "), POWER, "W")
    assert c.values.tolist() == [7.5, 11.0, 3.0]


def test_text_view_drops_excel_float_zero_and_strips():
    col = Col(cells(1001.0, " A-7 ", "", None, 12.5, "\u3000"))
    assert list(col.blank) == [False, False, True, True, False, True]
    text = to_text(col)
    assert text.tolist()[:2] == ["1001", "A-7"]
    assert text.tolist()[4] == "12.5"
    assert text.isna().tolist() == [False, False, True, True, False, True]


def test_years_from_numbers_text_and_dates():
    c = to_year(cells(2015.0, "2016年", "2017-06", dt.date(2018, 3, 1), "二〇一九", 2015.5, 10**20, True))
    assert c.values.tolist()[:4] == [2015, 2016, 2017, 2018]
    assert list(c.bad) == [False, False, False, False, True, True, True, True]


def test_whole_numbers():
    c = to_int(cells("3", 2.0, "2台", 1.5, "x"))
    assert c.values.tolist()[:3] == [3, 2, 2]
    assert list(c.bad) == [False, False, False, True, True]


def test_enumerations_accept_numbers_spellings_and_aliases():
    c = to_enum(cells(4.0, "4极", "4P", " 6 ", "四极", 3, "x"), POLES)
    assert c.values.tolist()[:5] == ["4", "4", "4", "6", "4"]
    assert list(c.bad) == [False] * 5 + [True, True]
    assert "2极、4极、6极、8极" in c.reasons[5] and "poles" not in c.reasons[5]
