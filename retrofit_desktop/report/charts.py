"""Charts drawn with reportlab graphics, in the embedded font (never Helvetica)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from .fmt import fmt_num
from .styles import FONT


def tier_bar_chart(labels: Sequence[str], counts: Sequence[int], hex_colours: Sequence[str], width: float) -> Drawing:
    """Horizontal bars, one per tier, coloured like the GUI (domain.TIER_COLOURS)."""
    n = len(labels)
    bar_h = 11
    height = n * (bar_h + 6) + 30
    d = Drawing(width, height, initialFontName=FONT)
    ch = HorizontalBarChart()
    ch.x, ch.y = 70, 18
    ch.width, ch.height = width - 90, height - 24
    ch.data = [list(reversed(counts))]  # first tier on top
    ch.categoryAxis.categoryNames = list(reversed(labels))
    ch.categoryAxis.labels.fontName = FONT
    ch.categoryAxis.labels.fontSize = 8
    ch.categoryAxis.labels.boxAnchor = "e"
    ch.valueAxis.labels.fontName = FONT
    ch.valueAxis.labels.fontSize = 7
    ch.valueAxis.valueMin = 0
    top = max(counts) if counts else 0
    ch.valueAxis.valueMax = max(1, top) * 1.15
    ch.valueAxis.valueStep = _nice_step(max(1, top))
    ch.barLabelFormat = "%d"
    ch.barLabels.fontName = FONT
    ch.barLabels.fontSize = 7
    ch.barLabels.boxAnchor = "w"
    ch.barLabels.dx = 3
    ch.bars.strokeWidth = 0.3
    for i, hx in enumerate(reversed(list(hex_colours))):
        ch.bars[(0, i)].fillColor = colors.HexColor(hx)
    d.add(ch)
    return d


def _nice_step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if top / step <= 6:
            return step
    return 10 ** len(str(int(top)))


def mac_curve_chart(
    points: Sequence[tuple[str, float, float]], width: float, x_title: str, y_title: str
) -> Drawing:
    """Marginal abatement cost curve: bars sorted by CNY/tCO2, width = tCO2/yr abated, height = CNY/tCO2."""
    pts = sorted(points, key=lambda p: p[2])
    height = 115.0
    left, right, bottom, top = 58.0, 12.0, 34.0, 14.0
    d = Drawing(width, height, initialFontName=FONT)
    total = sum(p[1] for p in pts) or 1.0
    y_max = max([p[2] for p in pts] + [0.0])
    y_min = min([p[2] for p in pts] + [0.0])
    span = (y_max - y_min) or 1.0
    y_max, y_min = y_max + 0.08 * span, y_min - (0.08 * span if y_min < 0 else 0)
    plot_w, plot_h = width - left - right, height - bottom - top

    def y_at(v: float) -> float:
        return bottom + (v - y_min) / (y_max - y_min) * plot_h

    zero = y_at(0.0)
    x = left
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"]
    for i, (label, tco2, mac) in enumerate(pts):
        w = tco2 / total * plot_w
        y0, y1 = sorted((zero, y_at(mac)))
        d.add(Rect(x, y0, w, max(y1 - y0, 0.5), fillColor=colors.HexColor(palette[i % len(palette)]),
                   strokeColor=colors.white, strokeWidth=0.5))
        if w > 26:
            d.add(String(x + w / 2, (y1 + 2) if mac >= 0 else (y0 - 8), label[:12], fontName=FONT, fontSize=6,
                         textAnchor="middle"))
        x += w
    d.add(Line(left, zero, left + plot_w, zero, strokeColor=colors.black, strokeWidth=0.6))
    d.add(Line(left, bottom, left, bottom + plot_h, strokeColor=colors.black, strokeWidth=0.6))
    for v in (y_min, 0.0, y_max):
        d.add(String(left - 3, y_at(v) - 2.5, fmt_num(v), fontName=FONT, fontSize=6.5, textAnchor="end"))
    d.add(String(left + plot_w, bottom - 12, fmt_num(total, 1), fontName=FONT, fontSize=6.5, textAnchor="end"))
    d.add(String(left, bottom - 12, "0", fontName=FONT, fontSize=6.5, textAnchor="start"))
    d.add(String(left + plot_w / 2, 6, x_title, fontName=FONT, fontSize=7.5, textAnchor="middle"))
    d.add(String(4, height - 9, y_title, fontName=FONT, fontSize=7.5, textAnchor="start"))
    return d
