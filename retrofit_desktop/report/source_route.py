"""How the values of a data table reached this software, in words (the last column of the appendix
「数据来源与核实状态」).

The payload's ``data_sources[].provenance`` names repository paths, web reprints and internal notes; a
reader of the report gets the route they describe instead (a third-party transcription, a reprint, an
official text, a convention), with what is known of its check against the official text. The raw
provenance stays in the embedded payload.
"""

from __future__ import annotations

import re
from enum import Enum

from ..domain import Verification
from ..i18n import N_, _


class Route(Enum):
    """The ways values reach the catalog and the factor tables."""

    USER_TEXT = N_("Entered from entries compiled by a third party, who checked them against the list's text")
    REPRINT = N_("Taken from a published reprint of the document")
    OFFICIAL = N_("Entered from the official text published by the issuing authority")
    TRANSCRIPTION = N_("Entered from a third-party transcription of the official text")
    CONSTANT = N_("A physical constant or engineering value")
    CONVENTION = N_("A common convention or assumed value, not taken from an official text")
    COMPILED = N_("Compiled from published material")


#: (route, pattern of its provenance notes), first match wins
_PATTERNS: tuple[tuple[Route, re.Pattern[str]], ...] = (
    (Route.USER_TEXT, re.compile(r"user-provided", re.I)),
    (Route.REPRINT, re.compile(r"\breprint|as quoted in|qbook", re.I)),
    (Route.OFFICIAL, re.compile(r"^https?://[^\s;]*\.gov\.cn", re.I)),
    (Route.CONSTANT, re.compile(r"CGPM|standard gravity|engineering convention", re.I)),
    (
        Route.CONVENTION,
        re.compile(r"assumption|convention|recall|no stored source|typical|no coefficient", re.I),
    ),
    (
        Route.TRANSCRIPTION,
        re.compile(r"@[0-9a-f]{7,}|\bsrc/|\[EQ-|code repositor|transcri|third part|search index", re.I),
    ),
)

#: what the verification status says of the check, per status (None: nothing to add)
_CHECK: dict[Verification, str] = {
    Verification.VERIFIED: N_("checked against the official text"),
    Verification.SINGLE_SOURCE: N_("one source only, not yet checked item by item against the official text"),
    Verification.SUCCESSOR_EDITION: N_("not yet checked item by item against the official text"),
    Verification.UNVERIFIED: N_("not verified"),
}
#: routes whose status adds nothing to say about a check against an official text
_NO_CHECK = {Route.CONSTANT}
#: routes that say how far they were checked themselves (an assumed value is not checked against a text;
#: compiled entries were checked by their compilers): only "not verified" is added
_UNVERIFIED_ONLY = {Route.CONVENTION, Route.USER_TEXT}


def route_of(provenance: object) -> Route:
    text = str(provenance or "")
    return next((route for route, pattern in _PATTERNS if pattern.search(text)), Route.COMPILED)


def route_text(provenance: object, verification: object) -> str:
    """The route of a data table in the report's language, and its check when the status tells it."""
    route = route_of(provenance)
    words = _(route.value)
    try:
        status = Verification(str(verification))
    except ValueError:
        return words
    if route in _NO_CHECK or (route is Route.OFFICIAL and status is Verification.VERIFIED):
        return words
    if route in _UNVERIFIED_ONLY and status is not Verification.UNVERIFIED:
        return words
    check = _CHECK.get(status)
    if check is None:
        return words
    return _("{route}; {check}").format(route=words, check=_(check))
