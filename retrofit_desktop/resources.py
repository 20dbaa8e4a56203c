"""Locate bundled resources (fonts, translations, sample data, icons).

The same lookup works from a source checkout (``<repo>/resources``), an installed wheel
(``retrofit_desktop/resources`` inside site-packages) and a PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    candidates = []
    if hasattr(sys, "_MEIPASS"):
        candidates.append(Path(sys._MEIPASS) / "resources")
    candidates += [_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"]
    for c in candidates:
        if (c / "fonts").is_dir():
            return c
    raise FileNotFoundError("resources/ not found; looked in " + ", ".join(str(c) for c in candidates))


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("fonts", "wqy-microhei.ttc")``."""
    return resources_dir().joinpath(*parts)


CJK_FONT_FILE = ("fonts", "wqy-microhei.ttc")
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"


def cjk_font_path() -> Path:
    return resource_path(*CJK_FONT_FILE)
