"""Classify and assess an inventory frame into the design.md JSON schema-1 payload."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .. import __version__
from ..domain import Rejection, Severity, Tier
from ..i18n import _
from .assessment import Assessment, Summary
from .assessment_keys import EDITION_KEYS, ITEM_KEYS, SAVINGS_COLS
from .cancel import Cancelled, IsCancelled, Progress
from .jsonsafe import jsonable
from .options import AssessOptions

if TYPE_CHECKING:
    from ..store import Workspace


def classify_items(frame: pd.DataFrame, catalog: Any = None) -> pd.DataFrame:
    """Tier, verification, rule and thresholds per item (catalog.classify_frame)."""
    from ..catalog import get_catalog

    return (catalog or get_catalog()).classify_frame(frame)


def assessment(
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
) -> Assessment:
    """The typed assessment of the items of `frame` (accepted rows): columns, comparisons, summary.

    `read` and `rejected` describe the file the frame came from (default: all rows read, none rejected).
    ``traces=False`` builds no comparisons (``"traces": false`` in the JSON, every item's list empty).
    `imports` (import records' JSON, oldest first) go into the payload as ``imports``; when there are
    any, the summary's read / imported / rejected are those of the latest import of each file.
    `total_rows` (the file's 合计/小计 rows, skipped) go into the payload as ``total_rows``.
    """
    from ..catalog import get_catalog
    from ..catalog.trace_frame import trace_frame
    from ..engine import assess_items

    options = options or AssessOptions()
    if options.assessment_date is None:  # record the day judged, so a re-computation judges the same editions
        options = dataclasses.replace(options, assessment_date=assessment_day().isoformat())
    judging = options.judging()
    cat = catalog or get_catalog()
    items = frame.drop(columns=["id"], errors="ignore").reset_index(drop=True)
    n = len(items)

    def tick(done: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(done, n)

    tick(0)
    classification = cat.classify_frame(items, judging)
    tick(n // 4)
    result = assess_items(items, classification, cat, options.engine_options())
    tick(n // 2)
    comparisons = trace_frame(cat, items, judging) if traces else trace_frame(cat, items.iloc[:0], judging)
    tick(3 * n // 4)
    elim_code, elim_results = _elimination(cat, items)
    tick(n)
    table = _items_table(items, classification, result.items)
    rejected = list(rejected)
    by_tier = {t.value: 0 for t in Tier}
    for tier, count in classification["tier"].value_counts(sort=False).items():
        by_tier[str(tier)] = by_tier.get(str(tier), 0) + int(count)
    statuses = (
        np.array([r["status"] for r in elim_results] + ["unknown"], dtype=object)[elim_code] if n else []
    )
    elimination = {"listed": 0, "not_listed": 0, "unknown": 0}
    for status, count in pd.Series(statuses, dtype=object).value_counts(sort=False).items():
        elimination[str(status)] = elimination.get(str(status), 0) + int(count)
    bad_rows = {(r.sheet, r.row) for r in rejected if r.severity == Severity.ERROR}
    summary = Summary(
        read=read if read is not None else n + len(bad_rows),
        imported=n,
        rejected=(read - n) if read is not None else len(bad_rows),
        by_tier=by_tier,
        elimination=elimination,
        totals=jsonable(dict(result.summary)),
    )
    total_rows = list(total_rows)
    summary.total_rows = len(total_rows)
    imports_json = None
    if imports is not None:
        # the current imports' rejected cells are the payload's "rejected"; not repeated here
        imports_json = [jsonable({k: v for k, v in r.items() if k != "rejected_cells"}) for r in imports]
        for key, value in import_counts(imports_json).items():
            setattr(summary, key, value)
    header = {
        "schema": 1,
        "software_version": __version__,
        # the assessment's date, not a clock time: the same inputs on the same day give the same report bytes
        "generated_at": options.assessment_date,
        "catalog": _catalog_json(cat, options.lang),
        "options": options.to_json(),
        "traces": traces,
        "enterprise": jsonable(dict(enterprise)) if enterprise else None,
    }
    return Assessment(
        header=header, items=table,
        finance_columns=tuple(str(c) for c in result.items.columns if c not in SAVINGS_COLS),
        comparisons=comparisons, elimination_code=elim_code, elimination_results=elim_results,
        summary=summary, rejected=rejected, warnings=list(warnings), inputs=items, imports=imports_json,
        total_rows=total_rows, catalog=cat,
    )  # fmt: skip


def assess(
    frame: pd.DataFrame,
    options: AssessOptions | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    **kw: Any,
) -> dict[str, Any]:
    """The schema-1 payload dict of `assessment(...)` (same arguments): what the report embeds."""
    return assessment(frame, options, progress, cancelled, **kw).to_payload()


def _items_table(items: pd.DataFrame, classification: pd.DataFrame, results: pd.DataFrame) -> pd.DataFrame:
    """One row per item: its identity fields, classification and the engine's result columns.

    The engine's columns keep their names (finance and savings fields); an identity field the
    engine also returns is taken from the inventory."""
    ident = items[[k for k in ITEM_KEYS if k in items.columns]]
    cls = classification[["tier", "verification", "rule", *EDITION_KEYS]].reset_index(drop=True)
    res = results.reset_index(drop=True)
    res = res.drop(columns=[c for c in res.columns if c in cls.columns or c in ident.columns])
    return pd.concat([ident, cls, res], axis=1)


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
    path: str | os.PathLike[str], options: AssessOptions | None = None, mapping: Any = None, **kw: Any
) -> dict[str, Any]:
    """Read and assess a file (under a saved column mapping, if given); stores nothing. Rejected rows are
    in the payload."""
    return assessment_file(path, options, mapping=mapping, **kw).to_payload()


def assessment_file(
    path: str | os.PathLike[str], options: AssessOptions | None = None, mapping: Any = None, **kw: Any
) -> Assessment:
    """`assess_file` as the typed result (the CLI streams its JSON from it)."""
    from .importing import read_file

    r = read_file(path, mapping=mapping)
    return assessment(
        r.items, options, read=r.read, rejected=r.rejected, warnings=r.warnings, total_rows=r.total_rows, **kw
    )


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
    return _enterprise(ws, enterprise_id, options, progress, cancelled, save)[1]


def assessment_enterprise(
    ws: Workspace,
    enterprise_id: int,
    options: AssessOptions | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    save: bool = True,
) -> Assessment:
    """`assess_enterprise` as the typed result."""
    return _enterprise(ws, enterprise_id, options, progress, cancelled, save)[0]


def _enterprise(
    ws: Workspace,
    enterprise_id: int,
    options: AssessOptions | None,
    progress: Progress | None,
    cancelled: IsCancelled | None,
    save: bool,
) -> tuple[Assessment, dict[str, Any]]:
    options = options or AssessOptions()
    history = [r.to_json() for r in ws.import_records(enterprise_id)]
    cells = [c for r in current_imports(history) for c in r.get("rejected_cells") or ()]
    result = assessment(
        ws.items_frame(enterprise_id),
        options,
        progress,
        cancelled,
        enterprise=enterprise_json(ws, enterprise_id),
        rejected=[_rejection(c) for c in cells],
        total_rows=[_rejection(c) for r in current_imports(history) for c in r.get("total_rows") or ()],
        imports=history,
    )
    payload = result.to_payload()
    if save and not ws.read_only:
        ws.save_assessment(
            enterprise_id,
            payload,
            options.to_json(),
            payload["catalog"]["edition"],
            payload["catalog"]["sha256"],
            __version__,
        )
    return result, payload


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


#: item fields the elimination entries' conditions read (boiler capacity/fuel/grate entries)
ELIMINATION_PARAMS = ("fuel", "rated_capacity_th", "boiler_type")


def _elimination(cat: Any, items: pd.DataFrame) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """`catalog.elimination` once per distinct (product, model, year, parameters): (index of each item's
    result, the results' JSON)."""
    from ..catalog import UnknownProduct
    from .jsonsafe import json_list

    n = len(items)
    none = [None] * n
    cols = [
        json_list(items[c]) if c in items.columns else none
        for c in ("product", "model", "year_installed", *ELIMINATION_PARAMS)
    ]
    seen: dict[tuple[Any, ...], int] = {}
    results: list[dict[str, Any]] = []
    codes = np.empty(n, np.intp)
    for i, key in enumerate(zip(*cols, strict=True)):
        code = seen.get(key)
        if code is None:
            product, model, year = key[:3]
            params = {k: v for k, v in zip(ELIMINATION_PARAMS, key[3:], strict=True) if v is not None}
            try:
                hit = jsonable(
                    cat.elimination(
                        str(product),
                        None if model is None else str(model),
                        None if year is None else int(year),
                        params=params,
                    ).to_json()
                )
            except (UnknownProduct, ValueError, TypeError):
                hit = {"status": "unknown", "entries": [], "note": _("product not in the catalog")}
            code = seen[key] = len(results)
            results.append(hit)
        codes[i] = code
    return codes, results
