"""Benchmark: render_report() for payloads of N hand-built items (schema 1), zh.

Times exactly: ``render_report(payload, path)`` (layout, fonts, charts, embedding the JSON payload,
writing the file). Excluded: classification and savings (the payload is built by hand).
Baseline measured in the same run: a bare reportlab document with one table of the same number of
rows × 8 plain-string cells in the same embedded font (no paragraphs, no other chapters).
Ratio = render_report / baseline. Times are CPU seconds of this process (time.process_time), which
other work on a shared machine disturbs less than wall time. Note: the baseline's single table is
re-measured at every page break by reportlab (O(n²)); render_report cuts long lists into chunks.

Then, for the final table (issue 12 target): a report of 10,000 items vs a bare reportlab document with
THE SAME TABLES - every data table render_report builds (ReportContext.grid: the same cells, column
widths and repeated header rows), captured from one render and rebuilt in a plain SimpleDocTemplate with
the same grid style, nothing else (no cover, headings, charts, text, embedded payload). Each side runs in
its own process (CPU seconds of the timed part; peak RSS of the rendering process is reported).
Target <= 1.5x.

Run: .venv/bin/python bench/bench_report.py [N ...]   (default 100 1000 5000; --table-items 10000, 0 to skip)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "report"))

sys.path.insert(0, str(ROOT / "bench"))

from report_payloads import large_payload  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import SimpleDocTemplate, Table  # noqa: E402
from results import add_row, run_measured  # noqa: E402

from retrofit_desktop.report import render_report  # noqa: E402
from retrofit_desktop.report.styles import FONT, grid_style, register_font  # noqa: E402


def baseline(n: int, path: Path) -> float:
    register_font()
    rows = [["标签", "名称", "产品", "参数", "指标", "限值", "水平", "状态"]]
    rows += [
        [
            f"L-{i:04d}",
            f"电机 {i}",
            "三相异步电动机",
            "P 55 kW",
            "效率 95 %",
            "95.4/94.6/93.6",
            "节能水平",
            "已核实",
        ]
        for i in range(n)
    ]
    t = time.process_time()
    doc = SimpleDocTemplate(str(path), pagesize=A4, initialFontName=FONT)
    table = Table(rows, repeatRows=1)
    table.setStyle(grid_style(1))
    doc.build([table])
    return time.process_time() - t


def same_tables_floor(n: int, folder: Path) -> float:
    """CPU seconds of a bare reportlab document holding the tables render_report builds for n items."""
    from reportlab.platypus import Table as PlainTable

    from retrofit_desktop.report import context

    captured: list[tuple[list, list, dict, list]] = []
    in_grid: list[bool] = []

    class Recording(PlainTable):  # records the tables ReportContext.grid makes (not the parts a split makes)
        def __init__(self, data, colWidths=None, **kw):
            super().__init__(data, colWidths=colWidths, **kw)
            self._record = None
            if in_grid:
                self._record = (data, colWidths, kw, [])
                captured.append(self._record)

        def setStyle(self, tblstyle):
            super().setStyle(tblstyle)
            if getattr(self, "_record", None) is not None:
                self._record[3].append(tblstyle)

    grid = context.ReportContext.grid

    def recording_grid(self, *a, **kw):
        in_grid.append(True)
        try:
            return grid(self, *a, **kw)
        finally:
            in_grid.pop()

    context.Table, context.ReportContext.grid = Recording, recording_grid
    try:
        render_report(large_payload(n), folder / "capture.pdf")
    finally:
        context.Table, context.ReportContext.grid = PlainTable, grid
    t = time.process_time()
    m = context.PAGE_MARGIN  # the report's frame, so that every table fits as it does there
    doc = SimpleDocTemplate(
        str(folder / "floor.pdf"),
        pagesize=A4,
        initialFontName=FONT,
        leftMargin=m,
        rightMargin=m,
        topMargin=m - 4,
        bottomMargin=m + 2,
        invariant=1,
    )
    story = []
    for data, widths, kw, styles in captured:
        table = PlainTable(data, colWidths=widths, **kw)
        for style in styles or [grid_style(max(kw.get("repeatRows", 0), 1))]:
            table.setStyle(style)
        story.append(table)
    doc.build(story)
    return time.process_time() - t


def child(kind: str, n: int, folder: Path) -> None:
    register_font()
    render_report(large_payload(10), folder / f"warm-{kind}.pdf")  # fonts, translations: as in a running app
    if kind == "ours":
        payload = large_payload(n)
        t = time.process_time()
        render_report(payload, folder / "ours.pdf")
        took = time.process_time() - t
    else:
        took = same_tables_floor(n, folder)
    print(f"seconds {took:.4f}")


def table_row(n: int, runs: int = 2) -> None:
    me = [sys.executable, __file__, "--child"]
    ours, floor, rss = [], [], []
    with tempfile.TemporaryDirectory() as d:
        for _ in range(runs):  # interleaved
            for kind, out in (("floor", floor), ("ours", ours)):
                _wall, peak, res = run_measured([*me, kind, str(n), d])
                out.append(float(res.stdout.split()[-1]))
                if kind == "ours":
                    rss.append(peak)
    ratio = min(ours) / min(floor)
    print(
        f"report of {n:,} items: render_report {min(ours):.2f} s CPU "
        f"(runs {', '.join(f'{x:.2f}' for x in ours)}), "
        f"peak RSS {max(rss):,.0f} MB; bare reportlab with the same tables {min(floor):.2f} s "
        f"(runs {', '.join(f'{x:.2f}' for x in floor)}); ratio {ratio:.2f} (target <= 1.5)"
    )
    add_row(
        f"report of {n // 1000}k items (render_report, CPU)",
        f"{min(ours):.2f} s",
        f"bare reportlab, same tables {min(floor):.2f} s",
        ratio,
        "≤ 1.5×",
        max(rss),
        ratio <= 1.5,
    )


def main(sizes: list[int], table_items: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        render_report(large_payload(10), Path(d) / "warm.pdf")  # font registration, translations
        print(f"{'items':>6} {'render s':>9} {'pages':>6} {'KB':>7} {'baseline s':>11} {'ratio':>6}")
        for n in sizes:
            payload = large_payload(n)
            out = Path(d) / f"r{n}.pdf"
            t = time.process_time()
            render_report(payload, out)
            took = time.process_time() - t
            base = baseline(n, Path(d) / f"b{n}.pdf")
            from pypdf import PdfReader

            pages = len(PdfReader(str(out)).pages)
            print(
                f"{n:>6} {took:>9.2f} {pages:>6} {out.stat().st_size / 1024:>7.0f} {base:>11.2f} "
                f"{took / base:>6.1f}"
            )
    if table_items:
        table_row(table_items)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]))
    else:
        args = sys.argv[1:]
        items = 10_000
        if "--table-items" in args:
            i = args.index("--table-items")
            items = int(args[i + 1])
            del args[i : i + 2]
        main([int(a) for a in args] or [100, 1000, 5000], items)
