"""Vectorised row lookup: items x table rows as boolean matrices, chunked; no loop per item.

For each item the matching rows are those whose enumeration values equal the item's, whose
intervals contain the item's value and, for a parameter with tabulated ratings, whose rating is
the item's rating or (between two ratings) one of the two neighbouring ratings. Thresholds are
the matched row's grade values, the linear interpolation of the two neighbours, or the stricter
neighbour, as the product's between-rule says.

A bulk frame is matched once per cell (cells.py: items that share enumeration codes and bin
positions match the same rows), the representatives through the matrices here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..domain import Direction
from .cells import cell_keys, interpolated
from .tiertable import N_GRADES, CompiledTable

# reason codes (per item and indicator)
EXACT, BETWEEN, OUT_OF_RANGE, MISSING_PARAM, NO_ROW, INCOMPLETE = range(6)
REASON_NAMES = {
    EXACT: "exact",
    BETWEEN: "between",
    OUT_OF_RANGE: "out_of_range",
    MISSING_PARAM: "missing_parameter",
    NO_ROW: "no_matching_row",
    INCOMPLETE: "incomplete_table",
}
MISSING_CODE = -2  # item has no value for an enum parameter
INVALID_CODE = -3  # item value is not in the table's vocabulary

_CELLS = 4_000_000  # items x rows per chunk


@dataclass
class LookupResult:
    applicable: np.ndarray  # (n,) bool: some row shares the item's enumeration values
    reason: np.ndarray  # (n,) int8 reason code
    thresholds: np.ndarray  # (n, 5) float
    rank: np.ndarray  # (n, 5) int8: weakest verification rank of the matched cells
    first_row: np.ndarray  # (n,) int: index of one matched row (-1 if none)
    rows: np.ndarray | None = None  # (n, k) int: every matched row, -1 padded (only when asked for)


def encode_enum(ct: CompiledTable, param: str, values: np.ndarray) -> np.ndarray:
    """Item enum values (normalised strings or None) -> codes of the table's vocabulary."""
    vocab = ct.vocab[param]
    codes: npt.NDArray[np.intp]
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    lut = np.array([vocab.get(u, INVALID_CODE) for u in uniques] + [MISSING_CODE], dtype=np.int32)
    return lut[codes]  # code -1 (missing) picks the last entry


def lookup(
    ct: CompiledTable,
    enums: Mapping[str, np.ndarray],
    nums: Mapping[str, np.ndarray],
    rules: Mapping[str, str],
    alternates: tuple[tuple[str, ...], ...],
    n: int,
    with_rows: bool = False,
) -> LookupResult:
    """Match n items (enum codes from `encode_enum`, floats with NaN) against one table.

    Items in the same cell (same enumeration codes and, for every numeric parameter, the same
    position among the table's bin edges) match the same rows, so one representative per cell is
    matched (`lookup_dense`) and its result is gathered back; only linearly interpolated
    thresholds, which depend on the item's own value, are then computed per item. `with_rows` also
    gives every item's matched rows (for traces).
    """
    cells, reps = cell_keys(ct, enums, nums, n)
    if len(reps) * 2 > n:  # hardly any sharing: match the items themselves
        return lookup_dense(ct, enums, nums, rules, alternates, n, with_rows=with_rows)
    interp = [p for p in ct.points if rules.get(p) == "linear_interpolation"]
    rep = lookup_dense(
        ct,
        {k: v[reps] for k, v in enums.items()},
        {k: v[reps] for k, v in nums.items()},
        rules,
        alternates,
        len(reps),
        with_rows=bool(interp) or with_rows,
    )
    res = LookupResult(
        rep.applicable[cells],
        rep.reason[cells],
        rep.thresholds[cells],
        rep.rank[cells],
        rep.first_row[cells],
        rep.rows[cells] if with_rows and rep.rows is not None else None,
    )
    if interp and rep.rows is not None:
        between = np.flatnonzero(res.reason == BETWEEN)
        if between.size:
            res.thresholds[between] = interpolated(
                ct, interp, nums, between, rep.rows[cells[between]], res.thresholds[between]
            )
    return res


