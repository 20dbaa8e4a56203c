"""One palette for states, read by the GUI (ui/) and the PDF (report/) alike: hex RGB strings, no Qt.

Say what a colour means (an error, a tier) by its name here; nothing else in the package spells a
state's colour.
"""

from __future__ import annotations

from .domain import Severity, Tier, Verification

#: text of an error: a rejected cell, a failed check, a refused input; the PDF's warning banner
ERROR = "#b2182b"
#: text of a caution: a figure left out, a note the reader should see
WARNING = "#8c510a"
#: text of a check that passed
SUCCESS = "#1a7f37"
#: hints, sources and other secondary text
MUTED = "#555555"

#: a measure on the marginal-abatement-cost curve that saves money over its life / costs money per tCO2
MAC_SAVES = "#1b7837"
MAC_COSTS = "#e08214"

#: a tier in the table, the editor, the charts, the exported workbook and the PDF
TIER_COLOURS: dict[Tier, str] = {
    Tier.ADVANCED: "#1b7837",
    Tier.ENERGY_SAVING: "#7fbc41",
    Tier.ENTRY: "#f1b6da",
    Tier.BELOW_ENTRY: "#d73027",
    Tier.NOT_COVERED: "#bdbdbd",
    Tier.NO_THRESHOLD: "#d9d9d9",
    Tier.NO_VALUE: "#f0f0f0",
}

#: a verification status as a marker (the dot in the equipment table)
VERIFICATION_COLOURS: dict[str, str] = {
    Verification.VERIFIED.value: "#1b7837",
    Verification.SINGLE_SOURCE.value: "#2166ac",
    Verification.UNVERIFIED.value: "#e08214",
    Verification.SUCCESSOR_EDITION.value: "#5e3c99",  # a statement, not a defect: not red
}
#: a verification status as a row background (the catalog browser's tier-table rows)
VERIFICATION_BACKGROUNDS: dict[str, str] = {
    Verification.VERIFIED.value: "#e5f5e0",
    Verification.SINGLE_SOURCE.value: "#fff7bc",
    Verification.UNVERIFIED.value: "#fee0d2",
    Verification.SUCCESSOR_EDITION.value: "#fcbba1",
}
#: a rejected (error) or suspicious (warning) row in the import preview
SEVERITY_BACKGROUNDS: dict[str, str] = {Severity.ERROR.value: "#fddbc7", Severity.WARNING.value: "#fff7bc"}

BLACK, WHITE = "#000000", "#ffffff"


def text_on(background: str) -> str:
    """Black or white, whichever reads better on `background` ("#rrggbb"; perceived luminance)."""
    r, g, b = (int(background.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return BLACK if 0.299 * r + 0.587 * g + 0.114 * b > 140 else WHITE
