"""The one table `./dev bench` prints at the end: each bench adds its rows with `add_row`, the
`./dev bench` loop collects them (env RETROFIT_BENCH_RESULTS names a JSON-lines file) and
`python bench/results.py FILE` prints them. A bench run alone (no env) just prints its own lines.

A row: what was measured, our figure, the floor it is compared with (measured in the same run),
ratio = figure / floor, the target, and the peak RSS of the process that did the work (MB).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ENV = "RETROFIT_BENCH_RESULTS"


def add_row(
    what: str,
    figure: str,
    floor: str = "",
    ratio: float | None = None,
    target: str = "",
    peak_rss_mb: float | None = None,
    ok: bool | None = None,
) -> None:
    """Record one row of the final table (no-op unless the bench runs under `./dev bench`)."""
    row = {
        "what": what,
        "figure": figure,
        "floor": floor,
        "ratio": ratio,
        "target": target,
        "peak_rss_mb": peak_rss_mb,
        "ok": ok,
    }
    path = os.environ.get(ENV)
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def self_peak_rss_mb() -> float:
    """Peak RSS of this process so far (Linux ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: runs argv[2:] and writes its peak RSS (KiB) and wall time (from fork to exit) to the file argv[1].
#: A child forked from a big process inherits that process's peak RSS (Linux keeps ru_maxrss across
#: exec), so the measured program is started from this small launcher, never from the bench itself.
_LAUNCHER = (
    "import os, sys, time\n"
    "t = time.perf_counter()\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    os.execvp(sys.argv[2], sys.argv[2:])\n"
    "_pid, status, usage = os.wait4(pid, 0)\n"
    "open(sys.argv[1], 'w').write(f'{usage.ru_maxrss} {time.perf_counter() - t}')\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def run_measured(cmd: list[str], **kwargs) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run `cmd` to its end: (wall seconds, peak RSS in MB of that process alone, the result with its
    stdout and stderr as text). Raises SystemExit with its stderr if it fails."""
    with tempfile.TemporaryDirectory() as tmp:
        rss_file = os.path.join(tmp, "rss")
        result = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, rss_file, *cmd], capture_output=True, text=True, **kwargs
        )
        if os.path.exists(rss_file):
            kib, wall = Path(rss_file).read_text().split()
            rss, wall = int(kib) / 1024, float(wall)
        else:
            rss = wall = float("nan")
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr[-3000:]}")
    return wall, rss, result


def median(values: list[float]) -> float:
    s = sorted(values)
    k = len(s) // 2
    return s[k] if len(s) % 2 else (s[k - 1] + s[k]) / 2


def print_table(path: str | Path) -> None:
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        print("bench: no results recorded")
        return
    head = ("what", "figure", "floor", "ratio", "target", "peak RSS", "")
    cells = []
    for r in rows:
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}×"
        rss = "" if r["peak_rss_mb"] is None else f"{r['peak_rss_mb']:,.0f} MB"
        verdict = {True: "OK", False: "ABOVE", None: ""}[r.get("ok")]
        cells.append((r["what"], r["figure"], r["floor"], ratio, r["target"], rss, verdict))
    widths = [max(len(str(c[i])) for c in [head, *cells]) for i in range(len(head))]
    line = "  ".join("{:<" + str(w) + "}" for w in widths)
    print()
    print(line.format(*head).rstrip())
    print("  ".join("-" * w for w in widths))
    for c in cells:
        print(line.format(*c).rstrip())


if __name__ == "__main__":
    print_table(sys.argv[1])
