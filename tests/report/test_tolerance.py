"""Missing or oddly typed parts of a payload never break the report; missing stays visibly missing."""

from __future__ import annotations

import copy
import re

from pypdf import PdfReader
from report_payloads import small_payload

from retrofit_desktop.report import ReportOptions, read_embedded_payload, render_report


def _paths(obj, prefix=(), depth=3):
    """Every key path (dict keys, first list element) down to `depth`."""
    if depth == 0:
        return
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield (*prefix, k)
            yield from _paths(v, (*prefix, k), depth - 1)
    elif isinstance(obj, list) and obj:
        yield (*prefix, 0)
        yield from _paths(obj[0], (*prefix, 0), depth - 1)


def _set(obj, path, value):
    for k in path[:-1]:
        obj = obj[k]
    obj[path[-1]] = value


def test_any_part_set_to_none_or_to_odd_text_still_renders(tmp_path):
    base = small_payload()
    paths = [p for p in _paths(base) if p[0] != "schema"]
    assert len(paths) > 60
    out = tmp_path / "t.pdf"
    opts = ReportOptions(embed_payload=False)
    for i, path in enumerate(paths):  # alternate the two odd values to keep the test fast
        p = copy.deepcopy(base)
        _set(p, path, None if i % 2 else "x<y>&z")
        render_report(p, out, options=opts)  # must not raise
    assert out.stat().st_size > 1000


def test_empty_payload_renders_a_short_report(tmp_path):
    pdf = render_report({"schema": 1}, tmp_path / "empty.pdf")
    reader = PdfReader(str(pdf))
    assert len(reader.pages) <= 2
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    assert "没有评估任何设备" in text and "缺少费用数据：未给出电价（请按电费单填写平均到户电价）。" in text
    assert read_embedded_payload(pdf) == {"schema": 1, "report": read_embedded_payload(pdf)["report"]}


def test_non_dict_items_are_skipped_not_fatal(tmp_path):
    p = small_payload()
    p["items"].insert(0, "garbage")
    p["items"].append(None)
    text = "".join(pg.extract_text() for pg in PdfReader(str(render_report(p, tmp_path / "g.pdf"))).pages)
    assert "M-001" in text and "garbage" not in text


def test_huge_text_in_any_cell_is_clipped_instead_of_breaking_the_layout(tmp_path):
    p = small_payload()
    p["items"][1]["name"] = "很长的名称" * 1500
    p["rejected"][0]["value"] = "x" * 20000
    p["inputs"][0]["quantity"] = "九" * 3000  # the narrowest ledger column
    p["items"][0]["comparisons"] = p["items"][0]["comparisons"] * 100
    pdf = render_report(p, tmp_path / "long.pdf")
    text = "".join(pg.extract_text() for pg in PdfReader(str(pdf)).pages)
    assert "很长的名称很长的名称" in text and "…" in text
    assert read_embedded_payload(pdf)["items"][1]["name"] == "很长的名称" * 1500  # full text kept in the data
