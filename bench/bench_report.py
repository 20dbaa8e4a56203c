"""Benchmark: render_report() for payloads of N hand-built items (schema 1), zh.

Times exactly: ``render_report(payload, path)`` (layout, fonts, charts, embedding the JSON payload,
writing the file). Excluded: classification and savings (the payload is built by hand).
Baseline measured in the same run: a bare reportlab document with one table of the same number of
rows × 8 plain-string cells in the same embedded font (no paragraphs, no other chapters).
Ratio = render_report / baseline. Times are CPU seconds of this process (time.process_time), which
other work on a shared machine disturbs less than wall time. Note: the baseline's single table is
re-measured at every page break by reportlab (O(n²)); render_report cuts long lists into chunks.

Run: .venv/bin/python bench/bench_report.py [N ...]   (default 100 1000 5000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "report"))

from report_payloads import large_payload  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import SimpleDocTemplate, Table  # noqa: E402

from retrofit_desktop.report import render_report  # noqa: E402
from retrofit_desktop.report.styles import FONT, grid_style, register_font  # noqa: E402


def baseline(n: int, path: Path) -> float:
    register_font()
    rows = [["标签", "名称", "产品", "参数", "指标", "限值", "水平", "状态"]]
    rows += [[f"L-{i:04d}", f"电机 {i}", "三相异步电动机", "P 55 kW", "效率 95 %", "95.4/94.6/93.6", "节能水平", "已核实"]
             for i in range(n)]
    t = time.process_time()
    doc = SimpleDocTemplate(str(path), pagesize=A4, initialFontName=FONT)
    table = Table(rows, repeatRows=1)
    table.setStyle(grid_style(1))
    doc.build([table])
    return time.process_time() - t


def main(sizes: list[int]) -> None:
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
            print(f"{n:>6} {took:>9.2f} {pages:>6} {out.stat().st_size / 1024:>7.0f} {base:>11.2f} {took / base:>6.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 5000])
