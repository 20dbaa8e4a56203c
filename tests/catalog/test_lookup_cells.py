"""The cell-grouped lookup (one representative per cell) equals the items x rows matrix lookup."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from retrofit_desktop.catalog.catalog import load_builtin
from retrofit_desktop.catalog.cells import cell_keys
from retrofit_desktop.catalog.lookup import BETWEEN, INVALID_CODE, MISSING_CODE, lookup, lookup_dense

CAT = load_builtin()
PRODUCTS = [p for p, s in CAT.products.items() if s.rows]


def _pool(ct, p: str, rng) -> np.ndarray:
    """A few values of parameter p: on a bound, between two bounds, beyond them, slightly off, NaN."""
    bounds = ct.points[p] if p in ct.points else np.concatenate([ct.lo[p], ct.hi[p]])
    b = np.unique(bounds[~np.isnan(bounds)])
    if not len(b):
        b = np.array([1.0, 10.0])
    cands = [*b, *((b[:-1] + b[1:]) / 2), b[0] / 2, b[-1] * 1.5, b[len(b) // 2] * 1.07, np.nan]
    return rng.choice(np.array(cands, dtype=float), size=min(3, len(cands)), replace=False)


def _items(ct, spec, n: int, seed: int):
    rng = np.random.default_rng(seed)
    enums = {}
    for p in ct.enum_codes:
        # two values per parameter (a few hundred cells in all): a table value and one that may be
        # missing or not in the vocabulary
        vocab = np.arange(len(ct.vocab[p]), dtype=np.int32)
        other = rng.choice(np.r_[vocab, MISSING_CODE, INVALID_CODE].astype(np.int32))
        enums[p] = np.where(rng.random(n) < 0.8, rng.choice(vocab) if len(vocab) else MISSING_CODE, other)
    nums = {}
    for f in spec.parameters:
        if f.kind == "enum":
            continue
        if f.name in ct.points or f.name in ct.lo:
            nums[f.name] = rng.choice(_pool(ct, f.name, rng), n)
        else:
            nums[f.name] = np.full(n, np.nan)
    return enums, nums


@pytest.mark.parametrize("pid", PRODUCTS)
def test_grouped_lookup_equals_matrix_lookup(pid):
    spec = CAT.products[pid]
    rules = {r.parameter: r.rule for r in spec.between_rules}
    for ct in CAT.tables(pid).values():
        for seed in range(3):
            n = 1000
            enums, nums = _items(ct, spec, n, seed)
            assert len(cell_keys(ct, enums, nums, n)[1]) * 2 <= n  # the grouped path is the one taken
            got = lookup(ct, enums, nums, rules, spec.alternates, n)
            want = lookup_dense(ct, enums, nums, rules, spec.alternates, n)
            for name in ("applicable", "reason", "rank", "first_row"):
                np.testing.assert_array_equal(
                    getattr(got, name), getattr(want, name), err_msg=f"{pid} {name}"
                )
            np.testing.assert_array_equal(got.thresholds, want.thresholds, err_msg=f"{pid} thresholds")


def test_interpolation_uses_each_items_own_value():
    """Motors between two tabulated ratings share a cell but each gets its own interpolated threshold."""
    ct = CAT.tables("motor")["efficiency_pct"]
    spec = CAT.products["motor"]
    code = ct.vocab["poles"]["4"]
    # IE rated powers 7.5 and 11 kW: every value strictly between them lies in one cell
    power = np.repeat([8.0, 9.0, 10.0, 10.5], 5)
    n = len(power)
    lk = lookup(
        ct,
        {"poles": np.full(n, code, np.int32)},
        {"rated_power_kw": power},
        {"rated_power_kw": "linear_interpolation"},
        spec.alternates,
        n,
    )
    assert (lk.reason == BETWEEN).all()
    rows = [
        np.flatnonzero((ct.enum_codes["poles"] == code) & (ct.points["rated_power_kw"] == kw))[0]
        for kw in (7.5, 11.0)
    ]
    lo, hi = ct.grades[rows[0]], ct.grades[rows[1]]
    for x, got in zip(power, lk.thresholds, strict=True):
        want = lo * (11.0 - x) / (11.0 - 7.5) + hi * (x - 7.5) / (11.0 - 7.5)
        np.testing.assert_allclose(got[~np.isnan(lo)], want[~np.isnan(lo)], rtol=0, atol=1e-9)


def test_repeated_items_classify_like_single_items():
    """A frame whose items repeat (grouped path) gives each copy the row-by-row (matrix path) answer."""
    rng = np.random.default_rng(7)
    rows = []
    for pid in PRODUCTS:
        spec = CAT.products[pid]
        ct = next(iter(CAT.tables(pid).values()))
        enums, nums = _items(ct, spec, 3, int(rng.integers(1000)))
        for i in range(3):
            item = {"product": pid}
            for p, codes in enums.items():
                inv = {c: v for v, c in ct.vocab[p].items()}
                item[p] = inv.get(int(codes[i]), None if codes[i] == MISSING_CODE else "not-a-value")
            item.update({p: v[i] for p, v in nums.items()})
            for ind in spec.indicators:
                item[ind.name] = float(rng.uniform(0, 100))
            rows.append(item)
    single = pd.DataFrame(rows)
    repeated = pd.concat([single] * 6, ignore_index=True)
    one = CAT.classify_frame(single)
    many = CAT.classify_frame(repeated)
    for k in range(6):
        part = many.iloc[k * len(single) : (k + 1) * len(single)].reset_index(drop=True)
        pd.testing.assert_frame_equal(part, one, check_exact=True)
