"""The typed assessment result the report reads, built from a schema-1 payload.

The report embeds the payload and ``verify`` re-renders a report from the payload in the file, so the
sections read a typed, columnar view of the payload's JSON form (`ResultView`: the attributes of
`services.Assessment` the report needs, with the same names): the first render and the re-render see
the same values. `services.assessment_payload.assessment_from_payload` builds an `Assessment` from the
same parts (the report layer may not import services: services import the report).

Every value is kept as the payload has it (columns of dtype object: a whole number stays an int, text
stays text). A payload of an older version may lack fields: they get their defaults (None, an empty
list, no elimination check).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ..catalog.classify import TIER_COLS
from ..domain import Rejection, Severity

#: identity fields of an item and the edition judged (services.assessment_keys.ITEM_KEYS / EDITION_KEYS;
#: a test checks that they agree)
ITEM_KEYS = ("sheet", "row", "asset_tag", "name", "product", "quantity", "site")
EDITION_KEYS = ("standard_edition", "edition_effective", "catalog_edition_cited")
#: top-level payload keys that are not part of `Assessment.header`
_BODY_KEYS = frozenset({
    "items", "summary", "rejected", "warnings", "total_rows", "data_sources", "inputs", "input_columns",
    "imports",
})  # fmt: skip
#: summary keys that are `Summary` fields; the others are its `totals`
_SUMMARY_FIELDS = ("read", "imported", "rejected", "by_tier", "elimination", "total_rows")
#: item keys read as they are (the identity, classification and measure columns)
_PLAIN_KEYS = (
    *ITEM_KEYS,
    "tier",
    "verification",
    "rule",
    *EDITION_KEYS,
    "target_tier",
    "measure",
    "mandatory",
)
#: savings keys and the items column each becomes
_SAVINGS_COLUMNS = (
    ("status", "savings_status"),
    ("kwh", "kwh"),
    ("fuel", "fuel"),
    ("fuel_kind", "fuel_kind"),
    ("fuel_unit", "fuel_unit"),
    ("tco2", "tco2"),
    ("cny", "cny"),
    ("missing_fields", "missing_fields"),
    ("method", "method"),
    ("note", "note"),
)
#: comparison keys that are columns of the long table as they are (thresholds are split into TIER_COLS)
_COMPARISON_KEYS = (
    "indicator", "value", "unit", "direction", "table", "row", "source", "source_en", "verification", "rule",
    "tier", "not_in_standard",
)  # fmt: skip
#: the keys of an item's JSON (services.assessment_json.item_dicts); others are kept in `item_extras`
_ITEM_JSON_KEYS = frozenset({
    *_PLAIN_KEYS, "comparisons", "savings", "finance", "elimination",
})  # fmt: skip
#: the elimination result of an item the payload does not say was checked (older payloads)
NOT_CHECKED: dict[str, Any] = {"status": None, "entries": [], "note": None}


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _records(value: Any) -> list[Mapping[str, Any]]:
    return [r for r in value if isinstance(r, Mapping)] if isinstance(value, list | tuple) else []


def object_column(values: Iterable[Any]) -> pd.Series:
    """Values as a Series of dtype object: lists and dicts stay single values, None stays None (pandas
    would otherwise infer a string dtype for text and turn None into NaN)."""
    values = list(values)
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return pd.Series(out, dtype=object, copy=False)


def _frame(columns: Mapping[str, Sequence[Any]], n: int) -> pd.DataFrame:
    return pd.DataFrame({k: object_column(v) for k, v in columns.items()}, index=pd.RangeIndex(n))


def _items_frame(items: list[Mapping[str, Any]]) -> tuple[pd.DataFrame, tuple[str, ...]]:
    cols: dict[str, list[Any]] = {k: [it.get(k) for it in items] for k in _PLAIN_KEYS}
    savings = [_mapping(it.get("savings")) for it in items]
    for key, name in _SAVINGS_COLUMNS:
        cols[name] = [s.get(key) for s in savings]
    # an older payload may give the missing fields on the item itself
    cols["missing_fields"] = [
        m if m else it.get("missing_fields") for m, it in zip(cols["missing_fields"], items, strict=True)
    ]
    tce = [_mapping(s.get("tce")) for s in savings]
    cols["tce_calorific"] = [t.get("calorific") for t in tce]
    cols["tce_equivalent"] = [t.get("equivalent") for t in tce]
    finance = [_mapping(it.get("finance")) for it in items]
    names: dict[str, None] = {}
    for f in finance:
        names.update(dict.fromkeys(f))
    finance_columns = tuple(k for k in names if k not in cols)
    for k in finance_columns:
        cols[k] = [f.get(k) for f in finance]
    return _frame(cols, len(items)), finance_columns


def _comparisons(items: list[Mapping[str, Any]]) -> pd.DataFrame:
    """The long table of comparisons (catalog.trace_frame columns), `item` = position in `items`."""
    item: list[int] = []
    order: list[int] = []
    rows: list[Mapping[str, Any]] = []
    for i, it in enumerate(items):
        for j, comp in enumerate(_records(it.get("comparisons"))):
            item.append(i)
            order.append(j)
            rows.append(comp)
    cols: dict[str, Any] = {
        "item": np.asarray(item, dtype=np.int64),
        "order": np.asarray(order, dtype=np.int64),
    }
    for k in _COMPARISON_KEYS[:4]:
        cols[k] = object_column(c.get(k) for c in rows)
    thresholds = [_mapping(c.get("thresholds")) for c in rows]
    for t in TIER_COLS:
        cols[t] = object_column(th.get(t) for th in thresholds)
    for k in _COMPARISON_KEYS[4:]:
        cols[k] = object_column(c.get(k) for c in rows)
    return pd.DataFrame(cols, index=pd.RangeIndex(len(rows)))


def _elimination(items: list[Mapping[str, Any]]) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """Each item's index into the distinct elimination results, and those results."""
    seen: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    codes = np.empty(len(items), dtype=np.intp)
    for i, it in enumerate(items):
        raw = it.get("elimination")
        e = (
            {"status": raw.get("status"), "entries": list(raw.get("entries") or []), "note": raw.get("note")}
            if isinstance(raw, Mapping)
            else NOT_CHECKED
        )
        key = json.dumps(e, sort_keys=True, ensure_ascii=False, default=repr)
        code = seen.get(key)
        if code is None:
            code = seen[key] = len(results)
            results.append(e)
        codes[i] = code
    return codes, results


