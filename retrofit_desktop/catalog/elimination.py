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
from dataclasses import dataclass, field
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
    pattern: re.Pattern[str] | None
    number_range: tuple[float, ...] | None  # (low, high)
    attrs: dict[str, Any]
    unchecked: str
    made_on_or_before: int | None


def _read(name: str) -> list[dict[str, str]]:
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
def coverage() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "elimination_coverage.json").read_text(encoding="utf-8"))
    return data


def normalise_model(model: str) -> str:
    s = unicodedata.normalize("NFKC", str(model)).upper()
    s = re.sub(r"[\u2010-\u2015\u2212－—]", "-", s)
    return re.sub(r"\s+", "", s)


def _attrs_match(attrs: Mapping[str, Any], params: Mapping[str, Any]) -> bool | None:
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


@dataclass
class _Findings:
    """What the rules of one product family say about one item."""

    listed: list[EliminationEntry] = field(default_factory=list)
    conditional: list[EliminationEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    by_year: bool = False  # listed because the year installed is on or before an entry's year

    def undecided(self, entry: EliminationEntry, note: str) -> None:
        self.conditional.append(entry)
        self.notes.append(note)


def _rule_matches(rule: _Rule, model: str | None, params: Mapping[str, Any]) -> bool | None:
    """Does the item meet the entry's model pattern or parameters (None: parameters missing)?"""
    if rule.pattern is not None:
        if model is None:
            return False
        hit = rule.pattern.search(model)
        if not hit:
            return False
        return not rule.number_range or rule.number_range[0] <= float(hit.group(1)) <= rule.number_range[1]
    if rule.attrs:
        return _attrs_match(rule.attrs, params)
    return False


def _judge_match(rule: _Rule, year_installed: float | None, found: _Findings) -> None:
    """Record an item that meets an entry: listed, or undecided when a condition cannot be checked."""
    label = rule.entry.label(current_language())
    if rule.unchecked:
        found.undecided(
            rule.entry,
            _("{entry}: condition not checked: {condition}").format(entry=label, condition=rule.unchecked),
        )
    elif rule.made_on_or_before is None:
        found.listed.append(rule.entry)
    elif year_installed is None or year_installed != year_installed:  # None or NaN
        found.undecided(
            rule.entry,
            _("matches entries that apply only to units made in or before a year; year unknown"),
        )
    elif int(year_installed) <= rule.made_on_or_before:
        found.listed.append(rule.entry)
        found.by_year = True
    else:
        found.notes.append(
            _("{entry} applies only to units made in or before {year}").format(
                entry=label, year=rule.made_on_or_before
            )
        )


def check_elimination(
    family: str,
    model: str | None,
    year_installed: float | None = None,
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
    found = _Findings()
    for rule in _rules():
        if rule.family != family:
            continue
        match = _rule_matches(rule, m, params)
        if match is None:
            found.undecided(
                rule.entry,
                _("{entry}: parameters needed to decide are missing").format(
                    entry=rule.entry.label(current_language())
                ),
            )
        elif match:
            _judge_match(rule, year_installed, found)
    if found.listed:
        note = _("year installed used as the year of manufacture") if found.by_year else ""
        return EliminationResult("listed", found.listed, note)
    notes = found.notes
    if m is None and not found.conditional:
        notes.insert(0, _("no model designation given"))
    if family in complete and not found.conditional and m is not None:
        return EliminationResult("not_listed", [], "; ".join(notes))
    held = cov["miit_batches_1_4"]
    notes.append(
        _(
            "the held data do not cover every entry for this product family ({held} of {total} entries)"
        ).format(held=held["entries_held"], total=held["entries_total"])
    )
    return EliminationResult("unknown", found.conditional, "; ".join(dict.fromkeys(notes)))


def all_entries() -> list[EliminationEntry]:
    return [r.entry for r in _rules() if r.entry.batch.startswith("第")]


def industry_2024_entries() -> list[EliminationEntry]:
    return [r.entry for r in _rules() if not r.entry.batch.startswith("第")]
