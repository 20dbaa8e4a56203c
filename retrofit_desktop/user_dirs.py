"""The user data dir, without importing the store (pandas, SQLAlchemy): the GUI's log file needs it
before its first window is shown."""

from __future__ import annotations

import os
from pathlib import Path

APP_DIR_NAME = "RetrofitDesktop"
DATA_DIR_ENV = "RETROFIT_DATA_DIR"


def data_dir() -> Path:
    """The user data dir (env ``RETROFIT_DATA_DIR`` wins over platformdirs)."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
