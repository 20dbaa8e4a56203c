"""ProductSpec: one catalog product (schema, standard, tier mapping, rules, tier rows)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..domain import Verification
from .model import BetweenRule, FieldSpec, IndicatorSpec, TierMapping
from .tiertable import N_GRADES, grade_statuses, is_dash

GROUPS: dict[str, tuple[str, str]] = {
    "industrial": ("工业设备", "Industrial equipment"),
    "ict": ("信息通信设备", "ICT equipment"),
    "transport": ("交通运输设备", "Transport equipment"),
    "commercial": ("商用设备", "Commercial equipment"),
    "household": ("家用电器", "Household appliances"),
    "lighting": ("照明器具", "Lighting"),
}


@dataclass(frozen=True)
class ProductSpec:
    id: str
    name_zh: str
    name_en: str
    group: str
    standard: str  # e.g. "GB 18613-2020"
    standard_title_zh: str
    parameters: tuple[FieldSpec, ...]
    indicators: tuple[IndicatorSpec, ...]
    operating_fields: tuple[FieldSpec, ...]
    tier_mapping: TierMapping
    #: is the product named in the 2024 catalog by a source we read?
    membership: Verification
    membership_source: str
    #: edition status of the standard relative to the catalog (the data rows carry their own status)
    edition_note: str = ""
    between_rules: tuple[BetweenRule, ...] = ()
    #: groups of parameters of which one suffices (e.g. boiler capacity in t/h or MW)
    alternates: tuple[tuple[str, ...], ...] = ()
    aliases: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    #: the standard's formula that gives the grade values instead of tier rows (e.g. pumps), "" = none
    formula: str = ""
    #: the standard (or its edition) the catalog cites for this product is still to be confirmed
    standard_to_confirm: bool = False
    #: tier rows of the active edition (filled by the Catalog); list of plain dicts
    rows: tuple[dict[str, Any], ...] = field(default=(), compare=False, repr=False)

    @property
    def has_table(self) -> bool:
        """Can items be graded: tier rows, or the standard's formula (GB 19762-2025 for pumps)."""
        return bool(self.rows) or bool(self.formula)

    def field(self, name: str) -> FieldSpec | None:
        for f in self.parameters + self.operating_fields:
            if f.name == name:
                return f
        return None

    def require_field(self, name: str) -> FieldSpec:
        """The field `name` of this product; KeyError naming the product when it has none."""
        f = self.field(name)
        if f is None:
            raise KeyError(f"{self.id}: no field {name!r}")
        return f

    def indicator(self, name: str) -> IndicatorSpec | None:
        for i in self.indicators:
            if i.name == name:
                return i
        return None

    def between_rule(self, parameter: str) -> BetweenRule | None:
        for r in self.between_rules:
            if r.parameter == parameter:
                return r
        return None

    def verification_counts(self) -> dict[str, int]:
        c = Counter(r["verification"] for r in self.rows)
        return {v.value: c.get(v.value, 0) for v in Verification}

    def cell_verification_counts(self) -> dict[str, int]:
        """Grade cells (non-blank) by status; a row's cells can differ (e.g. grades 2-3 verified)."""
        c: Counter[str] = Counter()
        for r in self.rows:
            for g, status in enumerate(grade_statuses(r)[:N_GRADES], 1):
                v = r.get(f"grade{g}", "")
                if str(v).strip() and not is_dash(v):
                    c[status] += 1
        return {v.value: c.get(v.value, 0) for v in Verification}

    def summary_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "group": self.group,
            "group_zh": GROUPS[self.group][0],
            "standard": self.standard,
            "standard_to_confirm": self.standard_to_confirm,
            "membership": self.membership.value,
            "has_table": self.has_table,
            "formula": self.formula,
            "rows": len(self.rows),
            "verification_counts": self.verification_counts(),
            "cell_verification_counts": self.cell_verification_counts(),
        }

    def to_json(self) -> dict[str, Any]:
        d = self.summary_json()
        d.update(
            {
                "standard_title_zh": self.standard_title_zh,
                "membership_source": self.membership_source,
                "edition_note": self.edition_note,
                "aliases": list(self.aliases),
                "parameters": [p.to_json() for p in self.parameters],
                "indicators": [i.to_json() for i in self.indicators],
                "operating_fields": [f.to_json() for f in self.operating_fields],
                "tier_mapping": self.tier_mapping.to_json(),
                "between_rules": [r.to_json() for r in self.between_rules],
                "alternates": [list(a) for a in self.alternates],
                "notes": list(self.notes),
                "rows": [dict(r) for r in self.rows],
            }
        )
        return d
