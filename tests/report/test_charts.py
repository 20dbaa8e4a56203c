"""The MAC chart's texts do not collide: axis labels at the corner, block labels next to the axis."""

from __future__ import annotations

from reportlab.graphics.shapes import String
from reportlab.pdfbase.pdfmetrics import stringWidth

from retrofit_desktop.report.charts import mac_curve_chart
from retrofit_desktop.report.styles import FONT, register_font


def _boxes(drawing) -> list[tuple[str, float, float, float, float]]:
    out = []
    for s in drawing.contents:
        if isinstance(s, String):
            w = stringWidth(s.text, FONT, s.fontSize)
            x0 = {"start": s.x, "middle": s.x - w / 2, "end": s.x - w}[s.textAnchor]
            out.append((s.text, x0, s.y - 0.2 * s.fontSize, x0 + w, s.y + 0.8 * s.fontSize))
    return out


def test_no_two_texts_of_the_mac_chart_overlap():
    register_font()
    # the sample's curve: a narrow first block with a negative cost, a wide one, small ones, steep ones
    points = [
        ("XJ-F-003 更换", 5.02, -896.0),
        ("XJ-M-004 更换", 1.37, -749.0),
        ("XJ-M-005 更换", 1.52, -618.0),
        ("XJ-F-002 更换", 3.17, -552.0),
        ("XJ-C-001 更换", 11.5, -311.0),
        ("XJ-C-002 更换", 13.12, 342.0),
        ("XJ-C-005 更换", 3.7, 679.0),
        ("XJ-T-001 更换", 3.52, 1818.0),
        ("XJ-CH-001 更换", 7.35, 3939.0),
        ("XJ-T-002 更换", 2.33, 4103.0),
        ("XJ-T-003 更换", 1.89, 6994.0),
        ("XJ-M-015 更换", 0.61, 10499.0),
    ]
    d = mac_curve_chart(points, 480, "累计年减排二氧化碳（tCO2/年）", "元/tCO2")
    boxes = _boxes(d)
    texts = [b[0] for b in boxes]
    assert "XJ-F-003 更换" in texts and texts.count("0") == 2  # y axis 0 and x axis 0
    assert any(t.startswith("-") for t in texts)  # the lowest y label
    clashes = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] - 1 < b[3] and b[1] - 1 < a[3] and a[2] - 1 < b[4] and b[2] - 1 < a[4]
    ]  # 1 pt apart at least
    assert not clashes, clashes
