"""Display names the report needs for catalog ids (translated through the message catalogue)."""

from __future__ import annotations

from typing import Any

from ..catalog import get_catalog
from ..catalog.labels import field_label, product_label
from ..domain import Tier, Verification, tier_label, verification_label
from ..i18n import N_, _, current_language

#: The nameplate parameters shown in the tier table, per product: (field, short word, unit). A field
#: without a word is labelled by its catalog symbol (FieldSpec.symbol: P, Q, …); words are translated.
KEY_PARAMETERS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "motor": (("rated_power_kw", "", "kW"), ("poles", N_("poles"), "")),
    "pmsm": (("rated_power_kw", "", "kW"), ("poles", N_("poles"), "")),
    "motor_hv": (("rated_power_kw", "", "kW"), ("rated_voltage_kv", "", "kV"), ("poles", N_("poles"), "")),
    "air_compressor": (("drive_power_kw", "", "kW"), ("discharge_pressure_mpa", "", "MPa")),
    "fan": (("fan_type", N_("type"), ""), ("machine_number", N_("No."), "")),
    "pump": (
        ("pump_type", N_("type"), ""),
        ("flow_m3h", "", "m³/h"),
        ("head_m", "", "m"),
        ("speed_rpm", "", "r/min"),
    ),
    "transformer": (("rated_capacity_kva", "", "kVA"), ("transformer_type", N_("type"), "")),
    "boiler": (("rated_capacity_th", "", "t/h"), ("rated_capacity_mw", "", "MW"), ("fuel", N_("fuel"), "")),
    "chiller": (("cooling_capacity_kw", "", "kW"), ("chiller_type", N_("type"), "")),
}


def parameter_label(product: str, field: str, word: str) -> str:
    """A key parameter's short label: its translated word, else the catalog's symbol for the field."""
    if word:
        return _(word)
    spec = get_catalog().products.get(product)
    f = spec.field(field) if spec is not None else None
    return f.symbol if f is not None and f.symbol else (field_label(field, product) or field)


def product_name(product: object) -> str:
    """Localised product name: the catalog's, as the GUI and the CLI show it."""
    if product is None:
        return "—"
    return product_label(product)


def _enum_spec(field: str | None, value: str) -> Any:
    """The catalog enumeration `field` (or, without a field, the first one that allows `value`)."""
    for spec in get_catalog().products.values():
        for f in (*spec.parameters, *spec.operating_fields):
            if f.allowed and (f.name == field if field else value in f.allowed):
                return f
    return None


def enum_text(value: object, field: str | None = None) -> str:
    """Label of a catalog enumeration value (of ``field`` when given); an unknown value as it is."""
    key = str(value)
    f = _enum_spec(field, key)
    return f.value_label(key) if f is not None and key in (f.allowed or ()) else key


def indicator_name(indicator: object, product: object = None) -> str:
    """An indicator's name in the report language: the catalog's (the product's own when given)."""
    key = str(indicator) if indicator is not None else ""
    return field_label(key, product) or key


def tier_text(tier: object) -> str:
    """Localised tier label; an unknown or missing tier is shown as given ('—' when missing)."""
    if tier is None:
        return "—"
    try:
        return tier_label(Tier(str(tier)), current_language())
    except ValueError:
        return str(tier)


def verification_text(status: object) -> str:
    if status is None:
        return "—"
    try:
        return verification_label(Verification(str(status)), current_language())
    except ValueError:
        return str(status)


MEASURE_NAMES: dict[str, str] = {
    "replace": N_("replace"),
    "replace_at_failure": N_("replace at failure"),
    "replace_instead_of_rewind": N_("replace instead of rewinding"),
    "remanufacture": N_("remanufacture"),
    "vsd": N_("variable-speed drive"),
}


def measure_text(measure: object, mandatory: object = None) -> str | None:
    """'replace (mandatory)' etc.; None when no measure is named."""
    if not measure:
        return None
    key = str(measure)
    text = _(MEASURE_NAMES[key]) if key in MEASURE_NAMES else key
    return _("{measure} (mandatory)").format(measure=text) if mandatory is True else text


RULE_NAMES: dict[str, str] = {
    "table_row": N_("table row"),
    "exact": N_("table row"),
    "linear_interpolation": N_("linear interpolation"),
    "stricter_neighbour": N_("stricter neighbouring row"),
    "between": N_("between rows"),
    "out_of_range": N_("outside the table"),
    "missing_parameter": N_("parameter missing"),
    "no_matching_row": N_("no matching row"),
    "incomplete_table": N_("incomplete table"),
    "no_tier_table": N_("no tier table"),
    "formula": N_("formula of the standard"),
    "edition_not_in_data": N_("edition's values not in the data"),
    "no_standard_value": N_("no value in the standard"),
    "limit_value_only": N_("limit value only"),
    "indicator_not_required": N_("not required by the row"),
}


def rule_text(rule: object) -> str:
    """'linear_interpolation(rated_power_kw)+table_row' -> '线性插值(rated_power_kw) + 表中对应行'."""
    if not rule:
        return "—"
    parts = []
    for part in str(rule).split("+"):
        name, paren, rest = part.partition("(")
        label = _(RULE_NAMES[name]) if name in RULE_NAMES else name
        parts.append(label + (paren + rest if paren else ""))
    return " + ".join(parts)


def field_name(name: object, product: object = None) -> str:
    """A catalog field's label in the report language ('annual_hours' -> '年运行小时'); else the name."""
    return field_label(str(name), product) or str(name)


def missing_fields_text(fields: list[Any]) -> str:
    """The inputs an item lacks, by label: 'annual_hours' -> '年运行小时'; a threshold the catalog
    lacks ('thr__<indicator>__<tier>') -> '泵效率的节能水平限值'."""
    labels = []
    for name in (str(f) for f in fields):
        parts = name.split("__")
        if len(parts) == 3 and parts[0] == "thr":
            indicator = field_name(parts[1])
            if indicator[
                1:2
            ].islower():  # 'Pump efficiency' mid-sentence reads 'pump efficiency'; 'IPLV' stays
                indicator = indicator[0].lower() + indicator[1:]
            labels.append(
                _("{tier} threshold of {indicator}").format(tier=tier_text(parts[2]), indicator=indicator)
            )
        else:
            labels.append(field_name(name))
    return ("、" if current_language() == "zh" else ", ").join(labels)


def region_name(region: object) -> str:
    """A region as the user gave it ('hunan', '湖南省') by its name in the report language; an unknown
    one as it is."""
    try:
        from ..engine.regions import find_region

        r = find_region(str(region))
    except Exception:  # FactorError for an unknown name: show what the payload says
        return str(region)
    return r.name_zh if current_language() == "zh" else r.name_en
