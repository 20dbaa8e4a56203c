"""Vectorised cell conversion: raw spreadsheet/CSV cells -> typed columns, with a mask of the cells
that could not be converted and the reason for each (only those cells get a Python-level loop).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

import numpy as np
import pandas as pd

from ..i18n import _
from ..units import UnitError, conversion_factor, parse_quantity
from .fields import Field

__all__ = ["blank_mask", "to_number", "to_year", "to_int", "to_text", "to_enum", "Converted"]

_NUM = re.compile(r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)")


class Reason(str):
    """A conversion failure message (distinguishes it from a valid text value)."""


class Converted:
    """values: converted Series; bad: bool ndarray; reasons: {index position -> reason}."""

    __slots__ = ("values", "bad", "reasons")

    def __init__(self, values: pd.Series, bad: np.ndarray, reasons: dict[int, str]):
        self.values, self.bad, self.reasons = values, bad, reasons


def blank_mask(s: pd.Series) -> np.ndarray:
    """True where a cell is empty: NaN/None or only whitespace."""
    na = s.isna().to_numpy()
    if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
        txt = s.astype(str).str.strip()
        return na | (txt == "").to_numpy()
    return na


def _as_text(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def to_text(s: pd.Series) -> pd.Series:
    """Strings, stripped; integral floats (Excel stores 1001 as 1001.0) without '.0'; blanks -> NaN."""
    blank = blank_mask(s)
    if s.dtype == object:
        out = s.map(_as_text, na_action="ignore")
    else:
        out = s.astype(str).str.strip()
    out = out.astype(object)
    out[blank] = np.nan
    return out.astype("str")


def to_number(s: pd.Series, f: Field, header_unit: str | None) -> Converted:
    """Floats in f.unit. Bare numbers are in the header's unit (or f.unit); '75 hp' is converted."""
    blank = blank_mask(s)
    factor = 1.0
    if header_unit is not None:
        factor = conversion_factor(header_unit, f.unit)
    if pd.api.types.is_numeric_dtype(s.dtype) and s.dtype != bool:
        values = s.astype(float) * factor
        return Converted(values, np.zeros(len(s), bool), {})
    numeric = pd.to_numeric(s.where(~blank), errors="coerce").astype(float)
    if s.dtype == object:
        # Booleans and dates must not pass as numbers (True -> 1.0).
        odd = s.map(lambda v: isinstance(v, bool | dt.date | dt.datetime | dt.time)).to_numpy(dtype=bool)
        numeric[odd] = np.nan
    values = numeric.astype(float) * factor
    todo = ~blank & values.isna().to_numpy()
    reasons: dict[int, str] = {}
    if todo.any():
        idx = np.flatnonzero(todo)
        raw = s.iloc[idx]
        parsed: dict[object, float | str] = {}
        for v in pd.unique(raw.astype(str)):
            try:
                parsed[v] = parse_quantity(v, f.unit)
            except UnitError as exc:
                parsed[v] = str(exc)
        results = raw.astype(str).map(parsed)
        ok = results.map(lambda r: isinstance(r, float))
        good_idx = idx[ok.to_numpy(dtype=bool)]
        values.iloc[good_idx] = results[ok].astype(float).to_numpy()
        for pos, r in zip(idx[~ok.to_numpy(dtype=bool)], results[~ok], strict=True):
            reasons[int(pos)] = r
        # '   ' in a non-blank check or 'nan' text parses to NaN: that is missing, not an error.
    bad = np.zeros(len(s), bool)
    if reasons:
        bad[list(reasons)] = True
    return Converted(values, bad, reasons)


def _year(v: object) -> float | Reason:
    if isinstance(v, dt.datetime | dt.date):
        return float(v.year)
    if isinstance(v, int | float) and not isinstance(v, bool):
        ok = math.isfinite(v) and float(v).is_integer() and 1000 <= v <= 9999
        return float(v) if ok else Reason(_("{value!r} is not a year").format(value=v))
    m = re.match(r"^\s*(\d{4})(?:\s*年|[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\.0)?\s*$", str(v))
    if m:
        return float(m.group(1))
    return Reason(_("{value!r} is not a year").format(value=v))


