"""Display labels for the catalog's rule codes (traces, tables, the PDF)."""

from __future__ import annotations

import re

from ..i18n import N_, _

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
