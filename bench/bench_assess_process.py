"""Benchmark: the whole `retrofit assess FILE --json OUT` process against a process that only reads the file.

Times exactly: one process running ``retrofit assess items.csv --json out.json`` (start-up, imports,
reading and checking the file, classification, savings, traces, writing the JSON), and, interleaved
with it, the floor: one process that imports pandas and runs ``pandas.read_csv`` of the same file.
Items are bench_assess.make_items (mixed products, canonical headers). Wall and CPU time (user + sys)
of each child, min and median of REPEATS runs, and each child's peak RSS (``os.wait4``).
Ratio = assess / read-only; target ≤ 5 at 100k items, and peak RSS ≤ 4 GB at 1,000,000.

Run: .venv/bin/python bench/bench_assess_process.py [N ...]   (default 10000 100000; 1M takes minutes)
     REPEATS=3 to change the number of runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_assess import make_items

REPEATS = int(os.environ.get("REPEATS", "3"))
PY = sys.executable
#: figures before the columnar result (tree 08603b2): issue 12, measured on this machine
BEFORE = (
    "10k items 29-33x the read-only process; 100k items 77-100x (81 s, 2.3-2.7 GB peak); "
    "1,000,000 items killed at 24 GB"
)
#: this bench on tree h6-result, 2026-12-07, the machine shared with 7 other sessions (load 9-12 on 2 cores)
AFTER = (
    "10k: ratio 4.7 wall / 4.6 CPU, 162 MB; 100k: ratio 7.5 wall / 7.9 CPU, 316 MB, 175 MB of JSON; "
    "1,000,000 (one run, /usr/bin/time): 84 s CPU (read-only 6.8 s), peak RSS 1.93 GB, 1.76 GB of JSON"
)


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall s, CPU s, peak RSS bytes) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{argv[:4]} failed ({proc.returncode}): {err[-2000:]}")
    rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return wall, usage.ru_utime + usage.ru_stime, rss


def bench(n: int, tmp: Path) -> dict:
    src = tmp / f"items_{n}.csv"
    make_items(n).to_csv(src, index=False)
    out = tmp / "out.json"
    env = {**os.environ, "RETROFIT_DATA_DIR": str(tmp / "data"), "SOURCE_DATE_EPOCH": "1790000000"}
    floor = [PY, "-c", f"import pandas as pd; pd.read_csv({str(src)!r})"]
    assess = [PY, "-m", "retrofit_desktop.cli", "assess", str(src), "--json", str(out)]
    got: dict[str, list[tuple[float, float, int]]] = {"floor": [], "assess": []}
    for _ in range(REPEATS):  # interleaved: the machine is shared, both see the same load
        got["floor"].append(run(floor, env))
        got["assess"].append(run(assess, env))
    size = out.stat().st_size
    return {"n": n, "json_mb": size / 1e6, **{k: v for k, v in got.items()}}


def _fmt(rows: list[tuple[float, float, int]], k: int) -> str:
    values = [r[k] for r in rows]
    return f"{min(values):.2f} / {statistics.median(values):.2f}"


def main(sizes: list[int]) -> None:
    print(f"whole process, {REPEATS} interleaved runs each; figures are min / median")
    header = (
        "items",
        "read-only wall s",
        "assess wall s",
        "ratio wall",
        "ratio CPU",
        "read-only RSS MB",
        "assess RSS MB",
        "JSON MB",
    )
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            r = bench(n, Path(tmp))
            f, a = r["floor"], r["assess"]
            ratio_wall = min(x[0] for x in a) / min(x[0] for x in f)
            ratio_cpu = min(x[1] for x in a) / min(x[1] for x in f)
            lines.append(
                (
                    f"{n:,}",
                    _fmt(f, 0),
                    _fmt(a, 0),
                    f"{ratio_wall:.1f}",
                    f"{ratio_cpu:.1f}",
                    f"{max(x[2] for x in f) / 1e6:,.0f}",
                    f"{max(x[2] for x in a) / 1e6:,.0f}",
                    f"{r['json_mb']:,.0f}",
                )
            )
            print(" | ".join(lines[-1]), flush=True)
    widths = [max(len(h), *(len(row[i]) for row in lines)) for i, h in enumerate(header)]
    print()
    print("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    for row in lines:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
    print("target: ratio ≤ 5 at 100k; peak RSS ≤ 4,000 MB at 1,000,000 and time linear from 100k")
    print(f"before this work: {BEFORE}")
    print(f"measured when written: {AFTER}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
