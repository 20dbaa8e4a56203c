"""Vectorised cell conversion: raw spreadsheet/CSV cells -> typed columns, with a mask of the cells
that could not be converted and the reason for each (only those cells get a Python-level loop).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..catalog.choices import UnknownChoice, resolve_choice
from ..catalog.model import FieldSpec
from ..i18n import _
from ..units import UnitError, parse_quantity
from .fields import WORD_UNITS, split_word_unit, unit_factor

__all__ = [
    "Col",
    "as_col",
    "blank_mask",
    "is_empty_marker",
    "empty_marker_mask",
    "EMPTY_MARKERS",
    "parse_cell",
    "to_number",
    "to_year",
    "to_int",
    "to_text",
    "to_enum",
    "Converted",
]

_NUM = re.compile(r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)")


class Reason(str):
    """A conversion failure message (distinguishes it from a valid text value)."""


class UnknownValue(Reason):
    """An enumeration cell that names no allowed value: the message, the field and the text written."""

    field: str
    written: str

    def __new__(cls, message: str, field: str, written: str) -> UnknownValue:
        obj = super().__new__(cls, message)
        obj.field, obj.written = field, written
        return obj

    def __reduce__(self) -> tuple[type[UnknownValue], tuple[str, str, str]]:  # pickled with field and text
        return (UnknownValue, (str(self), self.field, self.written))


class Converted:
    """values: converted Series; bad: bool ndarray; reasons: {index position -> reason}."""

    __slots__ = ("values", "bad", "reasons")

    def __init__(self, values: pd.Series, bad: np.ndarray, reasons: dict[int, str]):
        self.values, self.bad, self.reasons = values, bad, reasons


_SD = np.dtypes.StringDType()

#: What a ledger writes in a cell that has no value: '—', '-', '/', '无' … (an empty value, never an error).
EMPTY_MARKERS = frozenset(
    {"-", "--", "—", "——", "–", "－", "/", "／", "\\", "无", "空", "暂无", "n/a", "N/A"}
)


def is_empty_marker(text: object) -> bool:
    """Whether a cell's text only says "no value" ('—', '/', '无' …); see EMPTY_MARKERS."""
    return isinstance(text, str) and text.strip() in EMPTY_MARKERS


def empty_marker_mask(cells: np.ndarray) -> np.ndarray:
    """is_empty_marker over an object array of stripped str, for a whole column: a set test decides
    whether any cell is one (mostly none, ~2 ms for 100,000 cells), only then is each cell looked up."""
    if EMPTY_MARKERS.isdisjoint(cells.tolist()):
        return np.zeros(len(cells), bool)
    mask: np.ndarray = pd.Series(cells, dtype=object, copy=False).isin(list(EMPTY_MARKERS)).to_numpy()
    return mask


_NOT_NUMBERS = (bool, np.bool_, dt.date, dt.time, dt.timedelta)  # datetime is a date
_NUMERIC_KINDS = {"floating", "integer", "mixed-integer-float", "decimal"}


class Col:
    """A raw column with its stripped text view (numpy string ufuncs, no per-cell Python).

    raw: the cells; blank: NaN/None/whitespace-only; kind: pandas' inferred type of the non-null
    cells; text (computed on first use): object array of stripped strings, '' where blank, Excel's
    1001.0 shown as '1001'. all_text: the reader guarantees every cell is a str ('' when empty), as
    CSV readers do, so the type is not inferred cell by cell.
    """

    __slots__ = ("raw", "blank", "kind", "_arr", "_sd", "_text")
    raw: pd.Series
    blank: npt.NDArray[np.bool_]
    kind: str
    _arr: npt.NDArray[np.object_]
    _sd: np.ndarray | None  # the stripped text as numpy strings (StringDType)
    _text: npt.NDArray[np.object_] | None

    def __init__(self, s: pd.Series, stripped: bool = False, all_text: bool = False):
        arr = s.to_numpy(dtype=object)
        self.raw = s
        if all_text or pd.api.types.infer_dtype(arr, skipna=False) == "string":  # all str: no NaN to look for
            na = arr == ""
            self.kind = "empty" if na.all() else "string"
        else:
            na = pd.isna(arr) | (arr == "")  # readers give '' for empty cells
            self.kind = (
                pd.api.types.infer_dtype(np.where(na, None, arr), skipna=True)
                if na.any()
                else (pd.api.types.infer_dtype(arr, skipna=True))
            )
        if na.any():
            arr = arr.copy()
            arr[na] = ""
        self._arr = arr
        if self.kind in _NUMERIC_KINDS:  # no text can be blank: only the missing cells are
            self._sd = None
            self.blank = na
            self._text = None
        elif stripped and self.kind in {"string", "empty"}:  # cells are their own text view
            self._sd = None
            self.blank = na
            self._text = arr
        elif self.kind != "string":  # mixed: only the text cells can be whitespace
            self._sd = None
            self._text = None
            self.blank = na.copy()
            texts = np.flatnonzero(np.fromiter((type(v) is str for v in arr), bool, len(arr)) & ~na)
            if len(texts):
                self.blank[texts[np.strings.strip(arr[texts].astype(_SD)) == ""]] = True
        else:
            unstripped = arr.astype(_SD)
            self._sd = np.strings.strip(unstripped)
            self.blank = np.asarray(self._sd == "", dtype=bool)
            self._text = None
            if self.kind == "string":
                # Text cells are their own text view, except where stripping changed something.
                changed = np.flatnonzero(np.strings.str_len(unstripped) != np.strings.str_len(self._sd))
                text = arr
                if len(changed):
                    text = arr.copy()
                    text[changed] = self._sd[changed].astype(object)
                self._text = text

    @property
    def text(self) -> np.ndarray:
        if self._text is None:
            sd = self._sd if self._sd is not None else np.strings.strip(self._arr.astype(_SD))
            text = sd.astype(object)
            if self.kind != "string":
                _drop_float_zero(self._arr, sd, text, self.kind)
            self._text = text
        return self._text

    def text_at(self, idx: npt.NDArray[np.intp]) -> np.ndarray:
        """The text view of a few cells, without building it for the whole column."""
        if self._text is not None:
            return self._text[idx]
        return np.array([_as_text(self._arr[i]) for i in idx], dtype=object)

    def __len__(self) -> int:
        return len(self.blank)

    def take(self, rows: np.ndarray) -> Col:
        """The cells at `rows` (a boolean mask or positions), re-indexed from 0."""
        c = Col.__new__(Col)
        c.raw = self.raw.iloc[rows].reset_index(drop=True)
        c.blank, c.kind, c._arr = self.blank[rows], self.kind, self._arr[rows]
        c._sd = None if self._sd is None else self._sd[rows]
        c._text = None if self._text is None else self._text[rows]
        return c


