"""Per-file converters from the reference CSVs to long rows (see convert_reference)."""

from __future__ import annotations

from .convert_util import LongRow, map_verification

H, L = "higher_is_better", "lower_is_better"


def motor(rows: list[dict]) -> list[LongRow]:
    out = []
    for r in rows:
        ver, gver = map_verification(r["verification"])
        p, kw = r["poles"], r["rated_power_kw"]
        out.append(LongRow(
            "motor", "GB 18613-2020", "表1", f"T1-{kw}kW-{p}P",
            [("rated_power_kw", ("point", kw)), ("poles", ("value", p))],
            "efficiency_pct", "%", H,
            [r["grade1_advanced"], r["grade2_energy_saving"], r["grade3_entry"]],
            ver, r["source"], r["verification"], gver,
        ))
    return out


CONVERTERS = [
    ("motor_gb18613_2020_three_phase_induction.csv", motor),
]
