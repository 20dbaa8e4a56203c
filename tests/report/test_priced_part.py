"""Summary and scope figures a reader needs: what the priced items save when the total cost saving is
missing (some items have no price; the summary says how many are left out), and the grid factor year used."""

from __future__ import annotations

import re

from pypdf import PdfReader
from report_payloads import small_payload

from retrofit_desktop.report import render_report


def text(pdf) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(str(pdf)).pages))


def test_priced_part_shown_when_the_total_is_missing(tmp_path):
    payload = small_payload()
    s = payload["summary"]
    # two priced items: 12,345 + 4,000 kWh at 0.65 CNY/kWh = 10,624.25 CNY/yr; a boiler left unpriced
    s.update(cny=None, cny_priced=(12345.0 + 4000.0) * 0.65, cny_unpriced_items=1)
    zh = text(render_report(payload, tmp_path / "zh.pdf"))
    assert "年节约费用，不含1台未定价设备（万元/年）1.06" in zh  # in 万元 in the zh summary (issue 11 C.12)
    en = text(render_report(payload, tmp_path / "en.pdf", lang="en"))
    assert "Costsavedwithoutthe1unpriceditems(CNY/yr)10,624" in en


def test_no_priced_part_when_the_total_is_known(tmp_path):
    payload = small_payload()
    payload["summary"].update(cny_priced=payload["summary"].get("cny"), cny_unpriced_items=0)
    assert "未定价" not in text(render_report(payload, tmp_path / "zh.pdf"))


def test_scope_names_the_year_of_the_grid_factor_used(tmp_path):
    payload = small_payload()
    payload["options"] = {**(payload.get("options") or {}), "region": "湖南", "factor_year": None}
    factors = payload["summary"].setdefault("factors", {})
    factors["grid_resolution"] = {
        "requested_region": "湖南",
        "requested_year": None,
        "region": "hunan",
        "level": "province",
        "year": 2022,
        "series": "average",
        "fallback": None,
    }
    assert "地区与因子年份湖南/2022" in text(render_report(payload, tmp_path / "zh.pdf"))
