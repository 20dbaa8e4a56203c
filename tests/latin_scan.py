"""Find Latin words in text meant to be Chinese (issue 11 C.11): what a zh reader would meet as English.

A word is a run of Latin letters. Allowed are units and symbols (kW, kWh, tce, tCO2, kVA, COP, …),
standard prefixes (GB, GB/T, T/…), single-letter quantity symbols (P, Q, H, n), command literals in
backticks, file names, hex digests and report numbers, and the names of the caller's own data
(asset tags, models, manufacturers: the words of ``names``). Everything else is reported with the
text around it, so a failing test says where the English is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: units, symbols and abbreviations a Chinese technical report writes in Latin letters
ALLOWED = frozenset(
    """
kW kWh MWh GWh W kVA tC MVA kvar kV V A Hz MW GW GJ MJ kJ TJ kgce tce toe tCO kgCO CO MPa kPa Pa
mm cm km kg Nm dB rpm min ppm
COP EER IPLV APF SEER ACOP ACCOP CSPF HSPF ns SP FAD Pk Pkt Pe PN Pn Ps Pu Pw P Q H T
GB DL JB NB HG YB CJ JGJ ISO IEC ICS
SHA PDF JSON CSV
MIIT NDRC
IE IC Yyn Dyn Yzn AEER COPc COPdh COPh qvsg pF kp Pr
LED Ctrl Shift Alt Del Esc Enter Tab
English
""".split()
) - {""}
# IE/IC/Yyn…: motor classes, cooling codes and connection groups of the standards; qvsg pF kp Pr: GB 19761's
# symbols; key names in shortcuts; "English" is the language menu naming English in its own language.

_WORD = re.compile(r"[A-Za-z]+")
#: spans taken out before words are read: command literals, file names, digests, report numbers (web
#: addresses are NOT taken out: a zh reader must not meet one)
_SKIP = [
    re.compile(r"`[^`\n]*`"),  # `retrofit verify`
    re.compile(r"(?<![\w-])--[a-z][a-z-]*"),  # options typed on the command line: --json
    re.compile(r"[\w.-]*\.(?:json|pdf|xlsx|xls|csv|png|pub|key)\b"),  # retrofit-payload.json
    re.compile(r"\b(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b"),  # SHA-256 digests, whole or cut
    re.compile(r"\bRD-[0-9A-F]{6,}\b"),  # report numbers
    re.compile(r"(?<![A-Za-z])T/[A-Z]+"),  # group standards T/CAS …
]


def name_words(values: Iterable[object]) -> set[str]:
    """The Latin words in the user's own data (tags, models, manufacturers, names): these are names."""
    out: set[str] = set()
    for v in values:
        if isinstance(v, str):
            out.update(_WORD.findall(v))
    return out


def latin_words(text: str, names: Iterable[str] = (), allowed: Iterable[str] = ()) -> list[str]:
    """Each offending Latin word with up to 30 characters either side, in text order."""
    ok = ALLOWED | set(names) | set(allowed)
    for pat in _SKIP:
        text = pat.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        w = m.group(0)
        if len(w) == 1 or w in ok:
            continue
        # a unit a PDF table cell wrapped inside ('m³/mi n'): the two pieces read together are allowed
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and not text[m.end() : nxt.start()].strip() and w + nxt.group(0) in ok:
            continue
        found.append(f"{w!r} in …{text[max(0, m.start() - 30) : m.end() + 30]}…".replace("\n", " "))
    return found


def _provenance_in(obj: object, out: set[str]) -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "provenance" and isinstance(v, str):
                out.add(v)
            else:
                _provenance_in(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _provenance_in(v, out)


def provenance_texts(payload: dict | None = None) -> set[str]:
    """How the numbers reached the product (the catalog's rows, the factors, a payload's "provenance"
    fields): transcription paths and notes that are kept, as they are, in the data files and the embedded
    payload only; the report's appendix says the route in words. Scans of text that may quote them (the
    CLI's output) take them out and check everything else, the citations included."""
    from retrofit_desktop.catalog import get_catalog

    out: set[str] = set()
    for spec in get_catalog().products.values():
        for row in spec.rows or ():
            if row.get("provenance"):
                out.add(str(row["provenance"]))
    from retrofit_desktop.engine.factors import _grid_rows

    out.update(r["provenance"] for r in _grid_rows() if r.get("provenance"))
    if payload is not None:
        _provenance_in(payload, out)
    pieces = {p.strip() for s in out for p in s.split("; ")}
    return {p for p in pieces | out if p}


def without(text: str, texts: Iterable[str]) -> str:
    """`text` with every occurrence of each of `texts` blanked out, whatever white space a PDF's line
    wrapping put inside it."""
    for t in sorted(set(texts), key=len, reverse=True):
        if not t.strip():
            continue
        pattern = r"\s*".join(re.escape(ch) for ch in t if not ch.isspace())
        text = re.sub(pattern, " ", text)
    return text