def _drop_float_zero(arr: np.ndarray, sd: np.ndarray, text: np.ndarray, kind: str) -> None:
    """Excel stores the tag 1001 as 1001.0: show integral floats without '.0'."""
    idx = np.flatnonzero(np.strings.endswith(sd, ".0"))
    if not len(idx):
        return
    if kind in _NUMERIC_KINDS:
        vals = arr[idx].astype(float)
        ok = np.isfinite(vals) & (np.abs(vals) < 2**53)
        text[idx[ok]] = vals[ok].astype(np.int64).astype(str).astype(object)
        return
    for i in idx:
        v = arr[i]
        if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
            text[i] = str(int(v))


def _as_text(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def as_col(s: pd.Series | Col) -> Col:
    return s if isinstance(s, Col) else Col(s)


def blank_mask(s: pd.Series | Col) -> np.ndarray:
    """True where a cell is empty: NaN/None or only whitespace."""
    return as_col(s).blank


def to_text(s: pd.Series | Col) -> pd.Series:
    """Strings, stripped; integral floats (Excel stores 1001 as 1001.0) without '.0'; blanks -> NaN."""
    c = as_col(s)
    out = c.text.copy()
    out[c.blank | empty_marker_mask(out)] = np.nan  # '—', '/', '无': no value
    return pd.Series(out, index=c.raw.index, dtype="str")


def _finite_reason(v: object) -> str:
    return _("{value!r} is not a finite number").format(value=v)


def to_number(s: pd.Series | Col, f: FieldSpec, header_unit: str | None) -> Converted:
    """Floats in f.unit. Bare numbers are in the header's unit (or f.unit); '75 hp' is converted."""
    c = as_col(s)
    factor = 1.0 if header_unit is None else unit_factor(header_unit, f.unit)
    values = _plain_numbers(c, factor)
    reasons: dict[int, str] = {}
    if c.kind not in _NUMERIC_KINDS | {"string", "empty"}:
        # True would pass as 1.0 and a date as its text: Excel booleans and dates are not numbers.
        odd = np.flatnonzero(np.fromiter((isinstance(v, _NOT_NUMBERS) for v in c._arr), bool, len(c)))
        for i, t in zip(odd, c.text_at(odd), strict=True):
            reasons[int(i)] = _("{value!r} is not a number").format(value=t)
            values[i] = np.nan
    todo = ~c.blank & np.isnan(values)
    todo[list(reasons)] = False
    if todo.any():
        _parse_with_units(c, np.flatnonzero(todo), f.unit, values, reasons)
    inf = np.flatnonzero(np.isinf(values))
    for i, t in zip(inf, c.text_at(inf), strict=True):
        reasons[int(i)] = _finite_reason(t)
        values[i] = np.nan
    bad = np.zeros(len(c), bool)
    if reasons:
        bad[list(reasons)] = True
    return Converted(pd.Series(values, index=c.raw.index), bad, reasons)


def _plain_numbers(c: Col, factor: float) -> npt.NDArray[np.float64]:
    """The cells that are plain numbers (or their text) times `factor`; NaN for the others and blanks."""
    if c.kind in _NUMERIC_KINDS and c.raw.dtype != bool:
        values = np.where(c.blank, np.nan, c._arr).astype(float) * factor
    else:
        cells = c._arr.copy()
        cells[c.blank] = np.nan
        if c.kind == "string":  # parse each distinct text once (columns repeat their values)
            codes, uniques = pd.factorize(cells)  # blank (NaN): code -1, the NaN appended last
            numbers = pd.to_numeric(uniques, errors="coerce").astype(float)
            values = np.append(numbers, np.nan)[codes] * factor
        else:  # mixed Python cells: 1, 1.0 and True would share one code
            values = pd.to_numeric(cells, errors="coerce").astype(float) * factor
    return np.asarray(values, dtype=np.float64)


def _parse_with_units(
    c: Col, idx: npt.NDArray[np.intp], unit: str, values: np.ndarray, reasons: dict[int, str]
) -> None:
    """Read the cells `idx` that are not plain numbers ('75 hp') into `values` (in `unit`), each distinct
    text once; a text that is not a quantity of the unit's dimension gets its reason."""
    texts = c.text_at(idx)
    parsed: dict[str, float | str] = {}
    for t in dict.fromkeys(texts):
        if is_empty_marker(t):
            parsed[t] = math.nan
            continue
        try:
            parsed[t] = parse_cell(t, unit)
        except UnitError as exc:
            parsed[t] = str(exc)
    for i, t in zip(idx, texts, strict=True):
        r = parsed[t]
        if isinstance(r, str):
            reasons[int(i)] = r
        else:
            values[i] = r  # NaN for 'nan', '-', '无': missing, not an error


def parse_cell(text: str, unit: str) -> float:
    """parse_quantity, plus money and years written as words ('5万元', '15年') for CNY/year fields."""
    if unit in WORD_UNITS:
        number, factor = split_word_unit(text, unit)
        return parse_quantity(number, "") * factor
    return parse_quantity(text, unit)


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


def to_year(s: pd.Series | Col) -> Converted:
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


def to_int(s: pd.Series | Col) -> Converted:
    return _convert_each(s, _integer, "Int64")


def _apply_unique(c: Col, fn: Callable[[Any], object]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Apply fn once per distinct text of the non-blank cells (to the first raw cell with that text);
    fn returns a value or a Reason. -> (code of each cell, result per code (None for blank),
    bad mask)."""
    raw = c.raw.to_numpy(dtype=object)
    if c.kind in _NUMERIC_KINDS:  # factorize the numbers themselves: no text view needed
        codes, uniques = pd.factorize(np.where(c.blank, np.nan, c._arr).astype(float), use_na_sentinel=False)
    else:
        codes, uniques = pd.factorize(c.text)
    first = np.full(len(uniques), -1)
    first[codes[::-1]] = np.arange(len(codes))[::-1]  # first position of each distinct text
    results = np.empty(len(uniques), dtype=object)
    is_reason = np.zeros(len(uniques), bool)
    for k, pos in enumerate(first):
        if c.blank[pos] or is_empty_marker(raw[pos]):  # '—', '/', '无': no value, not an error
            results[k] = None
            continue
        r = fn(raw[pos])
        results[k] = r
        is_reason[k] = isinstance(r, Reason)
    return codes, results, is_reason[codes] & ~c.blank


def _reasons(codes: np.ndarray, results: np.ndarray, bad: np.ndarray) -> dict[int, str]:
    return {int(p): results[codes[p]] for p in np.flatnonzero(bad)}  # Reasons (UnknownValue keeps its field)


def _map_unique(c: Col, fn: Callable[[Any], object]) -> tuple[pd.Series, np.ndarray, dict[int, str]]:
    """_apply_unique -> (values as object Series, bad mask, reasons by position)."""
    codes, results, bad = _apply_unique(c, fn)
    values = results[codes]
    values[bad | c.blank] = None
    return pd.Series(values, index=c.raw.index, dtype=object), bad, _reasons(codes, results, bad)


def _convert_each(s: pd.Series | Col, fn: Callable[[Any], object], dtype: str) -> Converted:
    c = as_col(s)
    if pd.api.types.is_integer_dtype(c.raw.dtype):
        return Converted(c.raw.astype(dtype), np.zeros(len(c), bool), {})
    codes, results, bad = _apply_unique(c, fn)
    reasons = _reasons(codes, results, bad)
    numbers = np.array([None if isinstance(r, Reason) else r for r in results], dtype=object)
    out = pd.to_numeric(pd.Series(numbers, dtype=object), errors="coerce").astype(float).to_numpy()[codes]
    out[bad | c.blank] = np.nan
    return Converted(pd.Series(out, index=c.raw.index).round().astype(dtype), bad, reasons)


def to_enum(s: pd.Series | Col, f: FieldSpec, user_values: Mapping[str, str] | None = None) -> Converted:
    """An allowed value of f by the catalog's rule for written values (catalog/choices.py): qualified
    and synonymous forms, full/half width, '4极'/'4P'; `user_values` (written value -> allowed value,
    from the import mapping) first. An unknown value's reason names the allowed labels."""
    c = as_col(s)

    def one(v: object) -> object:
        t = _as_text(v)
        try:
            return resolve_choice(f, t, user_values)
        except UnknownChoice as exc:
            return UnknownValue(str(exc), f.name, t)

    values, bad, reasons = _map_unique(c, one)
    return Converted(values, bad, reasons)
