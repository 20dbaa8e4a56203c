"""Cells of a tier table: items that match the same rows share a cell and are looked up once.

A numeric parameter's cell is the item's position among the sorted distinct bounds (interval
ends, tabulated ratings) of the table: strictly between two bounds, or on one. Every comparison
the lookup makes (x > lo, x == lo, x < hi, x <= rating, ...) has the same outcome for all values
of one cell, and NaN is a cell of its own. With the enumeration codes this gives a key per item;
a bulk inventory has few distinct keys however many items it holds.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .tiertable import N_GRADES, CompiledTable

_PACK_LIMIT = 2**40  # re-number the packed key before the next factor could overflow int64


def _edges(ct: CompiledTable, param: str) -> np.ndarray:
    if param in ct.points:
        bounds = ct.points[param]
    else:
        bounds = np.concatenate([ct.lo[param], ct.hi[param]])
    return np.unique(bounds[~np.isnan(bounds)])


def _cells(edges: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, int]:
    """Cell of each x: 2i between edges[i-1] and edges[i], 2i+1 on edges[i], last code for NaN."""
    i = np.searchsorted(edges, x)
    cell = 2 * i.astype(np.int64)
    if len(edges):
        cell += edges[np.minimum(i, len(edges) - 1)] == x
    nan_cell = 2 * len(edges) + 1
    cell[np.isnan(x)] = nan_cell
    return cell, nan_cell + 1


def cell_keys(
    ct: CompiledTable, enums: Mapping[str, np.ndarray], nums: Mapping[str, np.ndarray], n: int
) -> tuple[np.ndarray, np.ndarray]:
    """(cell index of each of n items, one representative item per cell)."""
    parts = [(enums[p].astype(np.int64) + 3, len(ct.vocab[p]) + 3) for p in ct.enum_codes]  # codes >= -3
    parts += [_cells(_edges(ct, p), nums[p]) for p in (*ct.lo, *ct.points)]
    key = np.zeros(n, np.int64)
    size = 1
    for codes, radix in parts:
        if size * radix > _PACK_LIMIT:
            key, uniques = pd.factorize(key)
            size = max(len(uniques), 1)
        key = key * radix + codes
        size *= radix
    if size <= max(4 * n, 1 << 16):  # few possible keys: number them through a table, no hashing
        seen = np.zeros(size, bool)
        seen[key] = True
        number = np.cumsum(seen) - 1
        cells, n_cells = number[key], int(number[-1]) + 1 if size else 0
    else:
        cells, uniques = pd.factorize(key)
        n_cells = len(uniques)
    reps = np.empty(n_cells, np.intp)
    reps[cells] = np.arange(n)  # any item of a cell represents it
    return cells, reps


def interpolated(
    ct: CompiledTable,
    interp: list[str],
    nums: Mapping[str, np.ndarray],
    items: np.ndarray,
    rows: np.ndarray,
    thresholds: np.ndarray,
) -> np.ndarray:
    """Linearly interpolated thresholds of `items` from their matched `rows` (-1 padded).

    The same arithmetic as the items x rows path: per parameter the weight of a row is
    1 - |x - rating| / (upper - lower neighbour rating); a cell missing on some row stays NaN
    (`thresholds` of the cell's representative carry that). The weighted rows are summed in row order;
    with one interpolated parameter (two rows) that is exactly the matrix path's sum."""
    valid = rows >= 0
    r = np.maximum(rows, 0)
    weights = None
    for p in ct.points:
        if p not in interp:
            continue
        x = nums[p][items][:, None]
        v = ct.points[p][r]
        lo_n = np.where(valid, v, np.inf).min(axis=1)[:, None]
        hi_n = np.where(valid, v, -np.inf).max(axis=1)[:, None]
        on_point = lo_n == hi_n
        span = np.where(on_point, 1.0, hi_n - lo_n)
        w = np.where(on_point, 1.0, 1.0 - np.abs(x - v) / span)
        weights = w if weights is None else weights * w
    out = np.array(thresholds, dtype=float)
    if weights is None:
        return out
    for g in range(N_GRADES):
        val = np.round(np.where(valid, np.nan_to_num(ct.grades[r, g]) * weights, 0.0).sum(axis=1), 9)
        out[:, g] = np.where(np.isnan(thresholds[:, g]), np.nan, val)
    return out
