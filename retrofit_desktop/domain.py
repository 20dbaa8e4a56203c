"""Shared vocabulary of the domain (design.md): tiers, verification status, directions, rejections.

Plain Python, no Qt, no pandas. Every layer uses these names; JSON carries their `.value`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Tier(StrEnum):
    ADVANCED = "advanced"  # 先进水平 (grade 1 unless a pack says otherwise)
    ENERGY_SAVING = "energy_saving"  # 节能水平 (grade 2)
    ENTRY = "entry"  # 准入水平 (grade 3, the mandatory minimum)
    BELOW_ENTRY = "below_entry"  # 低于准入水平
    NOT_COVERED = "not_covered"  # parameters outside the standard's scope, or no tier table
    NO_THRESHOLD = "no_threshold"  # the table cell is empty or '—'
    NO_VALUE = "no_value"  # the item lacks the indicator value


#: Tiers that are thresholds in a tier table, best first.
THRESHOLD_TIERS: tuple[Tier, ...] = (Tier.ADVANCED, Tier.ENERGY_SAVING, Tier.ENTRY)

#: Ordering used to take the worst of several indicators (lower = worse).
TIER_RANK: dict[Tier, int] = {
    Tier.ADVANCED: 3,
    Tier.ENERGY_SAVING: 2,
    Tier.ENTRY: 1,
    Tier.BELOW_ENTRY: 0,
}

#: Display order for tables and charts (best to worst, then the undetermined ones).
TIER_ORDER: tuple[Tier, ...] = (
    Tier.ADVANCED,
    Tier.ENERGY_SAVING,
    Tier.ENTRY,
    Tier.BELOW_ENTRY,
    Tier.NO_THRESHOLD,
    Tier.NOT_COVERED,
    Tier.NO_VALUE,
)

TIER_LABELS: dict[Tier, tuple[str, str]] = {  # (zh, en)
    Tier.ADVANCED: ("先进水平", "Advanced"),
    Tier.ENERGY_SAVING: ("节能水平", "Energy-saving"),
    Tier.ENTRY: ("准入水平", "Entry"),
    Tier.BELOW_ENTRY: ("低于准入水平", "Below entry"),
    Tier.NOT_COVERED: ("不在标准范围", "Not covered"),
    Tier.NO_THRESHOLD: ("无限值", "No threshold"),
    Tier.NO_VALUE: ("缺少能效值", "No value"),
}


class Verification(StrEnum):
    VERIFIED = "verified"  # two independent sources or the official text
    SINGLE_SOURCE = "single_source"  # one credible secondary source
    UNVERIFIED = "unverified"  # recall, inference, or not checked
    #: values from the edition in force, the successor of the edition the catalog cites (a statement, not a
    #: defect); payloads and packs written before this name say "edition_mismatch"
    SUCCESSOR_EDITION = "successor_edition"

    @classmethod
    def _missing_(cls, value: object) -> Verification | None:
        return cls.SUCCESSOR_EDITION if value == "edition_mismatch" else None


#: Strongest first; the weakest status of the rows used is an item's verification.
VERIFICATION_ORDER: tuple[Verification, ...] = (
    Verification.VERIFIED,
    Verification.SINGLE_SOURCE,
    Verification.UNVERIFIED,
    Verification.SUCCESSOR_EDITION,
)

VERIFICATION_LABELS: dict[Verification, tuple[str, str]] = {
    Verification.VERIFIED: ("已核实", "Verified"),
    Verification.SINGLE_SOURCE: ("单一来源", "Single source"),
    Verification.UNVERIFIED: ("未核实", "Unverified"),
    Verification.SUCCESSOR_EDITION: ("依据现行版本", "Edition in force"),
}


def weakest(statuses: list[Verification] | tuple[Verification, ...]) -> Verification:
    """The weakest verification status of several (VERIFIED if there are none)."""
    if not statuses:
        return Verification.VERIFIED
    return max(statuses, key=VERIFICATION_ORDER.index)


class SavingsStatus(StrEnum):
    """An item's ``savings.status`` (engine ``savings_status``); JSON carries the value."""

    OK = "ok"  # the saving is estimated
    INSUFFICIENT_DATA = "insufficient_data"  # an input the method needs is missing (``missing_fields``)
    NOT_APPLICABLE = "not_applicable"  # nothing to save: at or above the target tier, already has a VSD …


class Direction(StrEnum):
    HIGHER = "higher_is_better"
    LOWER = "lower_is_better"


class Severity(StrEnum):
    ERROR = "error"  # the row is rejected
    WARNING = "warning"  # the row is kept, the value is suspicious
    NOTE = "note"  # the row is not equipment (a total row 合计/小计): skipped and reported, not rejected


@dataclass(frozen=True)
class Rejection:
    """A problem with one cell of an input file; `row` is the row number the user sees."""

    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    reason: str
    severity: Severity = Severity.ERROR

    def to_json(self) -> dict[str, object]:
        d = asdict(self)
        d["severity"] = self.severity.value
        return d


def tier_label(tier: Tier | str, lang: str = "zh") -> str:
    zh, en = TIER_LABELS[Tier(tier)]
    return zh if lang.startswith("zh") else en


def verification_label(status: Verification | str, lang: str = "zh") -> str:
    zh, en = VERIFICATION_LABELS[Verification(status)]
    return zh if lang.startswith("zh") else en
