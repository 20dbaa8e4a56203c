"""Display text for what the engine computed (report and CLI), in the current language: factor
names, scopes and notes, and savings methods.

The engine computes and keeps stable keys in the payload (factor keys, its English and shipped
Chinese scope and note, the English method text); what a reader sees is chosen here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .engine.factors import ELECTRICITY_PRICE_SCOPE, base_factors
from .engine.regions import regions
from .engine.savings import METHODS
from .i18n import N_, _, current_language

#: Display names of the fuel kinds (factor labels are built from them).
FUEL_NAMES: dict[str, str] = {
    "coal": N_("Raw coal"),
    "natural_gas": N_("Natural gas"),
    "oil": N_("Crude oil / fuel oil"),
    "diesel": N_("Diesel"),
    "lpg": N_("Liquefied petroleum gas"),
    "biomass": N_("Biomass"),
    "heat": N_("Purchased heat"),
}

#: Human labels of the factor keys (the keys themselves stay in the JSON).
FACTOR_LABELS: dict[str, str] = {
    "grid_co2": N_("Grid CO2 emission factor"),
    "price_electricity": N_("Electricity price"),
    "tce_electricity_calorific": N_("Electricity to standard coal (calorific basis)"),
    "tce_electricity_equivalent": N_("Electricity to standard coal (equivalent basis)"),
    "discount_rate": N_("Discount rate"),
    "loan_subsidy_points": N_("Loan interest subsidy (rate reduction)"),
    "loan_subsidy_years": N_("Loan interest subsidy period"),
    "loan_subsidy_end": N_("Loan interest subsidy: last disbursement date"),
    "tax_credit_rate": N_("Income-tax credit for energy-saving equipment"),
    "vsd_efficiency": N_("Variable-speed drive efficiency"),
    "water_density": N_("Density of water"),
    "gravity": N_("Standard acceleration of gravity"),
    "reactive_equivalent_kq": N_("Reactive economic equivalent K_Q"),
}
_FUEL_LABELS = {
    "fuel_tce_": N_("{fuel}: standard-coal coefficient"),
    "fuel_co2_": N_("{fuel}: CO2 emission factor"),
    "price_fuel_": N_("{fuel} price"),
}
_GRID_SERIES_TEXT = {
    "average": N_("Grid average CO2 emission factor"),
    "residual": N_("Grid residual-mix CO2 emission factor"),
    "fossil": N_("Fossil-generation CO2 emission factor"),
    "ets": N_("Grid CO2 emission factor for the carbon market"),
}
_LEVEL_TEXT = {
    "province": N_("{name} (province)"),
    "regional": N_("{name} (grid region)"),
    "national": N_("{name} (national)"),
}


def factor_label(key: str, series: str | None = None) -> str:
    """Translated name of a factor key ('price_fuel_natural_gas' -> 'Natural gas price'); unknown keys as is.
    ``series`` names the grid series for ``grid_co2``."""
    if key == "grid_co2" and series in _GRID_SERIES_TEXT:
        return _(_GRID_SERIES_TEXT[series])
    if key in FACTOR_LABELS:
        return _(FACTOR_LABELS[key])
    for prefix, template in _FUEL_LABELS.items():
        fuel = key[len(prefix) :] if key.startswith(prefix) else None
        if fuel in FUEL_NAMES:
            return _(template).format(fuel=_(FUEL_NAMES[fuel]))
    return key


def grid_place(grid: Mapping[str, Any] | None) -> str | None:
    """'湖南（省级）' / 'Hunan (province)': the region and level that answered a grid-factor lookup
    (``GridResolution.to_json()``), or None when the resolution names no known region and level."""
    if not grid or grid.get("level") not in _LEVEL_TEXT:
        return None
    region = regions().get(str(grid.get("region")))
    if region is None:
        return None
    name = region.name_zh if current_language() == "zh" else region.name_en
    return _(_LEVEL_TEXT[str(grid["level"])]).format(name=name)


def factor_scope(
    key: str, scope: str | None, grid: Mapping[str, Any] | None = None, scope_zh: str | None = None
) -> str:
    """The scope line to show for a factor, in the current language.

    The JSON keeps the engine's English scope; the scopes the engine writes itself (grid factor,
    prices) are rebuilt here from the grid resolution in translated form. A scope the label already
    says (``natural_gas price``) is dropped. Data-file scopes are shown as they are in English and
    as ``scope_zh`` in Chinese (for a payload without that field: the shipped Chinese scope when the
    English one is the shipped text, else the English as it is)."""
    scope = scope or ""
    place = grid_place(grid) if key == "grid_co2" else None
    if place:
        return place
    if key == "price_electricity" and scope == ELECTRICITY_PRICE_SCOPE:
        return _("average delivered electricity price (from the electricity bill)")
    if key.startswith("price_fuel_") and scope == f"{key[len('price_fuel_') :]} price":
        return ""
    if current_language() == "zh":
        zh = scope_zh or _shipped_zh(key, "scope", scope)
        if zh:
            return "" if zh == factor_label(key) else zh  # the label says it already
    return scope


def factor_note(key: str, note: str | None, note_zh: str | None = None) -> str:
    """The note to show for a factor, in the current language.

    In Chinese: ``note_zh`` when given; else, for a payload written before that field existed, the
    shipped Chinese note when the English one is the shipped text, or the translation of an
    engine-written message; otherwise the note as it is. English shows ``note`` unchanged."""
    note = note or ""
    if current_language() != "zh" or not note:
        return note
    return note_zh or _shipped_zh(key, "note", note) or _(note)


def factor_source(source: str | None, source_en: str | None = None) -> str:
    """The citation to show for a factor: the Chinese citation, or in English its English form when given."""
    if current_language() != "zh" and source_en:
        return source_en
    return source or ""


def unit_text(unit: object) -> object:
    """A factor's unit as a reader of the current language writes it: 'CNY/kWh' -> '元/kWh' in Chinese."""
    if isinstance(unit, str) and unit.startswith("CNY"):
        return _("CNY") + unit[3:]
    return unit


def _shipped_zh(key: str, field_name: str, english: str) -> str:
    """The shipped Chinese text of a data-file factor's scope or note, if ``english`` is its shipped text."""
    base = base_factors().get(key)
    if base is None or not english or getattr(base, field_name) != english:
        return ""
    return str(getattr(base, f"{field_name}_zh"))


def method_label(method: str | None) -> str:
    """The method text in the current language for display; the ``method`` field keeps the stable English.
    A text that is not one of ``METHODS`` (e.g. from another version's payload) is shown as it is."""
    if not method:
        return ""
    return _(method) if method in METHODS else method
