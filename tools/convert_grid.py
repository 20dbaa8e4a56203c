"""Merge the 2023 grid factors of 公告2025年第47号 into the shipped ``data/grid_factors.csv`` (run once,
kept for review).

Usage: ``python -m tools.convert_grid /path/to/grid_factors_2023_mee_nbs.csv`` (``./dev build-data`` runs it).
Every row of the reference file replaces the shipped row of the same series, region and year (or is
added). Values are copied, never computed. Status: ``verified`` when two or more independent
transcriptions agree (the file's ``transcriptions_seen``), ``single_source`` when only one was seen.
Every row's ``source`` is the citation of the announcement (Chinese) and ``source_en`` its English form;
the copies the number was read from stay in ``provenance`` (a row written before that column existed
keeps its old source text there).
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from retrofit_desktop.engine.regions import DATA_DIR

GRID = DATA_DIR / "grid_factors.csv"
FIELDS = (
    "series",
    "level",
    "region",
    "year",
    "value",
    "unit",
    "status",
    "source",
    "source_en",
    "provenance",
    "note",
    "note_zh",
)
_TBD = "表号待核"
#: (zh, en) citation of the announcement of each data year; numbers not in the stored material carry 待核
ANNOUNCEMENTS = {
    "2021": (
        "生态环境部、国家统计局《关于发布2021年电力二氧化碳排放因子的公告》（公告2024年第12号，2024-04-12）",
        "MEE and NBS, Announcement on the 2021 CO2 emission factors of electricity (Announcement No. 12 of "
        "2024, 2024-04-12)",
    ),
    "2022": (
        "生态环境部、国家统计局《关于发布2022年电力二氧化碳排放因子的公告》（2024-12-20；公告编号待核）",
        "MEE and NBS, Announcement on the 2022 CO2 emission factors of electricity (2024-12-20; announcement "
        "number to be confirmed)",
    ),
}
ETS = (
    "生态环境部办公厅《关于做好2023—2025年发电行业企业温室气体排放报告管理有关工作的通知》（环办气候函〔2023〕43号，"
    "文号待核；2023年2月）：2022年度全国电网平均排放因子 0.5703 tCO2/MWh",
    "General Office of MEE, Notice on the greenhouse gas emission reporting of power generation enterprises "
    "for 2023–2025 (Huan Ban Qi Hou Han [2023] No. 43, number to be confirmed; February 2023): 2022 national "
    "grid average emission factor 0.5703 tCO2/MWh",
)
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
            table_no = r["official_table"].replace("附件", "").replace("表", "").strip()
            out.append(
                {
                    "series": _series(r["series"]),
                    "level": r["level"],
                    "region": region,
                    "year": r["year"],
                    "value": r["value_kgco2_per_kwh"],
                    "unit": r["unit"],
                    "status": "verified" if seen >= 2 else "single_source",
                    "source": f"{r['official_document']}{r['official_table']}",
                    "source_en": "MEE and NBS, Announcement on the 2023 CO2 emission factors of electricity "
                    f"(Announcement No. 47 of 2025, 2025-12-31), annex Table {table_no}",
                    "provenance": f"{r['official_url']}; transcriptions seen: {r['transcriptions_seen']}",
                    "note": "",
                    "note_zh": "",
                }
            )
    return out


def cite(row: dict[str, str]) -> dict[str, str]:
    """A shipped row with the citation of its announcement; its old source text kept as provenance."""
    if row.get("provenance"):
        return row
    if row["series"] == "ets":
        zh, en = ETS
    else:
        zh, en = ANNOUNCEMENTS[row["year"]]
        zh, en = f"{zh}附件（{_TBD}）", f"{en}, annex (table number to be confirmed)"
    return {**row, "source": zh, "source_en": en, "provenance": row["source"]}


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
            out.append(cite(r))
    out.extend(r for r in new if (r["series"], r["region"], r["year"]) not in used)
    return out


def render(rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows({k: r.get(k, "") for k in FIELDS} for r in rows)
    return buf.getvalue().encode("utf-8")


def convert(ref: Path, shipped: Path = GRID) -> bytes:
    with open(shipped, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return render(merge(rows, reference_rows(ref)))


if __name__ == "__main__":  # pragma: no cover
    GRID.write_bytes(convert(Path(sys.argv[1])))
