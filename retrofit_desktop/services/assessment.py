"""One typed assessment result: the items as columns, comparisons as a long table, a typed summary.

`Assessment` is what `services.assessment()` produces and what the CLI, the JSON writer and the
export read; `Assessment.to_payload()` gives the design.md JSON schema-1 dict (the report embeds it,
the GUI views and `verify` read it), built from the same columns as the streamed JSON
(`assessment_json.write_json`), so the two cannot differ.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..domain import Rejection, Tier
from .assessment_keys import EDITION_KEYS
from .jsonsafe import jsonable


@dataclass(frozen=True)
class Factors:
    """The factors an assessment used, each with its value, unit, source and status (engine FactorSet
    JSON)."""

    factors: dict[str, Any]
    grid_resolution: dict[str, Any] | None
    json: dict[str, Any]

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Factors | None:
        if not isinstance(data, Mapping):
            return None
        table = data.get("factors")
        grid = data.get("grid_resolution")
        return cls(
            dict(table if isinstance(table, Mapping) else data),
            dict(grid) if isinstance(grid, Mapping) and grid else None,
            dict(data),
        )

    def value(self, key: str) -> float | None:
        f = self.factors.get(key)
        return f.get("value") if isinstance(f, Mapping) else None


@dataclass
class Summary:
    """Row counts, tier and elimination counts and the engine's totals (JSON ``summary``)."""

    read: int
    imported: int
    rejected: int
    by_tier: dict[str, int]
    elimination: dict[str, int]
    #: the engine's summary as JSON (kwh, tce, tco2, cny, by_product, mac_curve, factors, notes, ...)
    totals: dict[str, Any] = field(default_factory=dict)
    total_rows: int = 0  # 合计/小计 rows skipped (not equipment)

    @property
    def kwh(self) -> float | None:
        return self.totals.get("kwh")

    @property
    def tce_calorific(self) -> float | None:
        return (self.totals.get("tce") or {}).get("calorific")

    @property
    def tce_equivalent(self) -> float | None:
        return (self.totals.get("tce") or {}).get("equivalent")

    @property
    def tco2(self) -> float | None:
        return self.totals.get("tco2")

    @property
    def cny(self) -> float | None:
        return self.totals.get("cny")

    @property
    def notes(self) -> list[str]:
        return list(self.totals.get("notes") or [])

    @property
    def factors(self) -> Factors | None:
        return Factors.from_json(self.totals.get("factors"))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "read": self.read,
            "imported": self.imported,
            "rejected": self.rejected,
            "by_tier": dict(self.by_tier),
            "elimination": dict(self.elimination),
            "total_rows": self.total_rows,
        }
        for key, value in self.totals.items():
            out.setdefault(key, value)
        out.setdefault("tce", {"calorific": None, "equivalent": None})
        for key in ("kwh", "tco2", "cny", "factors"):
            out.setdefault(key, None)
        return out


@dataclass
class Assessment:
    """An assessment's items (one row each: identity, classification, savings and finance columns),
    their comparisons (a long table: `catalog.trace_frame` columns, `item` = position in `items`),
    elimination results, the summary and the rejected cells."""

    header: dict[str, Any]  # schema, software_version, generated_at, catalog, options, traces, enterprise
    items: pd.DataFrame
    finance_columns: tuple[str, ...]
    comparisons: pd.DataFrame
    elimination_code: np.ndarray  # per item: index into `elimination_results`
    elimination_results: list[dict[str, Any]]
    summary: Summary
    rejected: list[Rejection]
    warnings: list[Rejection]
    inputs: pd.DataFrame
    imports: list[dict[str, Any]] | None = None
    total_rows: list[Rejection] = field(default_factory=list)  # 合计/小计 rows: skipped, not equipment
    catalog: Any = None  # the catalog the items were judged by (for the data-sources lines)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def traces(self) -> bool:
        return bool(self.header.get("traces"))

    def below_entry(self) -> pd.DataFrame:
        return self.items[self.items["tier"] == Tier.BELOW_ENTRY.value]

    def editions_by_product(self) -> dict[str, tuple[Any, Any, Any]]:
        """The edition each product present was judged by: (standard_edition, effective, cited)."""
        seen: dict[str, tuple[Any, Any, Any]] = {}
        items = self.items
        if "product" not in items.columns:
            return seen
        firsts = items.drop_duplicates("product")
        for rec in firsts[["product", *EDITION_KEYS]].itertuples(index=False, name=None):
            product, *ed = (jsonable(v) for v in rec)
            if product and (ed[0] or ed[2]):
                seen[product] = (ed[0], ed[1], ed[2])
        return seen

    # -- JSON -------------------------------------------------------------------------------
    def iter_item_json(self, chunk: int = 20_000, shared: bool = False) -> Iterator[dict[str, Any]]:
        """Each item's schema-1 JSON dict, a chunk of items at a time (memory stays flat): parsed from
        the texts `assessment_json.write_json` writes. `shared` is kept for callers; no dict is shared."""
        from .assessment_json import item_dicts

        for start in range(0, len(self.items), chunk):
            yield from item_dicts(self, start, min(start + chunk, len(self.items)), shared)

    def iter_input_json(self, chunk: int = 20_000) -> Iterator[dict[str, Any]]:
        """The input rows as JSON dicts, missing values left out (payload ``inputs``)."""
        from .assessment_json import input_dicts

        for start in range(0, len(self.inputs), chunk):
            yield from input_dicts(self.inputs, start, min(start + chunk, len(self.inputs)))

    def tail_json(self) -> dict[str, Any]:
        """The payload's keys after ``items`` and ``inputs`` (small)."""
        out: dict[str, Any] = {
            "summary": self.summary.to_json(),
            "rejected": [r.to_json() for r in self.rejected],
            "warnings": [w.to_json() for w in self.warnings],
            "total_rows": [t.to_json() for t in self.total_rows],
        }
        if self.catalog is not None:
            from .data_sources import data_sources_of

            # one line per table of data used: citation, status and provenance (the report's appendix)
            out["data_sources"] = jsonable(data_sources_of(self.catalog, self))
        return out

    def to_payload(self) -> dict[str, Any]:
        """The whole schema-1 payload as one dict (what the report embeds and the GUI reads)."""
        tail = self.tail_json()
        payload = {
            **self.header,
            "items": list(self.iter_item_json()),
            **tail,
            "inputs": list(self.iter_input_json()),
            "input_columns": [str(c) for c in self.inputs.columns],
        }
        if self.imports is not None:
            payload["imports"] = self.imports
        return payload


def export_frames(a: Assessment, chunk: int = 20_000) -> dict[str, pd.DataFrame]:
    """The export's sheets (io.payload_frames) of an assessment, built a chunk of items at a time."""
    from ..io import payload_frames

    tail = a.tail_json()
    parts: list[dict[str, pd.DataFrame]] = []
    items = a.iter_item_json(chunk)
    while True:
        batch = [it for _, it in zip(range(chunk), items, strict=False)]
        parts.append(payload_frames({"items": batch, **tail}))
        if len(batch) < chunk:
            break
    frames = parts[0]
    for name in ("items", "tiers", "savings", "finance"):
        frames[name] = (
            pd.concat([p[name] for p in parts], ignore_index=True) if len(parts) > 1 else frames[name]
        )
    return frames
