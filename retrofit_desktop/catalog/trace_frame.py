"""Traces of a whole inventory frame at once: a long table, one row per item and indicator shown.

The same comparisons as `Catalog.trace` gives one item at a time (the table row(s) used, the
thresholds, the rule and the verification of the cells), built with whole columns: the matched
rows come from the same vectorised lookup as the classification, and the strings naming them
(row ids, tables, sources) are made once per distinct combination of rows, not once per item.
A product with several indicators has several rows per item, in the product's indicator order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..domain import VERIFICATION_ORDER, Direction, Tier, Verification
from .classify import COMBINE, NO_STANDARD_VALUE, TIER_COLS, FrameColumns, IndicatorResult, rule_text
from .classify_pump import INDICATOR as PUMP_INDICATOR
from .classify_pump import classify_pumps
from .lookup import BETWEEN, EXACT
from .pump_formula import EDITION as PUMP_FORMULA_EDITION
from .pump_formula import pump_rows
from .spec import ProductSpec
from .tiertable import VER_RANK, CompiledTable

if TYPE_CHECKING:
    from .catalog import Catalog
    from .in_force import Judging

#: columns of the long table; `item` is the item's position in the frame, `order` its comparison's place
TRACE_COLUMNS = (
    "item",
    "order",
    "indicator",
    "value",
    "unit",
    "direction",
    *TIER_COLS,
    "table",
    "row",
    "source",
    "source_en",
    "verification",
    "rule",
    "tier",
    "not_in_standard",
)
_TIER_VALUES = np.array([t.value for t in COMBINE], dtype=object)


def trace_frame(cat: Catalog, items: pd.DataFrame, judging: Judging | None = None) -> pd.DataFrame:
    """Every item's comparisons as a long table (TRACE_COLUMNS), sorted by item then indicator order.

    Items whose product the catalog does not know, or without a tier table, have no rows."""
    n = len(items)
    prod = items["product"] if "product" in items.columns else pd.Series([None] * n, index=items.index)
    codes, uniques = pd.factorize(prod.to_numpy(dtype=object), use_na_sentinel=True)
    resolved = [cat._resolve(u) for u in uniques]
    columns = FrameColumns(items)
    parts: list[dict[str, Any]] = []
    for pid in sorted({p for p in resolved if p}):
        spec = cat.products[pid]
        wanted = np.array([r == pid for r in resolved] + [False])
        pos = np.flatnonzero(wanted[codes])
        je = cat.judged(pid, judging)
        if pid == "pump" and je.edition == PUMP_FORMULA_EDITION:
            parts.append(_pump_part(spec, columns, pos))
            continue
        res = cat._classify_codes(spec, je, columns, pos, with_rows=True)
        if not res.indicators:
            continue
        tables = cat.tables(pid, je.row_editions)
        appl = np.column_stack([ir.applicable for ir in res.indicators])
        given = np.column_stack([~np.isnan(columns.numeric(ir.indicator, pos)) for ir in res.indicators])
        # the indicators the row requires and those the item gives a value for; else all (Catalog.trace)
        shown = appl | given
        shown[~shown.any(axis=1)] = True
        required = np.asarray(appl.any(axis=1))
        for order, ir in enumerate(res.indicators):
            sel = np.flatnonzero(shown[:, order])
            if sel.size:
                parts.append(
                    _table_part(
                        spec,
                        tables[ir.indicator],
                        ir,
                        columns,
                        pos,
                        sel,
                        order,
                        required[sel],
                        res.tier_code[sel],
                    )
                )
    if not parts:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in TRACE_COLUMNS})
    frame = pd.DataFrame({c: np.concatenate([p[c] for p in parts]) for c in TRACE_COLUMNS})
    return frame.sort_values(["item", "order"], kind="stable", ignore_index=True)


def _const(value: Any, m: int) -> np.ndarray:
    out = np.empty(m, dtype=object)
    out[:] = [value] * m
    return out


def _lists(values: list[list[str]]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):  # element by element: numpy would read a list of lists as a 2-D array
        out[i] = v
    return out


def _table_part(
    spec: ProductSpec,
    ct: CompiledTable,
    ir: IndicatorResult,
    columns: FrameColumns,
    pos: np.ndarray,
    sel: np.ndarray,
    order: int,
    others_required: np.ndarray,
    combined: np.ndarray,
) -> dict[str, Any]:
    m = len(sel)
    reason = ir.reason[sel].astype(np.intp)
    rules = np.array([rule_text(spec, r) for r in range(int(reason.max()) + 1)], dtype=object)[reason]
    table, row, source, source_en = _const(None, m), _const(None, m), _const(None, m), _const(None, m)
    status = _const(Verification.UNVERIFIED.value, m)
    placed = np.isin(reason, (EXACT, BETWEEN, NO_STANDARD_VALUE)) & (ir.first_row[sel] >= 0)
    decided = np.flatnonzero(placed)
    if decided.size and ir.rows is not None:
        key = np.column_stack([ir.rows[sel[decided]], reason[decided]])
        uniq, inverse = np.unique(key, axis=0, return_inverse=True)
        described = [_describe(spec, ct, [int(i) for i in u[:-1] if i >= 0], int(u[-1])) for u in uniq]
        inverse = inverse.reshape(-1)
        for k, col in enumerate((table, row, source, status, rules, source_en)):
            col[decided] = np.array([d[k] for d in described] + [None], dtype=object)[:-1][inverse]
        # a comparison's status is that of the cells that decided the item's tier, when some did
        # (classify.deciding_rank, as Catalog._comparison): it never contradicts its item's
        deciding = _deciding_ranks(ir, sel, combined)[decided]
        between = reason[decided] == BETWEEN
        between_rank = max((VER_RANK[r.verification.value] for r in spec.between_rules), default=-1)
        ranks = np.where(between, np.maximum(deciding, between_rank), deciding)
        known = deciding >= 0
        status[decided[known]] = np.array(
            [VERIFICATION_ORDER[int(r)].value for r in ranks[known]], dtype=object
        )
    tiers = _TIER_VALUES[ir.code[sel]]
    dash = ir.dash[sel] if ir.dash is not None else np.zeros((m, len(TIER_COLS)), bool)
    not_in_standard = _lists([[t for t, d in zip(TIER_COLS, r, strict=True) if d] for r in dash.tolist()])
    unused = ~ir.applicable[sel] & ~placed & others_required
    rules[unused] = "indicator_not_required"  # a value given for an indicator the item's row does not require
    tiers[unused] = Tier.NOT_COVERED.value
    limit_only = ~unused & dash.any(axis=1) & ~dash[:, TIER_COLS.index("entry")]
    rules[limit_only] = rules[limit_only] + "+limit_value_only"
    return {
        "item": pos[sel],
        "order": np.full(m, order),
        "indicator": _const(ct.indicator, m),
        "value": columns.numeric(ct.indicator, pos[sel]),
        "unit": _const(ct.unit, m),
        "direction": _const(Direction(ct.direction).value, m),
        **{t: ir.thresholds[sel, k] for k, t in enumerate(TIER_COLS)},
        "table": table,
        "row": row,
        "source": source,
        "source_en": source_en,
        "verification": status,
        "rule": rules,
        "tier": tiers,
        "not_in_standard": not_in_standard,
    }


def _describe(
    spec: ProductSpec, ct: CompiledTable, idx: list[int], reason: int
) -> tuple[str, str, str, str, str, str | None]:
    """(table, row ids, source, verification, rule, English source) of the rows `idx` that decided an
    item (Catalog._comparison)."""
    row_ids = "; ".join(str(ct.row_ids[i]) for i in idx)
    table = "; ".join(dict.fromkeys(f"{ct.standards[i]} {ct.tables[i]}" for i in idx))
    source = "; ".join(dict.fromkeys(str(ct.sources[i]) for i in idx))
    ranks = [int(ct.grade_rank[i].max()) for i in idx]
    between = reason == BETWEEN
    rule = rule_text(spec, reason)
    if between:
        from .tiertable import VER_RANK

        ranks += [VER_RANK[r.verification.value] for r in spec.between_rules]
        rule += " [" + "; ".join(f"{r.verification.value}: {r.source}" for r in spec.between_rules) + "]"
    status = VERIFICATION_ORDER[max(ranks)] if ranks else Verification.UNVERIFIED
    source_en = "; ".join(dict.fromkeys(str(ct.sources_en[i]) for i in idx if ct.sources_en[i])) or None
    return table, row_ids, source, status.value, rule, source_en


def _deciding_ranks(ir: IndicatorResult, sel: np.ndarray, combined: np.ndarray) -> np.ndarray:
    """classify.deciding_rank for the items `sel` at once: the weakest rank of the cells that decided each
    item's tier `combined`, -1 where none did."""
    from .classify import _MEET, _MISSED

    app = ir.applicable[sel]
    deciding = app & (ir.code[sel] == combined)
    cells = (app[:, None] & _MEET[combined]) | (deciding[:, None] & _MISSED[combined])
    ncol = cells.shape[1]
    cells &= ~np.isnan(ir.thresholds[sel][:, :ncol])
    ranks: npt.NDArray[np.int64] = np.where(cells, ir.rank[sel][:, :ncol].astype(np.int64), -1).max(axis=1)
    return ranks


