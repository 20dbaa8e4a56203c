"""Classification of items against compiled tier tables: per product, whole columns at a time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..domain import VERIFICATION_ORDER, Direction, Tier
from .lookup import (
    BETWEEN,
    EXACT,
    INVALID_CODE,
    MISSING_CODE,
    MISSING_PARAM,
    REASON_NAMES,
    encode_enum,
    lookup,
)
from .spec import ProductSpec
from .tiertable import VER_RANK, CompiledTable

#: combination order: the first present wins (below_entry fails the item whatever else is known)
COMBINE = (Tier.BELOW_ENTRY, Tier.NOT_COVERED, Tier.NO_THRESHOLD, Tier.NO_VALUE,
           Tier.ENTRY, Tier.ENERGY_SAVING, Tier.ADVANCED)
C = {t: i for i, t in enumerate(COMBINE)}
TIER_COLS = ("advanced", "energy_saving", "entry")
_UNDETERMINED = (C[Tier.NOT_COVERED], C[Tier.NO_THRESHOLD], C[Tier.NO_VALUE])
_INVALID = "\x00invalid"


@dataclass
class IndicatorResult:
    indicator: str
    code: np.ndarray  # tier code (index into COMBINE)
    reason: np.ndarray
    applicable: np.ndarray
    thresholds: np.ndarray  # (n, 3): advanced, energy_saving, entry
    rank: np.ndarray  # (n, 3) verification ranks of those cells
    first_row: np.ndarray


@dataclass
class ProductResult:
    tier: np.ndarray  # object array of Tier values (str)
    verification: np.ndarray  # object array of str
    rule: np.ndarray  # object array of str
    indicators: list[IndicatorResult]


def _enum_column(spec: ProductSpec, name: str, col: pd.Series | None, n: int) -> np.ndarray:
    f = spec.field(name)
    if col is None:
        return np.array([f.default] * n, dtype=object)
    codes, uniques = pd.factorize(col.astype(object), use_na_sentinel=True)
    canon = []
    for u in uniques:
        try:
            v = f.normalise(u)
        except ValueError:
            v = _INVALID
        canon.append(f.default if v is None else v)
    lut = np.array([*canon, f.default], dtype=object)
    return lut[codes]


def _numeric(col: pd.Series | None, n: int) -> np.ndarray:
    if col is None:
        return np.full(n, np.nan)
    return pd.to_numeric(col, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def rule_text(spec: ProductSpec, reason: int) -> str:
    if reason == EXACT:
        return "table_row"
    if reason == BETWEEN:
        return "+".join(f"{r.rule}({r.parameter})" for r in spec.between_rules) or "between"
    return REASON_NAMES[int(reason)]


def classify_product(spec: ProductSpec, tables: dict[str, CompiledTable], items: pd.DataFrame) -> ProductResult:
    n = len(items)
    if not tables:
        return ProductResult(np.full(n, Tier.NOT_COVERED.value, object),
                             np.full(n, "unverified", object), np.full(n, "no_tier_table", object), [])
    enums_raw: dict[str, np.ndarray] = {}
    nums: dict[str, np.ndarray] = {}
    for p in spec.parameters:
        col = items[p.name] if p.name in items.columns else None
        if p.kind == "enum":
            enums_raw[p.name] = _enum_column(spec, p.name, col, n)
        else:
            nums[p.name] = _numeric(col, n)
    rules = {r.parameter: r.rule for r in spec.between_rules}
    rule_rank = max((VER_RANK[r.verification.value] for r in spec.between_rules), default=0)
    m = spec.tier_mapping
    gcols = [getattr(m, t) for t in TIER_COLS]
    results = []
    for ind_name, ct in tables.items():
        enums = {}
        for p in ct.enum_codes:
            codes = encode_enum(ct, p, enums_raw[p])
            codes[enums_raw[p] == _INVALID] = INVALID_CODE
            enums[p] = codes
        lk = lookup(ct, enums, nums, rules, spec.alternates, n)
        ok = np.isin(lk.reason, (EXACT, BETWEEN))
        thr = np.column_stack([lk.thresholds[:, g - 1] if g else np.full(n, np.nan) for g in gcols])
        rank = np.column_stack([lk.rank[:, g - 1] if g else np.zeros(n, np.int8) for g in gcols])
        thr[~ok] = np.nan
        v = _numeric(items[ind_name] if ind_name in items.columns else None, n)
        with np.errstate(invalid="ignore"):
            meets = (v[:, None] >= thr) if ct.direction == Direction.HIGHER else (v[:, None] <= thr)
        nan = np.isnan(thr)
        code = np.select(
            [~ok, np.isnan(v), nan[:, 2], ~meets[:, 2], nan[:, 1], ~meets[:, 1], nan[:, 0], ~meets[:, 0]],
            [C[Tier.NOT_COVERED], C[Tier.NO_VALUE], C[Tier.NO_THRESHOLD], C[Tier.BELOW_ENTRY],
             C[Tier.NO_THRESHOLD], C[Tier.ENTRY], C[Tier.NO_THRESHOLD], C[Tier.ENERGY_SAVING]],
            C[Tier.ADVANCED],
        )
        # an indicator the item cannot be placed for because it lacks a parameter still counts
        applicable = lk.applicable | (lk.reason == MISSING_PARAM)
        results.append(IndicatorResult(ind_name, code, lk.reason, applicable, thr, rank, lk.first_row))
    codes = np.column_stack([r.code for r in results])
    appl = np.column_stack([r.applicable for r in results])
    combined = np.where(appl, codes, len(COMBINE)).min(axis=1)
    combined[combined == len(COMBINE)] = C[Tier.NOT_COVERED]
    ver = _verification(results, combined, rule_rank, tables)
    first = np.where(appl, codes, len(COMBINE)).argmin(axis=1)
    reasons = np.column_stack([r.reason for r in results])[np.arange(n), first]
    texts = {int(x): rule_text(spec, int(x)) for x in np.unique(reasons)}
    return ProductResult(
        tier=np.array(COMBINE, dtype=object)[combined].astype(str),
        verification=np.array([v.value for v in VERIFICATION_ORDER], dtype=object)[ver],
        rule=np.array([texts[int(x)] for x in reasons], dtype=object),
        indicators=results,
    )


def _verification(results, combined, rule_rank, tables) -> np.ndarray:
    """Weakest status of the cells that decided each item's tier (and of the between-rule used)."""
    n = len(combined)
    worst = np.zeros(n, np.int8)
    used = np.zeros(n, bool)
    det = ~np.isin(combined, _UNDETERMINED) & (combined != C[Tier.BELOW_ENTRY])
    for r in results:
        sel = np.zeros((n, 3), bool)
        deciding = r.applicable & (r.code == combined)
        for col, tier in enumerate(TIER_COLS):
            t = C[Tier(tier)]
            sel[:, col] |= r.applicable & det & (combined == t)  # every indicator had to meet it
            if col > 0:
                sel[:, col - 1] |= deciding & det & (combined == t)  # ... and this one missed the next
        sel[:, 2] |= deciding & (combined == C[Tier.BELOW_ENTRY])
        und = deciding & np.isin(combined, _UNDETERMINED) & np.isin(r.reason, (EXACT, BETWEEN))
        sel |= und[:, None]
        sel &= ~np.isnan(r.thresholds) | und[:, None]
        any_sel = sel.any(axis=1)
        worst = np.maximum(worst, np.where(sel, r.rank, 0).max(axis=1))
        worst = np.maximum(worst, np.where(any_sel & (r.reason == BETWEEN), rule_rank, 0))
        used |= any_sel
    table_rank = max(int(ct.grade_rank.max()) for ct in tables.values())
    worst[~used] = max(table_rank, VER_RANK["unverified"])
    return worst


__all__ = ["classify_product", "ProductResult", "IndicatorResult", "TIER_COLS", "MISSING_CODE", "rule_text"]
