"""Classify and assess an inventory frame into the design.md JSON schema-1 payload."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd

from .. import __version__
from ..domain import Rejection, Severity, Tier
from ..i18n import _
from ..store import Workspace
from .cancel import Cancelled, IsCancelled, Progress
from .data_sources import data_sources
from .jsonsafe import frame_records, jsonable
from .options import AssessOptions

#: result columns that describe savings; every other engine column goes under "finance"
_SAVINGS_COLS = {
    "target_tier", "measure", "savings_status", "missing_fields", "method", "note", "tier", "mandatory",
    "kwh", "fuel", "fuel_kind", "fuel_unit", "tce_calorific", "tce_equivalent", "tco2", "cny",
    "kwh_reactive_equivalent",
}  # fmt: skip
#: the standard edition an item was judged by (additive item fields; catalog.in_force)
EDITION_KEYS = ("standard_edition", "edition_effective", "catalog_edition_cited")
_ITEM_KEYS = ("sheet", "row", "asset_tag", "name", "product", "quantity", "site")


def classify_items(frame: pd.DataFrame, catalog: Any = None) -> pd.DataFrame:
    """Tier, verification, rule and thresholds per item (catalog.classify_frame)."""
    from ..catalog import get_catalog

    return (catalog or get_catalog()).classify_frame(frame)


def assess(
    frame: pd.DataFrame,
    options: AssessOptions | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    *,
    read: int | None = None,
    rejected: Iterable[Rejection] = (),
    warnings: Iterable[Rejection] = (),
    enterprise: Mapping[str, Any] | None = None,
    catalog: Any = None,
    traces: bool = True,
    imports: Iterable[Mapping[str, Any]] | None = None,
    total_rows: Iterable[Rejection] = (),
) -> dict[str, Any]:
    """The schema-1 payload for the items of `frame` (accepted rows), plus catalog, options, inputs.

    `read` and `rejected` describe the file the frame came from (default: all rows read, none rejected).
    ``traces=False`` leaves every item's ``comparisons`` empty (``"traces": false`` in the payload): a
    trace costs a few ms per distinct nameplate, so an interactive view may build them on demand.
    `imports` (import records' JSON, oldest first) go into the payload as ``imports``; when there are
    any, the summary's read / imported / rejected are those of the latest import of each file.
    `total_rows` (the file's 合计/小计 rows, skipped) go into the payload as ``total_rows``.
    """
    from ..catalog import get_catalog
    from ..engine import assess_items

    options = options or AssessOptions()
    if options.assessment_date is None:  # record the day judged, so a re-computation judges the same editions
        options = dataclasses.replace(options, assessment_date=assessment_day().isoformat())
    judging = options.judging()
    cat = catalog or get_catalog()
    items = frame.drop(columns=["id"], errors="ignore").reset_index(drop=True)
    n = len(items)
    step = max(1, n // 100)

    def tick(done: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(done, n)

    tick(0)
    classification = cat.classify_frame(items, judging)
    result = assess_items(items, classification, cat, options.engine_options())
    rows = items.to_dict("records")
    cls_rows = classification[["tier", "verification", "rule", *EDITION_KEYS]].to_dict("records")
    res_rows = result.items.to_dict("records")
    trace_cache = _TraceCache(cat, judging)
    elim_cache = _EliminationCache(cat)
    out_items = []
    for i in range(n):
        if i % step == 0:
            tick(i)
        comparisons = trace_cache.comparisons(rows[i]) if traces else []
        item = _item_json(rows[i], cls_rows[i], res_rows[i], comparisons)
        item["elimination"] = elim_cache.check(rows[i])
        out_items.append(item)
    tick(n)
    rejected = list(rejected)
    summary = _summary(result.summary, out_items, n, read, rejected)
    total_rows = list(total_rows)
    summary["total_rows"] = len(total_rows)
    extra: dict[str, Any] = {}
    if imports is not None:
        # the current imports' rejected cells are the payload's "rejected"; not repeated here
        extra["imports"] = [jsonable({k: v for k, v in r.items() if k != "rejected_cells"}) for r in imports]
        summary.update(import_counts(extra["imports"]))
    return {
        "schema": 1,
        "software_version": __version__,
        # the assessment's date, not a clock time: the same inputs on the same day give the same report bytes
        "generated_at": options.assessment_date,
        "catalog": _catalog_json(cat, options.lang),
        "options": options.to_json(),
        "traces": traces,
        "enterprise": jsonable(dict(enterprise)) if enterprise else None,
        "items": out_items,
        "summary": summary,
        "rejected": [r.to_json() for r in rejected],
        "warnings": [w.to_json() for w in warnings],
        "total_rows": [t.to_json() for t in total_rows],  # 合计/小计 rows: skipped, not equipment
        "inputs": frame_records(items),
        "input_columns": [str(c) for c in items.columns],
        # one line per table of data used: citation, status and provenance (the report's appendix)
        "data_sources": jsonable(data_sources(cat, out_items, summary.get("factors"))),
        **extra,
    }


def assessment_day() -> date:
    """The day an assessment is made: today, or the UTC day of ``SOURCE_DATE_EPOCH`` (seconds) when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return date.today()


def current_imports(imports: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The latest import of each file name (records' JSON, oldest first): what the stored items came
    from. A file imported again after a fix replaces its earlier record in the counts."""
    latest: dict[str, Mapping[str, Any]] = {}
    for r in imports:
        latest.pop(str(r.get("file")), None)
        latest[str(r.get("file"))] = r
    return list(latest.values())


def import_counts(imports: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """read / imported / rejected rows summed over `current_imports`."""
    cur = current_imports(imports)
    if not cur:
        return {}
    return {k: sum(int(r.get(k) or 0) for r in cur) for k in ("read", "imported", "rejected")}


def assess_file(
    path: str | os.PathLike, options: AssessOptions | None = None, mapping: Any = None, **kw: Any
) -> dict[str, Any]:
    """Read and assess a file (under a saved column mapping, if given); stores nothing. Rejected rows are
    in the payload."""
    from .importing import read_file

    r = read_file(path, mapping=mapping)
    return assess(r.items, options, read=r.read, rejected=r.rejected, warnings=r.warnings,
                  total_rows=r.total_rows, **kw)


def enterprise_json(ws: Workspace, enterprise_id: int) -> dict[str, Any]:
    e = ws.enterprise(enterprise_id)
    return {
        "id": e.id,
        "name": e.name,
        "credit_code": e.credit_code,
        "region": e.region,
        "industry": e.industry,
        "sites": list(e.sites),
        "sample": e.is_sample,
    }


def assess_enterprise(
    ws: Workspace,
    enterprise_id: int,
    options: AssessOptions | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    save: bool = True,
) -> dict[str, Any]:
    """Assess an enterprise's stored items; saved as an assessment unless read-only or `save` is False.
    The payload carries the enterprise's import records (``imports``); the summary's row counts and
    the rejected cells are those of the latest import of each file."""
    options = options or AssessOptions()
    history = [r.to_json() for r in ws.import_records(enterprise_id)]
    cells = [c for r in current_imports(history) for c in r.get("rejected_cells") or ()]
    payload = assess(
        ws.items_frame(enterprise_id),
        options,
        progress,
        cancelled,
        enterprise=enterprise_json(ws, enterprise_id),
        rejected=[_rejection(c) for c in cells],
        total_rows=[_rejection(c) for r in current_imports(history) for c in r.get("total_rows") or ()],
        imports=history,
    )
    if save and not ws.read_only:
        ws.save_assessment(
            enterprise_id,
            payload,
            options.to_json(),
            payload["catalog"]["edition"],
            payload["catalog"]["sha256"],
            __version__,
        )
    return payload


def _rejection(cell: Mapping[str, Any]) -> Rejection:
    return Rejection(cell.get("sheet"), cell.get("row"), cell.get("column"), cell.get("value"),
                     str(cell.get("reason") or ""), Severity(cell.get("severity") or "error"))  # fmt: skip


def inputs_frame(payload: Mapping[str, Any]) -> pd.DataFrame:
    """The item rows a payload was computed from, as an inventory frame."""
    cols = payload.get("input_columns")
    frame = pd.DataFrame.from_records(list(payload.get("inputs") or []))
    if cols:
        for c in cols:
            if c not in frame.columns:
                frame[c] = None
        frame = frame[list(cols)]
    return frame


def _catalog_json(cat: Any, lang: str) -> dict[str, Any]:
    ed = cat.edition
    return {
        "edition": ed.id,
        "sha256": ed.sha256,
        "title": ed.title_zh if lang.startswith("zh") else ed.title_en,
        "doc_no": ed.doc_no,
        "data_edition": (ed.data_edition if lang.startswith("zh") else ed.data_edition_en) or "",
        "builtin": ed.builtin,
        "source": ed.source,
        "source_en": ed.source_en,
        "provenance": ed.provenance,
    }


class _TraceCache:
    """`catalog.trace` per item, reused for items with the same product, parameters and indicator values.

    A trace depends only on those fields; plant ledgers repeat the same nameplate many times.
    """

    def __init__(self, cat: Any, judging: Any = None):
        self.cat = cat
        self.judging = judging
        self.fields: dict[Any, tuple[str, ...]] = {}
        self.cache: dict[tuple, list[dict]] = {}

    def comparisons(self, row: Mapping[str, Any]) -> list[dict]:
        from ..catalog import UnknownProduct

        product = row.get("product")
        key_product = jsonable(product)
        if key_product not in self.fields:
            try:
                spec = self.cat.product(str(product))
                self.fields[key_product] = tuple(f.name for f in (*spec.parameters, *spec.indicators))
            except (UnknownProduct, ValueError):
                self.fields[key_product] = ()
        key = (key_product, *(jsonable(row.get(f)) for f in self.fields[key_product]))
        cache_key: tuple[Any, ...] | None = key
        try:
            hit = self.cache.get(key)
        except TypeError:  # an unhashable value: no caching for this row
            hit, cache_key = None, None
        if hit is None:
            try:
                hit = jsonable([c.to_json() for c in self.cat.trace(row, self.judging).comparisons])
            except UnknownProduct:
                hit = []
            if cache_key is not None:
                self.cache[cache_key] = hit
        # a copy per item (two levels deep, as deep as a comparison goes); deepcopy is 10x slower
        return [{k: (v.copy() if isinstance(v, dict | list) else v) for k, v in c.items()} for c in hit]


#: item fields the elimination entries' conditions read (boiler capacity/fuel/grate entries)
ELIMINATION_PARAMS = ("fuel", "rated_capacity_th", "boiler_type")


class _EliminationCache:
    """`catalog.elimination` per item, reused for items with the same product, model, year and parameters."""

    def __init__(self, cat: Any):
        self.cat = cat
        self.cache: dict[tuple, dict] = {}

    def check(self, row: Mapping[str, Any]) -> dict[str, Any]:
        from ..catalog import UnknownProduct

        product, model = jsonable(row.get("product")), jsonable(row.get("model"))
        year = jsonable(row.get("year_installed"))
        params = {k: jsonable(row.get(k)) for k in ELIMINATION_PARAMS}
        params = {k: v for k, v in params.items() if v is not None}
        key = (product, model, year, *sorted(params.items()))
        hit = self.cache.get(key)
        if hit is None:
            try:
                hit = jsonable(self.cat.elimination(str(product), None if model is None else str(model),
                                                    None if year is None else int(year), params=params).to_json())
            except (UnknownProduct, ValueError, TypeError):
                hit = {"status": "unknown", "entries": [], "note": _("product not in the catalog")}
            self.cache[key] = hit
        return {"status": hit["status"], "entries": [dict(e) for e in hit["entries"]], "note": hit["note"]}


def _item_json(row: dict, cls: dict, res: dict, comparisons: list[dict]) -> dict[str, Any]:
    item = {k: jsonable(row.get(k)) for k in _ITEM_KEYS}
    item.update(
        tier=cls["tier"],
        verification=cls["verification"],
        rule=cls["rule"],
        **{k: jsonable(cls.get(k)) for k in EDITION_KEYS},
        comparisons=comparisons,
        target_tier=jsonable(res.get("target_tier")),
        measure=jsonable(res.get("measure")),
        mandatory=jsonable(res.get("mandatory")),
        savings=jsonable(
            {
                "status": res.get("savings_status"),
                "kwh": res.get("kwh"),
                "fuel": res.get("fuel"),
                "fuel_kind": res.get("fuel_kind"),
                "fuel_unit": res.get("fuel_unit"),
                "tce": {"calorific": res.get("tce_calorific"), "equivalent": res.get("tce_equivalent")},
                "tco2": res.get("tco2"),
                "cny": res.get("cny"),
                "missing_fields": res.get("missing_fields") or [],
                "method": res.get("method"),
                "note": res.get("note") or None,
            }
        ),
        finance=jsonable({k: v for k, v in res.items() if k not in _SAVINGS_COLS}),
    )
    return item


def _elimination_counts(items: list[dict]) -> dict[str, int]:
    counts = {"listed": 0, "not_listed": 0, "unknown": 0}
    for it in items:
        status = (it.get("elimination") or {}).get("status")
        if status is not None:
            counts[status] = counts.get(status, 0) + 1
    return counts


def _summary(
    engine_summary: Mapping[str, Any],
    items: list[dict],
    imported: int,
    read: int | None,
    rejected: list[Rejection],
) -> dict[str, Any]:
    bad_rows = {(r.sheet, r.row) for r in rejected if r.severity == Severity.ERROR}
    by_tier = {t.value: 0 for t in Tier}
    for it in items:
        by_tier[it["tier"]] = by_tier.get(it["tier"], 0) + 1
    summary = {
        "read": read if read is not None else imported + len(bad_rows),
        "imported": imported,
        "rejected": (read - imported) if read is not None else len(bad_rows),
        "by_tier": by_tier,
        "elimination": _elimination_counts(items),
    }
    for key, value in jsonable(dict(engine_summary)).items():
        summary.setdefault(key, value)
    summary.setdefault("tce", {"calorific": None, "equivalent": None})
    for key in ("kwh", "tco2", "cny", "factors"):
        summary.setdefault(key, None)
    return summary
