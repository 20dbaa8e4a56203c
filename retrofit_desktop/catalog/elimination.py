"""Elimination lists: MIIT 《高耗能落后机电设备（产品）淘汰目录》 batches 1-4 and the equipment items of
《产业结构调整指导目录（2024年本）》 淘汰类 that could be sourced.

A model (or, for capacity/fuel entries, the item's parameters) that meets an entry whose conditions
hold is ``listed`` (the entries are cited). A match whose condition cannot be checked (year unknown,
a voltage or grate type the item does not record) is ``unknown`` with the entry cited. No match is
``not_listed`` only when the data hold every entry of that product family; otherwise ``unknown`` - a
non-match never reads as "not eliminated" when data are missing.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..domain import Verification
from ..i18n import _, current_language
from .citations import miit_list_citation
from .model import EliminationEntry, EliminationResult
from .provenance import TableSource, summarise

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class _Rule:
    entry: EliminationEntry
    family: str
    pattern: re.Pattern | None
    number_range: tuple[float, ...] | None  # (low, high)
    attrs: dict
    unchecked: str
    made_on_or_before: int | None


def _read(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def _rules() -> tuple[_Rule, ...]:
    out = []
    for r in _read("elimination_miit.csv"):
        entry = EliminationEntry(
            entry_id=r["entry_id"],
            batch=r["batch"],
            item_no=r["item_no"],
            product_name=r["product_name"],
            models=r["models_or_specs"],
            condition=r["deadline_or_condition"],
            source=r["source"],
            verification=Verification(r["verification"]),
            source_en=r.get("source_en") or "",
        )
        year = int(r["made_on_or_before"]) if r["made_on_or_before"] else None
        out.append(
            _Rule(
                entry,
                r["family"],
                re.compile(r["model_pattern"]) if r["model_pattern"] else None,
                None,
                {},
                "",
                year,
            )
        )
    for r in _read("elimination_industry_2024.csv"):
        entry = EliminationEntry(
            entry_id=r["entry_id"],
            batch="产业结构调整指导目录（2024年本）淘汰类",
            item_no=r["item_no"],
            product_name=r["text_zh"],
            models=r["text_zh"],
            condition=r["unchecked_conditions"],
            source=r["source"],
            verification=Verification(r["verification"]),
            source_en=r.get("source_en") or "",
        )
        rng = tuple(float(x) for x in r["number_range"].split("-")) if r["number_range"] else None
        out.append(
            _Rule(
                entry,
                r["family"],
                re.compile(r["model_pattern"]) if r["model_pattern"] else None,
                rng,
                json.loads(r["attr_conditions"]) if r["attr_conditions"] else {},
                r["unchecked_conditions"],
                None,
            )
        )
    return tuple(out)


def list_sources() -> list[TableSource]:
    """One appendix line per elimination list: its citation and where the entries were transcribed from."""
    out = []
    miit = _read("elimination_miit.csv")
    out.append(
        TableSource(
            table="高耗能落后机电设备（产品）淘汰目录（第一批～第四批）",
            source=miit_list_citation()[0],
            source_en=miit_list_citation()[1],
            provenance=summarise(r.get("provenance") or "" for r in miit),
            rows=len(miit),
            table_en="MIIT elimination catalogue, batches 1–4",
        )
    )
    isc = _read("elimination_industry_2024.csv")
    out.append(
        TableSource(
            table="产业结构调整指导目录（2024年本）淘汰类",
            source=isc[0]["source"],
            source_en=isc[0].get("source_en") or "",
            provenance=summarise(r.get("provenance") or "" for r in isc),
            rows=len(isc),
            table_en="Guiding Catalogue for Industrial Structure Adjustment (2024), phase-out category",
        )
    )
    return out


@cache
def coverage() -> dict:
    return json.loads((DATA / "elimination_coverage.json").read_text(encoding="utf-8"))


def normalise_model(model: str) -> str:
    s = unicodedata.normalize("NFKC", str(model)).upper()
    s = re.sub(r"[\u2010-\u2015\u2212－—]", "-", s)
    return re.sub(r"\s+", "", s)


def _attrs_match(attrs: dict, params: Mapping[str, Any]) -> bool | None:
    """True / False, or None when a parameter the entry needs is missing."""
    for key, want in attrs.items():
        if key.endswith("_max"):
            name = key[: -len("_max")]
            v = params.get(name)
            if v is None or v != v:
                return None
            if float(v) > float(want):
                return False
        else:
            v = params.get(key)
            if v is None or v != v:
                return None
            if v not in want:
                return False
    return True


def check_elimination(
    family: str,
    model: str | None,
    year_installed: int | None = None,
    params: Mapping[str, Any] | None = None,
    complete_families: set[str] | None = None,
) -> EliminationResult:
    """Status of one item; `year_installed` stands in for the year of manufacture (the note says so)."""
    cov = coverage()
    complete = (
        set(cov["miit_batches_1_4"]["complete_families"]) if complete_families is None else complete_families
    )
    params = params or {}
    m = normalise_model(model) if model is not None and str(model).strip() else None
    listed, conditional, notes = [], [], []
    by_year = False
    for rule in _rules():
        if rule.family != family:
            continue
        if rule.pattern is not None:
            if m is None:
                continue
            hit = rule.pattern.search(m)
            if not hit:
                continue
            if rule.number_range and not (
                rule.number_range[0] <= float(hit.group(1)) <= rule.number_range[1]
            ):
                continue
        elif rule.attrs:
            ok = _attrs_match(rule.attrs, params)
            if ok is False:
                continue
            if ok is None:
                conditional.append(rule.entry)
                notes.append(
                    _("{entry}: parameters needed to decide are missing").format(
                        entry=rule.entry.label(current_language())
                    )
                )
                continue
        else:
            continue
        if rule.unchecked:
            conditional.append(rule.entry)
            notes.append(
                _("{entry}: condition not checked: {condition}").format(
                    entry=rule.entry.label(current_language()), condition=rule.unchecked
                )
            )
        elif rule.made_on_or_before is None:
            listed.append(rule.entry)
        elif year_installed is None or year_installed != year_installed:
            conditional.append(rule.entry)
            notes.append(_("matches entries that apply only to units made in or before a year; year unknown"))
        elif int(year_installed) <= rule.made_on_or_before:
            listed.append(rule.entry)
            by_year = True
        else:
            notes.append(
                _("{entry} applies only to units made in or before {year}").format(
                    entry=rule.entry.label(current_language()), year=rule.made_on_or_before
                )
            )
    if listed:
        return EliminationResult(
            "listed", listed, _("year installed used as the year of manufacture") if by_year else ""
        )
    if m is None and not conditional:
        notes.insert(0, _("no model designation given"))
    if family in complete and not conditional and m is not None:
        return EliminationResult("not_listed", [], "; ".join(notes))
    held = cov["miit_batches_1_4"]
    notes.append(
        _(
            "the held data do not cover every entry for this product family ({held} of {total} entries)"
        ).format(held=held["entries_held"], total=held["entries_total"])
    )
    return EliminationResult("unknown", conditional, "; ".join(dict.fromkeys(notes)))


def all_entries() -> list[EliminationEntry]:
    return [r.entry for r in _rules() if r.entry.batch.startswith("第")]


def industry_2024_entries() -> list[EliminationEntry]:
    return [r.entry for r in _rules() if not r.entry.batch.startswith("第")]
