"""The report accepts the shapes services.assess() produces (nested factors, engine MAC bars, enterprise
objects)."""

from __future__ import annotations

import re

from pypdf import PdfReader
from report_payloads import FACTORS, small_payload

from retrofit_desktop.report import render_report


def flat(pdf) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(str(pdf)).pages))


def services_like_payload() -> dict:
    p = small_payload()
    p["enterprise"] = {
        "name": "示例企业：湘江机械",
        "name_en": "Sample: Xiangjiang Machinery",
        "credit_code": "91430121MA4Q0P7C9D",
        "province": "湖南省",
        "city": "长沙",
        "region": "湖南",
        "industry": {"classification": "GB/T 4754-2017", "code": "C3484", "name": "机械零部件加工"},
        "sites": [{"name": "星沙厂区", "address": "长沙县"}, {"name": "望城分厂", "address": "望城区"}],
        "is_sample": True,
    }
    p["catalog"] = {
        "edition": "ndrc-2024-ref",
        "title": "重点用能产品设备能效先进水平、节能水平和准入水平（2024年版）",
        "doc_no": "发改环资规〔2024〕127号",
        "sha256": "c4" * 32,
    }
    p["options"] = {"region": "hunan", "price_cny_per_kwh": 0.65, "target": "energy_saving"}
    factors = {k: dict(v, key=k) for k, v in FACTORS.items()}
    factors["fuel_tce_coal"] = {
        "key": "fuel_tce_coal",
        "value": 0.7143,
        "unit": "kgce/kg",
        "source": "GB/T 2589-2020 Annex A",
        "status": "verified",
    }
    factors["price_fuel_coal"] = {
        "key": "price_fuel_coal",
        "value": None,
        "unit": "CNY/t",
        "source": "",
        "status": None,
    }
    p["summary"]["factors"] = {
        "factors": factors,
        "grid_resolution": {"series": "average", "region": "hunan", "level": "province", "year": 2022},
    }
    p["summary"]["notes"] = ["1 台设备缺少计算节能量所需数据；已列出缺失字段。"]
    del p["mac_curve"]
    p["summary"]["mac_curve"] = [
        {"asset_tag": "M-002", "measure": "replace", "cny_per_tco2": 310.0, "tco2": 1.96},
        {"asset_tag": "M-001", "measure": "replace", "cny_per_tco2": -420.0, "tco2": 6.05},
    ]
    p["items"][0]["measure"], p["items"][0]["mandatory"] = "replace", True
    p["items"][1]["measure"], p["items"][1]["mandatory"] = "replace_at_failure", False
    return p


def test_enterprise_objects_are_shown_by_name(tmp_path):
    text = flat(render_report(services_like_payload(), tmp_path / "s.pdf"))
    assert "示例数据：虚构企业" in text  # is_sample, as in resources/sample/sample_enterprise.json
    assert "C3484机械零部件加工(GB/T4754-2017)" in text
    assert "星沙厂区、望城分厂" in text and "address" not in text
    assert "湖南省长沙" in text
    # the built-in edition's internal id is never printed (the verification chapter names it in words)
    assert "ndrc-2024-ref" not in text


def test_english_uses_the_english_enterprise_name(tmp_path):
    text = flat(render_report(services_like_payload(), tmp_path / "e.pdf", lang="en"))
    assert "Sample:XiangjiangMachinery" in text


def test_engine_mac_bars_from_the_summary_are_charted(tmp_path):
    text = flat(render_report(services_like_payload(), tmp_path / "m.pdf"))
    assert "边际减排成本曲线" in text
    # sorted by cost: M-001 (-420) before M-002 (310), labelled with tag and measure kind
    assert text.index("M-001更换6.05-420") < text.index("M-002更换1.96310")


def test_measure_kind_and_mandatory_flag(tmp_path):
    text = flat(render_report(services_like_payload(), tmp_path / "k.pdf"))
    assert "节能水平更换（强制）" in text
    assert "节能水平故障时更换" in text
    # the mandatory measure (M-001, below entry) comes before the optional one (M-002)
    assert text.index("M-001泵") < text.index("M-002引风机电机节能水平故障时更换")


def test_price_from_options_and_only_relevant_fuel_factors(tmp_path):
    p = services_like_payload()
    text = flat(render_report(p, tmp_path / "f.pdf"))
    assert "缺少费用数据" not in text
    assert "原煤折标准煤系数" not in text and "原煤价格" not in text  # no item burns coal
    assert "未列出2个与所评估设备无关的燃料因子" in text
    assert "1台设备缺少计算节能量所需数据；已列出缺失字段。" in text  # summary notes
    p["inputs"][0]["fuel_kind"] = "coal"
    text = flat(render_report(p, tmp_path / "coal.pdf"))
    # shown by name, not by key
    assert "原煤折标准煤系数" in text and "0.7143kgce/kg" in text and "原煤价格" in text
    assert "fuel_tce_coal" not in text and "price_fuel_coal" not in text
    p["options"]["price_cny_per_kwh"] = None
    del p["summary"]["factors"]["factors"]["electricity_price"]
    p["summary"]["cny"] = None
    assert "缺少费用数据：未给出电价（请按电费单填写平均到户电价）。" in flat(
        render_report(p, tmp_path / "np.pdf")
    )
