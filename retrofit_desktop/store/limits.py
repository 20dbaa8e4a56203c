"""What the database can hold, per inventory-frame column, and the cells of a frame that exceed it.

PostgreSQL refuses a text longer than its ``String(n)`` and a whole number outside a 32-bit
``Integer``; SQLite stores either silently. Both are checked here on every back end, so a workspace
moved to PostgreSQL later is still valid, and an import names the offending cell instead of failing
the whole file.

The table of limits is plain data, so that reading a file (``retrofit assess FILE`` stores nothing)
does not import SQLAlchemy; ``store.model_limits`` reads the same limits from the ORM models, and
tests/store/test_limits_table.py checks that the two agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..i18n import _

INT32 = (-(2**31), 2**31 - 1)  # SQLAlchemy Integer = PostgreSQL INTEGER (int4)
INT64 = (-(2**63), 2**63 - 1)  # BigInteger
SHOWN_CHARS = 40  # an over-long value is shown shortened to this many characters in a message


@dataclass(frozen=True)
class Limit:
    """The storable values of one frame column."""

    column: str
    max_length: int | None = None  # characters
    int_range: tuple[int, int] | None = None
    finite: bool = False  # a floating-point column: no infinity, no NaN other than "missing"
    required: bool = False  # NOT NULL without a default


#: frame column -> its Limit, for the columns stored in their own database column (models.Equipment;
#: ``site`` is the Site's name, optional for an item; ``sheet``/``row`` the provenance columns)
COLUMN_LIMITS: dict[str, Limit] = {
    lim.column: lim
    for lim in (
        Limit("asset_tag", max_length=100, required=True),
        Limit("name", max_length=200),
        Limit("product", max_length=64),
        Limit("model", max_length=200),
        Limit("manufacturer", max_length=200),
        Limit("year_installed", int_range=INT32),
        Limit("quantity", int_range=INT32),
        Limit("site", max_length=200),
        Limit("annual_hours", finite=True),
        Limit("load_factor", finite=True),
        Limit("notes"),
        Limit("sheet", max_length=200),
        Limit("row", int_range=INT32),
    )
}


def column_limits() -> dict[str, Limit]:
    """Frame column -> its Limit, for the columns stored in their own database column."""
    return COLUMN_LIMITS


def shorten(value: object, limit: int = SHOWN_CHARS) -> str:
    text = str(value)
    if len(text) <= limit:
        return text
    return _("{start}… ({n} characters)").format(start=text[:limit], n=len(text))


def too_long(n: int) -> str:
    return _("longer than {n} characters").format(n=n)


@dataclass(frozen=True)
class CellProblem:
    position: int  # row position in the frame (0-based)
    column: str  # frame column
    value: object
    reason: str


def frame_problems(frame: pd.DataFrame) -> list[CellProblem]:
    """Every cell of `frame` the database cannot store as it is; product fields (kept in the JSON
    ``fields`` object) are checked for infinite numbers, which JSON cannot hold."""
    limits = column_limits()
    out: list[CellProblem] = []
    for i, name in enumerate(frame.columns):
        key = str(name)
        series = frame.iloc[:, i]
        lim = limits.get(key)
        if lim is None:
            if key in ("id", "enterprise_id") or key.startswith(("_", "thr__")):
                continue
            out += _non_finite(series, key)
            continue
        if lim.required:
            out += [
                CellProblem(int(p), key, None, _("a value is required"))
                for p in np.flatnonzero(series.isna().to_numpy())
            ]
        if lim.max_length is not None:
            out += _over_long(series, key, lim.max_length)
        if lim.int_range is not None:
            out += _out_of_range(series, key, lim.int_range)
        out += _non_finite(series, key)
    out.sort(key=lambda p: (p.position, p.column))
    return out


def _over_long(series: pd.Series, key: str, n: int) -> list[CellProblem]:
    if isinstance(series.dtype, pd.StringDtype):  # only text and missing: the string array counts
        lengths = series.str.len().to_numpy(dtype=float, na_value=0)
    else:  # a number in a text column (a numeric asset tag) is stored as its text
        lengths = np.fromiter((len(v) if type(v) is str else 0 if v is None else _length(v)
                               for v in series.to_numpy(dtype=object)),
                              float, len(series))  # fmt: skip
    pos = np.flatnonzero(lengths > n)
    return [CellProblem(int(p), key, series.iloc[int(p)], too_long(n)) for p in pos]


def _length(v: object) -> int:
    return len(v) if isinstance(v, str) else len(_as_text(v))


def _as_text(v: object) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _out_of_range(series: pd.Series, key: str, bounds: tuple[int, int]) -> list[CellProblem]:
    lo, hi = bounds
    pos: np.ndarray | list[int]
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        arr = series.to_numpy(dtype=float, na_value=np.nan)  # exact enough: the bounds are far below 2**53
        with np.errstate(invalid="ignore"):
            pos = np.flatnonzero(np.isfinite(arr) & ((arr < lo) | (arr > hi)))
        values = series.to_numpy(dtype=object)
    else:
        values = series.to_numpy(dtype=object)
        pos = [p for p, v in enumerate(values) if isinstance(v, int | float | np.integer | np.floating)
               and not isinstance(v, bool | np.bool_) and math.isfinite(v) and not lo <= v <= hi]  # fmt: skip
    reason = _("outside the range the database can store ({lo} to {hi})").format(lo=lo, hi=hi)
    return [CellProblem(int(p), key, values[p], reason) for p in pos]


def _non_finite(series: pd.Series, key: str) -> list[CellProblem]:
    """Infinity in a number column (io turns text into numbers only in typed columns; text columns
    hold strings, which need no such check)."""
    if not pd.api.types.is_float_dtype(series.dtype):
        return []
    arr = series.to_numpy(dtype=float, na_value=np.nan)
    reason = _("not a finite number")
    return [CellProblem(int(p), key, series.iloc[int(p)], reason) for p in np.flatnonzero(np.isinf(arr))]
