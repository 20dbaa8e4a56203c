"""Conversion between inventory-frame rows and `Equipment` rows, without loss.

A column present in the frame overwrites the stored value (a blank cell clears it); a column the
frame does not have leaves the stored value alone. Values are never rounded: floats go to a double
column or to the JSON ``fields`` object (whose text form is the shortest exact repr).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import _
from ..values import is_missing
from .errors import StoreError

TEXT_COLUMNS = ("name", "product", "model", "manufacturer", "notes")
INT_COLUMNS = ("year_installed", "quantity")
FLOAT_COLUMNS = ("annual_hours", "load_factor")
#: Inventory-frame columns stored in their own database columns (``site`` goes to the site table).
COMMON_COLUMNS = (
    "asset_tag",
    *TEXT_COLUMNS[:4],
    "year_installed",
    "quantity",
    "site",
    *FLOAT_COLUMNS,
    "notes",
)
PROVENANCE = {"sheet": "source_sheet", "row": "source_row"}
#: Columns that are never stored as item data: database keys and classification results, which are
#: recomputed from the inputs (a stale stored tier must never be read back as an input).
SKIPPED = frozenset({"id", "enterprise_id", "tier", "verification", "rule"})
SKIPPED_PREFIXES = ("_", "thr__")
FRAME_COLUMNS = ("id", *COMMON_COLUMNS, "sheet", "row")


def plain_value(value: Any, field: str) -> Any:
    """A JSON-safe Python value (None for missing); numpy scalars unwrapped, floats kept exact."""
    if is_missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        f = float(value)
        if math.isinf(f):
            raise StoreError(_("field {field}: infinite value cannot be stored").format(field=field))
        return f
    if isinstance(value, str):
        return value
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    raise StoreError(
        _("field {field}: cannot store a value of type {type}").format(field=field, type=type(value).__name__)
    )


def _text(v: Any, field: str) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)  # a numeric asset tag read as 1001.0 is the text "1001"
    return v if isinstance(v, str) else str(v)


def _int(v: Any, field: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int | float) or (isinstance(v, float) and not v.is_integer()):
        raise StoreError(_("field {field}: {value!r} is not a whole number").format(field=field, value=v))
    return int(v)


def _float(v: Any, field: str) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise StoreError(_("field {field}: {value!r} is not a number").format(field=field, value=v))
    return float(v)


def _converter(key: str) -> Callable[[Any, str], Any] | None:
    """How a plain (non-missing) value of a common column is typed; None for product fields."""
    if key in ("asset_tag", "site", "sheet", *TEXT_COLUMNS):
        return _text
    if key in (*INT_COLUMNS, "row"):
        return _int
    if key in FLOAT_COLUMNS:
        return _float
    return None


def _stored(key: str) -> bool:
    return key not in SKIPPED and not key.startswith(SKIPPED_PREFIXES)


def record_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Normalised values of one row: common columns by name, the rest under ``fields``.

    Only keys present in `row` appear; ``fields`` maps a product field to its value or None (= clear).
    """
    rec: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    for key, value in row.items():
        key = str(key)
        if not _stored(key):
            continue
        conv = _converter(key)
        v = plain_value(value, key)
        if conv is None:
            fields[key] = v
        else:
            rec[key] = None if v is None else conv(v, key)
    rec["fields"] = fields
    return rec


