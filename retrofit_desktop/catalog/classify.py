"""Classification of items against compiled tier tables: per product, whole columns at a time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..domain import VERIFICATION_ORDER, Direction, Tier
from .lookup import (
    BETWEEN,
    EXACT,
    INVALID_CODE,
    MISSING_CODE,
    MISSING_PARAM,
    REASON_NAMES,
    lookup,
)
from .spec import ProductSpec
from .tiertable import VER_RANK, CompiledTable

#: combination order: the first present wins (below_entry fails the item whatever else is known)
COMBINE = (
    Tier.BELOW_ENTRY,
    Tier.NOT_COVERED,
    Tier.NO_THRESHOLD,
    Tier.NO_VALUE,
    Tier.ENTRY,
    Tier.ENERGY_SAVING,
    Tier.ADVANCED,
)
C = {t: i for i, t in enumerate(COMBINE)}
TIER_COLS = ("advanced", "energy_saving", "entry")
_UNDETERMINED = (C[Tier.NOT_COVERED], C[Tier.NO_THRESHOLD], C[Tier.NO_VALUE])
_INVALID = "\x00invalid"
NO_TABLE = len(REASON_NAMES)  # reason code of a product without a tier table (rule "no_tier_table")
FORMULA = NO_TABLE + 1  # thresholds computed by the standard's formula (pumps, GB 19762-2025)
NO_EDITION_TABLE = NO_TABLE + 2  # the judged edition's values are not in the data
NO_STANDARD_VALUE = NO_TABLE + 3  # the standard's table gives no value ('—') for the item's row
N_REASONS = NO_TABLE + 4


@dataclass
class IndicatorResult:
    indicator: str
    code: np.ndarray  # tier code (index into COMBINE)
    reason: np.ndarray
    applicable: np.ndarray
    thresholds: np.ndarray  # (n, 3): advanced, energy_saving, entry
    rank: np.ndarray  # (n, 3) verification ranks of those cells
    first_row: np.ndarray
    #: (n, 3) the standard gives no value ('—') for that tier in the item's row
    dash: np.ndarray | None = None
    rows: np.ndarray | None = None  # (n, k) every matched table row, -1 padded (only for traces)


@dataclass
class ProductResult:
    tier: np.ndarray  # object array of Tier values (str)
    verification: np.ndarray  # object array of str
    rule: np.ndarray  # object array of str
    indicators: list[IndicatorResult]


def _canonical(spec: ProductSpec, name: str, uniques: Iterable[object]) -> list[Any]:
    """Canonical value of each distinct raw value, then the field's default (for a missing value)."""
    f = spec.require_field(name)
    canon: list[Any] = []
    for u in uniques:
        try:
            v = f.normalise(u)
        except ValueError:
            v = _INVALID
        canon.append(f.default if v is None else v)
    return [*canon, f.default]


def _enum_column(spec: ProductSpec, name: str, col: pd.Series | None, n: int) -> np.ndarray:
    f = spec.require_field(name)
    if col is None:
        return np.array([f.default] * n, dtype=object)
    codes: npt.NDArray[np.intp]
    codes, uniques = pd.factorize(col.astype(object), use_na_sentinel=True)
    return np.array(_canonical(spec, name, uniques), dtype=object)[codes]


