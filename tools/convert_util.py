"""Helpers for convert_reference: the long row, condition parsing, verification mapping."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from retrofit_desktop.catalog.citations import standard_citation
from retrofit_desktop.catalog.tiertable import N_GRADES, NOT_IN_STANDARD

Cond = tuple  # ("value", "a|b") | ("range", lo, lo_incl, hi, hi_incl) | ("point", x)


@dataclass
class LongRow:
    product: str
    standard_edition: str
    table: str
    row_id: str
    params: list[tuple[str, Cond]]
    indicator: str
    unit: str
    direction: str
    grades: list[str]
    verification: str
    provenance: str  # how the values reached the product (the citation is built from edition and table)
    note: str = ""
    grade_verification: str = ""
    extra: dict = field(default_factory=dict)

    def as_dict(self, n_slots: int) -> dict:
        citation, citation_en = standard_citation(self.standard_edition, self.table)
        d = {
            "product": self.product,
            "standard_edition": self.standard_edition,
            "table": self.table,
            "row_id": self.row_id,
            "indicator": self.indicator,
            "unit": self.unit,
            "direction": self.direction,
            "grade_verification": self.grade_verification,
            "verification": self.verification,
            "source": citation,
            "source_en": citation_en,
            "provenance": self.provenance,
            "note": self.note,
        }
        grades = [*self.grades, *[""] * N_GRADES][:N_GRADES]
        for i, g in enumerate(grades, 1):
            d[f"grade{i}"] = clean_number(g)
        for i in range(1, n_slots + 1):
            for f in ("name", "value", "min", "min_incl", "max", "max_incl"):
                d[f"p{i}_{f}"] = ""
        for i, (name, cond) in enumerate(self.params, 1):
            d[f"p{i}_name"] = name
            if cond[0] == "value":
                d[f"p{i}_value"] = cond[1]
            elif cond[0] == "point":
                x = clean_number(cond[1])
                d.update({f"p{i}_min": x, f"p{i}_min_incl": "1", f"p{i}_max": x, f"p{i}_max_incl": "1"})
            else:
                _, lo, lo_incl, hi, hi_incl = cond
                d[f"p{i}_min"] = "" if lo is None else clean_number(lo)
                d[f"p{i}_min_incl"] = "" if lo is None else ("1" if lo_incl else "0")
                d[f"p{i}_max"] = "" if hi is None else clean_number(hi)
                d[f"p{i}_max_incl"] = "" if hi is None else ("1" if hi_incl else "0")
        return d


def clean_number(v) -> str:
    """'-', '–', '' -> ''; '—' (the standard gives no value, see dash_grades) kept; '3.0' -> '3'; numbers
    are kept exactly as written otherwise."""
    s = str(v).strip()
    if s == NOT_IN_STANDARD:
        return s
    if s in {"", "-", "–", "n/a"}:
        return ""
    f = float(s)
    return str(int(f)) if f.is_integer() else s


_DASH_NOTE = 'standard gives "—"'


def dash_grades(grades: list[str], cell_note: str, limit_only: bool = False) -> list[str]:
    """Blank grade cells the reference says the standard leaves without a value -> '—' (tiertable).

    A cell note 'standard gives "—"' marks the whole row; `limit_only` marks grades 1-2 of a row for
    which the standard states only the limit value (grade 3)."""
    if _DASH_NOTE in cell_note:
        return [g if str(g).strip() else NOT_IN_STANDARD for g in grades]
    if limit_only:
        return [
            g if str(g).strip() or k == len(grades) - 1 else NOT_IN_STANDARD for k, g in enumerate(grades)
        ]
    return grades


_NUM = r"(?:No)?(\d+(?:\.\d+)?)"
_OPS = {
    "<": (False,),
    "≤": (True,),
    "＜": (False,),
    "<=": (True,),
    ">": (False,),
    "≥": (True,),
    ">=": (True,),
}


def parse_interval(text: str) -> Cond:
    """Parse '17700≤Q≤21000', 'V>20', 'No2<机号≤No2.5', '机号≥No10', '≤20t/h', '1.4≤ψ' into a range."""
    s = text.replace("＜", "<").replace("＞", ">").replace("<=", "≤").replace(">=", "≥").strip()
    m = re.fullmatch(rf"{_NUM}\s*([<≤])\s*[^<≤>≥\d]*?\s*([<≤])\s*{_NUM}.*", s)
    if m:
        return ("range", float(m.group(1)), m.group(2) == "≤", float(m.group(4)), m.group(3) == "≤")
    m = re.fullmatch(rf"{_NUM}\s*([<≤])\s*[^<≤>≥\d]*", s)  # '1.4≤ψ'
    if m:
        return ("range", float(m.group(1)), m.group(2) == "≤", None, False)
    m = re.fullmatch(rf"[^<≤>≥\d]*?([<≤>≥])\s*{_NUM}.*", s)
    if m:
        op, x = m.group(1), float(m.group(2))
        if op in "<≤":
            return ("range", None, False, x, op == "≤")
        return ("range", x, op == "≥", None, False)
    raise ValueError(f"cannot parse interval {text!r}")


def map_verification(text: str) -> tuple[str, str]:
    """Reference wording -> (row status, per-grade statuses)."""
    t = text.upper()
    if "EDITION MISMATCH" in t or "EDITION:" in t:
        return "successor_edition", ""
    if t.startswith("CROSS-CHECKED: GRADE2=IE4 AND GRADE3=IE3"):
        return "single_source", "2=verified;3=verified"
    if t.startswith("GRADE1: 2 SOURCES"):
        return "single_source", "1=verified"
    if "SINGLE-SOURCE" in t or "SINGLE SOURCE" in t:
        return "single_source", ""
    raise ValueError(f"unmapped verification text {text!r}")
