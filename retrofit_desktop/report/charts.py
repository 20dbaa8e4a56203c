"""Charts drawn with reportlab graphics, in the embedded font (never Helvetica)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .fmt import fmt_num
from .styles import FONT


def tier_bar_chart(
    labels: Sequence[str], counts: Sequence[int], hex_colours: Sequence[str], width: float
) -> Drawing:
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


def _nice_step(top: float) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if top / step <= 6:
            return step
    return int(10 ** len(str(int(top))))


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
    labels: list[tuple[float, float, str]] = []
    for i, (label, tco2, mac) in enumerate(pts):
        w = tco2 / total * plot_w
        y0, y1 = sorted((zero, y_at(mac)))
        d.add(
            Rect(
                x,
                y0,
                w,
                max(y1 - y0, 0.5),
                fillColor=colors.HexColor(palette[i % len(palette)]),
                strokeColor=colors.white,
                strokeWidth=0.5,
            )
        )
        # the whole label, else its first word (the asset tag); a label much wider than its block
        # would seem to name a neighbour
        text = next((t for t in (label, label.split(" ")[0]) if stringWidth(t, FONT, 6) <= w + 10), None)
        if text is not None:
            half = stringWidth(text, FONT, 6) / 2
            # kept right of the y axis and its labels; a negative bar is labelled above the zero line,
            # not below its bottom where the axis labels are
            cx = min(max(x + w / 2, left + half + 2), left + plot_w - half)
            labels.append((cx, (y1 + 2) if mac >= 0 else (zero + 2), text))
        x += w
    d.add(Line(left, zero, left + plot_w, zero, strokeColor=colors.black, strokeWidth=0.6))
    d.add(Line(left, bottom, left, bottom + plot_h, strokeColor=colors.black, strokeWidth=0.6))
    placed: list[tuple[float, float, float, float]] = []

    def add_text(x: float, y: float, text: str, size: float, anchor: str, *, optional: bool = False) -> None:
        w = stringWidth(text, FONT, size)
        x0 = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        box = (x0 - 1, y - 0.2 * size - 1, x0 + w + 1, y + 0.8 * size + 1)
        if optional and any(
            box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed
        ):
            return
        placed.append(box)
        d.add(String(x, y, text, fontName=FONT, fontSize=size, textAnchor=anchor))

    for v in (y_min, 0.0, y_max):
        if v != 0.0 and abs(y_at(v) - zero) < 8:
            continue  # would sit on the 0 label
        add_text(left - 3, y_at(v) - 2.5, fmt_num(v), 6.5, "end")
    # x labels well below the plot, so they clear the lowest y label at the corner
    add_text(left + plot_w, bottom - 14, fmt_num(total, 1), 6.5, "end")
    add_text(left, bottom - 14, "0", 6.5, "middle")
    for cx, y, text in labels:  # drawn over the blocks; one that would touch a placed text is left out
        add_text(cx, y, text, 6, "middle", optional=True)
    d.add(String(left + plot_w / 2, 6, x_title, fontName=FONT, fontSize=7.5, textAnchor="middle"))
    d.add(String(4, height - 9, y_title, fontName=FONT, fontSize=7.5, textAnchor="start"))
    return d
