"""The item JSON as services.assess built it before the columnar result (tree 08603b2), kept as the
reference the new builder is compared with: one `catalog.trace` per item, one dict per item.

Only the parts that changed are here: the items (comparisons, savings, finance, elimination) and the
summary's tier and elimination counts.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from retrofit_desktop.catalog import UnknownProduct
from retrofit_desktop.services.jsonsafe import jsonable

_SAVINGS_COLS = {
    "target_tier", "measure", "savings_status", "missing_fields", "method", "note", "tier", "mandatory",
    "kwh", "fuel", "fuel_kind", "fuel_unit", "tce_calorific", "tce_equivalent", "tco2", "cny",
    "kwh_reactive_equivalent",
}  # fmt: skip
EDITION_KEYS = ("standard_edition", "edition_effective", "catalog_edition_cited")
_ITEM_KEYS = ("sheet", "row", "asset_tag", "name", "product", "quantity", "site")
ELIMINATION_PARAMS = ("fuel", "rated_capacity_th", "boiler_type")


def legacy_items(
    cat: Any, items: pd.DataFrame, classification: pd.DataFrame, results: pd.DataFrame, judging: Any
) -> list[dict]:
    rows = items.to_dict("records")
    cls_rows = classification[["tier", "verification", "rule", *EDITION_KEYS]].to_dict("records")
    res_rows = results.to_dict("records")
    out = []
    for row, cls, res in zip(rows, cls_rows, res_rows, strict=True):
        try:
            comparisons = jsonable([c.to_json() for c in cat.trace(row, judging).comparisons])
        except UnknownProduct:
            comparisons = []
        item = {k: jsonable(row.get(k)) for k in _ITEM_KEYS}
        item.update(
            tier=cls["tier"], verification=cls["verification"], rule=cls["rule"],
            **{k: jsonable(cls.get(k)) for k in EDITION_KEYS},
            comparisons=comparisons,
            target_tier=jsonable(res.get("target_tier")), measure=jsonable(res.get("measure")),
            mandatory=jsonable(res.get("mandatory")),
            savings=jsonable({
                "status": res.get("savings_status"), "kwh": res.get("kwh"), "fuel": res.get("fuel"),
                "fuel_kind": res.get("fuel_kind"), "fuel_unit": res.get("fuel_unit"),
                "tce": {"calorific": res.get("tce_calorific"), "equivalent": res.get("tce_equivalent")},
                "tco2": res.get("tco2"), "cny": res.get("cny"),
                "missing_fields": res.get("missing_fields") or [], "method": res.get("method"),
                "note": res.get("note") or None,
            }),
            finance=jsonable({k: v for k, v in res.items() if k not in _SAVINGS_COLS}),
        )  # fmt: skip
        item["elimination"] = _elimination(cat, row)
        out.append(item)
    return out


def _elimination(cat: Any, row: dict) -> dict:
    product, model = jsonable(row.get("product")), jsonable(row.get("model"))
    year = jsonable(row.get("year_installed"))
    params = {k: jsonable(row.get(k)) for k in ELIMINATION_PARAMS}
    params = {k: v for k, v in params.items() if v is not None}
    try:
        return jsonable(
            cat.elimination(
                str(product),
                None if model is None else str(model),
                None if year is None else int(year),
                params=params,
            ).to_json()
        )
    except (UnknownProduct, ValueError, TypeError):
        return {"status": "unknown", "entries": [], "note": "product not in the catalog"}