def _summary(value: Any) -> SummaryView:
    s = _mapping(value)
    return SummaryView(
        read=s.get("read"),
        imported=s.get("imported"),
        rejected=s.get("rejected"),
        by_tier=dict(_mapping(s.get("by_tier"))),
        elimination=dict(_mapping(s.get("elimination"))),
        totals={k: v for k, v in s.items() if k not in _SUMMARY_FIELDS},
        total_rows=s.get("total_rows", 0),
    )


def _severity(value: Any) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        return Severity.ERROR


def _rejections(value: Any) -> list[Rejection]:
    return [
        Rejection(
            sheet=r.get("sheet"),
            row=r.get("row"),
            column=r.get("column"),
            value=r.get("value"),
            reason=str(r.get("reason") or ""),
            severity=_severity(r.get("severity", Severity.ERROR.value)),
        )
        for r in _records(value)
    ]


def _inputs(payload: Mapping[str, Any]) -> pd.DataFrame:
    rows = _records(payload.get("inputs"))
    given = payload.get("input_columns")
    names: dict[str, None] = dict.fromkeys(str(c) for c in given) if isinstance(given, list) else {}
    for r in rows:
        names.update(dict.fromkeys(r))
    return _frame({c: [r.get(c) for r in rows] for c in names}, len(rows))


@dataclass
class SummaryView:
    """The payload's ``summary``: the row counts apart, everything else in `totals` (services.Summary)."""

    read: Any
    imported: Any
    rejected: Any
    by_tier: dict[str, Any]
    elimination: dict[str, Any]
    totals: dict[str, Any] = field(default_factory=dict)
    total_rows: Any = 0


@dataclass
class ResultView:
    """What the report reads of an assessment (names as in services.Assessment)."""

    header: dict[str, Any]
    items: pd.DataFrame
    finance_columns: tuple[str, ...]
    comparisons: pd.DataFrame
    elimination_code: np.ndarray
    elimination_results: list[dict[str, Any]]
    summary: SummaryView
    rejected: list[Rejection]
    warnings: list[Rejection]
    inputs: pd.DataFrame
    imports: list[dict[str, Any]] | None
    total_rows: list[Rejection]
    data_sources: list[dict[str, Any]] | None
    #: per item, the fields an older payload gives on the item itself (e.g. nameplate parameters)
    item_extras: list[dict[str, Any]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.items)


def result_from_payload(payload: Mapping[str, Any]) -> ResultView:
    """The typed, columnar view of a schema-1 payload (a report's embedded payload keeps its ``report``
    section in the header)."""
    header = {k: v for k, v in payload.items() if k not in _BODY_KEYS}
    items = _records(payload.get("items"))
    frame, finance_columns = _items_frame(items)
    comparisons = _comparisons(items)
    if len(comparisons) and "traces" not in header:  # an older payload: comparisons without the flag
        header["traces"] = True
    codes, results = _elimination(items)
    imports = payload.get("imports")
    sources = payload.get("data_sources")
    return ResultView(
        header=header,
        items=frame,
        finance_columns=finance_columns,
        comparisons=comparisons,
        elimination_code=codes,
        elimination_results=results,
        summary=_summary(payload.get("summary")),
        rejected=_rejections(payload.get("rejected")),
        warnings=_rejections(payload.get("warnings")),
        inputs=_inputs(payload),
        imports=[dict(r) for r in _records(imports)] if isinstance(imports, list) else None,
        total_rows=_rejections(payload.get("total_rows")),
        data_sources=[dict(r) for r in _records(sources)] if isinstance(sources, list) else None,
        item_extras=[{k: v for k, v in it.items() if k not in _ITEM_JSON_KEYS} for it in items],
    )


class Comparison(NamedTuple):
    """One row of the comparisons long table (catalog.trace_frame columns)."""

    item: int
    order: int
    indicator: Any
    value: Any
    unit: Any
    direction: Any
    advanced: Any
    energy_saving: Any
    entry: Any
    table: Any
    row: Any
    source: Any
    source_en: Any
    verification: Any
    rule: Any
    tier: Any
    not_in_standard: Any


COMPARISON_FIELDS = Comparison._fields


def comparisons_by_item(comparisons: pd.DataFrame, n_items: int) -> list[list[Comparison]]:
    """The long table's rows as each item's list of comparisons (in the table's order)."""
    out: list[list[Comparison]] = [[] for _ in range(n_items)]
    if comparisons.empty:
        return out
    cols = [
        comparisons[c].tolist() if c in comparisons.columns else [None] * len(comparisons)
        for c in COMPARISON_FIELDS
    ]
    for row in zip(*cols, strict=True):
        out[int(row[0])].append(Comparison._make(row))
    return out
