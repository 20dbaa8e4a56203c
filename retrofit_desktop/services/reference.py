"""Reference lists and previews the GUI needs without importing the engine, io or report itself:
regions, grid-factor years, fuel kinds, the factor set an `AssessOptions` would use."""

from __future__ import annotations

from typing import Any

from .options import AssessOptions

_LEVEL_ORDER = {"national": 0, "regional": 1, "province": 2}


def regions() -> list[tuple[str, str, str]]:
    """(id, Chinese name, English name) of the national grid, the regional grids and the provinces."""
    from ..engine.regions import regions as all_regions

    ordered = sorted(all_regions().values(), key=lambda r: _LEVEL_ORDER.get(r.level, 3))
    return [(r.id, r.name_zh, r.name_en) for r in ordered]


def find_region(name: str) -> str:
    """Region id for an id, a Chinese/English name or an alias ('湖南省'); ValueError when unknown."""
    from ..engine.regions import find_region as find

    return find(name).id


def grid_years(region: str | None = None) -> list[int]:
    """Years with a grid CO2 factor for `region` (all regions when None), latest first."""
    from ..engine.factors import grid_years as years_of

    ids = [find_region(region)] if region else [rid for rid, _zh, _en in regions()]
    found: set[int] = set()
    for rid in ids:
        found.update(years_of(rid))
    return sorted(found, reverse=True)


def fuel_units() -> dict[str, str]:
    """Fuel kinds the engine prices, with the canonical unit a price is per (coal: t, natural_gas: m3 …)."""
    from ..engine.factors import FUEL_UNITS

    return dict(FUEL_UNITS)


def preview_factors(options: AssessOptions | None = None) -> dict[str, Any]:
    """The factor set (JSON, as in a payload's ``summary.factors``) these options would assess with.

    Raises ValueError for an unknown region or a factor year that is not available.
    """
    factors: dict[str, Any] = (options or AssessOptions()).engine_options().factors.to_json()
    return factors


def factor_unit_text(unit: object) -> object:
    """A factor's unit as the current language writes it ('CNY/kWh' -> '元/kWh' in Chinese)."""
    from ..engine_labels import unit_text

    return unit_text(unit)
