"""Retrofit measures and scenarios (plain dataclasses) and a user-maintained price list.

Investment figures are always the user's (entered per measure or looked up in their price list);
the engine ships no equipment prices.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..domain import THRESHOLD_TIERS, Tier
from ..i18n import _


class MeasureKind(StrEnum):
    REPLACE = (
        "replace"  # replace now with a unit at the target tier; full investment, residual value credited
    )
    REPLACE_AT_FAILURE = "replace_at_failure"  # at failure: incremental cost (efficient − standard unit)
    REPLACE_INSTEAD_OF_REWIND = "replace_instead_of_rewind"  # failed motor: new unit vs rewinding it
    REMANUFACTURE = "remanufacture"  # 再制造: user gives the indicator values after remanufacture
    VSD = "vsd"  # variable-speed drive instead of throttling (pumps, fans)


#: Measures that replace the unit with one at a tier's threshold (savings from the catalog threshold).
REPLACING = (MeasureKind.REPLACE, MeasureKind.REPLACE_AT_FAILURE, MeasureKind.REPLACE_INSTEAD_OF_REWIND)


@dataclass(frozen=True)
class Measure:
    """One retrofit option for one item (matched by ``asset_tag``)."""

    asset_tag: str
    kind: MeasureKind = MeasureKind.REPLACE
    target_tier: Tier | None = None  # None: the assessment's target
    investment_cny: float | None = (
        None  # for the item (all units); the incremental cost for REPLACE_AT_FAILURE and
    )
    #   REPLACE_INSTEAD_OF_REWIND; None: the item's investment_cny column or the price list
    lifetime_years: float | None = None
    residual_value_cny: float | None = None  # resale/recycling value of what is removed (REPLACE only)
    om_change_cny: float | None = None  # annual O&M cost change (+ = more cost)
    new_values: Mapping[str, float] = field(
        default_factory=dict
    )  # indicator → value of the new/remanufactured unit
    rewind_efficiency_loss_pct: float | None = None  # efficiency points lost by rewinding (user-entered)
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", MeasureKind(self.kind))
        if self.target_tier is not None:
            tier = Tier(self.target_tier)
            if tier not in THRESHOLD_TIERS:
                raise ValueError(
                    _("Target tier must be one of {tiers}, got {target!r}").format(
                        tiers=", ".join(t.value for t in THRESHOLD_TIERS), target=self.target_tier
                    )
                )
            object.__setattr__(self, "target_tier", tier)


@dataclass(frozen=True)
class Scenario:
    """A named set of measures with its assumptions (the FactorSet is given to the assessment)."""

    name: str
    measures: Sequence[Measure] = ()
    note: str = ""

    def by_tag(self) -> dict[str, Measure]:
        return {m.asset_tag: m for m in self.measures}


@dataclass(frozen=True)
class PriceRow:
    """User price: product at a tier, per unit or per kW/kVA of a size field, within a size range."""

    product: str
    tier: Tier
    price_cny: float
    basis: str = "per_unit"  # per_unit | per_size (price × size_field value)
    size_field: str | None = None  # e.g. rated_power_kw, rated_capacity_kva
    size_min: float | None = None  # inclusive
    size_max: float | None = None  # inclusive
    source: str = ""


@dataclass(frozen=True)
class PriceList:
    rows: Sequence[PriceRow] = ()

    def lookup(self, items: pd.DataFrame, tiers: npt.ArrayLike) -> np.ndarray:
        """Price of one unit per item at the given tier (NaN when no row matches); first match wins."""
        out = np.full(len(items), np.nan)
        products = (
            items["product"].to_numpy(dtype=object) if "product" in items else np.full(len(items), None)
        )
        tier_of = np.asarray(tiers, dtype=object)
        for row in self.rows:
            m = (products == row.product) & (tier_of == row.tier.value) & np.isnan(out)
            size = None
            if row.size_field is not None:
                if row.size_field not in items:
                    continue
                size = pd.to_numeric(items[row.size_field], errors="coerce").to_numpy(dtype=float)
                if row.size_min is not None:
                    m &= size >= row.size_min
                if row.size_max is not None:
                    m &= size <= row.size_max
            price = row.price_cny * size if row.basis == "per_size" and size is not None else row.price_cny
            out = np.where(m, price, out)
        return out
