"""Long item lists are cut into table chunks (linear time); row styles follow their rows."""

from __future__ import annotations

import re

from pypdf import PdfReader
from report_payloads import large_payload

import retrofit_desktop.report.context as context
from retrofit_desktop.report import ReportOptions, render_report
from retrofit_desktop.report.styles import Styles


def _ctx() -> context.ReportContext:
    return context.ReportContext(
        payload={},
        lang="zh",
        options=ReportOptions(),
        styles=Styles("zh"),
        report_id="RD-X",
        sha256=None,
        width=500,
    )


def test_chunks_keep_single_row_styles_on_their_rows_and_the_total_on_the_last(monkeypatch):
    monkeypatch.setattr(context, "CHUNK_ROWS", 3)
    rows = [[f"r{i}", str(i)] for i in range(7)]  # data rows 0..6 -> table rows 1..7
    style = [
        ("BACKGROUND", (0, 5), (0, 5), "#ff0000"),  # data row 4: chunk 2 (rows 3-5), its 2nd row
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
    ]
    tables = _ctx().tables(["a", "b"], rows, [1, 1], total_row=True, extra_style=style)
    assert [len(t._cellvalues) for t in tables] == [4, 4, 2]  # header + 3, header + 3, header + 1
    red = [(i, c[1], c[2]) for i, t in enumerate(tables) for c in t._bkgrndcmds if c[3] == "#ff0000"]
    assert red == [(1, (0, 2), (0, 2))]
    totals = [i for i, t in enumerate(tables) for c in t._bkgrndcmds if c[1] == (0, -1)]
    assert totals == [2]


def test_a_long_report_in_chunks_still_lists_every_item_with_headers(tmp_path, monkeypatch):
    monkeypatch.setattr(context, "CHUNK_ROWS", 40)
    pdf = render_report(large_payload(130), tmp_path / "c.pdf")
    pages = [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(str(pdf)).pages]
    text = "".join(pages)
    for i in range(130):
        assert f"L-{i:04d}" in text
    assert all("设备编号" in t for t in pages if "L-0" in t)
