"""Schema-1 JSON of an `Assessment`: item dicts built from columns, and a streaming writer (orjson).

Columns are converted to JSON-safe Python lists a chunk of rows at a time (NaN -> None, numpy ->
Python numbers), then each item's dict is assembled from those lists. `write_json` emits the items
and the input rows as they are built, so its memory does not grow with the output.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

import numpy as np
import orjson
import pandas as pd

from ..catalog.classify import TIER_COLS
from .jsonsafe import jsonable

if TYPE_CHECKING:
    from .assessment import Assessment

_OPTS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY


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
    return [jsonable(v) for v in values]


def _column(frame: pd.DataFrame, name: str, sl: slice) -> list[Any]:
    if name not in frame.columns:
        return [None] * (sl.stop - sl.start)
    return json_list(frame[name].iloc[sl])


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
    thr = list(zip(*(cols[t] for t in TIER_COLS), strict=True))
    for k, i in enumerate(cols["item"]):
        out[i - start].append({
            "indicator": cols["indicator"][k], "value": cols["value"][k], "unit": cols["unit"][k],
            "direction": cols["direction"][k], "thresholds": dict(zip(TIER_COLS, thr[k], strict=True)),
            "table": cols["table"][k], "row": cols["row"][k], "source": cols["source"][k],
            "verification": cols["verification"][k], "rule": cols["rule"][k], "tier": cols["tier"][k],
        })  # fmt: skip
    return out


def item_dicts(a: Assessment, start: int, stop: int) -> list[dict[str, Any]]:
    """Schema-1 dicts of items start..stop (same keys and values as one item of the payload)."""
    from .assessment import EDITION_KEYS, ITEM_KEYS

    sl = slice(start, stop)
    f = a.items
    ident = [_column(f, k, sl) for k in ITEM_KEYS]
    cls = {k: f[k].iloc[sl].tolist() for k in ("tier", "verification", "rule")}
    eds = [_column(f, k, sl) for k in EDITION_KEYS]
    res = {k: _column(f, k, sl) for k in ("target_tier", "measure", "mandatory", "savings_status", "kwh", "fuel",
                                           "fuel_kind", "fuel_unit", "tce_calorific", "tce_equivalent", "tco2",
                                           "cny", "method")}  # fmt: skip
    raw_missing = f["missing_fields"].iloc[sl].tolist() if "missing_fields" in f.columns else [None] * (stop - start)
    raw_note = f["note"].iloc[sl].tolist() if "note" in f.columns else [None] * (stop - start)
    fin = [(k, _column(f, k, sl)) for k in a.finance_columns]
    comps = _comparisons(a, start, stop)
    elim = a.elimination_code[sl].tolist()
    out = []
    for j in range(stop - start):
        item = {k: col[j] for k, col in zip(ITEM_KEYS, ident, strict=True)}
        item["tier"] = cls["tier"][j]
        item["verification"] = cls["verification"][j]
        item["rule"] = cls["rule"][j]
        for k, col in zip(EDITION_KEYS, eds, strict=True):
            item[k] = col[j]
        item["comparisons"] = comps[j]
        item["target_tier"] = res["target_tier"][j]
        item["measure"] = res["measure"][j]
        item["mandatory"] = res["mandatory"][j]
        item["savings"] = {
            "status": res["savings_status"][j], "kwh": res["kwh"][j], "fuel": res["fuel"][j],
            "fuel_kind": res["fuel_kind"][j], "fuel_unit": res["fuel_unit"][j],
            "tce": {"calorific": res["tce_calorific"][j], "equivalent": res["tce_equivalent"][j]},
            "tco2": res["tco2"][j], "cny": res["cny"][j],
            "missing_fields": jsonable(raw_missing[j] or []), "method": res["method"][j],
            "note": jsonable(raw_note[j] or None),
        }  # fmt: skip
        item["finance"] = {k: col[j] for k, col in fin}
        e = a.elimination_results[elim[j]]
        item["elimination"] = {"status": e["status"], "entries": [dict(x) for x in e["entries"]], "note": e["note"]}
        out.append(item)
    return out


def input_dicts(frame: pd.DataFrame, start: int, stop: int) -> list[dict[str, Any]]:
    """Input rows start..stop as JSON-safe dicts without their missing values (`jsonsafe.frame_records`)."""
    rows: list[dict[str, Any]] = [{} for _ in range(stop - start)]
    sl = slice(start, stop)
    for c in frame.columns:
        values = json_list(frame[c].iloc[sl])
        name = str(c)
        for j, v in enumerate(values):
            if v is not None:
                rows[j][name] = v
    return rows


def dumps(value: Any) -> bytes:
    return orjson.dumps(value, option=_OPTS)


def write_json(a: Assessment, out: IO[bytes]) -> None:
    """The schema-1 payload of `a` as JSON, items and input rows written as they are built.

    One item or input row per line; the content is the same as `to_payload()`'s."""
    out.write(b"{")
    for key, value in a.header.items():
        out.write(dumps(key) + b": " + dumps(value) + b",\n")
    _write_array(out, b"items", a.iter_item_json())
    for key, value in a.tail_json().items():
        out.write(b",\n" + dumps(key) + b": " + dumps(value))
    out.write(b",\n")
    _write_array(out, b"inputs", a.iter_input_json())
    out.write(b",\n\"input_columns\": " + dumps([str(c) for c in a.inputs.columns]))
    if a.imports is not None:
        out.write(b",\n\"imports\": " + dumps(a.imports))
    out.write(b"}\n")


def _write_array(out: IO[bytes], key: bytes, values) -> None:
    out.write(b"\"" + key + b"\": [")
    sep = b"\n"
    for v in values:
        out.write(sep + dumps(v))
        sep = b",\n"
    out.write(b"\n]")
