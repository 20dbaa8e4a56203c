"""The log file of the CLI and the GUI: ``<data dir>/logs/retrofit-desktop.log``, next to the workspace.

Qt-free, so that ``retrofit`` (exit code 3, an internal error) and the GUI (``ui/errors.py``) write
their tracebacks to the same place. ``RETROFIT_DATA_DIR`` overrides the data dir.
"""

from __future__ import annotations

import logging
from pathlib import Path

LOGGER = "retrofit_desktop"


def log_file() -> Path:
    from .user_dirs import data_dir  # not the store package: it imports pandas and SQLAlchemy

    return data_dir() / "logs" / "retrofit-desktop.log"


def setup_logging() -> Path:
    """Send the ``retrofit_desktop`` loggers to the log file (once per path); returns the path."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger(LOGGER)
    if not any(isinstance(h, logging.FileHandler) and h.baseFilename == str(path) for h in root.handlers):
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path
