"""Vectorised row lookup: items x table rows as boolean matrices, chunked; no loop per item.

For each item the matching rows are those whose enumeration values equal the item's, whose
intervals contain the item's value and, for a parameter with tabulated ratings, whose rating is
the item's rating or (between two ratings) one of the two neighbouring ratings. Thresholds are
the matched row's grade values, the linear interpolation of the two neighbours, or the stricter
neighbour, as the product's between-rule says.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..domain import Direction
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


def encode_enum(ct: CompiledTable, param: str, values: np.ndarray) -> np.ndarray:
    """Item enum values (normalised strings or None) -> codes of the table's vocabulary."""
    vocab = ct.vocab[param]
    out = np.empty(len(values), dtype=np.int32)
    for i, v in enumerate(values):  # over unique values would be faster; vocabularies are tiny
        out[i] = MISSING_CODE if v is None else vocab.get(v, INVALID_CODE)
    return out


def lookup(
    ct: CompiledTable,
    enums: dict[str, np.ndarray],
    nums: dict[str, np.ndarray],
    rules: dict[str, str],
    alternates: set[str],
    n: int,
) -> LookupResult:
    """Match n items (enum codes from `encode_enum`, floats with NaN) against one table."""
    res = LookupResult(
        applicable=np.zeros(n, bool),
        reason=np.full(n, NO_ROW, np.int8),
        thresholds=np.full((n, N_GRADES), np.nan),
        rank=np.zeros((n, N_GRADES), np.int8),
        first_row=np.full(n, -1),
    )
    step = max(256, _CELLS // max(ct.n_rows, 1))
    for s in range(0, n, step):
        sl = slice(s, min(n, s + step))
        _lookup_chunk(ct, {k: v[sl] for k, v in enums.items()}, {k: v[sl] for k, v in nums.items()},
                      rules, alternates, res, sl)
    return res


def _lookup_chunk(ct, enums, nums, rules, alternates, res: LookupResult, sl: slice) -> None:
    m = sl.stop - sl.start
    missing = np.zeros(m, bool)
    base = np.ones((m, ct.n_rows), bool)
    for p, rc in ct.enum_codes.items():
        ic = enums[p]
        missing |= ic == MISSING_CODE
        base &= (rc[None, :] == -1) | (ic[:, None] == rc[None, :])
    for p, lo in ct.lo.items():
        x = nums[p][:, None]
        hi = ct.hi[p][None, :]
        lo_ = lo[None, :]
        above = np.isnan(lo_) | (x > lo_) | (ct.lo_incl[p][None, :] & (x == lo_))
        below = np.isnan(hi) | (x < hi) | (ct.hi_incl[p][None, :] & (x == hi))
        ok = ct.free[p][None, :] | (above & below)
        if p in alternates:
            ok |= np.isnan(x)
        else:
            missing |= np.isnan(nums[p])
        base &= ok
    applicable = base.any(axis=1)
    cand = base.copy()
    expected = np.ones(m, np.int64)
    exact = np.ones(m, bool)
    out_of_range = np.zeros(m, bool)
    weights = None
    for p, v in ct.points.items():
        x = nums[p]
        missing |= np.isnan(x)
        v2 = v[None, :]
        lo_n = np.where(base & (v2 <= x[:, None]), v2, -np.inf).max(axis=1)
        hi_n = np.where(base & (v2 >= x[:, None]), v2, np.inf).min(axis=1)
        out_of_range |= ~np.isfinite(lo_n) | ~np.isfinite(hi_n)
        on_point = lo_n == hi_n
        exact &= on_point
        expected *= np.where(on_point, 1, 2)
        cand &= (v2 == lo_n[:, None]) | (v2 == hi_n[:, None])
        if rules.get(p) == "linear_interpolation":
            span = np.where(on_point, 1.0, hi_n - lo_n)[:, None]
            w = np.where(on_point[:, None], 1.0, 1.0 - np.abs(x[:, None] - v2) / span)
            weights = w if weights is None else weights * w
    count = cand.sum(axis=1)
    ok = applicable & ~missing & ~out_of_range & (count == expected)
    reason = np.full(m, NO_ROW, np.int8)
    reason[applicable & (count != expected)] = INCOMPLETE
    reason[applicable & out_of_range] = OUT_OF_RANGE
    reason[missing] = MISSING_PARAM
    reason[ok & exact] = EXACT
    reason[ok & ~exact] = BETWEEN
    cand &= ok[:, None]
    interp = weights is not None
    higher = ct.direction == Direction.HIGHER
    thr = np.full((m, N_GRADES), np.nan)
    rank = np.zeros((m, N_GRADES), np.int8)
    for g in range(N_GRADES):
        col = ct.grades[:, g][None, :]
        has_nan = (cand & np.isnan(col)).any(axis=1)
        if interp:
            # rounded to 9 decimals only to drop float noise, so a value on the threshold meets it
            val = np.round(np.where(cand, np.nan_to_num(col) * weights, 0.0).sum(axis=1), 9)
        elif higher:  # stricter neighbour = the larger required value
            val = np.where(cand, col, -np.inf).max(axis=1)
        else:
            val = np.where(cand, col, np.inf).min(axis=1)
        val[has_nan | ~ok] = np.nan
        thr[:, g] = val
        rank[:, g] = np.where(cand, ct.grade_rank[:, g][None, :], 0).max(axis=1)
    res.applicable[sl] = applicable
    res.reason[sl] = reason
    res.thresholds[sl] = thr
    res.rank[sl] = rank
    res.first_row[sl] = np.where(cand.any(axis=1), cand.argmax(axis=1), -1)


def matched_rows(ct: CompiledTable, enums, nums, rules, alternates) -> list[int]:
    """Indices of every row used for a single item (for traces)."""
    res_rows: list[int] = []
    base = np.ones(ct.n_rows, bool)
    for p, rc in ct.enum_codes.items():
        base &= (rc == -1) | (rc == enums[p][0])
    for p, lo in ct.lo.items():
        x = nums[p][0]
        if np.isnan(x):
            if p not in alternates:
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
