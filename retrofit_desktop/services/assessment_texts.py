"""Schema-1 JSON texts of an `Assessment`'s items and input rows, a chunk of rows at a time.

No dict is built per item: the item object is a `json_rows` template over the assessment's columns
(keys in the payload's order), so each distinct combination of tier, rule, edition, source, status
... is encoded once. `Assessment.iter_item_json` parses these same texts, so the streamed JSON and
the payload dict cannot differ.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..catalog.classify import TIER_COLS
from .assessment_keys import EDITION_KEYS, ITEM_KEYS
from .json_rows import Coded, Template, coded, coded_lists, coded_values, dumps, render
from .jsonsafe import json_list, jsonable

if TYPE_CHECKING:
    from .assessment import Assessment

_COMP_HEAD = ("indicator", "value", "unit", "direction")
_COMP_TAIL = ("table", "row", "source", "source_en", "verification", "rule", "tier", "not_in_standard")
_SAVINGS_HEAD = ("status", "kwh", "fuel", "fuel_kind", "fuel_unit")
_SAVINGS_TAIL = ("tco2", "cny", "missing_fields", "method", "note")


def _column(frame: pd.DataFrame, name: str, sl: slice) -> Coded:
    """Rows `sl` of a column (null in every row when the frame lacks it)."""
    if name not in frame.columns:
        return Coded.constant(b"null", sl.stop - sl.start)
    return coded(frame[name].iloc[sl])


def comparison_texts(a: Assessment, start: int, stop: int) -> list[bytes]:
    """Each item's ``comparisons`` array text, items start..stop."""
    n = stop - start
    comps = a.comparisons
    if not a.traces or comps.empty:
        return [b"[]"] * n
    item = comps["item"].to_numpy()
    lo, hi = (int(x) for x in np.searchsorted(item, [start, stop]))  # the long table is sorted by item
    if lo == hi:
        return [b"[]"] * n
    part = comps.iloc[lo:hi]
    sl = slice(0, hi - lo)
    template: Template = [
        *((k, _column(part, k, sl)) for k in _COMP_HEAD),
        ("thresholds", [(t, _column(part, t, sl)) for t in TIER_COLS]),
        *((k, _column(part, k, sl)) for k in _COMP_TAIL),
    ]
    texts = render(template, hi - lo)
    counts = np.bincount(item[lo:hi] - start, minlength=n).tolist()
    out: list[bytes] = []
    i = 0
    for c in counts:
        out.append(b"[" + (texts[i] if c == 1 else b",".join(texts[i : i + c])) + b"]")
        i += c
    return out


def _missing_fields(values: list[Any]) -> Coded:
    """missing_fields: a list of field names, [] when there is none."""
    if all(type(v) is list for v in values):
        return coded_lists([jsonable(v) if v and not all(type(x) is str for x in v) else v for v in values])
    return coded_values(json_list(pd.Series([v or [] for v in values], dtype=object)))


def _notes(values: list[Any]) -> Coded:
    return coded_values(json_list(pd.Series([v or None for v in values], dtype=object)))


def item_texts(a: Assessment, start: int, stop: int) -> list[bytes]:
    """The schema-1 JSON text of each item start..stop (one object each, keys in payload order)."""
    n = stop - start
    sl = slice(start, stop)
    f = a.items

    def col(name: str) -> Coded:
        return _column(f, name, sl)

    def raw(name: str) -> list[Any]:
        return f[name].iloc[sl].tolist() if name in f.columns else [None] * n

    elimination = Coded(
        a.elimination_code[sl].astype(np.intp),
        [dumps({"status": e["status"], "entries": e["entries"], "note": e["note"]})
         for e in a.elimination_results],
    )  # fmt: skip
    template: Template = [
        *((k, col(k)) for k in (*ITEM_KEYS, "tier", "verification", "rule", *EDITION_KEYS)),
        ("comparisons", Coded.per_row(comparison_texts(a, start, stop))),
        *((k, col(k)) for k in ("target_tier", "measure", "mandatory")),
        (
            "savings",
            [
                ("status", col("savings_status")),
                *((k, col(k)) for k in _SAVINGS_HEAD[1:]),
                ("tce", [("calorific", col("tce_calorific")), ("equivalent", col("tce_equivalent"))]),
                ("tco2", col("tco2")),
                ("cny", col("cny")),
                ("missing_fields", _missing_fields(raw("missing_fields"))),
                ("method", col("method")),
                ("note", _notes(raw("note"))),
            ],
        ),
        ("finance", [(k, col(k)) for k in a.finance_columns]),
        ("elimination", elimination),
    ]
    return render(template, n)


def input_texts(frame: pd.DataFrame, start: int, stop: int) -> list[bytes]:
    """Input rows start..stop as JSON objects without their missing values (`jsonsafe.frame_records`).

    A ledger's columns are mostly other products' and blank: rows are grouped by which columns they
    fill (about one group per product), and each group is rendered from those columns only."""
    n = stop - start
    part = frame.iloc[start:stop]
    names: list[str] = []
    columns: list[Coded] = []
    filled: list[np.ndarray] = []
    for c in part.columns:
        col = coded(part[c])
        has = (np.array(col.texts, dtype=object) != b"null")[col.codes]  # not missing, not infinite
        if has.any():
            names.append(str(c))
            columns.append(col)
            filled.append(has)
    out = [b"{}"] * n
    for rows in _same_columns(filled, n):
        first = int(rows[0])
        template: Template = [
            (name, col.take(rows))
            for name, col, has in zip(names, columns, filled, strict=True)
            if has[first]
        ]
        for j, text in zip(rows.tolist(), render(template, len(rows)), strict=True):
            out[j] = text
    return out


def _same_columns(filled: list[np.ndarray], n: int) -> list[np.ndarray]:
    """The positions of the rows that fill the same columns, group by group."""
    key = np.zeros(n, dtype=np.int64)
    bits = 0
    for has in filled:
        if bits == 62:  # renumber the groups so far 0, 1, 2 ... before the key overflows
            key = pd.factorize(key)[0].astype(np.int64)
            bits = int(key.max()).bit_length()
        key = key * 2 + has
        bits += 1
    group = pd.factorize(key)[0]
    order = np.argsort(group, kind="stable")
    return [rows for rows in np.split(order, np.flatnonzero(np.diff(group[order])) + 1) if len(rows)]
