"""Where the numbers of a standard table came from: one line per table for the report's appendix
「数据来源与核实状态」 (the citation users read is each row's ``source``; this is the transcription chain)."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .pump_formula import DATA as PUMP_DATA
from .pump_formula import EDITION as PUMP_EDITION


@dataclass(frozen=True)
class TableSource:
    """One standard table as the appendix shows it."""

    table: str  # "GB 18613-2020 表1"
    source: str  # the citation (Chinese)
    source_en: str
    provenance: str  # the transcription the values were taken from, summarised over the table's rows
    rows: int
    table_en: str = ""  # the table's name in English, where it differs

    def to_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "source": self.source,
            "source_en": self.source_en,
            "provenance": self.provenance,
            "rows": self.rows,
            "table_en": self.table_en or self.table,
        }


def summarise(texts: Iterable[str]) -> str:
    """Distinct provenance strings of one table in one line: the single string, or what every row's string
    begins with (cut at a word boundary) and '…' where the rows differ (a record id, a page)."""
    distinct = list(dict.fromkeys(t for t in texts if t))
    if len(distinct) <= 1:
        return distinct[0] if distinct else ""
    prefix = os.path.commonprefix(distinct)
    cut = max(prefix.rfind(c) for c in " /(（;；")
    prefix = prefix[: cut + 1].rstrip() if cut > 0 else prefix
    return f"{prefix} …" if prefix else "; ".join(distinct[:2]) + " …"


def table_source(rows: Iterable[dict[str, Any]], table: str) -> TableSource | None:
    """The appendix line of ``table`` ("<standard edition> <table>") from a product's tier rows."""
    mine = [r for r in rows if f"{r.get('standard_edition')} {r.get('table')}" == table]
    if not mine and table.startswith(PUMP_EDITION):
        with PUMP_DATA.open(encoding="utf-8", newline="") as fh:
            mine = [
                {**r, "standard_edition": PUMP_EDITION}
                for r in csv.DictReader(fh)
                if f"{PUMP_EDITION} {r['table']}" == table
            ]
    if not mine:
        return None
    return TableSource(
        table=table,
        source="; ".join(dict.fromkeys(str(r.get("source") or "") for r in mine if r.get("source"))),
        source_en="; ".join(dict.fromkeys(str(r.get("source_en") or "") for r in mine if r.get("source_en"))),
        provenance=summarise(str(r.get("provenance") or "") for r in mine),
        rows=len(mine),
    )
