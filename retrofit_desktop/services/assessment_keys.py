"""The column names an assessment's items table shares with its JSON (services.assessment and
services.assessment_json both read them)."""

from __future__ import annotations

#: identity fields of an item, from the inventory frame
ITEM_KEYS = ("sheet", "row", "asset_tag", "name", "product", "quantity", "site")
#: the standard edition an item was judged by (additive item fields; catalog.in_force)
EDITION_KEYS = ("standard_edition", "edition_effective", "catalog_edition_cited")
#: engine result columns that describe savings; every other engine column goes under "finance"
SAVINGS_COLS = frozenset({
    "target_tier", "measure", "savings_status", "missing_fields", "method", "note", "tier", "mandatory",
    "kwh", "fuel", "fuel_kind", "fuel_unit", "tce_calorific", "tce_equivalent", "tco2", "cny",
    "kwh_reactive_equivalent",
})  # fmt: skip
