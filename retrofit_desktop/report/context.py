"""What every section builder gets: the payload, styles, language, options and table helpers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from .fmt import as_dict, as_list, esc
from .options import ReportOptions
from .styles import Styles, grid_style

PAGE_MARGIN = 16 * mm


@dataclass
class ReportContext:
    payload: dict
    lang: str
    options: ReportOptions
    styles: Styles
    report_id: str
    sha256: str | None
    width: float  # usable frame width in points
    _chapter: int = field(default=0)

    @property
    def items(self) -> list[dict]:
        return [i for i in as_list(self.payload.get("items")) if isinstance(i, dict)]

    @property
    def summary(self) -> dict:
        return as_dict(self.payload.get("summary"))

    @property
    def enterprise(self) -> dict:
        return as_dict(self.payload.get("enterprise"))

    @property
    def catalog(self) -> dict:
        return as_dict(self.payload.get("catalog"))

    def chapter(self, title: str) -> Paragraph:
        """A numbered chapter heading; numbers follow the chapters actually present."""
        self._chapter += 1
        return Paragraph(f"{self._chapter}&nbsp;&nbsp;{esc(title)}", self.styles.h1)

    def heading(self, title: str) -> Paragraph:
        return Paragraph(esc(title), self.styles.h1)

    def p(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of plain text (escaped here)."""
        return Paragraph(esc(text), getattr(self.styles, style))

    def cell(self, value: Any, style: str = "cell") -> Paragraph:
        return Paragraph(esc(value), getattr(self.styles, style))

    def lines(self, values: Sequence[Any], style: str = "cell") -> Paragraph:
        """Several escaped values in one cell, one per line."""
        return Paragraph("<br/>".join(esc(v) for v in values) or "—", getattr(self.styles, style))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        fractions: Sequence[float],
        total_row: bool = False,
        extra_style: list | None = None,
        width: float | None = None,
    ) -> Table:
        """A grid (full width unless `width`) whose header repeats on every page; widths as fractions."""
        scale = (width or self.width) / sum(fractions)
        head = [self.cell(h, "cell_head") for h in header]
        t = Table([head, *rows], colWidths=[f * scale for f in fractions], repeatRows=1, hAlign="LEFT")
        t.setStyle(grid_style(1, total_row, extra_style))
        return t

    def key_values(self, pairs: Sequence[tuple[str, Any]], columns: int = 1, key_frac: float = 0.32) -> Flowable:
        """A two-column (or 2×`columns`) table of label / value pairs; values are escaped."""
        rows: list[list[Any]] = []
        for i in range(0, len(pairs), columns):
            row: list[Any] = []
            for label, value in pairs[i : i + columns]:
                row += [self.cell(label, "cell_head"), value if isinstance(value, Flowable) else self.cell(value)]
            row += [""] * (2 * columns - len(row))
            rows.append(row)
        kw = key_frac / columns
        vw = (1 - key_frac) / columns
        t = Table(rows, colWidths=[self.width * f for f in [kw, vw] * columns], hAlign="LEFT")
        style = grid_style(0)
        for c in range(0, 2 * columns, 2):
            style.add("BACKGROUND", (c, 0), (c, -1), "#e8eef4")
        t.setStyle(style)
        return t
