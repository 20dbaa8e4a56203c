"""Convert the editions-in-force reference and the GB 19762-2025 formula pack into package data.

Usage: ``python -m tools.convert_editions /path/to/reference/catalog`` (run once, kept
for review). Writes ``data/standard_editions.csv`` and ``data/pump_gb19762_2025.csv``. Values and dates
are copied, never computed. The editions the 2024 catalog cites (older than the editions in the data)
come from the reference notes (README §2.2, MORE §3): they are inferred from the dates, not read in the
catalog's annex, which was not found.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

from retrofit_desktop.catalog.citations import standard_citation

DATA = Path(__file__).resolve().parents[1] / "retrofit_desktop" / "catalog" / "data"
EDITION_FIELDS = (
    "series",
    "edition",
    "title_zh",
    "published",
    "effective",
    "replaces",
    "evidence",
    "confidence",
)
PUMP_FIELDS = (
    "row_id",
    "pump_type",
    "q_min",
    "q_min_incl",
    "q_max",
    "q_max_incl",
    "a",
    "b",
    "c",
    "d",
    "e",
    "ci1",
    "ci2",
    "ci3",
    "table",
    "verification",
    "source",
    "source_en",
    "provenance",
)

#: Older editions (the ones the 2024 catalog is taken to cite) and the editions the status file names
#: without a date: (edition, title, published, effective, evidence, confidence); "" = not found.
OLDER = (
    ("GB 18613-2020", "电动机能效限定值及能效等级", "2020-05-29", "2021-06-01", "README S4, S13", "M"),
    ("GB 19153-2019", "容积式空气压缩机能效限定值及能效等级", "", "2020-07-01", "README S7", "M"),
    ("GB 19761-2020", "通风机能效限定值及能效等级", "", "2021-06-01", "README S7", "M"),
    ("GB 24500-2020", "工业锅炉能效限定值及能效等级", "", "2021-06-01", "README S7", "M"),
    (
        "GB 20052-2020",
        "电力变压器能效限定值及能效等级",
        "",
        "",
        "README S12b (effective date not found)",
        "M",
    ),
    (
        "GB 19577-2015",
        "冷水机组能效限定值及能效等级",
        "2015-12-10",
        "2017-01-01",
        "MORE [720] front matter",
        "M",
    ),
    (
        "GB 29540-2013",
        "溴化锂吸收式冷水机组能效限定值及能效等级",
        "",
        "",
        "MORE §3.3 (named as replaced by GB 19577-2024)",
        "M",
    ),
    (
        "GB 30721-2014",
        "水（地）源热泵机组能效限定值及能效等级",
        "",
        "",
        "MORE §3.3 (named as replaced by GB 19577-2024)",
        "M",
    ),
    (
        "GB 37480-2019",
        "低环境温度空气源热泵（冷水）机组能效限定值及能效等级",
        "",
        "",
        "MORE §3.3 (named as replaced by GB 19577-2024)",
        "M",
    ),
    (
        "GB 30254-2013",
        "高压三相笼型异步电动机能效限定值及能效等级",
        "",
        "",
        "MORE §3.4 (exists; values not found)",
        "M",
    ),
    (
        "GB 30253-2013",
        "永磁同步电动机能效限定值及能效等级",
        "",
        "",
        "MORE §3.4 (exists; values not found)",
        "M",
    ),
    (
        "GB 19762-2007",
        "清水离心泵能效限定值及节能评价值",
        "2007-11-02",
        "2008-07-01",
        "MORE [CSN] front matter",
        "M",
    ),
    (
        "GB 30255-2019",
        "室内照明用LED产品能效限定值及能效等级",
        "2019-04-04",
        "",
        "MORE §3.5 (effective date conflicting: 2020-11-01 or 2020-05-01)",
        "L-M",
    ),
)


def _series(edition: str) -> str:
    return edition.rsplit("-", 1)[0]


def edition_rows(status: list[dict[str, str]]) -> list[dict[str, str]]:
    rows = {
        e: {
            "series": _series(e),
            "edition": e,
            "title_zh": t,
            "published": p,
            "effective": f,
            "replaces": "",
            "evidence": ev,
            "confidence": c,
        }
        for e, t, p, f, ev, c in OLDER
    }
    for r in status:
        m = re.match(r"(GB(?:/T)? \d+-\d{4})", r["newer_edition"])
        if not m or r["standard"].startswith("GB/T"):
            continue  # no newer edition, or not a product standard of the catalog
        edition = m.group(1)
        replaced = re.search(r"\(replaces ([^)]*)\)", r["newer_edition"])
        replaces = []
        for part in replaced.group(1).split(";") if replaced else []:
            part = part.strip()
            replaces.append(part if part.startswith("GB") else f"{r['standard']}-{part}")
        if not replaces:  # "GB 20052-2024": the status file names the older edition in the data column
            replaces = [
                f"{r['standard']}-{y}"
                for y in re.findall(r"\b(20\d\d)\b", r["edition_in_catalog_data"])
                if f"{r['standard']}-{y}" != edition
            ][:1]
        title = r["title_zh"].split("->")[-1].strip().split(" (")[0]
        rows[edition] = {
            "series": r["standard"],
            "edition": edition,
            "title_zh": title,
            "published": ""
            if r["newer_published"] in ("—", "") or len(r["newer_published"]) == 4
            else r["newer_published"],
            "effective": r["newer_effective"],
            "replaces": " ".join(replaces),
            "evidence": r["evidence"],
            "confidence": r["confidence"],
        }
    if "GB 19762-2007" in rows and "GB 19762-2025" in rows:
        rows["GB 19762-2025"]["replaces"] = "GB 19762-2007"
    return sorted(rows.values(), key=lambda r: (r["series"], r["edition"]))


def _interval(text: str) -> tuple[str, str, str, str]:
    m = re.fullmatch(r"([\[(])\s*([\d.]+),\s*([\d.]+)([\])]) m³/h", text.strip())
    if not m:
        raise SystemExit(f"unexpected flow range {text!r}")
    return m.group(2), "1" if m.group(1) == "[" else "0", m.group(3), "1" if m.group(4) == "]" else "0"


def pump_rows(pack: list[dict[str, str]]) -> list[dict[str, str]]:
    """The clean-water rows (表3) of the formula pack; the petrochemical rows are not modelled."""
    types = {
        "单级单吸": "single_stage_single_suction",
        "单级双吸": "single_stage_double_suction",
        "管道": "inline",
        "多级": "multistage",
        "轻型多级立式": "light_multistage_vertical",
        "轻型多级卧式": "light_multistage_horizontal",
    }
    out = []
    for r in pack:
        if not r["product"].startswith("清水离心泵"):
            continue
        coeff = dict(re.findall(r"\b([a-e])=(-?[\d.]+)", r["indicator"]))
        q_min, q_min_incl, q_max, q_max_incl = _interval(r["parameters"])
        row_id = re.search(r"\((GB19762-T3-\d+)\)", r["source"]).group(1)
        table = r["standard_table"].split(" (")[0]
        # what users read: the standard and its table, never how the number reached us
        citation, citation_en = standard_citation("GB 19762-2025", table)
        out.append(
            {
                "row_id": row_id,
                "pump_type": types[r["product"].split(" ", 1)[1]],
                "q_min": q_min,
                "q_min_incl": q_min_incl,
                "q_max": q_max,
                "q_max_incl": q_max_incl,
                **{k: coeff[k] for k in "abcde"},
                "ci1": r["grade1"],
                "ci2": r["grade2"],
                "ci3": r["grade3"],
                "table": table,
                "verification": "successor_edition",  # single source, and the successor of the cited edition
                "source": citation,
                "source_en": citation_en,
                "provenance": r["source"],  # the transcription the values were taken from
            }
        )
    return out


def render(rows: list[dict[str, str]], fields: tuple[str, ...]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def convert(ref: Path) -> dict[str, bytes]:
    return {
        "standard_editions.csv": render(
            edition_rows(_read(ref / "standard_editions_status_2026-12.csv")), EDITION_FIELDS
        ),
        "pump_gb19762_2025.csv": render(
            pump_rows(_read(ref / "pump_gb19762_2025_formula_pack.csv")), PUMP_FIELDS
        ),
    }


if __name__ == "__main__":  # pragma: no cover
    for name, data in convert(Path(sys.argv[1])).items():
        (DATA / name).write_bytes(data)
