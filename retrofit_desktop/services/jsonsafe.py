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


def frame_records(frame: pd.DataFrame, drop_missing: bool = True) -> list[dict[str, Any]]:
    """Rows as JSON-safe dicts (missing values left out when `drop_missing`)."""
    cols = [str(c) for c in frame.columns]
    out = []
    for values in frame.itertuples(index=False, name=None):
        rec = {c: jsonable(v) for c, v in zip(cols, values, strict=True)}
        out.append({k: v for k, v in rec.items() if v is not None} if drop_missing else rec)
    return out