def _numeric(col: pd.Series | None, n: int) -> np.ndarray:
    if col is None:
        return np.full(n, np.nan)
    out: npt.NDArray[np.float64] = pd.to_numeric(col, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return out


class FrameColumns:
    """The columns of an item frame, each converted once and then read by position per product."""

    def __init__(self, items: pd.DataFrame):
        self.items = items
        self._floats: dict[str, npt.NDArray[np.float64]] = {}
        self._objects: dict[str, np.ndarray] = {}

    def numeric(self, name: str, pos: npt.NDArray[np.intp]) -> np.ndarray:
        if name not in self.items.columns:
            return np.full(len(pos), np.nan)
        col = self.items[name]
        if isinstance(col.dtype, np.dtype) and col.dtype.kind in "fiu":  # already numbers: no parsing
            if name not in self._floats:
                self._floats[name] = col.to_numpy(dtype=float)
            return self._floats[name][pos]
        return _numeric(col.iloc[pos], len(pos))

    def enum_codes(self, name: str, pos: np.ndarray) -> tuple[npt.NDArray[np.intp], Any] | None:
        """(code of each item at `pos`, -1 = missing; the distinct raw values), or None if no column."""
        if name not in self.items.columns:
            return None
        if name not in self._objects:
            col = self.items[name]
            plain = isinstance(col.dtype, np.dtype) and col.dtype.kind in "biuf"  # no boxing of numbers
            self._objects[name] = col.to_numpy() if plain else col.to_numpy(dtype=object)
        codes: npt.NDArray[np.intp]
        codes, uniques = pd.factorize(self._objects[name][pos], use_na_sentinel=True)
        # the same Python values an object column holds (float, int, bool), for normalise
        return codes, (uniques.tolist() if uniques.dtype != object else uniques)


def _table_codes(
    ct: CompiledTable, param: str, canon: list[Any], raw_codes: npt.NDArray[np.intp]
) -> np.ndarray:
    """Codes of the table's vocabulary for items given as indices into `canon` (-1 = last entry)."""
    vocab = ct.vocab[param]
    lut = np.array(
        [
            MISSING_CODE if v is None else INVALID_CODE if v == _INVALID else vocab.get(v, INVALID_CODE)
            for v in canon
        ],
        dtype=np.int32,
    )
    return lut[raw_codes]


def rule_text(spec: ProductSpec, reason: int) -> str:
    if reason == NO_TABLE:
        return "no_tier_table"
    if reason == FORMULA:
        return "formula"
    if reason == NO_EDITION_TABLE:
        return "edition_not_in_data"
    if reason == NO_STANDARD_VALUE:
        return "no_standard_value"
    if reason == EXACT:
        return "table_row"
    if reason == BETWEEN:
        return "+".join(f"{r.rule}({r.parameter})" for r in spec.between_rules) or "between"
    return REASON_NAMES[int(reason)]


def classify_product(
    spec: ProductSpec, tables: dict[str, CompiledTable], items: pd.DataFrame
) -> ProductResult:
    return classify_rows(spec, tables, FrameColumns(items), np.arange(len(items)))


def classify_rows(
    spec: ProductSpec, tables: dict[str, CompiledTable], columns: FrameColumns, pos: np.ndarray
) -> ProductResult:
    """Classify the items at positions `pos` of `columns` (all of them this product's)."""
    res = classify_codes(spec, tables, columns, pos)
    return ProductResult(
        tier=np.array([t.value for t in COMBINE], dtype=object)[res.tier_code],
        verification=np.array([v.value for v in VERIFICATION_ORDER], dtype=object)[res.ver_code],
        rule=np.array([rule_text(spec, r) for r in range(N_REASONS)], dtype=object)[res.reason],
        indicators=res.indicators,
    )


@dataclass
class CodedResult:
    tier_code: np.ndarray  # index into COMBINE
    ver_code: np.ndarray  # index into VERIFICATION_ORDER
    reason: np.ndarray  # reason code of the deciding indicator (rule_text gives the rule)
    indicators: list[IndicatorResult]
    #: index into `indicators` of the indicator that decided each item's tier (the weakest)
    decided: np.ndarray | None = None


def tier_codes(
    ok: np.ndarray, v: np.ndarray, thr: np.ndarray, direction: str, dash: np.ndarray | None = None
) -> np.ndarray:
    """Tier code of each item from its value and the (n, 3) advanced/energy_saving/entry thresholds.

    `dash` (n, 3) marks tiers the standard gives no value for in the item's row ('—'): no entry value
    means there is nothing to meet (no_threshold, whatever the value); no value above a tier the item
    meets means that tier is the highest the standard defines for the row (e.g. an electric boiler's
    limit value only). A NaN threshold without a dash is a value missing from the data (no_threshold).
    """
    nan = [np.isnan(thr[:, k]) for k in range(len(TIER_COLS))]
    dash = np.zeros(thr.shape, bool) if dash is None else dash
    with np.errstate(invalid="ignore"):
        fails = [
            ~(v >= thr[:, k]) if direction == Direction.HIGHER else ~(v <= thr[:, k])
            for k in range(len(TIER_COLS))
        ]
    return np.select(
        [
            ~ok,
            dash[:, 2],
            np.isnan(v),
            nan[2],
            fails[2],
            dash[:, 1],
            nan[1],
            fails[1],
            dash[:, 0],
            nan[0],
            fails[0],
        ],
        [
            C[Tier.NOT_COVERED],
            C[Tier.NO_THRESHOLD],
            C[Tier.NO_VALUE],
            C[Tier.NO_THRESHOLD],
            C[Tier.BELOW_ENTRY],
            C[Tier.ENTRY],
            C[Tier.NO_THRESHOLD],
            C[Tier.ENTRY],
            C[Tier.ENERGY_SAVING],
            C[Tier.NO_THRESHOLD],
            C[Tier.ENERGY_SAVING],
        ],
        C[Tier.ADVANCED],
    )


def not_covered(n: int, reason: int, rank: int = VER_RANK["unverified"]) -> CodedResult:
    return CodedResult(
        np.full(n, C[Tier.NOT_COVERED], np.intp), np.full(n, rank, np.intp), np.full(n, reason, np.intp), []
    )


def classify_codes(
    spec: ProductSpec,
    tables: dict[str, CompiledTable],
    columns: FrameColumns,
    pos: np.ndarray,
    with_rows: bool = False,
) -> CodedResult:
    """classify_rows with integer codes instead of strings (the strings are built once, by the caller);
    `with_rows` keeps each indicator's matched rows (catalog.trace_frame)."""
    n = len(pos)
    if not tables:
        return not_covered(n, NO_TABLE)
    enums_raw: dict[str, tuple[list[Any], npt.NDArray[np.intp]]] = {}
    nums: dict[str, np.ndarray] = {}
    for p in spec.parameters:
        if p.kind == "enum":
            got = columns.enum_codes(p.name, pos)
            if got is None:
                enums_raw[p.name] = ([p.default], np.zeros(n, np.intp))
            else:
                enums_raw[p.name] = (_canonical(spec, p.name, got[1]), got[0])
        else:
            nums[p.name] = columns.numeric(p.name, pos)
    rules = {r.parameter: r.rule for r in spec.between_rules}
    rule_rank = max((VER_RANK[r.verification.value] for r in spec.between_rules), default=0)
    m = spec.tier_mapping
    gcols = [m.grade(t) for t in TIER_COLS]
    results = []
    for ind_name, ct in tables.items():
        enums = {p: _table_codes(ct, p, *enums_raw[p]) for p in ct.enum_codes}
        lk = lookup(ct, enums, nums, rules, spec.alternates, n, with_rows=with_rows)
        ok = (lk.reason == EXACT) | (lk.reason == BETWEEN)
        # column-major: every step below works on whole columns
        thr = np.full((n, len(TIER_COLS)), np.nan, order="F")
        rank = np.zeros((n, len(TIER_COLS)), np.int8, order="F")
        dash = np.zeros((n, len(TIER_COLS)), bool)
        # a '—' cell is read on an exact row only: between two rows a missing neighbour stays "not in the
        # data"
        placed = (lk.reason == EXACT) & (lk.first_row >= 0)
        for k, g in enumerate(gcols):
            if g:
                thr[:, k] = np.where(ok, lk.thresholds[:, g - 1], np.nan)
                rank[:, k] = lk.rank[:, g - 1]
                dash[placed, k] = ct.dash[lk.first_row[placed], g - 1]
        dash &= np.isnan(thr)
        v = columns.numeric(ind_name, pos)
        code = tier_codes(ok, v, thr, ct.direction, dash)
        reason = np.where(dash[:, 2], NO_STANDARD_VALUE, lk.reason)
        # an indicator the item cannot be placed for because it lacks a parameter still counts
        applicable = lk.applicable | (lk.reason == MISSING_PARAM)
        results.append(
            IndicatorResult(ind_name, code, reason, applicable, thr, rank, lk.first_row, dash, lk.rows)
        )
    codes = np.column_stack([r.code for r in results])
    appl = np.column_stack([r.applicable for r in results])
    # every indicator the item's row requires is applied (the weakest decides); an indicator for which
    # the standard gives no value in that row ('—') requires nothing, unless no indicator requires anything
    counted: np.ndarray = appl & ~np.column_stack(
        [cast(np.ndarray, r.dash)[:, 2] for r in results]
    )  # set above
    counted = np.where(np.asarray(counted.any(axis=1))[:, None], counted, appl)
    for k, r in enumerate(results):
        r.applicable = counted[:, k]
    combined = np.where(counted, codes, len(COMBINE)).min(axis=1)
    combined[combined == len(COMBINE)] = C[Tier.NOT_COVERED]
    ver = _verification(results, combined, rule_rank, tables)
    first = np.where(counted, codes, len(COMBINE)).argmin(axis=1)
    reasons = np.column_stack([r.reason for r in results])[np.arange(n), first]
    return CodedResult(combined, ver, reasons.astype(np.intp), results, first)


def _cols_lut(pairs: Iterable[tuple[Tier, int]]) -> np.ndarray:
    out = np.zeros((len(COMBINE), len(TIER_COLS)), bool)
    for tier, col in pairs:
        out[C[tier], col] = True
    return out


# per combined tier: the threshold every applicable indicator had to meet, and the one the deciding
# indicator missed (columns as TIER_COLS: advanced, energy_saving, entry)
_MEET = _cols_lut([(Tier.ADVANCED, 0), (Tier.ENERGY_SAVING, 1), (Tier.ENTRY, 2)])
_MISSED = _cols_lut([(Tier.ENERGY_SAVING, 0), (Tier.ENTRY, 1), (Tier.BELOW_ENTRY, 2)])
_IS_UNDETERMINED = np.isin(np.arange(len(COMBINE)), _UNDETERMINED)


def deciding_rank(ir: IndicatorResult, combined: int, i: int = 0) -> int | None:
    """The weakest verification rank of the cells of indicator `ir` that decided item `i`'s tier `combined`
    (the same cells `_verification` reads for the item), or None when no cell decided it. A comparison's
    status is read this way so that it never contradicts its item's (issue 11 C.12)."""
    deciding = bool(ir.applicable[i]) and int(ir.code[i]) == combined
    cols = [
        k
        for k in range(len(TIER_COLS))
        if (bool(ir.applicable[i]) and _MEET[combined, k] or deciding and _MISSED[combined, k])
        and not np.isnan(ir.thresholds[i, k])
    ]
    return max(int(ir.rank[i, k]) for k in cols) if cols else None


def _verification(
    results: list[IndicatorResult],
    combined: np.ndarray,
    rule_rank: int,
    tables: Mapping[str, CompiledTable],
) -> np.ndarray:
    """Weakest status of the cells that decided each item's tier (and of the between-rule used)."""
    n = len(combined)
    worst = np.zeros(n, np.int8)
    used = np.zeros(n, bool)
    meet = [_MEET[:, k][combined] for k in range(len(TIER_COLS))]
    missed = [_MISSED[:, k][combined] for k in range(len(TIER_COLS))]
    undetermined = _IS_UNDETERMINED[combined]
    for r in results:
        deciding = r.applicable & (r.code == combined)
        und = (
            deciding
            & undetermined
            & ((r.reason == EXACT) | (r.reason == BETWEEN) | (r.reason == NO_STANDARD_VALUE))
        )
        any_sel = np.zeros(n, bool)
        for k in range(len(TIER_COLS)):
            sel = (r.applicable & meet[k]) | (deciding & missed[k]) | und
            sel &= ~np.isnan(r.thresholds[:, k]) | und
            worst = np.maximum(worst, np.where(sel, r.rank[:, k], 0))
            any_sel |= sel
        worst = np.maximum(worst, np.where(any_sel & (r.reason == BETWEEN), rule_rank, 0))
        used |= any_sel
    table_rank = max(int(ct.grade_rank.max()) for ct in tables.values())
    worst[~used] = max(table_rank, VER_RANK["unverified"])
    return worst


__all__ = [
    "classify_product",
    "classify_rows",
    "classify_codes",
    "tier_codes",
    "not_covered",
    "FORMULA",
    "NO_EDITION_TABLE",
    "NO_STANDARD_VALUE",
    "N_REASONS",
    "FrameColumns",
    "CodedResult",
    "ProductResult",
    "IndicatorResult",
    "TIER_COLS",
    "MISSING_CODE",
    "rule_text",
]
