"""Conversion between inventory-frame rows and `Equipment` rows, without loss.

A column present in the frame overwrites the stored value (a blank cell clears it); a column the
frame does not have leaves the stored value alone. Values are never rounded: floats go to a double
column or to the JSON ``fields`` object (whose text form is the shortest exact repr).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import _
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


def is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    if isinstance(value, str):
        return not value.strip()
    return False


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


def _as_text(value: Any, field: str) -> str | None:
    v = plain_value(value, field)
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)  # a numeric asset tag read as 1001.0 is the text "1001"
    return str(v)


def _as_int(value: Any, field: str) -> int | None:
    v = plain_value(value, field)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int | float) or (isinstance(v, float) and not v.is_integer()):
        raise StoreError(_("field {field}: {value!r} is not a whole number").format(field=field, value=v))
    return int(v)


def _as_float(value: Any, field: str) -> float | None:
    v = plain_value(value, field)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise StoreError(_("field {field}: {value!r} is not a number").format(field=field, value=v))
    return float(v)


def record_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Normalised values of one row: common columns by name, the rest under ``fields``.

    Only keys present in `row` appear; ``fields`` maps a product field to its value or None (= clear).
    """
    rec: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    for key, value in row.items():
        key = str(key)
        if key in SKIPPED or key.startswith(SKIPPED_PREFIXES):
            continue
        if key in ("asset_tag", "site", *TEXT_COLUMNS):
            rec[key] = _as_text(value, key)
        elif key in INT_COLUMNS:
            rec[key] = _as_int(value, key)
        elif key in FLOAT_COLUMNS:
            rec[key] = _as_float(value, key)
        elif key == "sheet":
            rec[key] = _as_text(value, key)
        elif key == "row":
            rec[key] = _as_int(value, key)
        else:
            fields[key] = plain_value(value, key)
    rec["fields"] = fields
    return rec


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
    return a == b


def rows_of(frame: pd.DataFrame) -> Iterable[dict[str, Any]]:
    cols = [str(c) for c in frame.columns]
    for values in frame.itertuples(index=False, name=None):
        yield dict(zip(cols, values, strict=True))


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
