"""Value types of the catalog: product schemas, editions, comparisons and classifications.

Plain dataclasses, no pandas. JSON helpers give design.md's field names.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..domain import Direction, Tier, Verification
from ..i18n import _
from ..values import is_missing
from .choices import Choice, choice_label, resolve_choice
from .citations import elimination_entry_label
from .in_force import JudgedEdition


class UnknownProduct(KeyError):
    """A product name or id the catalog does not know."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return _("unknown catalog product {name}").format(name=repr(self.name))


class PackError(ValueError):
    """An edition pack failed validation; `problems` lists (row, column, message)."""

    def __init__(self, path: str, problems: list[tuple[int | None, str | None, str]]):
        self.path = path
        self.problems = problems
        lines = [_("{path}: {n} problem(s)").format(path=path, n=len(problems))]
        for row, col, msg in problems[:50]:
            where = _("row {row}").format(row=row) if row is not None else _("file")
            if col:
                where += _(", column {column}").format(column=col)
            lines.append(f"  {where}: {msg}")
        super().__init__("\n".join(lines))


def _num(v: Any) -> float | None:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


class FieldKind(StrEnum):
    """What a field holds; a str enum, so `kind == "number"` still reads as before."""

    NUMBER = "number"
    INT = "int"  # a count or a year (quantity, year installed)
    ENUM = "enum"
    TEXT = "text"


@dataclass(frozen=True)
class FieldSpec:
    """One parameter, operating field or common column of a product (canonical English name, base unit).

    The one definition of a field: io builds its header index and the GUI, CLI and report their labels
    from it. `choices` are an enumeration's allowed values with their labels and synonyms; how a written
    value is read is catalog/choices.py's rule.
    """

    name: str
    unit: str
    label_zh: str
    label_en: str
    kind: FieldKind = FieldKind.NUMBER
    choices: tuple[Choice, ...] = ()
    aliases: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    #: enum only: words that name the kind without deciding the value ('螺杆' for a compressor's type)
    generic_words: Mapping[str, str] = field(default_factory=dict)
    #: enum only: value used when the item leaves the field empty (None = required)
    default: str | None = None
    #: the quantity's symbol as a standard writes it (η, P, ψ …); '' when none is used
    symbol: str = ""

    @property
    def allowed(self) -> tuple[str, ...] | None:
        return tuple(c.value for c in self.choices) if self.kind == FieldKind.ENUM else None

    @property
    def value_aliases(self) -> dict[str, str]:
        """enum only: every synonym -> its allowed value."""
        return {s: c.value for c in self.choices for s in c.synonyms}

    def normalise(self, value: Any, user_values: Mapping[str, str] | None = None) -> Any:
        """Canonical form of a raw value: float for numbers, an allowed value for enums, None if empty.

        Raises UnknownChoice (a ValueError) for an enum value that names no allowed value.
        """
        if is_missing(value):
            return None
        if self.kind == FieldKind.NUMBER:
            return _num(value)
        if self.kind == FieldKind.INT:
            x = _num(value)
            return int(x) if x is not None and x.is_integer() else x
        if self.kind == FieldKind.TEXT:
            return _enum_text(value) or None
        return resolve_choice(self, value, user_values)

    def value_label(self, value: str, lang: str | None = None) -> str:
        """The display label of an allowed value in `lang` (default: the current language)."""
        return choice_label(self, value, lang)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "unit": self.unit,
            "label_zh": self.label_zh,
            "label_en": self.label_en,
            "symbol": self.symbol,
            "kind": self.kind.value,
            "allowed": list(self.allowed) if self.allowed else None,
            "allowed_labels_zh": [c.label_zh for c in self.choices] if self.allowed else None,
            "allowed_labels_en": [c.label_en for c in self.choices] if self.allowed else None,
            "aliases": list(self.aliases),
            "min": self.min,
            "max": self.max,
            "default": self.default,
        }


def _enum_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    unit: str
    direction: Direction
    label_zh: str
    label_en: str
    aliases: tuple[str, ...] = ()
    #: plausibility bound: a larger value is refused on import and in the editor (None = the generic
    #: rule, e.g. an efficiency above 100 %); `max_note` says why the bound is what it is
    max: float | None = None
    max_note: str = ""

    def as_field(self) -> FieldSpec:
        """The indicator as an input column (a number in its unit), for the import and the editor."""
        return FieldSpec(
            self.name,
            self.unit,
            self.label_zh,
            self.label_en,
            FieldKind.NUMBER,
            (),
            self.aliases,
            None,
            self.max,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "unit": self.unit,
            "direction": self.direction.value,
            "label_zh": self.label_zh,
            "label_en": self.label_en,
            "aliases": list(self.aliases),
            "max": self.max,
            "max_note": self.max_note,
        }


