"""Schema-1 JSON of an `Assessment`: item dicts built from columns, and a streaming writer (orjson).

Columns are converted to JSON-safe Python lists a chunk of rows at a time (NaN -> None, numpy ->
Python numbers), then each item's dict is assembled from those lists. `write_json` emits the items
and the input rows as they are built, so its memory does not grow with the output.
"""

from __future__ import annotations

import gc
from functools import partial
from typing import IO, TYPE_CHECKING, Any

import numpy as np
import orjson
import pandas as pd

from ..catalog.classify import TIER_COLS
from .jsonsafe import jsonable

if TYPE_CHECKING:
    from .assessment import Assessment

_OPTS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY


_NATIVE = (str, int, bool, type(None))


def json_list(col: pd.Series | np.ndarray) -> list[Any]:
    """A column as JSON-safe Python values (`jsonable` of each value, whole columns at a time)."""
    arr = col.to_numpy() if isinstance(col, pd.Series) else col
    if isinstance(arr, np.ndarray) and arr.dtype.kind == "f":
        out = arr.tolist()
        for i in np.flatnonzero(~np.isfinite(arr)).tolist():
            out[i] = None
        return out
    if isinstance(arr, np.ndarray) and arr.dtype.kind in "iub":
        return arr.tolist()
    values = col.to_numpy(dtype=object) if isinstance(col, pd.Series) else np.asarray(arr, dtype=object)
    out = values.tolist()
    for i in np.flatnonzero(pd.isna(values)).tolist():  # None, NaN, NA, NaT
        out[i] = None
    if set(map(type, out)).issubset(_NATIVE):  # nothing left to convert (text, whole numbers, missing)
        return out
    for i, v in enumerate(out):
        t = type(v)
        if t is float:
            if v in (np.inf, -np.inf):
                out[i] = None
        elif t not in _NATIVE:
            out[i] = jsonable(v)
    return out


def _column(frame: pd.DataFrame, name: str, sl: slice) -> list[Any]:
    if name not in frame.columns:
        return [None] * (sl.stop - sl.start)
    return json_list(frame[name].iloc[sl])


_COMP_KEYS = (
    "indicator",
    "value",
    "unit",
    "direction",
    "thresholds",
    "table",
    "row",
    "source",
    "source_en",
    "verification",
    "rule",
    "tier",
    "not_in_standard",
)
_SAVINGS_KEYS = (
    "status",
    "kwh",
    "fuel",
    "fuel_kind",
    "fuel_unit",
    "tce",
    "tco2",
    "cny",
    "missing_fields",
    "method",
    "note",
)


def _comparisons(a: Assessment, start: int, stop: int) -> list[list[dict[str, Any]]]:
    out: list[list[dict[str, Any]]] = [[] for _ in range(stop - start)]
    comps = a.comparisons
    if not a.traces or comps.empty:
        return out
    item = comps["item"].to_numpy()
    lo, hi = np.searchsorted(item, [start, stop])  # the long table is sorted by item
    if lo == hi:
        return out
    part = comps.iloc[lo:hi]
    cols = {c: json_list(part[c]) for c in part.columns if c != "order"}
    thresholds = map(dict, map(partial(zip, TIER_COLS), zip(*(cols[t] for t in TIER_COLS), strict=True)))
    values = zip(
        *(cols[k] for k in _COMP_KEYS[:4]), thresholds, *(cols[k] for k in _COMP_KEYS[5:]), strict=True
    )
    for i, comp in zip(cols["item"], map(dict, map(partial(zip, _COMP_KEYS), values)), strict=True):
        out[i - start].append(comp)
    return out


