"""Start-up time: Retrofit Desktop to a usable main window vs a bare PySide6 window started the same way.

Each run is a fresh subprocess (`python -m ...` / `python -c ...`) on the offscreen platform that
shows its window, lets the event loop run once (QTimer 0 ms) and quits; the wall time from launch
to exit is measured. The app opens an existing workspace holding the sample enterprise (created
once before timing), loads and classifies its items and fills the table. Target: ratio <= 2.
Run: .venv/bin/python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = (
    "import sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv)\n"
    "w = QMainWindow(); w.resize(1200, 800); w.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "sys.exit(app.exec())\n"
)


def run(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    r = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr[-2000:]}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args().runs
    tmp = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RETROFIT_DATA_DIR=str(tmp / "data"),
               XDG_CONFIG_HOME=str(tmp / "config"), PYTHONPATH=str(ROOT))
    app_cmd = [sys.executable, "-m", "retrofit_desktop.ui.app", "--quit-after", "0"]
    run([*app_cmd, "--sample"], env)  # first start: creates the workspace and the sample enterprise
    bare_cmd = [sys.executable, "-c", BARE]
    app_times, bare_times = [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        bare_times.append(run(bare_cmd, env))
        app_times.append(run([*app_cmd, "--sample"], env))
    app_med, bare_med = statistics.median(app_times), statistics.median(bare_times)
    print(f"bench_startup: {runs} runs each, wall time launch -> window shown -> exit (s), offscreen")
    print(f"  bare PySide6 QMainWindow : median {bare_med:.3f}  runs {', '.join(f'{t:.2f}' for t in bare_times)}")
    print(f"  Retrofit Desktop (sample): median {app_med:.3f}  runs {', '.join(f'{t:.2f}' for t in app_times)}")
    ratio = app_med / bare_med
    print(f"  ratio app / bare: {ratio:.2f}  (target <= 2: {'OK' if ratio <= 2 else 'ABOVE TARGET'})")


if __name__ == "__main__":
    main()
