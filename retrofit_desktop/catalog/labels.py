"""Display labels for the catalog's rule codes (traces, tables, the PDF)."""

from __future__ import annotations

import re

from ..i18n import N_, _, current_language
from .editions import get_catalog
from .fields import RETROFIT_FIELDS

RULE_LABELS = {
    "table_row": N_("tabulated row"),
    "linear_interpolation": N_("linear interpolation between neighbouring ratings"),
    "stricter_neighbour": N_("stricter neighbouring row"),
    "out_of_range": N_("outside the table (no extrapolation)"),
    "missing_parameter": N_("a parameter needed for the lookup is missing"),
    "no_matching_row": N_("no table row matches the parameters"),
    "incomplete_table": N_("the neighbouring rows are incomplete"),
    "no_tier_table": N_("no tier table for this product"),
    "formula": N_("the standard's formula"),
    "edition_not_in_data": N_("the values of the edition judged are not in the data"),
    "no_standard_value": N_("no value in the standard for this row"),
    "limit_value_only": N_("the standard gives only the limit value for this row (no grade 1 or 2)"),
    "indicator_not_required": N_("this row sets no requirement on the indicator: value not used"),
    "unknown_product": N_("unknown product"),
}


def rule_label(rule: str) -> str:
    """'stricter_neighbour(rated_capacity_kva)+…' -> translated text with the parameter names kept."""
    parts = []
    for part in str(rule).split("+"):
        m = re.fullmatch(r"([a-z_]+)(?:\((.*)\))?(.*)", part.strip())
        if not m or m.group(1) not in RULE_LABELS:
            parts.append(part)
            continue
        text = _(RULE_LABELS[m.group(1)])
        parts.append(f"{text} ({m.group(2)})" if m.group(2) else text)
    return "; ".join(parts)


def _zh(lang: str | None) -> bool:
    return (lang or current_language()).startswith("zh")


def product_label(product: object, lang: str | None = None) -> str:
    """A product's name (id or spec) in `lang` (default: the current language): the one name GUI, CLI
    and report use. An id the catalog does not know is shown as it is."""
    spec = product if hasattr(product, "name_zh") else get_catalog().products.get(str(product))
    if spec is None:
        return str(product)
    return spec.name_zh if _zh(lang) else spec.name_en


def field_label(name: str, product: object = None, lang: str | None = None) -> str | None:
    """A field's or indicator's label in `lang`: the product's own (labels of a name can differ by
    product: 'cop' is 性能系数 or 制热性能系数), else the first product's that has it; None if unknown."""
    products = get_catalog().products
    spec = products.get(str(product)) if product is not None else None
    for p in ([spec] if spec is not None else []) + list(products.values()):
        for f in (*p.parameters, *p.indicators, *p.operating_fields):
            if f.name == name:
                return f.label_zh if _zh(lang) else f.label_en
    for f in RETROFIT_FIELDS:
        if f.name == name:
            return f.label_zh if _zh(lang) else f.label_en
    return None
