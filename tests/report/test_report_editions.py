"""The PDF names the edition judged beside each product's tiers; an old payload's edition_mismatch reads as
the successor-edition statement."""

from __future__ import annotations

import re

from pypdf import PdfReader
from report_payloads import small_payload

from retrofit_desktop.report import render_report


def flat(pdf) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(str(pdf)).pages))


def test_edition_line_and_reading_in_the_chinese_report(tmp_path):
    p = small_payload()
    p["options"] = {**(p.get("options") or {}), "edition": "in_force", "assessment_date": "2026-12-01"}
    for item in p["items"]:
        item.update(
            standard_edition="GB 19762-2025",
            edition_effective="2026-03-01",
            catalog_edition_cited="GB 19762-2007",
        )
    text = flat(render_report(p, tmp_path / "zh.pdf"))
    assert "判定依据版本：GB19762—2025（2026-03-01实施）；《目录》引用GB19762—2007" in text
    assert "评估日期（2026-12-01）现行有效" in text and "通知原文未能查得" in text


def test_old_edition_mismatch_is_counted_as_successor_edition(tmp_path):
    p = small_payload()
    for item in p["items"]:
        item["verification"] = "edition_mismatch"
    text = flat(render_report(p, tmp_path / "old.pdf"))
    assert "edition_mismatch" not in text and "依据现行版本" in text
