"""Spot-check samples: reproducible, without replacement, independent of row order, uniform."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from retrofit_desktop.services import spot_check_sample


def _items(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {"asset_tag": [f"T{i:03d}" for i in range(n)], "name": [f"设备{i}" for i in range(n)]}
    )


def test_same_seed_same_sample_whatever_the_row_order():
    items = _items(40)
    a = spot_check_sample(items, 8, seed=20261125)
    b = spot_check_sample(items.sample(frac=1, random_state=3), 8, seed=20261125)
    assert list(a["asset_tag"]) == list(b["asset_tag"])
    assert list(a["draw"]) == list(range(1, 9))
    assert a["asset_tag"].is_unique and set(a["asset_tag"]) <= set(items["asset_tag"])
    c = spot_check_sample(items, 8, seed=1)
    assert list(c["asset_tag"]) != list(a["asset_tag"])


def test_sample_records_seed_and_method():
    s = spot_check_sample(_items(10), 3, seed=7)
    info = s.attrs["sample"]
    assert (info["seed"], info["n"], info["population"]) == (7, 3, 10)
    assert "without replacement" in info["method"] and info["numpy_version"] == np.__version__


def test_draw_follows_numpy_generator_on_tags_sorted():
    # the documented method, applied by hand: sort by tag, Generator(PCG64(seed)).choice without replacement
    items = _items(12).iloc[::-1]
    picks = np.random.Generator(np.random.PCG64(5)).choice(12, size=4, replace=False)
    expected = [f"T{i:03d}" for i in picks]
    assert list(spot_check_sample(items, 4, seed=5)["asset_tag"]) == expected


def test_n_larger_than_population_takes_everything():
    s = spot_check_sample(_items(3), 10, seed=0)
    assert sorted(s["asset_tag"]) == ["T000", "T001", "T002"] and s.attrs["sample"]["n_requested"] == 10


def test_every_item_equally_likely():
    # 500 samples of 3 from 10: each item expected 150 times, sd = sqrt(500*0.3*0.7) ≈ 10.2; allow ±5 sd
    counts = Counter()
    items = _items(10)
    for seed in range(500):
        counts.update(spot_check_sample(items, 3, seed=seed)["asset_tag"])
    assert sum(counts.values()) == 1500
    assert all(abs(c - 150) < 51 for c in counts.values()), counts


@pytest.mark.parametrize("n, seed", [(0, 1), (-2, 1), (2, -1), (1.5, 1)])
def test_bad_sizes_and_seeds_are_refused(n, seed):
    with pytest.raises(ValueError):
        spot_check_sample(_items(5), n, seed)
