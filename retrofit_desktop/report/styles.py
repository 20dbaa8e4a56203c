"""The embedded CJK font and the paragraph/table styles of the report.

Only the bundled WenQuanYi Micro Hei (TrueType outlines, face 0 of the .ttc) is used, for Latin text
too, so the PDF embeds exactly one font and renders the same on a machine without Chinese fonts.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

from .. import palette
from ..resources import cjk_font_path

FONT = "RetrofitCJK"
GRID = colors.HexColor("#9e9e9e")
HEAD_BG = colors.HexColor("#e8eef4")
TOTAL_BG = colors.HexColor("#f5f5f5")
ACCENT = colors.HexColor("#1f4e79")
WARN = colors.HexColor(palette.ERROR)
CELL_PAD = 3  # left/right padding of table cells (points)
CELL_SIZE = 7.5
CELL_LEADING = 9.5


@cache
def register_font() -> str:
    """Register the bundled font once per process (bold/italic map to the same face: it has no bold)."""
    pdfmetrics.registerFont(TTFont(FONT, str(cjk_font_path()), subfontIndex=0))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)
    return FONT


class Styles:
    """Paragraph styles for one language (CJK line breaking for Chinese)."""

    def __init__(self, lang: str):
        register_font()
        wrap = "CJK" if lang == "zh" else None

        def ps(name: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
            return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=leading, wordWrap=wrap, **kw)

        self.title = ps("title", 22, 30, alignment=TA_CENTER, textColor=ACCENT, spaceAfter=4)
        self.subtitle = ps("subtitle", 11, 15, alignment=TA_CENTER, textColor=colors.HexColor(palette.MUTED))
        self.h1 = ps("h1", 14, 19, textColor=ACCENT, spaceBefore=8, spaceAfter=4, keepWithNext=1)
        self.h2 = ps("h2", 11.5, 16, textColor=ACCENT, spaceBefore=6, spaceAfter=3, keepWithNext=1)
        # intro text keeps with the table it introduces (no heading or note stranded at a page foot)
        self.body = ps("body", 9.5, 14, spaceAfter=4, keepWithNext=1)
        self.note = ps("note", 8, 11, textColor=colors.HexColor("#444444"), spaceAfter=3)
        self.lead = ps(
            "lead", 8, 11, textColor=colors.HexColor("#444444"), spaceAfter=3, keepWithNext=1
        )  # before a table
        self.cell = ps("cell", CELL_SIZE, CELL_LEADING)
        self.cell_head = ps("cell_head", CELL_SIZE, CELL_LEADING, textColor=colors.black)
        self.num = ps("num", CELL_SIZE, CELL_LEADING, alignment=TA_RIGHT)
        self.banner = ps("banner", 12, 16, alignment=TA_CENTER, textColor=colors.white)
        self.warn = ps("warn", 9.5, 14, textColor=WARN, spaceAfter=4)


def grid_style(header_rows: int = 1, total_row: bool = False, extra: list[Any] | None = None) -> TableStyle:
    """Thin grid, shaded header (repeated on every page by the Table's repeatRows)."""
    cmds = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        ("LEADING", (0, 0), (-1, -1), CELL_LEADING),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
    ]
    if header_rows > 0:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG))
    if total_row:
        cmds.append(("BACKGROUND", (0, -1), (-1, -1), TOTAL_BG))
    return TableStyle(cmds + (extra or []))
