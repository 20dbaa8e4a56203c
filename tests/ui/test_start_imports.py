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