def to_year(s: pd.Series) -> Converted:
    """'2015', 2015.0, '2015年', '2015-06', a date -> 2015 (nullable Int64)."""
    return _convert_each(s, _year, "Int64")


def _integer(v: object) -> float | Reason:
    try:
        x = parse_quantity(v, "")
    except UnitError as exc:
        return Reason(str(exc))
    if not math.isnan(x) and (not math.isfinite(x) or not float(x).is_integer() or abs(x) > 2**53):
        return Reason(_("{value!r} is not a whole number").format(value=v))
    return x


def to_int(s: pd.Series) -> Converted:
    return _convert_each(s, _integer, "Int64")


def _map_unique(s: pd.Series, blank: np.ndarray, fn) -> tuple[pd.Series, np.ndarray, dict[int, str]]:
    """Apply fn once per distinct (type, text) of the non-blank cells; fn returns a value or a Reason.
    -> (values as object Series, bad mask, reasons by position)."""
    key = s.map(lambda v: f"{type(v).__name__}\x00{v}", na_action="ignore").astype(object)
    key[blank] = np.nan
    first = (~key.duplicated() & ~pd.Series(blank, index=s.index)).to_numpy()
    results = {k: fn(v) for k, v in zip(key[first], s[first], strict=True)}
    errors = {k: r for k, r in results.items() if isinstance(r, Reason)}
    good = {k: r for k, r in results.items() if not isinstance(r, Reason)}
    values = key.map(good, na_action="ignore")
    bad = key.isin(list(errors)).to_numpy() if errors else np.zeros(len(s), bool)
    reasons = {int(p): str(errors[key.iat[p]]) for p in np.flatnonzero(bad)}
    return values, bad, reasons


def _convert_each(s: pd.Series, fn, dtype: str) -> Converted:
    blank = blank_mask(s)
    if pd.api.types.is_integer_dtype(s.dtype):
        return Converted(s.astype(dtype), np.zeros(len(s), bool), {})
    values, bad, reasons = _map_unique(s, blank, fn)
    out = pd.to_numeric(values, errors="coerce").astype(float)
    return Converted(out.round().astype(dtype), bad, reasons)


def _number_key(text: str) -> str | None:
    """'4', '4.0', '4极', '4 P' -> '4' (for enumerations of numbers such as poles)."""
    m = _NUM.match(text)
    if not m or text[m.end():].strip().lower() not in {"", "极", "p", "poles", "pole"}:
        return None
    x = float(m.group(0))
    return str(int(x)) if x.is_integer() else str(x)


def _enum_key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def _allowed_lookup(f: Field) -> dict[str, object]:
    table: dict[str, object] = {}
    for a in f.allowed or ():
        table[_enum_key(str(a))] = a
        k = _number_key(str(a))
        if k is not None:
            table.setdefault("#" + k, a)
    for spelling, canon in f.value_aliases:
        table.setdefault(_enum_key(str(spelling)), canon)
    return table


def to_enum(s: pd.Series, f: Field) -> Converted:
    """An allowed value of f (its canonical spelling): case-insensitive, the catalog's value aliases,
    and numbers written as '4', 4.0, '4极' or '4P' for numeric enumerations such as poles."""
    blank = blank_mask(s)
    table = _allowed_lookup(f)
    allowed_txt = ", ".join(str(a) for a in f.allowed or ())

    def one(v: object) -> object:
        t = _as_text(v)
        hit = table.get(_enum_key(t))
        if hit is None and (k := _number_key(t)) is not None:
            hit = table.get("#" + k)
        if hit is None:
            return Reason(
                _("{value!r} is not one of the allowed values ({allowed})").format(value=t, allowed=allowed_txt)
            )
        return hit

    values, bad, reasons = _map_unique(s, blank, one)
    return Converted(values, bad, reasons)
