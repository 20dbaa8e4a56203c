"""Which edition of a product's standard judges an item: the one in force on the assessment date, or the
edition the 2024 catalog cites (an inspector's choice).

Reading (docs/catalog.md): the catalog's notice is reported to defer to the product standards' own
provisions, so a tier is judged by the edition of the cited standard in force on the assessment date; the
notice text itself was not found. Dates and successions: ``data/standard_editions.csv``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from ..i18n import _, current_language

DATA = Path(__file__).resolve().parent / "data" / "standard_editions.csv"
MODES = ("in_force", "catalog")

#: Editions the 2024 catalog is taken to cite where the data hold a newer one (inferred from the dates:
#: the catalog took effect 2024-04-01; reference README §2.2 and MORE §3). Other products: spec.standard.
CATALOG_CITED: dict[str, str] = {
    "pump": "GB 19762-2007",
    "transformer": "GB 20052-2020",
    "chiller": "GB 19577-2015",
    "lowtemp_ashp": "GB 37480-2019",
    "water_source_hp": "GB 30721-2014",
    "absorption_chiller": "GB 29540-2013",
    "motor_hv": "GB 30254-2013",
    "pmsm": "GB 30253-2013",
}

#: Row editions whose values also hold for a later edition (beyond the rows labelled with it): the
#: GB 20052-2024 foreword lists no change to the 10 kV losses except grades 1-2 load loss at 2500 kVA,
#: which are blank in the data (reference MORE §3.1).
SAME_VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("transformer", "GB 20052-2024"): ("GB 20052-2020",),
}


@dataclass(frozen=True)
class Edition:
    edition: str  # "GB 19762-2025"
    title_zh: str
    published: str  # ISO date or ""
    effective: str  # ISO date or "" (not found)
    replaces: tuple[str, ...]
    evidence: str
    confidence: str


@dataclass(frozen=True)
class Judging:
    """How tiers are judged: `mode` "in_force" (the edition in force on `on`) or "catalog" (the cited one)."""

    mode: str = "in_force"
    on: date | None = None  # None = today

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(
                _("edition must be one of {allowed}, not {value!r}").format(
                    allowed=", ".join(MODES), value=self.mode
                )
            )

    @property
    def day(self) -> date:
        return self.on or date.today()


@dataclass(frozen=True)
class JudgedEdition:
    """The edition an item of a product is judged by, and where its values are in the data."""

    edition: str | None  # None: no edition known to be in force on that date
    effective: str
    catalog_cited: str
    mode: str
    on: str  # ISO date
    row_editions: tuple[str, ...]  # `standard_edition` labels of the tier rows that hold its values

    @property
    def is_successor(self) -> bool:
        return bool(self.edition) and self.edition != self.catalog_cited

    def to_json(self) -> dict[str, Any]:
        return {
            "standard_edition": self.edition,
            "edition_effective": self.effective or None,
            "catalog_edition_cited": self.catalog_cited,
            "edition_mode": self.mode,
            "assessment_date": self.on,
        }


@cache
def editions() -> dict[str, Edition]:
    with DATA.open(encoding="utf-8", newline="") as fh:
        return {
            r["edition"]: Edition(
                r["edition"],
                r["title_zh"],
                r["published"],
                r["effective"],
                tuple(r["replaces"].split(" GB")) if r["replaces"] else (),
                r["evidence"],
                r["confidence"],
            )
            for r in csv.DictReader(fh)
        }


def _replaces(e: Edition) -> list[str]:
    return [p if p.startswith("GB") else "GB" + p for p in e.replaces]


def successors(edition: str) -> list[str]:
    """`edition` and the editions that replaced it, oldest first."""
    chain, seen = [edition], {edition}
    while True:
        nxt = [e.edition for e in editions().values() if chain[-1] in _replaces(e) and e.edition not in seen]
        if not nxt:
            return chain
        chain.append(nxt[0])
        seen.add(nxt[0])


def catalog_cited(product_id: str, standard: str) -> str:
    return CATALOG_CITED.get(product_id, standard)


def judged_edition(product_id: str, standard: str, judging: Judging) -> JudgedEdition:
    cited = catalog_cited(product_id, standard)
    day = judging.day
    if judging.mode == "catalog":
        edition: str | None = cited
    else:
        edition = None
        for i, e in enumerate(successors(cited)):
            eff = editions().get(e)
            # the cited edition was in force when the catalog took effect even where its own date is not found
            if (eff and eff.effective and date.fromisoformat(eff.effective) <= day) or (
                i == 0 and not (eff and eff.effective)
            ):
                edition = e
    info = editions().get(edition or "")
    rows = (edition, *SAME_VALUES.get((product_id, edition or ""), ())) if edition else ()
    return JudgedEdition(edition, info.effective if info else "", cited, judging.mode, day.isoformat(), rows)


def edition_text(edition: str | None) -> str:
    """'GB 19762-2025' as Chinese documents write it ('GB 19762—2025') in the Chinese edition."""
    if not edition:
        return "—"
    return re.sub(r"(\d)-(\d{4})$", r"\1—\2", edition) if current_language() == "zh" else edition


def edition_line(edition: str | None, effective: str | None, cited: str | None) -> str:
    """'GB 19762—2025（2026-03-01 实施）；《目录》引用 GB 19762—2007' (the cited part only where it
    differs)."""
    if not edition:
        return _("no edition of the standard in the data was in force on that date")
    text = edition_text(edition)
    if effective:
        text = _("{edition} (in force from {date})").format(edition=text, date=effective)
    if cited and cited != edition:
        text = _("{edition}; catalog cites {cited}").format(edition=text, cited=edition_text(cited))
    return text
