"""Spot-check samples for inspectors: reproducible simple random samples without replacement."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import N_, _

METHOD = N_(
    "simple random sample without replacement: population sorted by asset_tag, then "
    "numpy.random.default_rng(seed).choice(population, size=n, replace=False)"
)


def spot_check_sample(frame: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """`n` items drawn at random (all items when `n` ≥ their number), in draw order.

    The same items, seed and numpy version always give the same sample, whatever the order of the
    rows: the population is first sorted by asset tag. Column ``draw`` is the draw order (1-based);
    ``frame.attrs["sample"]`` records seed, method, population size and numpy version.
    """
    if int(n) != n or n < 1:
        raise ValueError(_("sample size must be a whole number of at least 1, not {n!r}").format(n=n))
    if int(seed) != seed or seed < 0:
        raise ValueError(_("seed must be a whole number of at least 0, not {seed!r}").format(seed=seed))
    n, seed = int(n), int(seed)
    population = frame.sort_values("asset_tag", kind="stable", key=lambda s: s.astype(str)).reset_index(
        drop=True
    )
    size = min(n, len(population))
    rng = np.random.default_rng(seed)
    picks = rng.choice(len(population), size=size, replace=False) if size else np.array([], dtype=int)
    sample = population.iloc[picks].reset_index(drop=True)
    sample.insert(0, "draw", np.arange(1, size + 1))
    sample.attrs["sample"] = {
        "seed": seed,
        "n_requested": n,
        "n": size,
        "population": len(population),
        "method": METHOD,
        "numpy_version": np.__version__,
    }
    return sample
