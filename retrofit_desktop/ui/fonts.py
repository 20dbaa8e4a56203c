"""The bundled CJK font (WenQuanYi Micro Hei), registered with Qt and used app-wide.

With it, Chinese renders on a machine that has no CJK font installed (platform.md §3.3).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..resources import CJK_FONT_FAMILY, cjk_font_path

_registered: dict[str, str] = {}


def register_cjk_font() -> str:
    """Add the bundled font to Qt's database once; returns its family name."""
    if "family" not in _registered:
        font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _registered["family"] = families[0] if families else CJK_FONT_FAMILY
    return _registered["family"]


def apply_app_font(app: QApplication, point_size: int = 10) -> QFont:
    """Use the bundled family for every widget (no system font needed)."""
    font = QFont(register_cjk_font(), point_size)
    app.setFont(font)
    return font
