"""Synthetic items for the classification benchmark and the vectorised-versus-naive tests."""

from __future__ import annotations

import numpy as np
import pandas as pd


def make_items(cat, n: int, seed: int = 1) -> pd.DataFrame:
    """Items sampled from each product's own table rows, with values jittered around the thresholds."""
    rng = np.random.default_rng(seed)
    products = [p for p, s in cat.products.items() if s.rows]
    frames = []
    for k, pid in enumerate(products):
        spec = cat.products[pid]
        rows = pd.DataFrame(list(spec.rows))
        m = n // len(products) + (1 if k < n % len(products) else 0)
        pick = rows.iloc[rng.integers(0, len(rows), m)].reset_index(drop=True)
        item = pd.DataFrame({"product": [pid] * m})
        for i in range(1, 9):
            name_col = f"p{i}_name"
            if name_col not in pick:
                break
            for pname in pick[name_col].dropna().unique():
                if not pname:
                    continue
                sel = pick[name_col] == pname
                lo = pd.to_numeric(pick[f"p{i}_min"], errors="coerce")
                hi = pd.to_numeric(pick[f"p{i}_max"], errors="coerce")
                num = lo.fillna(hi).where(lo.isna() | hi.isna(), (lo + hi) / 2)
                num = num * rng.choice([1.0, 1.0, 1.07], m)  # some between tabulated ratings
                v = [str(t).split("|")[0] if t else x for t, x in zip(pick[f"p{i}_value"], num, strict=True)]
                item.loc[sel, pname] = pd.Series(v, dtype=object)[sel]
        for ind in spec.indicators:
            g3 = pd.to_numeric(pick["grade3"], errors="coerce")
            item[ind.name] = (g3 * rng.normal(1.0, 0.04, m)).where(pick["indicator"] == ind.name)
        frames.append(item)
    return pd.concat(frames, ignore_index=True).sample(frac=1, random_state=seed).reset_index(drop=True)
