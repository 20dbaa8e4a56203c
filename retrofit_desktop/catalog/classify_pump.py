"""Pumps judged by GB 19762-2025: the formula's thresholds in the same coded form as a table lookup."""

from __future__ import annotations

import numpy as np

from ..domain import Direction
from .classify import FORMULA, TIER_COLS, CodedResult, FrameColumns, IndicatorResult, tier_codes
from .lookup import MISSING_PARAM, OUT_OF_RANGE
from .pump_formula import DOUBLE_SUCTION, PumpThresholds, pump_rows, thresholds
from .spec import ProductSpec
from .tiertable import VER_RANK

INDICATOR = "pump_efficiency_pct"


def pump_types(spec: ProductSpec, columns: FrameColumns, pos: np.ndarray) -> np.ndarray:
    """Canonical pump type of each item; a double-suction pump without a type is single-stage
    double-suction."""

    def canon(name: str) -> np.ndarray:
        f = spec.require_field(name)
        got = columns.enum_codes(name, pos)
        if got is None:
            return np.full(len(pos), None, dtype=object)
        codes, uniques = got
        values = []
        for u in uniques:
            try:
                values.append(f.normalise(u))
            except ValueError:
                values.append(None)
        return np.array([*values, None], dtype=object)[codes]

    kind, suction = canon("pump_type"), canon("suction")
    return np.where((kind == None) & np.isin(suction, ("double",)), DOUBLE_SUCTION[0], kind)  # noqa: E711


def pump_thresholds(spec: ProductSpec, columns: FrameColumns, pos: np.ndarray) -> PumpThresholds:
    return thresholds(
        pump_types(spec, columns, pos),
        columns.numeric("flow_m3h", pos),
        columns.numeric("head_m", pos),
        columns.numeric("speed_rpm", pos),
        columns.numeric("stages", pos),
    )


def classify_pumps(
    spec: ProductSpec, columns: FrameColumns, pos: np.ndarray
) -> tuple[CodedResult, PumpThresholds]:
    n = len(pos)
    pt = pump_thresholds(spec, columns, pos)
    m = spec.tier_mapping
    thr = np.full((n, len(TIER_COLS)), np.nan)
    for k, tier in enumerate(TIER_COLS):
        g = m.grade(tier)
        if g:
            thr[:, k] = pt.thresholds[:, g - 1]
    ok = pt.reason == ""
    code = tier_codes(ok, columns.numeric(INDICATOR, pos), thr, Direction.HIGHER)
    reason = np.where(
        pt.reason == "missing_parameter",
        MISSING_PARAM,
        np.where(pt.reason == "out_of_range", OUT_OF_RANGE, FORMULA),
    ).astype(np.intp)
    statuses = [VER_RANK[r.verification] for r in pump_rows()]
    rank = np.where(pt.row >= 0, np.array([*statuses, 0])[pt.row], max(statuses)).astype(np.int8)
    ind = IndicatorResult(
        INDICATOR,
        code,
        reason,
        np.ones(n, bool),
        thr,
        np.repeat(rank[:, None], len(TIER_COLS), axis=1),
        pt.row,
    )
    return CodedResult(code.astype(np.intp), rank.astype(np.intp), reason, [ind]), pt
