"""Merge the 2023 grid factors of 公告2025年第47号 into the shipped ``data/grid_factors.csv`` (run once, kept for review).

Usage: ``python -m retrofit_desktop.engine.convert_grid /path/to/grid_factors_2023_mee_nbs.csv``.
Every row of the reference file replaces the shipped row of the same series, region and year (or is
added). Values are copied, never computed. Status: ``verified`` when two or more independent
transcriptions agree (the file's ``transcriptions_seen``), ``single_source`` when only one was seen.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from .regions import DATA_DIR

GRID = DATA_DIR / "grid_factors.csv"
FIELDS = ("series", "level", "region", "year", "value", "unit", "status", "source", "note", "note_zh")
LEVELS = ("national", "regional", "province")


def _series(text: str) -> str:
    return text.split("(")[0].strip()  # "residual (不包括…)" -> "residual"


def _region_ids() -> dict[tuple[str, str], str]:
    with (DATA_DIR / "regions.csv").open(encoding="utf-8", newline="") as fh:
        return {(r["level"], r["name_zh"]): r["id"] for r in csv.DictReader(fh)}


def reference_rows(ref: Path) -> list[dict[str, str]]:
    """The reference file's rows in the shipped format."""
    ids = _region_ids()
    out = []
    with open(ref, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            region = ids[(r["level"], r["region_zh"])]
            if r["unit"] != "kgCO2/kWh":
                raise SystemExit(f"{r['region_zh']}: unexpected unit {r['unit']!r}")
            seen = len(r["transcriptions_seen"].split())
            out.append({
                "series": _series(r["series"]),
                "level": r["level"],
                "region": region,
                "year": r["year"],
                "value": r["value_kgco2_per_kwh"],
                "unit": r["unit"],
                "status": "verified" if seen >= 2 else "single_source",
                "source": f"{r['official_document']}{r['official_table']}；{r['official_url']}",
                "note": "",
                "note_zh": "",
            })
    return out


def merge(shipped: list[dict[str, str]], new: list[dict[str, str]]) -> list[dict[str, str]]:
    """Shipped rows with `new` replacing rows of the same (series, region, year); others appended."""
    by_key = {(r["series"], r["region"], r["year"]): r for r in new}
    out, used = [], set()
    for r in shipped:
        key = (r["series"], r["region"], r["year"])
        if key in by_key:
            old = by_key[key]
            out.append({**old, "note": r["note"], "note_zh": r["note_zh"]})  # keep the cross-check notes
            used.add(key)
        else:
            out.append(r)
    out.extend(r for r in new if (r["series"], r["region"], r["year"]) not in used)
    return out


def _cell(name: str, value: str) -> str:
    if value == "":
        return ""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([value])
    text = buf.getvalue()
    if name == "source" and not text.startswith('"'):  # the shipped file quotes every source
        text = '"' + value.replace('"', '""') + '"'
    return text


def render(rows: list[dict[str, str]]) -> bytes:
    lines = [",".join(FIELDS)]
    lines += [",".join(_cell(k, r.get(k, "")) for k in FIELDS) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def convert(ref: Path, shipped: Path = GRID) -> bytes:
    with open(shipped, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return render(merge(rows, reference_rows(ref)))


if __name__ == "__main__":  # pragma: no cover
    GRID.write_bytes(convert(Path(sys.argv[1])))
