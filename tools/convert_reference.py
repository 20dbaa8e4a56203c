"""Convert the research reference CSVs into the shipped long tier table (run once, kept for review).

Usage: ``python -m tools.convert_reference /path/to/reference/catalog`` (``./dev build-data`` runs it).
Writes ``retrofit_desktop/catalog/data/tiers_2024.csv`` and ``elimination_miit.csv``. Values are
copied, never computed (transformer losses are already in W in the 2020 file); blank and '—'
cells stay blank. Every row keeps its source and a verification status mapped from the
reference's own wording (SINGLE-SOURCE -> single_source; "2 SOURCES"/"CROSS-CHECKED" ->
verified for the grades the file names; newer edition than the cited one -> successor_edition).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from retrofit_desktop.catalog.citations import miit_elimination_citation
from retrofit_desktop.catalog.tiertable import all_columns

from .convert_elimination import RULES
from .convert_hvac import CONVERTERS as HVAC
from .convert_products import CONVERTERS as INDUSTRIAL
from .convert_util import LongRow

DATA = Path(__file__).resolve().parents[1] / "retrofit_desktop" / "catalog" / "data"


def convert(ref: Path) -> list[LongRow]:
    rows: list[LongRow] = []
    for filename, fn in INDUSTRIAL + HVAC:
        with open(ref / filename, encoding="utf-8", newline="") as fh:
            rows.extend(fn(list(csv.DictReader(fh))))
    ids = [(r.product, r.row_id, r.indicator) for r in rows]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate row ids in conversion")
    return rows


def write_long(rows: list[LongRow], path: Path) -> None:
    n_slots = max(len(r.params) for r in rows)
    cols = all_columns(n_slots)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r.as_dict(n_slots))


def convert_elimination(ref: Path, out: Path) -> int:
    src = ref / "elimination_catalogue_miit_batches1-4_partial.csv"
    with open(src, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = [
        "entry_id",
        "batch",
        "item_no",
        "device_type",
        "product_name",
        "models_or_specs",
        "reason",
        "deadline_or_condition",
        "standard_basis",
        "family",
        "model_pattern",
        "made_on_or_before",
        "match_note",
        "verification",
        "verification_note",
        "source",
        "source_en",
        "provenance",
    ]
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for r in rows:
            family, pattern, year, match_note = RULES.get(r["entry_id"], ("", "", None, "no model rule"))
            citation, citation_en = miit_elimination_citation(r["batch"], r["item_no"])
            w.writerow(
                {
                    **{k: r.get(k, "") for k in fields},
                    "family": family,
                    "model_pattern": pattern,
                    "made_on_or_before": year or "",
                    "match_note": match_note,
                    "verification": "single_source",
                    "verification_note": re.sub(r"\s+", " ", r["verification"]),
                    "source": citation,
                    "source_en": citation_en,
                    "provenance": r["source"],
                }
            )
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__)
        return 2
    ref = Path(argv[0])
    rows = convert(ref)
    DATA.mkdir(exist_ok=True)
    write_long(rows, DATA / "tiers_2024.csv")
    n_elim = convert_elimination(ref, DATA / "elimination_miit.csv")
    print(f"wrote {len(rows)} tier rows and {n_elim} elimination entries to {DATA}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
