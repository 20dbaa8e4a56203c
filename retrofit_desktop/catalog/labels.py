"""Display labels for the catalog's rule codes (traces, tables, the PDF)."""

from __future__ import annotations

import re
from functools import cache

from ..i18n import N_, _, current_language
from .editions import get_catalog
from .fields import RETROFIT_FIELDS
from .model import FieldSpec, IndicatorSpec
from .spec import ProductSpec

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
    """'stricter_neighbour(rated_capacity_kva)+…' -> translated text, the parameter by its label."""
    parts = []
    for part in str(rule).split("+"):
        m = re.fullmatch(r"([a-z_]+)(?:\((.*)\))?(.*)", part.strip())
        if not m or m.group(1) not in RULE_LABELS:
            parts.append(part)
            continue
        text = _(RULE_LABELS[m.group(1)])
        parts.append(f"{text} ({field_label(m.group(2)) or m.group(2)})" if m.group(2) else text)
    return "; ".join(parts)


def _zh(lang: str | None) -> bool:
    return (lang or current_language()).startswith("zh")


def product_label(product: object, lang: str | None = None) -> str:
    """A product's name (id or spec) in `lang` (default: the current language): the one name GUI, CLI
    and report use. An id the catalog does not know is shown as it is."""
    spec = product if isinstance(product, ProductSpec) else get_catalog().products.get(str(product))
    if spec is None:
        return str(product)
    return spec.name_zh if _zh(lang) else spec.name_en


def field_label(name: str, product: object = None, lang: str | None = None) -> str | None:
    """A field's or indicator's label in `lang`: the product's own (labels of a name can differ by
    product: 'cop' is 性能系数 or 制热性能系数), else the first product's that has it; None if unknown."""
    products = get_catalog().products
    spec = products.get(str(product)) if product is not None else None
    first: list[ProductSpec] = [spec] if spec is not None else []
    for p in first + list(products.values()):
        named: tuple[FieldSpec | IndicatorSpec, ...] = (*p.parameters, *p.indicators, *p.operating_fields)
        for f in named:
            if f.name == name:
                return f.label_zh if _zh(lang) else f.label_en
    for f in RETROFIT_FIELDS:
        if f.name == name:
            return f.label_zh if _zh(lang) else f.label_en
    return None


@cache
def _known_notes() -> tuple[str, ...]:
    """Every note text the shipped catalog's products carry (tier mapping, its source, edition note, scope
    notes), longest first so that a note containing another is replaced whole."""

    texts: set[str] = set()
    for spec in get_catalog().products.values():
        texts.update(
            t for t in (spec.tier_mapping.note, spec.tier_mapping.source, spec.edition_note, *spec.notes) if t
        )
    return tuple(sorted(texts, key=len, reverse=True))


def note_text(note: object) -> str:
    """A catalog note (one, or several joined with '; ' as a trace joins them) in the current language.
    The notes are data strings with English msgids (translations in catalog_notes.po); an unknown
    note is shown as it is."""
    from ..i18n import current_language

    text = "" if note is None else str(note)
    if not text or current_language() == "en":
        return text
    try:
        known = _known_notes()
    except Exception:  # no usable catalog: show the note as it is
        return _(text)
    for msgid in known:
        if msgid in text:
            text = text.replace(msgid, "\0" + _(msgid) + "\0")
    pieces = [p for p in text.split("\0")]
    return "".join(p.replace("; ", "；") if p.strip() in ("", ";") else p for p in pieces).strip("；; ")


def standard_text(standard: object) -> str:
    """A product's standard as the catalog writes it, with its English status words translated
    ('GB 21455-2019 (UNVERIFIED)' -> 'GB 21455-2019（未核实）')."""
    from ..domain import Verification, verification_label
    from ..i18n import current_language

    text = "" if standard is None else str(standard)
    label = verification_label(Verification.UNVERIFIED)
    framed = f"（{label}）" if current_language() == "zh" else f" ({label})"
    return text.replace(" (UNVERIFIED)", framed).replace("UNVERIFIED", label)


def edition_name(edition_id: object) -> str:
    """How a catalog edition is named to a reader: the built-in edition's id is an internal code, so a
    Chinese reader sees 「内置参考数据」; an imported pack keeps the id its user gave it."""
    from ..i18n import current_language

    text = "" if edition_id is None else str(edition_id)
    if current_language() == "zh":
        try:
            from .editions import _builtin

            if text == _builtin().edition.id:
                return _("built-in reference data")
        except Exception:  # no usable built-in catalog: the id as it is
            return text
    return text


#: English words inside the catalog's row ids ('T1-630kVA-electrical_steel-Y', '表1-90kW-0.8MPa-liquid')
ROW_ID_WORDS = {
    "electrical_steel": N_("electrical steel"),
    "amorphous": N_("amorphous alloy"),
    "air": N_("air-cooled"),
    "liquid": N_("liquid-cooled"),
    "all": N_("all insulation classes"),
    "gate": N_("minimum gate"),
    "downlight": N_("downlight"),
    "le5W": N_("at most 5 W"),
    "lt3500K": N_("below 3500 K"),
}
_ROW_WORD_RE = re.compile(r"(?<![A-Za-z_])(" + "|".join(map(re.escape, ROW_ID_WORDS)) + r")(?![A-Za-z_0-9])")


def row_text(row_id: object) -> str:
    """A catalog row id for a reader: its English words in the current language (the id in the data and
    the JSON is unchanged; the English edition shows the id as it is)."""
    from ..i18n import current_language

    text = "" if row_id is None else str(row_id)
    if current_language() == "en":
        return text
    return _ROW_WORD_RE.sub(lambda m: _(ROW_ID_WORDS[m.group(1)]), text)