def _plain_column(series: pd.Series, key: str) -> list[Any]:
    """plain_value of every cell, with fast paths for numeric columns (same results)."""
    dtype = series.dtype
    if pd.api.types.is_float_dtype(dtype) and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
        arr = series.to_numpy(dtype=float)
        if np.isinf(arr).any():
            raise StoreError(_("field {field}: infinite value cannot be stored").format(field=key))
        out: list[Any] = arr.tolist()
        for i in np.flatnonzero(np.isnan(arr)).tolist():
            out[i] = None
        return out
    if isinstance(dtype, pd.StringDtype):  # only text and missing markers: blanks found by pandas' loops
        text: list[Any] = series.tolist()
        blank = (series.isna() | (series.str.len() == 0) | series.str.isspace()).to_numpy(dtype=bool)
        for i in np.flatnonzero(blank).tolist():
            text[i] = None
        return text
    if pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
        if not isinstance(dtype, pd.api.extensions.ExtensionDtype):
            values: list[Any] = series.tolist()
            return values
        if dtype.kind in "iub":  # Int64, boolean: Python ints and bools, None for NA
            boxed: list[Any] = series.to_numpy(dtype=object, na_value=None).tolist()
            return boxed
    if pd.api.types.is_object_dtype(dtype) and pd.api.types.infer_dtype(series, skipna=True) == "string":
        return [v if isinstance(v, str) and v.strip() else None for v in series.tolist()]
    return [plain_value(v, key) for v in series.tolist()]


def _already_typed(series: pd.Series, conv: Callable[[Any, str], Any] | None) -> bool:
    """True when every non-missing value _plain_column gives for `series` is already what `conv` returns."""
    dtype = series.dtype
    if conv is _text:
        return isinstance(dtype, pd.StringDtype) or (
            pd.api.types.is_object_dtype(dtype) and pd.api.types.infer_dtype(series, skipna=True) == "string"
        )
    if conv is _int:
        return bool(pd.api.types.is_integer_dtype(dtype))
    if conv is _float:
        return pd.api.types.is_float_dtype(dtype) and not isinstance(dtype, pd.api.extensions.ExtensionDtype)
    return False


def columns_from_frame(frame: pd.DataFrame) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """`record_from_row`'s values for every row, column by column: (common columns, product fields),
    each a list per column (None = blank)."""
    common: dict[str, list[Any]] = {}
    fields: dict[str, list[Any]] = {}
    for i, name in enumerate(frame.columns):
        key = str(name)
        if not _stored(key):
            continue
        series = frame.iloc[:, i]
        values = _plain_column(series, key)
        conv = _converter(key)
        if conv is None:
            fields[key] = values
        elif _already_typed(series, conv):
            common[key] = values
        else:
            common[key] = [None if v is None else conv(v, key) for v in values]
    return common, fields


def records_from_frame(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """`record_from_row` for every row, column by column (several times faster on large frames)."""
    common, fields = columns_from_frame(frame)
    out = []
    ckeys, fkeys = list(common), list(fields)
    cvals, fvals = [common[k] for k in ckeys], [fields[k] for k in fkeys]
    for r in range(len(frame)):
        rec = {k: col[r] for k, col in zip(ckeys, cvals, strict=True)}
        rec["fields"] = {k: col[r] for k, col in zip(fkeys, fvals, strict=True)}
        out.append(rec)
    return out


def merged_fields(old: Mapping[str, Any], updates: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(old)
    for k, v in updates.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = v
    return out


def same_value(a: Any, b: Any) -> bool:
    """Exact equality, type-aware (1 == 1.0 for numbers, but "1" != 1)."""
    if isinstance(a, str) or isinstance(b, str):
        return type(a) is type(b) and a == b
    return bool(a == b)


def frame_from_records(records: list[dict[str, Any]]) -> pd.DataFrame:
    """Inventory frame: the fixed columns first, then every product field (sorted)."""
    if not records:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in FRAME_COLUMNS})
    frame = pd.DataFrame.from_records(records)
    extra = sorted(c for c in frame.columns if c not in FRAME_COLUMNS)
    for c in FRAME_COLUMNS:
        if c not in frame.columns:
            frame[c] = None
    for c in FLOAT_COLUMNS:
        frame[c] = frame[c].astype("float64")
    if frame["year_installed"].isna().any():
        frame["year_installed"] = frame["year_installed"].astype("float64")
    return frame[[*FRAME_COLUMNS, *extra]]