def _pump_part(spec: ProductSpec, columns: FrameColumns, pos: np.ndarray) -> dict[str, Any]:
    """Pumps judged by the GB 19762-2025 formula (trace_pump.pump_comparison, for all pumps at once)."""
    res, pt = classify_pumps(spec, columns, pos)
    ir = res.indicators[0]
    m = len(pos)
    rows = pump_rows()
    row_of = [rows[int(r)] if r >= 0 else None for r in pt.row]
    rule = np.array(
        [
            (f"formula(ns={ns:.1f})" if r is not None else (why or "formula"))
            for r, ns, why in zip(row_of, pt.ns, pt.reason, strict=True)
        ],
        dtype=object,
    )
    # Python's round, as the one-item trace does (numpy's can differ on a half in the last place)
    thr = np.array(
        [[np.nan if np.isnan(x) else round(float(x), 2) for x in r] for r in ir.thresholds]
    ).reshape(m, -1)
    return {
        "item": pos,
        "order": np.zeros(m, np.intp),
        "indicator": _const(PUMP_INDICATOR, m),
        "value": columns.numeric(PUMP_INDICATOR, pos),
        "unit": _const("%", m),
        "direction": _const(Direction.HIGHER.value, m),
        **{t: thr[:, k] for k, t in enumerate(TIER_COLS)},
        "table": np.array([f"{PUMP_FORMULA_EDITION} {r.table}" if r else None for r in row_of], dtype=object),
        "row": np.array([r.row_id if r else None for r in row_of], dtype=object),
        "source": np.array([r.source if r else None for r in row_of], dtype=object),
        "source_en": np.array([(r.source_en or None) if r else None for r in row_of], dtype=object),
        "verification": np.array(
            [Verification(r.verification).value if r else Verification.UNVERIFIED.value for r in row_of],
            dtype=object,
        ),
        "rule": rule,
        "tier": _TIER_VALUES[ir.code],
        "not_in_standard": _lists([[] for _ in range(m)]),
    }
