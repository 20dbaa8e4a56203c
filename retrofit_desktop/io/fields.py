"""What io adds to the catalog's vocabulary (catalog/fields.py, `FieldSpec`: the one definition of every
field): the header index an inventory file is read with, built from the specs' names, labels and
aliases; header keys; money and year words written in headers and cells.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..catalog import UnknownProduct, get_catalog
from ..catalog.catalog import Catalog
from ..catalog.fields import COMMON_FIELDS, RETROFIT_FIELDS, SIGNED_FIELDS
from ..catalog.model import FieldSpec
from ..catalog.spec import ProductSpec
from ..i18n import _
from ..units import UnitError, conversion_factor, normalise_unit

__all__ = [
    "Schema",
    "COMMON_FIELDS",
    "RETROFIT_FIELDS",
    "SIGNED_FIELDS",
    "load_schema",
    "header_key",
    "unit_factor",
    "split_word_unit",
]

#: Units the pint registry does not hold: money in 元 ("CNY") and lifetimes in years ("a"), as words
#: written in headers ('改造投资(万元)') or after numbers ('5万元', '15年') -> factor to the field's unit.
_WORD_UNITS: dict[str, dict[str, float]] = {
    "CNY": {
        "元": 1.0,
        "人民币元": 1.0,
        "人民币": 1.0,
        "cny": 1.0,
        "rmb": 1.0,
        "yuan": 1.0,
        "千元": 1e3,
        "万元": 1e4,
        "万": 1e4,
    },
    "a": {"年": 1.0, "a": 1.0, "year": 1.0, "years": 1.0, "yr": 1.0, "月": 1 / 12, "个月": 1 / 12},
}
WORD_UNITS = frozenset(_WORD_UNITS)  # field units whose numbers may carry such words
_WORD_ORDER = {u: sorted(words, key=len, reverse=True) for u, words in _WORD_UNITS.items()}


def is_word_unit(text: str) -> bool:
    return any(text.strip().lower() in words for words in _WORD_UNITS.values())


def unit_factor(given: str, expected: str) -> float:
    """Like units.conversion_factor, also for money and years; raises UnitError on a mismatch."""
    words = _WORD_UNITS.get(expected)
    g = given.strip()
    if words is not None:
        if g == expected or g.lower() in words:
            return 1.0 if g == expected else words[g.lower()]
        raise UnitError(
            _("unit {unit!r} cannot be converted to {expected!r}").format(unit=given, expected=expected)
        )
    if (is_word_unit(g) or g in _WORD_UNITS) and normalise_unit(expected) == "":
        return 1.0  # '投运年份(年)', a count: the word only names what the number is
    if is_word_unit(g) or g in _WORD_UNITS:
        raise UnitError(
            _("unit {unit!r} cannot be converted to {expected!r}").format(unit=given, expected=expected)
        )
    return conversion_factor(given, expected)


def split_word_unit(text: str, expected: str) -> tuple[str, float]:
    """'5万元' for a CNY field -> ('5', 1e4); text without such a word -> (text, 1.0)."""
    t = text.strip()
    for word in _WORD_ORDER.get(expected, ()):
        if t.lower().endswith(word) and len(t) > len(word):
            return t[: -len(word)].strip(), _WORD_UNITS[expected][word]
    return t, 1.0


def header_key(text: object) -> str:
    """Comparable form of a header or alias: NFKC, lower case, no spaces/underscores/dashes/dots."""
    s = unicodedata.normalize("NFKC", str(text)).lower()
    return re.sub(r"[\s_\-.·:：/]+", "", s)


@dataclass
class Schema:
    """Fields by product plus an alias index; built once per catalog."""

    catalog: Catalog
    products: dict[str, tuple[FieldSpec, ...]]
    common: tuple[FieldSpec, ...] = COMMON_FIELDS
    retrofit: tuple[FieldSpec, ...] = RETROFIT_FIELDS
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # product id -> (zh, en)
    by_name: dict[str, FieldSpec] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # header_key -> field names (priority)

    def fields_of(self, product: str) -> tuple[FieldSpec, ...]:
        return self.products.get(product, ())

    def product_id(self, text: str) -> str | None:
        """Catalog id of a product given by id, Chinese or English name; None when unknown."""
        text = str(text).strip()
        if not text:
            return None
        try:
            return self.catalog.product(text).id
        except UnknownProduct:
            return None


def _spec_fields(spec: ProductSpec) -> tuple[FieldSpec, ...]:
    """A product's input columns: parameters, indicators (as number fields) and operating fields."""
    return (*spec.parameters, *(i.as_field() for i in spec.indicators), *spec.operating_fields)


_CACHE: dict[int, tuple[Catalog, Schema]] = {}


def load_schema(catalog: Catalog | None = None) -> Schema:
    """The header index of `catalog` (default: the active one). A catalog that cannot be loaded is an
    error, not a smaller schema."""
    cat = catalog if catalog is not None else get_catalog()
    hit = _CACHE.get(id(cat))
    if hit is not None and hit[0] is cat:
        return hit[1]
    products = {pid: _spec_fields(spec) for pid, spec in cat.products.items()}
    names = {pid: (spec.name_zh, spec.name_en) for pid, spec in cat.products.items()}
    schema = Schema(cat, products, names=names)
    _index(schema)
    _CACHE[id(cat)] = (cat, schema)
    return schema


def _index(schema: Schema) -> None:
    def add(key_text: str, name: str) -> None:
        key = header_key(key_text)
        if key and name not in schema.aliases.setdefault(key, []):
            schema.aliases[key].append(name)

    for f in (*schema.common, *schema.retrofit):
        schema.by_name[f.name] = f
    for fields in schema.products.values():
        for f in fields:
            schema.by_name.setdefault(f.name, f)
    # Priority: canonical names, then aliases and labels (common columns first).
    for f in schema.by_name.values():
        add(f.name, f.name)
    for f in (*schema.common, *schema.retrofit, *(x for fs in schema.products.values() for x in fs)):
        for text in (*f.aliases, f.label_zh, f.label_en):
            if text:
                add(text, f.name)
