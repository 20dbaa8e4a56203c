"""`Assessment` from a schema-1 payload: the inverse of `Assessment.to_payload()`.

``assessment_from_payload(a.to_payload()).to_payload() == a.to_payload()``: every value is kept as the
payload has it (the columns are built by `report.result`, which the report renders from; the report
layer may not import services). A payload of an older version may lack fields: they get their
defaults (None, an empty list, no elimination check), and `to_payload()` then writes those defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..report.result import result_from_payload
from .assessment import Assessment, Summary


@dataclass
class PayloadAssessment(Assessment):
    """An `Assessment` read back from a payload: it has no catalog object, so it keeps the payload's
    ``data_sources`` lines as they were written."""

    data_sources: list[dict[str, Any]] | None = None

    def tail_json(self) -> dict[str, Any]:
        out = super().tail_json()
        if self.data_sources is not None:
            out["data_sources"] = self.data_sources
        return out


def assessment_from_payload(payload: Mapping[str, Any]) -> PayloadAssessment:
    """The typed assessment of a schema-1 payload (`Assessment.to_payload()`, or a report's embedded
    payload, whose ``report`` section then stays in the header)."""
    view = result_from_payload(payload)
    s = view.summary
    return PayloadAssessment(
        header=view.header,
        items=view.items,
        finance_columns=view.finance_columns,
        comparisons=view.comparisons,
        elimination_code=view.elimination_code,
        elimination_results=view.elimination_results,
        summary=Summary(s.read, s.imported, s.rejected, s.by_tier, s.elimination, s.totals, s.total_rows),
        rejected=view.rejected,
        warnings=view.warnings,
        inputs=view.inputs,
        imports=view.imports,
        total_rows=view.total_rows,
        data_sources=view.data_sources,
    )
