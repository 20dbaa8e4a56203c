"""The comparison of one pump against the GB 19762-2025 formula's thresholds (for a trace)."""

from __future__ import annotations

import numpy as np

from ..domain import Direction, Verification
from .classify import COMBINE, TIER_COLS, FrameColumns, IndicatorResult
from .classify_pump import INDICATOR, pump_thresholds
from .model import Comparison
from .pump_formula import EDITION, pump_rows
from .spec import ProductSpec


def pump_comparison(spec: ProductSpec, columns: FrameColumns, ir: IndicatorResult) -> Comparison:
    pos = np.arange(1)
    pt = pump_thresholds(spec, columns, pos)
    value = float(columns.numeric(INDICATOR, pos)[0])
    row = pump_rows()[int(pt.row[0])] if pt.row[0] >= 0 else None
    rule = pt.reason[0] or "formula"
    if row is not None:
        rule = f"formula(ns={pt.ns[0]:.1f})"
    return Comparison(
        indicator=INDICATOR,
        value=None if np.isnan(value) else value,
        unit="%",
        direction=Direction.HIGHER,
        thresholds={
            t: (None if np.isnan(x) else round(float(x), 2))
            for t, x in zip(TIER_COLS, ir.thresholds[0], strict=True)
        },
        table=f"{EDITION} {row.table}" if row else None,
        row=row.row_id if row else None,
        source=row.source if row else None,
        source_en=(row.source_en or None) if row else None,
        verification=Verification(row.verification) if row else Verification.UNVERIFIED,
        rule=rule,
        tier=COMBINE[int(ir.code[0])],
    )
