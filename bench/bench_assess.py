"""Benchmark: classify + savings (+ conversions, finance, summary) for 100,000 mixed items in memory.

Times exactly: ``catalog.classify_frame(items)`` and ``engine.assess_items(items, classification, ...)``
on an in-memory DataFrame. Excluded: file parsing, database, output; per-item traces are lazy and
not built. Baseline measured in the same run: ``pandas.read_csv`` of the same frame written to a CSV
file. Ratio = (classify + assess) / read_csv; target ≤ 1. Wall and CPU time, best of REPEATS
(interleaved runs; the machine is shared). The summary (engine/summary.py) is part of assess_items and
is also timed alone on the same result, to show its share.

Run: .venv/bin/python bench/bench_assess.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrofit_desktop.engine import AssessmentOptions, FactorSet, assess_items
from retrofit_desktop.engine.summary import build_summary

REPEATS = 5
#: figures of the same bench before the bulk-path work (tree a3a1c13, measured 2026-11-25 on this machine)
BEFORE = (
    "classify_frame 0.267-0.269 s, assess_items 0.267-0.274 s (185k items/s); CPU classify 0.263-0.266 s, "
    "assess 0.266-0.271 s, read_csv 0.147-0.149 s; ratio wall 3.8-4.2, CPU 3.6; build_summary alone 0.072 s"
)


def make_items(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    kinds = np.array(["motor", "pump", "fan", "air_compressor", "transformer", "boiler", "chiller"])
    product = rng.choice(kinds, n, p=[0.5, 0.12, 0.12, 0.08, 0.08, 0.05, 0.05])
    f = pd.DataFrame(
        {
            "asset_tag": [f"T{i:06d}" for i in range(n)],
            "product": product,
            "quantity": rng.integers(1, 4, n),
            "site": rng.choice(["A", "B", "C"], n),
        }
    )

    def put(mask, name, values):
        col = (
            f[name]
            if name in f
            else pd.Series(np.nan, index=f.index, dtype=object if values.dtype == object else float)
        )
        col = col.astype(object) if values.dtype == object else col
        col[mask] = values[mask]
        f[name] = col

    any_ = np.ones(n, bool)
    put(any_, "annual_hours", rng.uniform(2000, 8000, n))
    m = product == "motor"
    put(m, "rated_power_kw", rng.choice([0.75, 1.5, 4.0, 7.5, 11.0, 15.0, 22.0, 37.0, 55.0, 90.0, 160.0], n))
    put(m, "poles", rng.choice([2.0, 4.0, 6.0], n))
    put(m, "efficiency_pct", rng.uniform(80, 96, n))
    put(m, "load_factor", rng.uniform(0.4, 1.0, n))
    p = product == "pump"
    put(p, "flow_m3h", rng.uniform(20, 500, n))
    put(p, "head_m", rng.uniform(10, 80, n))
    put(p, "speed_rpm", rng.choice([1450.0, 2900.0], n))
    put(p, "suction", rng.choice(np.array(["single", "double"], dtype=object), n))
    put(p, "pump_efficiency_pct", rng.uniform(55, 85, n))
    put(p | (product == "fan"), "motor_efficiency_pct", rng.uniform(88, 95, n))
    put(p, "static_head_m", rng.uniform(0, 10, n))
    fa = product == "fan"
    put(fa, "fan_type", np.full(n, "centrifugal", dtype=object))
    put(fa, "pressure_coefficient", rng.uniform(0.3, 1.2, n))
    put(fa, "specific_speed", rng.uniform(10, 80, n))
    put(fa, "machine_number", rng.uniform(3, 15, n))
    put(fa, "flow_m3h", rng.uniform(5000, 80000, n))
    put(fa, "total_pressure_pa", rng.uniform(500, 4000, n))
    put(fa, "fan_efficiency_pct", rng.uniform(55, 85, n))
    c = product == "air_compressor"
    put(c, "compressor_type", np.full(n, "oil_injected_rotary_fixed", dtype=object))
    put(c, "drive_power_kw", rng.choice([15.0, 22.0, 37.0, 55.0, 75.0, 110.0], n))
    put(c, "discharge_pressure_mpa", rng.choice([0.7, 0.8, 1.0], n))
    put(c, "cooling", np.full(n, "air", dtype=object))
    put(c, "specific_power", rng.uniform(6, 10, n))
    put(c, "delivered_air_m3min", rng.uniform(2, 20, n))
    put(c, "loaded_hours", rng.uniform(2000, 6000, n))
    t = product == "transformer"
    put(t, "rated_capacity_kva", rng.choice([100.0, 200.0, 400.0, 630.0, 1000.0, 1600.0], n))
    put(t, "transformer_type", np.full(n, "oil", dtype=object))
    put(t, "core_material", np.full(n, "electrical_steel", dtype=object))
    put(t, "connection_group", np.full(n, "Dyn11", dtype=object))
    put(t, "no_load_loss_w", rng.uniform(200, 2000, n))
    put(t, "load_loss_w", rng.uniform(1500, 15000, n))
    put(t, "transformer_load_factor", rng.uniform(0.2, 0.8, n))
    put(t, "energised_hours", np.full(n, 8760.0))
    b = product == "boiler"
    put(b, "boiler_type", np.full(n, "chamber_fired", dtype=object))
    put(b, "fuel", np.full(n, "natural_gas", dtype=object))
    put(b, "rated_capacity_th", rng.choice([2.0, 4.0, 10.0], n))
    put(b, "thermal_efficiency_pct", rng.uniform(80, 95, n))
    put(b, "annual_fuel_use", rng.uniform(1e5, 2e6, n))
    put(b, "fuel_kind", np.full(n, "natural_gas", dtype=object))
    put(b, "fuel_unit", np.full(n, "m3", dtype=object))
    ch = product == "chiller"
    put(ch, "chiller_type", np.full(n, "comfort", dtype=object))
    put(ch, "heat_rejection", np.full(n, "water", dtype=object))
    put(ch, "cooling_capacity_kw", rng.uniform(300, 3000, n))
    put(ch, "cop", rng.uniform(4, 6.5, n))
    put(ch, "annual_cooling_kwh", rng.uniform(2e5, 5e6, n))
    return f


def main(n: int = 100_000) -> None:
    items = make_items(n)
    try:
        from retrofit_desktop.catalog import get_catalog

        catalog = get_catalog()
    except Exception as exc:  # the catalog package is optional for timing savings alone
        catalog = None
        print(f"catalog unavailable ({exc!r}); timing savings alone")
    fs = FactorSet.default(region="hunan", price_cny_per_kwh=0.65, fuel_prices={"natural_gas": 3.5})
    opts = AssessmentOptions(factors=fs)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "items.csv"
        items.to_csv(path, index=False)
        classify_t, assess_t, read_t, summary_t = [], [], [], []
        cpu = {"classify": [], "assess": [], "read": [], "summary": []}
        for _ in range(REPEATS):  # interleaved; the best of each is reported (shared, noisy machine)
            t0, c0 = time.perf_counter(), time.process_time()
            if catalog is not None:
                classification = catalog.classify_frame(items)
            else:
                classification = pd.DataFrame({"tier": "below_entry"}, index=items.index)
            t1, c1 = time.perf_counter(), time.process_time()
            result = assess_items(items, classification, catalog, opts)
            t2, c2 = time.perf_counter(), time.process_time()
            pd.read_csv(path)
            t3, c3 = time.perf_counter(), time.process_time()
            build_summary(result.items, items, fs, opts)
            t4, c4 = time.perf_counter(), time.process_time()
            classify_t.append(t1 - t0)
            assess_t.append(t2 - t1)
            read_t.append(t3 - t2)
            summary_t.append(t4 - t3)
            cpu["classify"].append(c1 - c0)
            cpu["assess"].append(c2 - c1)
            cpu["read"].append(c3 - c2)
            cpu["summary"].append(c4 - c3)

    classify_s, assess_s, read_s = min(classify_t), min(assess_t), min(read_t)
    total = classify_s + assess_s
    print(f"items: {n}  products: {items['product'].value_counts().to_dict()}")
    print(f"statuses: {result.items['savings_status'].value_counts().to_dict()}")
    print(
        f"best of {REPEATS}: classify_frame: {classify_s:.3f} s   "
        f"assess_items: {assess_s:.3f} s   total: {total:.3f} s"
    )
    print(f"throughput: {n / total:,.0f} items/s (classify + savings)")
    print(f"baseline pandas.read_csv of the same data: {read_s:.3f} s")
    print(f"ratio (classify + savings) / read_csv: {total / read_s:.2f}  (target <= 1)")
    print(f"ratio (savings alone) / read_csv: {assess_s / read_s:.2f}")
    cc, ca, cr, cs = (min(cpu[k]) for k in ("classify", "assess", "read", "summary"))
    print(
        f"CPU time (less sensitive to other load): classify {cc:.3f} s, assess {ca:.3f} s, "
        f"read_csv {cr:.3f} s; "
        f"ratio {(cc + ca) / cr:.2f} (savings alone {ca / cr:.2f})"
    )
    print(f"of assess_items, build_summary alone: {min(summary_t):.3f} s wall, {cs:.3f} s CPU")
    print(f"before this work: {BEFORE}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
