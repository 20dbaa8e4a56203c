"""Benchmark: Catalog.classify_frame on 100,000 mixed items (in memory: no parsing, database or output).

Baseline measured in the same run: pandas.read_csv of the same items from a CSV written here.
Prints items/s and the ratio classify time / read_csv time, wall and CPU, best of REPEATS
interleaved runs (the machine is shared).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrofit_desktop.catalog.catalog import load_builtin
from tools.synthetic_items import make_items

REPEATS = 5
#: figures of the same bench before the bulk-path work (tree a3a1c13, measured 2026-11-25 on this machine)
BEFORE = (
    "classify_frame 0.308-0.341 s (293k-325k items/s); ratio wall 1.5-1.95, "
    "CPU 1.60-1.63 (classify 0.305-0.321 s, read_csv 0.187-0.200 s)"
)


def main(n: int = 100_000) -> None:
    cat = load_builtin()
    items = make_items(cat, n)
    cat.classify_frame(items.head(1000))  # compile tables outside the timing
    wall = {"classify": [], "read": []}
    cpu = {"classify": [], "read": []}
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "items.csv"
        items.to_csv(path, index=False)
        for _ in range(REPEATS):
            t0, c0 = time.perf_counter(), time.process_time()
            out = cat.classify_frame(items)
            t1, c1 = time.perf_counter(), time.process_time()
            pd.read_csv(path, dtype={"poles": str})
            t2, c2 = time.perf_counter(), time.process_time()
            wall["classify"].append(t1 - t0)
            wall["read"].append(t2 - t1)
            cpu["classify"].append(c1 - c0)
            cpu["read"].append(c2 - c1)
    t_cls, t_csv = min(wall["classify"]), min(wall["read"])
    c_cls, c_csv = min(cpu["classify"]), min(cpu["read"])
    print(f"items: {len(items):,} in {items['product'].nunique()} products")
    print(f"best of {REPEATS}: classify_frame: {t_cls:.3f} s = {len(items) / t_cls:,.0f} items/s")
    print(f"baseline pandas.read_csv of the same items: {t_csv:.3f} s")
    print(f"ratio classify / read_csv: {t_cls / t_csv:.2f}")
    print(f"CPU time: classify {c_cls:.3f} s, read_csv {c_csv:.3f} s; ratio {c_cls / c_csv:.2f}")
    print("tiers:", out["tier"].value_counts().to_dict())
    print(f"before this work: {BEFORE}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
