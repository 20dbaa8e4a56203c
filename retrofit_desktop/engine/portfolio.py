"""Portfolio views of assessed measures: ranking, MAC curve data and totals by group."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..domain import SavingsStatus

_TOTAL_COLUMNS = ("kwh", "tce_calorific", "tce_equivalent", "tco2", "cny", "investment", "npv")


def _clean(v: Any) -> Any:
    if isinstance(v, float | np.floating):
        return None if not np.isfinite(v) else float(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.bool_):
        return bool(v)
    return v


def rank_measures(res: pd.DataFrame) -> pd.DataFrame:
    """Measures with savings, best first: mandatory (below entry) items, then abatement cost (CNY/tCO2)
    ascending, then simple payback ascending; items without a cost figure come last in each group."""
    ok = res[res["savings_status"] == SavingsStatus.OK].copy()
    ok["_mandatory"] = ~ok["mandatory"].astype(bool)
    return ok.sort_values(
        ["_mandatory", "abatement_cny_per_tco2", "payback_years"], na_position="last", kind="mergesort"
    ).drop(columns="_mandatory")


def mac_curve(res: pd.DataFrame, items: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    """Bars for a marginal-abatement-cost chart: sorted by CNY/tCO2, width = tCO2/yr, cumulative x.

    Only measures with a finite abatement cost and positive tCO2 are included.
    """
    m = res[np.isfinite(res["abatement_cny_per_tco2"]) & (res["tco2"] > 0)]
    m = m.sort_values("abatement_cny_per_tco2", kind="mergesort")
    x0 = 0.0
    bars = []
    for idx, row in m.iterrows():
        width = float(row["tco2"])
        bar = {
            "index": _clean(idx),
            "asset_tag": _clean(items.at[idx, "asset_tag"])
            if items is not None and "asset_tag" in items
            else None,
            "product": _clean(items.at[idx, "product"]) if items is not None and "product" in items else None,
            "measure": row["measure"],
            "cny_per_tco2": float(row["abatement_cny_per_tco2"]),
            "tco2": width,
            "x_start": x0,
            "x_end": x0 + width,
        }
        x0 += width
        bars.append(bar)
    return bars


class Totals:
    """Group sums of one result frame; the numeric columns and status codes are prepared once."""

    def __init__(self, res: pd.DataFrame):
        self.n = len(res)
        self.s_codes, self.s_uniques = pd.factorize(res["savings_status"].to_numpy(dtype=object))
        self.values = {}
        self.present = {}
        for c in _TOTAL_COLUMNS:
            v = res[c].to_numpy(dtype=float)
            self.present[c] = ~np.isnan(v)
            self.values[c] = np.where(self.present[c], v, 0.0)

    def by(self, keys: pd.Series | np.ndarray) -> dict[str, dict[str, Any]]:
        """Sums of kWh, tce, tCO2, CNY, investment and NPV per key, with item counts by status.

        Missing keys are grouped under "—". A sum is None when every value in the group is missing
        (NaN never becomes 0)."""
        if self.n == 0:
            return {}
        codes, uniques = pd.factorize(np.asarray(keys, dtype=object))  # missing keys get code -1
        names = [str(u) for u in uniques]
        if (codes < 0).any():  # group them under "—" (with any key that already reads "—")
            dash = names.index("—") if "—" in names else len(names)
            codes = np.where(codes < 0, dash, codes)
            if dash == len(names):
                names.append("—")
        g = len(names)
        k = len(self.s_uniques)
        sizes = np.bincount(codes, minlength=g)
        status_counts = np.bincount(codes * k + self.s_codes, minlength=g * k).reshape(g, k)
        sums = {}
        for c in _TOTAL_COLUMNS:
            total = np.bincount(codes, weights=self.values[c], minlength=g)
            sums[c] = np.where(np.bincount(codes, weights=self.present[c], minlength=g) > 0, total, np.nan)
        out: dict[str, dict[str, Any]] = {}
        for j in sorted(range(g), key=lambda j: names[j]):
            entry: dict[str, Any] = {"items": int(sizes[j])}
            entry.update({c: _clean(sums[c][j]) for c in _TOTAL_COLUMNS})
            entry["by_status"] = {
                str(st): int(status_counts[j, i])
                for i, st in enumerate(self.s_uniques)
                if status_counts[j, i]
            }
            out[names[j]] = entry
        return out


def totals_by(res: pd.DataFrame, keys: pd.Series | np.ndarray) -> dict[str, dict[str, Any]]:
    """``Totals(res).by(keys)`` for a single grouping."""
    return Totals(res).by(keys)
