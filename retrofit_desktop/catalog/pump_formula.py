"""Clean-water centrifugal pumps by GB 19762-2025 表3: grade thresholds from a formula, not a table.

η_grade = a(ln ns)² + b(ln Q)² + c(ln ns)(ln Q) + d·ln ns + e·ln Q − C_grade, with Q the pump's flow in
m³/h and the coefficients and C1–C3 per pump type and flow band (``data/pump_gb19762_2025.csv``). The
specific speed is ns = 3.65·n·√(Q'/3600) / H'^0.75 with Q' the flow per impeller eye (half the flow of a
double-suction pump) and H' the head per stage — the definition of GB 19762-2007 附录A, which the
formula pack does not restate (reference MORE §3.2).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

DATA = Path(__file__).resolve().parent / "data" / "pump_gb19762_2025.csv"
EDITION = "GB 19762-2025"
MULTISTAGE = ("multistage", "light_multistage_vertical", "light_multistage_horizontal")
DOUBLE_SUCTION = ("single_stage_double_suction",)


@dataclass(frozen=True)
class PumpRow:
    row_id: str
    pump_type: str
    q_min: float
    q_min_incl: bool
    q_max: float
    q_max_incl: bool
    coeff: tuple[float, ...]  # a, b, c, d, e
    ci: tuple[float, ...]  # C1, C2, C3
    table: str
    verification: str
    source: str
    source_en: str = ""

    def holds(self, q: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            lo = q >= self.q_min if self.q_min_incl else q > self.q_min
            hi = q <= self.q_max if self.q_max_incl else q < self.q_max
        return lo & hi


@cache
def pump_rows() -> tuple[PumpRow, ...]:
    with DATA.open(encoding="utf-8", newline="") as fh:
        return tuple(
            PumpRow(
                r["row_id"],
                r["pump_type"],
                float(r["q_min"]),
                r["q_min_incl"] == "1",
                float(r["q_max"]),
                r["q_max_incl"] == "1",
                tuple(float(r[k]) for k in "abcde"),
                tuple(float(r[f"ci{g}"]) for g in (1, 2, 3)),
                r["table"],
                r["verification"],
                r["source"],
                r.get("source_en") or "",
            )
            for r in csv.DictReader(fh)
        )


def specific_speed(
    flow_m3h: npt.NDArray[np.float64],
    head_m: npt.NDArray[np.float64],
    speed_rpm: npt.NDArray[np.float64],
    stages: npt.NDArray[np.float64],
    double_suction: npt.NDArray[np.bool_],
) -> npt.NDArray[np.float64]:
    q = np.where(double_suction, flow_m3h / 2, flow_m3h) / 3600
    with np.errstate(invalid="ignore", divide="ignore"):
        return 3.65 * speed_rpm * np.sqrt(q) / (head_m / stages) ** 0.75


@dataclass
class PumpThresholds:
    thresholds: np.ndarray  # (n, 3): grade 1, 2, 3 efficiency (%), NaN where not computed
    row: np.ndarray  # index into pump_rows(), -1 = none
    ns: np.ndarray
    reason: np.ndarray  # "" | "missing_parameter" | "out_of_range"


def thresholds(
    pump_type: np.ndarray, flow_m3h: np.ndarray, head_m: np.ndarray, speed_rpm: np.ndarray, stages: np.ndarray
) -> PumpThresholds:
    """Grade 1-3 efficiency thresholds for each pump (pump_type: canonical values, None = missing)."""
    n = len(pump_type)
    rows = pump_rows()
    multistage = np.isin(pump_type.astype(object), MULTISTAGE)
    stages = np.where(np.isnan(stages) & ~multistage, 1.0, stages)  # a single-stage type has one stage
    ns = specific_speed(
        flow_m3h, head_m, speed_rpm, stages, np.isin(pump_type.astype(object), DOUBLE_SUCTION)
    )
    missing = (
        pd_isnull(pump_type)
        | np.isnan(flow_m3h)
        | np.isnan(head_m)
        | np.isnan(speed_rpm)
        | np.isnan(stages)
        | ~(flow_m3h > 0)
        | ~(head_m > 0)
        | ~(speed_rpm > 0)
        | ~(stages >= 1)
    )
    row = np.full(n, -1, np.intp)
    for i, r in enumerate(rows):
        row[(pump_type == r.pump_type) & r.holds(flow_m3h) & (row < 0)] = i
    thr = np.full((n, 3), np.nan)
    ok = ~missing & (row >= 0)
    if ok.any():
        coeff = np.array([r.coeff for r in rows])[row[ok]]
        ci = np.array([r.ci for r in rows])[row[ok]]
        ln_ns, ln_q = np.log(ns[ok]), np.log(flow_m3h[ok])
        base = (
            coeff[:, 0] * ln_ns**2
            + coeff[:, 1] * ln_q**2
            + coeff[:, 2] * ln_ns * ln_q
            + coeff[:, 3] * ln_ns
            + coeff[:, 4] * ln_q
        )
        thr[ok] = base[:, None] - ci
    reason = np.where(missing, "missing_parameter", np.where(row < 0, "out_of_range", ""))
    return PumpThresholds(thr, np.where(ok, row, -1), ns, reason)


def pd_isnull(a: np.ndarray) -> np.ndarray:
    return np.array([v is None or (isinstance(v, float) and np.isnan(v)) for v in a], dtype=bool)
