"""Start-up time: Retrofit Desktop vs a bare PySide6 window started the same way.

Each run is a fresh subprocess on the offscreen platform, given its launch time in
RETROFIT_STARTUP_T0; both programs print the time from launch to the first event-loop turn after
their window is shown ("window shown"). The app shows its main window first, then opens the
workspace and fills the tree and the table with the 38 items of the sample enterprise, their tier
column saying 「分级中…」 ("workspace loaded" = "shown loaded": the first event-loop turn after that,
when the table has been painted); a worker then loads the catalog and classifies the items, and the
tiers fill in ("tiers shown"). The sample enterprise is created once before timing, which also fills the cache of
compiled translations (i18n.cache_dir()). Also printed: the app with that cache unusable (compiles
the .po files with Babel at every start, as before the cache existed), and the wall time from launch
to process exit with --quit-after 0. Target: window shown <= 2x the bare window.
Run: .venv/bin/python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from results import add_row, run_measured  # noqa: E402

BARE = (
    "import os, sys, time\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv)\n"
    "w = QMainWindow(); w.resize(1200, 800); w.show()\n"
    "def shown():\n"
    "    t0 = float(os.environ['RETROFIT_STARTUP_T0'])\n"
    "    print(f'startup window_shown {time.time() - t0:.3f}', file=sys.stderr, flush=True)\n"
    "    app.quit()\n"
    "QTimer.singleShot(0, shown)\n"
    "sys.exit(app.exec())\n"
)


def run(cmd: list[str], env: dict) -> dict[str, float]:
    env = dict(env, RETROFIT_STARTUP_T0=repr(time.time()))
    wall, rss, r = run_measured(cmd, env=env, cwd=ROOT)
    marks = {"exit": wall, "rss": rss}
    for line in r.stderr.splitlines():
        if line.startswith("startup "):
            _tag, label, value = line.split()
            marks[label] = float(value)
    return marks


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args().runs
    tmp = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        RETROFIT_DATA_DIR=str(tmp / "data"),
        XDG_CONFIG_HOME=str(tmp / "config"),
        PYTHONPATH=str(ROOT),
    )
    app_cmd = [sys.executable, "-m", "retrofit_desktop.ui.app", "--sample", "--quit-after", "0"]
    run(app_cmd, env)  # first start: creates the workspace and the sample enterprise
    bare_cmd = [sys.executable, "-c", BARE]
    blocker = tmp / "not-a-dir"
    blocker.write_text("")
    cold_env = dict(env, RETROFIT_CACHE_DIR=str(blocker / "cache"))  # cannot be created: no cache
    app_runs, bare_runs, cold_runs = [], [], []
    for _ in range(runs):  # interleaved, so all see the same machine load
        bare_runs.append(run(bare_cmd, env))
        app_runs.append(run(app_cmd, env))
        cold_runs.append(run(app_cmd, cold_env))

    def med(rs, key):
        return statistics.median(r[key] for r in rs)

    def all_(rs, key):
        return ", ".join(f"{r[key]:.2f}" for r in rs)

    print(
        f"bench_startup: {runs} runs each, seconds since launch (median; runs), offscreen, {os.cpu_count()} CPUs"
    )
    print(
        f"  bare PySide6 window shown          : {med(bare_runs, 'window_shown'):.3f}  ({all_(bare_runs, 'window_shown')})"
    )
    print(
        f"  Retrofit Desktop window shown      : {med(app_runs, 'window_shown'):.3f}  ({all_(app_runs, 'window_shown')})"
    )
    print(
        f"  Retrofit Desktop workspace loaded  : {med(app_runs, 'workspace_loaded'):.3f}  ({all_(app_runs, 'workspace_loaded')})"
    )
    print(
        f"  same, no translation cache: shown  : {med(cold_runs, 'window_shown'):.3f}  ({all_(cold_runs, 'window_shown')})"
    )
    print(
        f"  Retrofit Desktop tiers shown       : {med(app_runs, 'tiers_shown'):.3f}  ({all_(app_runs, 'tiers_shown')})"
    )
    print(f"  same, no translation cache: loaded : {med(cold_runs, 'workspace_loaded'):.3f}")
    print(
        f"  process exit (bare / app)          : {med(bare_runs, 'exit'):.3f} / {med(app_runs, 'exit'):.3f}"
    )
    shown = med(app_runs, "window_shown") / med(bare_runs, "window_shown")
    loaded = med(app_runs, "workspace_loaded") / med(bare_runs, "window_shown")
    tiers = med(app_runs, "tiers_shown") / med(bare_runs, "window_shown")
    print(
        f"  ratio window shown app / bare      : {shown:.2f}  (target <= 2: {'OK' if shown <= 2 else 'ABOVE TARGET'})"
    )
    print(
        f"  ratio workspace loaded / bare shown: {loaded:.2f}  (target <= 3: {'OK' if loaded <= 3 else 'ABOVE TARGET'})"
    )
    print(f"  ratio tiers shown / bare shown     : {tiers:.2f}")
    print(
        f"  peak RSS (bare / app)              : {med(bare_runs, 'rss'):.0f} / {med(app_runs, 'rss'):.0f} MB"
    )
    add_row(
        "GUI start: sample workspace shown loaded",
        f"{med(app_runs, 'workspace_loaded'):.2f} s",
        f"bare window shown {med(bare_runs, 'window_shown'):.2f} s",
        loaded,
        "≤ 3×",
        med(app_runs, "rss"),
        loaded <= 3,
    )
    add_row(
        "GUI start: sample tiers shown (classified on a worker)",
        f"{med(app_runs, 'tiers_shown'):.2f} s",
        f"bare window shown {med(bare_runs, 'window_shown'):.2f} s",
        tiers,
        "",
        med(app_runs, "rss"),
        None,
    )
    add_row(
        "GUI start: main window shown",
        f"{med(app_runs, 'window_shown'):.2f} s",
        f"bare window shown {med(bare_runs, 'window_shown'):.2f} s",
        shown,
        "≤ 2×",
        med(app_runs, "rss"),
        shown <= 2,
    )


if __name__ == "__main__":
    main()
