"""JSON-safe values: NaN/NA -> None, numpy scalars -> Python, enums -> their value. Floats stay exact."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

import numpy as np
import pandas as pd


def jsonable(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        f = float(value)
        return None if math.isnan(f) or math.isinf(f) else f
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset | np.ndarray | pd.Series):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "to_json"):
        return jsonable(value.to_json())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value))
    return str(value)


_NATIVE = (str, int, bool, type(None))


def json_list(col: pd.Series | np.ndarray) -> list[Any]:
    """A column as JSON-safe Python values (`jsonable` of each value, whole columns at a time)."""
    if isinstance(col, pd.Series):  # (an extension column, e.g. Int64 with NA, keeps its values' types)
        arr = col.to_numpy() if isinstance(col.dtype, np.dtype) else col.to_numpy(dtype=object)
    else:
        arr = col
    out: list[Any]
    if isinstance(arr, np.ndarray) and arr.dtype.kind == "f":
        boxed = arr.astype(object)  # Python floats
        boxed[~np.isfinite(arr)] = None
        out = boxed.tolist()
        return out
    if isinstance(arr, np.ndarray) and arr.dtype.kind in "iub":
        out = arr.tolist()
        return out
    values = col.to_numpy(dtype=object) if isinstance(col, pd.Series) else np.asarray(arr, dtype=object)
    out = values.tolist()
    for i in np.flatnonzero(pd.isna(values)).tolist():  # None, NaN, NA, NaT
        out[i] = None
    if set(map(type, out)).issubset(_NATIVE):  # nothing left to convert (text, whole numbers, missing)
        return out
    return _converted(out)


def _converted(out: list[Any]) -> list[Any]:
    """`out` with every value that is not JSON-safe as it is replaced by its `jsonable` (in place)."""
    memo: dict[tuple[type, Any], Any] = {}  # a column of enums or numpy scalars repeats few values
    for i, v in enumerate(out):
        t = type(v)
        if t is float:
            if v in (math.inf, -math.inf):
                out[i] = None
        elif t is list:
            if v and not all(type(x) is str for x in v):  # (a list of names is JSON-safe as it is)
                out[i] = jsonable(v)
        elif t is tuple or t is frozenset:  # becomes a list: one per row, never shared
            out[i] = jsonable(v)
        elif t not in _NATIVE:
            try:
                out[i] = memo[t, v]
            except KeyError:
                out[i] = memo[t, v] = jsonable(v)
            except TypeError:  # not hashable
                out[i] = jsonable(v)
    return out


def frame_records(frame: pd.DataFrame, drop_missing: bool = True) -> list[dict[str, Any]]:
    """Rows as JSON-safe dicts (missing values left out when `drop_missing`)."""
    cols = [str(c) for c in frame.columns]
    out = []
    for values in frame.itertuples(index=False, name=None):
        rec = {c: jsonable(v) for c, v in zip(cols, values, strict=True)}
        out.append({k: v for k, v in rec.items() if v is not None} if drop_missing else rec)
    return out