def lookup_dense(
    ct: CompiledTable,
    enums: Mapping[str, np.ndarray],
    nums: Mapping[str, np.ndarray],
    rules: Mapping[str, str],
    alternates: tuple[tuple[str, ...], ...],
    n: int,
    with_rows: bool = False,
) -> LookupResult:
    """Match every one of n items against the table rows (items x rows matrices, chunked).

    `with_rows` also returns, per item, the indices of all its matched rows (-1 padded)."""
    k_rows = 2 ** len(ct.points)  # a matched item has at most two neighbouring ratings per parameter
    res = _empty_result(n, k_rows, with_rows)
    # Items are grouped by their combination of enumeration codes (a handful of groups), and each
    # group is matched only against the rows compatible with it: the matrices stay small.
    uniq, order, bounds = _enum_groups(ct, enums, n)
    for g, key in enumerate(uniq):
        items = order[bounds[g] : bounds[g + 1]]
        rows = np.ones(ct.n_rows, bool)
        for code, rc in zip(key, ct.enum_codes.values(), strict=True):
            rows &= (rc == -1) | (rc == code)
        rows_idx = np.flatnonzero(rows)
        sub = subset(ct, rows_idx)
        step = max(256, _CELLS // max(sub.n_rows, 1))
        for s in range(0, len(items), step):
            idx = items[s : s + step]
            part = _empty_result(len(idx), k_rows, with_rows)
            _lookup_chunk(
                sub,
                {k: v[idx] for k, v in enums.items()},
                {k: v[idx] for k, v in nums.items()},
                rules,
                alternates,
                part,
                slice(0, len(idx)),
            )
            if not rows_idx.size:
                part.reason[_lacks_enum_value(ct, enums, idx)] = MISSING_PARAM
            _put_part(res, idx, part, rows_idx)
    return res


def _empty_result(n: int, k_rows: int, with_rows: bool) -> LookupResult:
    """The result of n items no row matches (yet)."""
    return LookupResult(
        applicable=np.zeros(n, bool),
        reason=np.full(n, NO_ROW, np.int8),
        thresholds=np.full((n, N_GRADES), np.nan),
        rank=np.zeros((n, N_GRADES), np.int8),
        first_row=np.full(n, -1),
        rows=np.full((n, k_rows), -1) if with_rows else None,
    )


def _enum_groups(
    ct: CompiledTable, enums: Mapping[str, np.ndarray], n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct combinations of enumeration codes (one per row of `uniq`), the items sorted by
    combination (`order`) and where each combination's items start and end in it (`bounds`)."""
    inverse: np.ndarray
    if ct.enum_codes:
        keys = np.column_stack([enums[p] for p in ct.enum_codes])
        packed = np.zeros(n, np.int64)  # codes are >= -3 and small: pack each row's key into one integer
        for j in range(keys.shape[1]):
            packed = packed * 4096 + (keys[:, j].astype(np.int64) + 3)
        inverse = pd.factorize(packed)[0]
        _, first = np.unique(inverse, return_index=True)
        uniq = keys[first]
    else:
        uniq, inverse = np.zeros((1, 0), np.int32), np.zeros(n, np.int64)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(len(uniq) + 1))
    return uniq, order, bounds


def _lacks_enum_value(ct: CompiledTable, enums: Mapping[str, np.ndarray], idx: np.ndarray) -> np.ndarray:
    """Items `idx` without a value for an enumeration some row of the table constrains."""
    missing = np.zeros(len(idx), bool)
    for p, rc in ct.enum_codes.items():
        if (rc != -1).any():
            missing |= enums[p][idx] == MISSING_CODE
    return missing


def _put_part(res: LookupResult, idx: np.ndarray, part: LookupResult, rows_idx: np.ndarray) -> None:
    """Store the result of items `idx`, matched against the table's rows `rows_idx`, into `res`."""
    res.applicable[idx] = part.applicable
    res.reason[idx] = part.reason
    res.thresholds[idx] = part.thresholds
    res.rank[idx] = part.rank
    if rows_idx.size:
        res.first_row[idx] = np.where(part.first_row >= 0, rows_idx[np.maximum(part.first_row, 0)], -1)
        if res.rows is not None and part.rows is not None:
            res.rows[idx] = np.where(part.rows >= 0, rows_idx[np.maximum(part.rows, 0)], -1)


def subset(ct: CompiledTable, idx: np.ndarray) -> CompiledTable:
    """The table restricted to rows `idx` (same parameters)."""

    def take(d: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        return {k: v[idx] for k, v in d.items()}

    return replace(
        ct,
        row_ids=ct.row_ids[idx],
        tables=ct.tables[idx],
        sources=ct.sources[idx],
        standards=ct.standards[idx],
        grades=ct.grades[idx],
        grade_rank=ct.grade_rank[idx],
        enum_codes=take(ct.enum_codes),
        lo=take(ct.lo),
        hi=take(ct.hi),
        lo_incl=take(ct.lo_incl),
        hi_incl=take(ct.hi_incl),
        free=take(ct.free),
        points=take(ct.points),
    )


def _lookup_chunk(
    ct: CompiledTable,
    enums: Mapping[str, np.ndarray],
    nums: Mapping[str, np.ndarray],
    rules: Mapping[str, str],
    alternates: tuple[tuple[str, ...], ...],
    res: LookupResult,
    sl: slice,
) -> None:
    m = sl.stop - sl.start
    if ct.n_rows == 0:
        return  # defaults: not applicable, no matching row
    base, missing = _base_match(ct, enums, nums, alternates, m)
    applicable = base.any(axis=1)
    pts = _point_neighbours(ct, nums, rules, base)
    count = pts.cand.sum(axis=1)
    ok = applicable & ~pts.missing & ~pts.out_of_range & (count == pts.expected)
    reason = np.full(m, NO_ROW, np.int8)
    reason[applicable & (count != pts.expected)] = INCOMPLETE
    reason[applicable & pts.out_of_range] = OUT_OF_RANGE
    reason[(~applicable & missing) | (applicable & pts.missing)] = MISSING_PARAM
    reason[ok & pts.exact] = EXACT
    reason[ok & ~pts.exact] = BETWEEN
    cand = pts.cand & ok[:, None]
    thr, rank = _grade_thresholds(ct, cand, ok, pts.weights)
    res.applicable[sl] = applicable
    res.reason[sl] = reason
    res.thresholds[sl] = thr
    res.rank[sl] = rank
    res.first_row[sl] = np.where(cand.any(axis=1), cand.argmax(axis=1), -1)
    if res.rows is not None:
        k = min(res.rows.shape[1], ct.n_rows)
        order = np.argsort(~cand, axis=1, kind="stable")[:, :k]  # matched rows first, in row order
        res.rows[sl, :k] = np.where(np.take_along_axis(cand, order, axis=1), order, -1)


def _base_match(
    ct: CompiledTable,
    enums: Mapping[str, np.ndarray],
    nums: Mapping[str, np.ndarray],
    alternates: tuple[tuple[str, ...], ...],
    m: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(m, rows) bool: the rows whose enumeration values and intervals admit each item; and (m,) bool:
    the item lacks a value some row of the table constrains."""
    missing = np.zeros(m, bool)
    base = np.ones((m, ct.n_rows), bool)
    for p, rc in ct.enum_codes.items():
        ic = enums[p]
        if (rc != -1).any():
            missing |= ic == MISSING_CODE
        base &= (rc[None, :] == -1) | (ic[:, None] == rc[None, :])
    alt_params = {p for grp in alternates for p in grp}
    for p, lo in ct.lo.items():
        x = nums[p][:, None]
        hi = ct.hi[p][None, :]
        lo_ = lo[None, :]
        above = np.isnan(lo_) | (x > lo_) | (ct.lo_incl[p][None, :] & (x == lo_))
        below = np.isnan(hi) | (x < hi) | (ct.hi_incl[p][None, :] & (x == hi))
        ok = ct.free[p][None, :] | (above & below)
        if p in alt_params:
            ok |= np.isnan(x)  # one of the group suffices; checked below
        elif (~ct.free[p]).any():
            missing |= np.isnan(nums[p])
        base &= ok
    for grp in alternates:
        in_table = [p for p in grp if p in ct.lo]
        if not in_table:
            continue
        all_nan = np.all([np.isnan(nums[p]) for p in in_table], axis=0)
        constrains = np.any([~ct.free[p] for p in in_table], axis=0)
        missing |= all_nan & (base & constrains[None, :]).any(axis=1)
        base &= ~(all_nan[:, None] & constrains[None, :])
    return base, missing


@dataclass
class _Neighbours:
    """Per item, the rows of the tabulated ratings next to its value (parameters with between rules)."""

    cand: np.ndarray  # (m, rows) bool: base rows at a neighbouring rating of every point parameter
    expected: np.ndarray  # (m,) int: how many rows a complete table gives (1 or 2 per parameter)
    exact: np.ndarray  # (m,) bool: the value is a tabulated rating of every point parameter
    out_of_range: np.ndarray  # (m,) bool: below the lowest or above the highest rating
    missing: np.ndarray  # (m,) bool: no value for some point parameter
    weights: np.ndarray | None  # (m, rows) interpolation weights (None: no interpolated parameter)


def _point_neighbours(
    ct: CompiledTable, nums: Mapping[str, np.ndarray], rules: Mapping[str, str], base: np.ndarray
) -> _Neighbours:
    m = base.shape[0]
    nb = _Neighbours(
        cand=base.copy(),
        expected=np.ones(m, np.int64),
        exact=np.ones(m, bool),
        out_of_range=np.zeros(m, bool),
        missing=np.zeros(m, bool),
        weights=None,
    )
    for p, v in ct.points.items():
        x = nums[p]
        nb.missing |= np.isnan(x)
        v2 = v[None, :]
        lo_n = np.where(base & (v2 <= x[:, None]), v2, -np.inf).max(axis=1)
        hi_n = np.where(base & (v2 >= x[:, None]), v2, np.inf).min(axis=1)
        nb.out_of_range |= ~np.isfinite(lo_n) | ~np.isfinite(hi_n)
        on_point = lo_n == hi_n
        nb.exact &= on_point
        nb.expected *= np.where(on_point, 1, 2)
        nb.cand &= (v2 == lo_n[:, None]) | (v2 == hi_n[:, None])
        if rules.get(p) == "linear_interpolation":
            span = np.where(on_point, 1.0, hi_n - lo_n)[:, None]
            w = np.where(on_point[:, None], 1.0, 1.0 - np.abs(x[:, None] - v2) / span)
            nb.weights = w if nb.weights is None else nb.weights * w
    return nb


def _grade_thresholds(
    ct: CompiledTable, cand: np.ndarray, ok: np.ndarray, weights: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """(m, 5) thresholds of the candidate rows (interpolated, or the stricter neighbour) and (m, 5)
    the weakest verification rank of the cells used."""
    m = cand.shape[0]
    higher = ct.direction == Direction.HIGHER
    thr = np.full((m, N_GRADES), np.nan)
    rank = np.zeros((m, N_GRADES), np.int8)
    for g in range(N_GRADES):
        col = ct.grades[:, g][None, :]
        has_nan = (cand & np.isnan(col)).any(axis=1)
        if weights is not None:
            # rounded to 9 decimals only to drop float noise, so a value on the threshold meets it
            val = np.round(np.where(cand, np.nan_to_num(col) * weights, 0.0).sum(axis=1), 9)
        elif higher:  # stricter neighbour = the larger required value
            val = np.where(cand, col, -np.inf).max(axis=1)
        else:
            val = np.where(cand, col, np.inf).min(axis=1)
        val[has_nan | ~ok] = np.nan
        thr[:, g] = val
        rank[:, g] = np.where(cand, ct.grade_rank[:, g][None, :], 0).max(axis=1)
    return thr, rank


def matched_rows(
    ct: CompiledTable,
    enums: Mapping[str, np.ndarray],
    nums: Mapping[str, np.ndarray],
    rules: Mapping[str, str],
    alternates: tuple[tuple[str, ...], ...],
) -> list[int]:
    """Indices of every row used for a single item (for traces)."""
    res_rows: list[int] = []
    base = np.ones(ct.n_rows, bool)
    for p, rc in ct.enum_codes.items():
        base &= (rc == -1) | (rc == enums[p][0])
    alt_params = {p for grp in alternates for p in grp}
    for p, lo in ct.lo.items():
        x = nums[p][0]
        if np.isnan(x):
            if p not in alt_params:
                base &= ct.free[p]
            continue
        hi = ct.hi[p]
        above = np.isnan(lo) | (x > lo) | (ct.lo_incl[p] & (x == lo))
        below = np.isnan(hi) | (x < hi) | (ct.hi_incl[p] & (x == hi))
        base &= ct.free[p] | (above & below)
    cand = base.copy()
    for p, v in ct.points.items():
        x = nums[p][0]
        below = v[base & (v <= x)]
        above = v[base & (v >= x)]
        if not len(below) or not len(above):
            return []
        cand &= (v == below.max()) | (v == above.min())
    res_rows.extend(np.flatnonzero(cand).tolist())
    return res_rows
