"""A typed assessment built by hand, for checking the GUI's figures against a hand calculation
(imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from retrofit_desktop.services import Assessment, Summary


def hand_assessment(
    items: list[dict[str, Any]],
    totals: dict[str, Any] | None = None,
    by_tier: dict[str, int] | None = None,
    comparisons: list[dict[str, Any]] | None = None,
) -> Assessment:
    """An Assessment of these item rows (items-table columns: product, kwh, tce_calorific, …), with
    the engine summary `totals` (JSON keys) and the comparisons long table (rows with ``item``)."""
    frame = pd.DataFrame(items)
    n = len(frame)
    return Assessment(
        header={"schema": 1, "traces": comparisons is not None, "options": {}},
        items=frame,
        finance_columns=tuple(c for c in ("investment", "npv", "payback_years") if c in frame.columns),
        comparisons=pd.DataFrame(comparisons or [], columns=None if comparisons else ["item", "order"]),
        elimination_code=np.zeros(n, dtype=int),
        elimination_results=[],
        summary=Summary(
            read=n,
            imported=n,
            rejected=0,
            by_tier=dict(by_tier or {}),
            elimination={},
            totals=dict(totals or {}),
        ),
        rejected=[],
        warnings=[],
        inputs=frame,
    )
