"""Region names (English and Chinese) and the province → grid-region mapping.

Data: ``engine/data/regions.csv``. The province → region mapping carries the status of
methods.md 1.2 (unverified: the exact provinces of each region are not confirmed).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..domain import Verification
from ..i18n import _

DATA_DIR = Path(__file__).resolve().parent / "data"


class FactorError(ValueError):
    """A factor or region that cannot be resolved (unknown name, year not available, bad value)."""


@dataclass(frozen=True)
class Region:
    id: str
    level: str  # national | regional | province
    name_en: str
    name_zh: str
    grid_region: str | None  # provinces only
    status: Verification
    source: str  # citation of the region's basis (Chinese, as users read it)
    note: str
    provenance: str = ""  # how the mapping reached the product


_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "电网", "区域", "省", "市")


def _norm(name: str) -> str:
    s = name.strip().lower().replace("_", " ").replace("-", " ")
    s = re.sub(r"\s+", " ", s)
    for suffix in (" province", " grid", " region"):
        if s.endswith(suffix):
            s = s[: -len(suffix)]
    for suffix in _SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[: -len(suffix)]
    return s


@cache
def regions() -> dict[str, Region]:
    out: dict[str, Region] = {}
    with (DATA_DIR / "regions.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["id"]] = Region(
                id=row["id"],
                level=row["level"],
                name_en=row["name_en"],
                name_zh=row["name_zh"],
                grid_region=row["grid_region"] or None,
                status=Verification(row["status"]),
                source=row["source"],
                note=row["note"],
                provenance=row.get("provenance") or "",
            )
    return out


@cache
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    with (DATA_DIR / "regions.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names = [row["id"], row["name_en"], row["name_zh"], *filter(None, row["aliases"].split("|"))]
            for n in names:
                index[_norm(n)] = row["id"]
    return index


def find_region(name: str | None) -> Region:
    """Region by id, English or Chinese name or alias (``hunan``, ``湖南``, ``湖南省``, ``华中``, ``全国``).

    ``None`` or an empty name means national. Raises FactorError for an unknown name.
    """
    if name is None or not str(name).strip():
        return regions()["national"]
    rid = _alias_index().get(_norm(str(name)))
    if rid is None:
        known = ", ".join(f"{r.id}/{r.name_zh}" for r in regions().values() if r.level != "province")
        raise FactorError(
            _(
                "Unknown region {name!r}: give a province (e.g. hunan/湖南), a grid region ({known}) or "
                "national/全国"
            ).format(name=name, known=known)
        )
    return regions()[rid]


def fallback_chain(region: Region) -> list[Region]:
    """The levels to try, most specific first: province → its grid region → national."""
    chain = [region]
    if region.level == "province" and region.grid_region:
        chain.append(regions()[region.grid_region])
    if region.level != "national":
        chain.append(regions()["national"])
    return chain