def item_dicts(a: Assessment, start: int, stop: int, shared: bool = False) -> list[dict[str, Any]]:
    """Schema-1 dicts of items start..stop (same keys and values as one item of the payload).

    Dicts are assembled with ``dict(zip(keys, row))`` over rows of column lists (no per-key Python
    step). `shared` lets items with the same elimination result share its dict (for writing JSON)."""
    from .assessment_keys import EDITION_KEYS, ITEM_KEYS

    sl = slice(start, stop)
    m = stop - start
    f = a.items
    head_keys = (*ITEM_KEYS, "tier", "verification", "rule", *EDITION_KEYS)
    head = [
        _column(f, k, sl) if k not in ("tier", "verification", "rule") else f[k].iloc[sl].tolist()
        for k in head_keys
    ]
    raw_missing = f["missing_fields"].iloc[sl].tolist() if "missing_fields" in f.columns else [None] * m
    raw_note = f["note"].iloc[sl].tolist() if "note" in f.columns else [None] * m
    tce = [
        {"calorific": c, "equivalent": e}
        for c, e in zip(_column(f, "tce_calorific", sl), _column(f, "tce_equivalent", sl), strict=True)
    ]
    savings_cols = [_column(f, "savings_status", sl), *(_column(f, k, sl) for k in ("kwh", "fuel", "fuel_kind",
                                                                                    "fuel_unit")),
                    tce, _column(f, "tco2", sl), _column(f, "cny", sl),
                    [jsonable(v or []) for v in raw_missing], _column(f, "method", sl),
                    [jsonable(v or None) for v in raw_note]]  # fmt: skip
    savings = map(dict, map(partial(zip, _SAVINGS_KEYS), zip(*savings_cols, strict=True)))
    fin_cols = [_column(f, k, sl) for k in a.finance_columns]
    finance = (
        map(dict, map(partial(zip, a.finance_columns), zip(*fin_cols, strict=True)))
        if fin_cols
        else ({} for _ in range(m))
    )
    results = a.elimination_results
    if shared:
        elim_dicts = [{"status": e["status"], "entries": e["entries"], "note": e["note"]} for e in results]
        elim = [elim_dicts[c] for c in a.elimination_code[sl].tolist()]
    else:
        elim = [
            {"status": e["status"], "entries": [dict(x) for x in e["entries"]], "note": e["note"]}
            for e in (results[c] for c in a.elimination_code[sl].tolist())
        ]
    tail = zip(
        _comparisons(a, start, stop),
        _column(f, "target_tier", sl),
        _column(f, "measure", sl),
        _column(f, "mandatory", sl),
        savings,
        finance,
        elim,
        strict=True,
    )
    keys = (
        *head_keys,
        "comparisons",
        "target_tier",
        "measure",
        "mandatory",
        "savings",
        "finance",
        "elimination",
    )
    return list(map(dict, map(partial(zip, keys), (h + t for h, t in zip(zip(*head), tail)))))  # noqa: B905


def input_dicts(frame: pd.DataFrame, start: int, stop: int) -> list[dict[str, Any]]:
    """Input rows start..stop as JSON-safe dicts without their missing values (`jsonsafe.frame_records`)."""
    rows: list[dict[str, Any]] = [{} for _ in range(stop - start)]
    part = frame.iloc[start:stop]
    for c in part.columns:
        col = part[c]
        present = np.flatnonzero(col.notna().to_numpy())  # a ledger's columns are mostly other products'
        if not present.size:
            continue
        name = str(c)
        for j, v in zip(present.tolist(), json_list(col.iloc[present]), strict=True):
            if v is not None:  # an infinite number is missing in JSON too
                rows[j][name] = v
    return rows


def dumps(value: Any) -> bytes:
    return orjson.dumps(value, option=_OPTS)


def write_json(a: Assessment, out: IO[bytes]) -> None:
    """The schema-1 payload of `a` as JSON, items and input rows written as they are built.

    One item or input row per line; the content is the same as `to_payload()`'s."""
    enabled = gc.isenabled()
    gc.disable()  # millions of short-lived acyclic dicts: collections would only re-scan the frames
    try:
        _write(a, out)
    finally:
        if enabled:
            gc.enable()


def _write(a: Assessment, out: IO[bytes]) -> None:
    out.write(b"{")
    for key, value in a.header.items():
        out.write(dumps(key) + b": " + dumps(value) + b",\n")
    _write_array(out, b"items", a.iter_item_json(shared=True))
    for key, value in a.tail_json().items():
        out.write(b",\n" + dumps(key) + b": " + dumps(value))
    out.write(b",\n")
    _write_array(out, b"inputs", a.iter_input_json())
    out.write(b',\n"input_columns": ' + dumps([str(c) for c in a.inputs.columns]))
    if a.imports is not None:
        out.write(b',\n"imports": ' + dumps(a.imports))
    out.write(b"}\n")


def _write_array(out: IO[bytes], key: bytes, values) -> None:
    out.write(b'"' + key + b'": [')
    sep = b"\n"
    for v in values:
        out.write(sep + dumps(v))
        sep = b",\n"
    out.write(b"\n]")
