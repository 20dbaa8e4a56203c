"""MIIT 《高耗能落后机电设备（产品）淘汰目录》 batches 1-4: match an item's model against the entries.

A model that matches an entry whose condition holds is ``listed`` (the entries are cited). A model
that matches no entry is ``not_listed`` only when the data hold every entry of that product family;
otherwise it is ``unknown`` - a non-match never reads as "not eliminated" when data are missing.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from functools import cache
from pathlib import Path

from ..domain import Verification
from ..i18n import _
from .model import EliminationEntry, EliminationResult

DATA = Path(__file__).resolve().parent / "data"


@cache
def _entries() -> tuple[tuple[EliminationEntry, str, re.Pattern | None, int | None], ...]:
    out = []
    with open(DATA / "elimination_miit.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            entry = EliminationEntry(
                entry_id=r["entry_id"], batch=r["batch"], item_no=r["item_no"], product_name=r["product_name"],
                models=r["models_or_specs"], condition=r["deadline_or_condition"], source=r["source"],
                verification=Verification(r["verification"]),
            )
            pat = re.compile(r["model_pattern"]) if r["model_pattern"] else None
            year = int(r["made_on_or_before"]) if r["made_on_or_before"] else None
            out.append((entry, r["family"], pat, year))
    return tuple(out)


@cache
def coverage() -> dict:
    return json.loads((DATA / "elimination_coverage.json").read_text(encoding="utf-8"))


def normalise_model(model: str) -> str:
    s = unicodedata.normalize("NFKC", str(model)).upper()
    s = re.sub(r"[\u2010-\u2015\u2212－—]", "-", s)
    return re.sub(r"\s+", "", s)


def check_elimination(
    family: str, model: str | None, year_installed: int | None = None, complete_families: set[str] | None = None
) -> EliminationResult:
    """Status of one item; `year_installed` stands in for the year of manufacture (stated in the note)."""
    cov = coverage()["miit_batches_1_4"]
    complete = set(cov["complete_families"]) if complete_families is None else complete_families
    if model is None or not str(model).strip():
        return EliminationResult("unknown", [], _("no model designation given"))
    m = normalise_model(model)
    listed, conditional, excluded = [], [], []
    by_year = False
    for entry, fam, pat, year in _entries():
        if fam != family or pat is None or not pat.search(m):
            continue
        if year is None:
            listed.append(entry)
        elif year_installed is None:
            conditional.append(entry)
        elif int(year_installed) <= year:
            listed.append(entry)
            by_year = True
        else:
            excluded.append((entry, year))
    if listed:
        return EliminationResult("listed", listed, _("year installed used as the year of manufacture") if by_year else "")
    notes = []
    if conditional:
        notes.append(_("matches entries that apply only to units made in or before a year; year unknown"))
    for entry, year in excluded:
        notes.append(_("{entry} applies only to units made in or before {year}").format(entry=entry.entry_id, year=year))
    if family in complete and not conditional:
        return EliminationResult("not_listed", [e for e, _ in excluded], "; ".join(notes))
    notes.append(_("the held data do not cover every entry for this product family ({held} of {total} entries)")
                 .format(held=cov["entries_held"], total=cov["entries_total"]))
    return EliminationResult("unknown", conditional + [e for e, _ in excluded], "; ".join(notes))


def all_entries() -> list[EliminationEntry]:
    return [e for e, *_ in _entries()]
