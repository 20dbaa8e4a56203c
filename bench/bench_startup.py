"""Start-up time: Retrofit Desktop vs a bare PySide6 window started the same way.

Each run is a fresh subprocess on the offscreen platform, given its launch time in
RETROFIT_STARTUP_T0; both programs print the time from launch to the first event-loop turn after
their window is shown ("window shown"). The app shows its main window first, then opens the
workspace and fills the tree and the table with the 38 items of the sample enterprise, their tier
column saying 「分级中…」 ("workspace loaded" = "shown loaded": the first event-loop turn after that,
when the table has been painted); a worker then loads the catalog and classifies the items, and the
tiers fill in ("tiers shown"). Each mark also gives the process's CPU time so far, steadier than
wall time on a loaded machine. The sample enterprise is created once before timing, which also
fills the cache of compiled translations (i18n.cache_dir()). Also printed: the app with that cache
unusable (compiles the .po files with Babel at every start, as before the cache existed), and the
wall time from launch to process exit with --quit-after 0. Targets: window shown <= 2x the bare
window, shown loaded <= 3x (issue 12, point 5).
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
    "    wall, cpu = time.time() - t0, time.process_time()\n"
    "    print(f'startup window_shown {wall:.3f} {cpu:.3f}', file=sys.stderr, flush=True)\n"
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
            _tag, label, wall_s, cpu_s = line.split()
            marks[label], marks[label + "_cpu"] = float(wall_s), float(cpu_s)
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

    def line(label: str, rs: list[dict[str, float]], key: str) -> None:
        print(f"  {label:<35}: {med(rs, key):.3f}  ({all_(rs, key)})")

    cpus = os.cpu_count()
    print(f"bench_startup: {runs} runs each, seconds since launch (median; runs), offscreen, {cpus} CPUs")
    line("bare PySide6 window shown", bare_runs, "window_shown")
    line("Retrofit Desktop window shown", app_runs, "window_shown")
    line("Retrofit Desktop workspace loaded", app_runs, "workspace_loaded")
    line("Retrofit Desktop tiers shown", app_runs, "tiers_shown")
    line("same, no translation cache: shown", cold_runs, "window_shown")
    print(f"  same, no translation cache: loaded : {med(cold_runs, 'workspace_loaded'):.3f}")
    print(
        f"  process exit (bare / app)          : {med(bare_runs, 'exit'):.3f} / {med(app_runs, 'exit'):.3f}"
    )
    shown = med(app_runs, "window_shown") / med(bare_runs, "window_shown")
    loaded = med(app_runs, "workspace_loaded") / med(bare_runs, "window_shown")
    tiers = med(app_runs, "tiers_shown") / med(bare_runs, "window_shown")
    verdict = {True: "OK", False: "ABOVE TARGET"}
    print(f"  ratio window shown app / bare      : {shown:.2f}  (target <= 2: {verdict[shown <= 2]})")
    print(f"  ratio workspace loaded / bare shown: {loaded:.2f}  (target <= 3: {verdict[loaded <= 3]})")
    print(f"  ratio tiers shown / bare shown     : {tiers:.2f}")
    cpu_bare = med(bare_runs, "window_shown_cpu")
    cpu = {k: med(app_runs, k + "_cpu") for k in ("window_shown", "workspace_loaded", "tiers_shown")}
    print(
        f"  CPU s of the process (bare shown / app shown / loaded / tiers): {cpu_bare:.2f} / "
        f"{cpu['window_shown']:.2f} / {cpu['workspace_loaded']:.2f} / {cpu['tiers_shown']:.2f}"
    )
    cpu_loaded = cpu["workspace_loaded"] / cpu_bare
    print(f"  ratio CPU loaded / CPU bare shown  : {cpu_loaded:.2f}  (steadier than wall time under load)")
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
        "GUI start: sample workspace shown loaded, CPU time",
        f"{cpu['workspace_loaded']:.2f} s CPU",
        f"bare window shown {cpu_bare:.2f} s CPU",
        cpu_loaded,
        "≤ 3×",
        med(app_runs, "rss"),
        cpu_loaded <= 3,
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
