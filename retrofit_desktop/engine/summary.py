"""The summary dict of an assessment (design.md JSON schema 1 ``summary`` keys plus engine extras)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..domain import TIER_ORDER
from ..i18n import N_, _
from .portfolio import mac_curve, totals_by

CONVENTION = N_("tce.calorific = 当量值 (electricity 0.1229 kgce/kWh, GB/T 2589-2020); tce.equivalent = 等价值 (electricity at the editable equivalent factor); fuels have one tce figure on both bases")


def _sum(s: pd.Series) -> float | None:
    s = pd.to_numeric(s, errors="coerce")
    return float(s.sum()) if s.notna().any() else None


def build_summary(res: pd.DataFrame, items: pd.DataFrame, fs, opts) -> dict[str, Any]:
    counted = res["savings_status"].isin(["ok", "not_applicable"])
    ok = res["savings_status"] == "ok"
    notes: list[str] = []
    if fs.grid.fallback:
        notes.append(fs.grid.fallback)
    cny: float | None = _sum(res.loc[counted, "cny"])
    if fs.price_electricity is None and (ok & res["kwh"].notna()).any():
        cny = None
        notes.append(_("Cost figures are missing: no electricity price was given (enter the average price from the bill)."))
    elif ok.any() and res.loc[ok, "cny"].isna().any():
        cny = None
        notes.append(_("Cost figures are missing for some items: a fuel or electricity price was not given."))
    insufficient = int((res["savings_status"] == "insufficient_data").sum())
    if insufficient:
        notes.append(_("{n} items lack data for a savings estimate; they are listed with the missing fields.").format(n=insufficient))
    if (res["fuel_kind"] == "biomass").any():
        notes.append(_("Biomass is treated as carbon-neutral (biogenic CO2 not counted)."))
    if (res["investment"].notna()).any():
        notes.append(_("Residual value and O&M change count as 0 where not entered."))
    tier_counts = pd.Series(res["tier"].to_numpy(dtype=object)).value_counts()
    by_tier = {t.value: int(tier_counts.get(t.value, 0)) for t in TIER_ORDER}
    products = items["product"] if "product" in items else pd.Series([None] * len(items), index=items.index)
    sites = items["site"] if "site" in items else pd.Series([None] * len(items), index=items.index)
    mandatory = res.index[res["mandatory"].astype(bool).to_numpy()]
    return {
        "kwh": _sum(res.loc[counted, "kwh"]),
        "fuel": {k: _sum(g["fuel"]) for k, g in res[counted & res["fuel_kind"].notna()].groupby("fuel_kind")},
        "tce": {"calorific": _sum(res.loc[counted, "tce_calorific"]),
                "equivalent": _sum(res.loc[counted, "tce_equivalent"]),
                "convention": _(CONVENTION)},
        "tco2": _sum(res.loc[counted, "tco2"]),
        "cny": cny,
        "investment": _sum(res.loc[ok, "investment"]),
        "npv": _sum(res.loc[ok, "npv"]),
        "target_tier": opts.target.value,
        "by_tier": by_tier,
        "by_status": {k: int(v) for k, v in res["savings_status"].value_counts().items()},
        "by_product": totals_by(res, products),
        "by_target_tier": totals_by(res, res["target_tier"]),
        "by_site": totals_by(res, sites),
        "mandatory_items": [i.item() if isinstance(i, np.generic) else i for i in mandatory],
        "mac_curve": mac_curve(res, items),
        "factors": fs.to_json(),
        "notes": notes,
    }
