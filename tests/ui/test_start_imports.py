"""The main window is on screen before pandas, SQLAlchemy, the services or the catalog are imported:
they load after the first paint (issue 12, point 5). Checked in a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = (
    "pandas",
    "numpy",
    "sqlalchemy",
    "reportlab",
    "pint",
    "pypinyin",
    "retrofit_desktop.services",
    "retrofit_desktop.store",
    "retrofit_desktop.catalog",
    "retrofit_desktop.io",
)

CODE = f"""
import sys
from PySide6.QtWidgets import QApplication
from retrofit_desktop.ui import errors
from retrofit_desktop.ui.app import AppController
app = QApplication([])
errors.setup_logging()
window = AppController(app).show()
app.processEvents()
assert window.isVisible()
print(sorted(m for m in {HEAVY!r} if m in sys.modules))
"""


def test_the_window_shows_before_the_heavy_modules_are_imported(tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        RETROFIT_DATA_DIR=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    r = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"


def test_the_table_is_filled_before_the_tiers_and_quit_after_waits_for_them(tmp_path):
    """The app's start in order: the empty window, the table filled (tiers 「分级中…」), the tiers; with
    --quit-after the app leaves only once the tiers are in (the screenshot shows them)."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        RETROFIT_DATA_DIR=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        RETROFIT_STARTUP_T0="0",  # print the start-up marks (seconds since the epoch: only the order counts)
    )
    cmd = [sys.executable, "-m", "retrofit_desktop.ui.app", "--sample", "--quit-after", "0"]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    marks = [line.split()[1] for line in r.stderr.splitlines() if line.startswith("startup ")]
    assert marks == ["window_shown", "workspace_loaded", "tiers_shown"]