@dataclass(frozen=True)
class TierMapping:
    """Which grade column of the cited standard each catalog tier uses, with its status."""

    advanced: int | None = 1
    energy_saving: int | None = 2
    entry: int | None = 3
    verification: Verification = Verification.UNVERIFIED
    source: str = ""
    note: str = ""

    def grade(self, tier: str) -> int | None:
        """The grade column of `tier` ("advanced", "energy_saving" or "entry"; KeyError otherwise)."""
        return {"advanced": self.advanced, "energy_saving": self.energy_saving, "entry": self.entry}[tier]

    def to_json(self) -> dict[str, Any]:
        return {
            "advanced": self.advanced,
            "energy_saving": self.energy_saving,
            "entry": self.entry,
            "verification": self.verification.value,
            "source": self.source,
            "note": self.note,
        }


@dataclass(frozen=True)
class BetweenRule:
    """How a value between two tabulated ratings of a parameter is judged."""

    parameter: str
    rule: str  # "linear_interpolation" | "stricter_neighbour"
    verification: Verification
    source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "parameter": self.parameter,
            "rule": self.rule,
            "verification": self.verification.value,
            "source": self.source,
        }


@dataclass(frozen=True)
class EditionInfo:
    id: str
    title_zh: str
    title_en: str
    doc_no: str
    effective: str
    products_total: int
    sha256: str
    source: str = ""  # citation of the notice that issued the catalog (Chinese)
    builtin: bool = True
    source_en: str = ""  # its English form
    #: what the data of this edition are (users read this, never the internal id), in Chinese and English
    data_edition: str = ""
    data_edition_en: str = ""
    provenance: str = ""  # how the data reached the product

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "doc_no": self.doc_no,
            "effective": self.effective,
            "products_total": self.products_total,
            "sha256": self.sha256,
            "source": self.source,
            "builtin": self.builtin,
            "source_en": self.source_en,
            "data_edition": self.data_edition,
            "data_edition_en": self.data_edition_en,
            "provenance": self.provenance,
        }


@dataclass
class Comparison:
    """One indicator of one item against the thresholds of the table row(s) used."""

    indicator: str
    value: float | None
    unit: str
    direction: Direction
    thresholds: dict[str, float | None]
    table: str | None
    row: str | None
    source: str | None
    verification: Verification
    rule: str
    tier: Tier = Tier.NOT_COVERED
    #: tiers ("advanced", "energy_saving", "entry") the standard gives no value for in this row ('—')
    not_in_standard: list[str] = field(default_factory=list)
    source_en: str | None = None  # English form of the citation in ``source``

    def to_json(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "value": self.value,
            "unit": self.unit,
            "direction": self.direction.value,
            "thresholds": dict(self.thresholds),
            "table": self.table,
            "row": self.row,
            "source": self.source,
            "source_en": self.source_en,
            "verification": self.verification.value,
            "rule": self.rule,
            "tier": self.tier.value,
            "not_in_standard": list(self.not_in_standard),
        }


@dataclass
class Classification:
    product: str
    tier: Tier
    verification: Verification
    comparisons: list[Comparison]
    note: str = ""
    rule: str = ""
    edition_id: str = ""
    edition_sha256: str = ""
    #: the standard edition the item was judged by
    judged: JudgedEdition | None = None
    #: the indicator whose comparison decided the tier (None when the item has one indicator)
    decided_by: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "product": self.product,
            "tier": self.tier.value,
            "verification": self.verification.value,
            "rule": self.rule,
            "note": self.note,
            "edition": {"id": self.edition_id, "sha256": self.edition_sha256},
            "decided_by": self.decided_by,
            **(self.judged.to_json() if self.judged is not None else {}),
            "comparisons": [c.to_json() for c in self.comparisons],
        }


@dataclass(frozen=True)
class EliminationEntry:
    entry_id: str
    batch: str
    item_no: str
    product_name: str
    models: str
    condition: str
    source: str  # citation of the list and the entry (Chinese)
    verification: Verification
    source_en: str = ""  # its English form

    def label(self, lang: str) -> str:
        """A short name of the entry for running text (never the internal id)."""
        return elimination_entry_label(self.batch, self.item_no, lang)

    def to_json(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry_id,
            "batch": self.batch,
            "item_no": self.item_no,
            "product_name": self.product_name,
            "models": self.models,
            "condition": self.condition,
            "source": self.source,
            "source_en": self.source_en,
            "verification": self.verification.value,
        }


@dataclass
class EliminationResult:
    status: str  # "listed" | "not_listed" | "unknown"
    entries: list[EliminationEntry]
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "entries": [e.to_json() for e in self.entries], "note": self.note}
