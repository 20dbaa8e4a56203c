"""The methods chapter reads in the report's language: method texts, factor scopes, notes and word units."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from report_payloads import small_payload

from retrofit_desktop.engine import FactorSet
from retrofit_desktop.engine.savings import METHOD_MOTOR
from retrofit_desktop.report import render_report


def flat(pdf) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(str(pdf)).pages))


def _payload(*, drop_zh: bool = False) -> dict:
    p = small_payload()
    factors = FactorSet.default("hunan", 2022).to_json()
    if drop_zh:  # a payload written before the Chinese fields existed
        for f in factors["factors"].values():
            f.pop("scope_zh"), f.pop("note_zh")
    p["summary"]["factors"] = factors
    for item in p["items"]:
        if item["savings"]["method"]:
            item["savings"]["method"] = METHOD_MOTOR
    return p


# from engine/data/factors.csv (discount_rate, reactive_equivalent_kq) and the engine's zh catalogue
ZH_NOTE = "做财务评价时请改用企业自身的基准收益率"
EN_NOTE = "usethefirm'sownhurdlerateforafinancialappraisal"
ZH_SCOPE = "社会折现率"
EN_SCOPE = "socialdiscountrate社会折现率"
ZH_METHOD = "电动机：P_出×小时×(1/η_旧−1/η_新)，P_出=P_N×β，额定效率（2台/套）"
EN_METHOD = "motor:P_out×h×(1/η_old−1/η_new),P_out=P_N×β,ratedefficiencies(2items)"


@pytest.mark.parametrize("drop_zh", [False, True], ids=["current", "old-payload"])
def test_zh_methods_page_is_chinese(tmp_path, drop_zh):
    text = flat(render_report(_payload(drop_zh=drop_zh), tmp_path / "zh.pdf", lang="zh"))
    assert ZH_METHOD in text and "P_out" not in text
    assert ZH_NOTE in text and "hurdlerate" not in text
    assert "折现率社会折现率0.08比值2006" in text  # label, scope (not the English), value, unit word, year
    assert "单独列示；不计入按电费计量的节约量" in text  # reactive K_Q note
    assert "neveraddedtobilledsavings" not in text
    # the factor's citation as an inspector writes it (issuers, 《title》, 文号 marked to be confirmed)
    assert (
        "国家发展改革委、建设部《建设项目经济评价方法与参数（第三版）》（发改投资〔2006〕1325号，文号待核）"
        in text
    )
    assert "qbook" not in text and "NDRC&MOHURD" not in text


def test_en_methods_page_keeps_the_english(tmp_path):
    text = flat(render_report(_payload(), tmp_path / "en.pdf", lang="en"))
    assert EN_METHOD in text and "电动机：" not in text
    assert EN_NOTE in text and ZH_NOTE not in text
    assert EN_SCOPE + "0.08fraction2006" in text
    assert "shownseparately;neveraddedtobilledsavings" in text
    # the English edition gives the English form of the citation
    assert "MethodsandParametersforEconomicEvaluationofConstructionProjects(3rdedition)" in text
    assert "建设项目经济评价方法与参数" not in text


def test_lists_in_chinese_use_chinese_punctuation(tmp_path):
    p = _payload()
    p["items"][0]["savings"]["fuel_kind"] = "natural_gas"
    p["catalog"] = {
        "title": "重点用能产品设备能效先进水平、节能水平和准入水平（2024年版）",
        "doc_no": "发改环资规〔2024〕127号",
    }
    zh = flat(render_report(p, tmp_path / "zh.pdf", lang="zh"))
    # no price has a value in the default factor set; the gas price is listed once an item burns gas
    assert "以下因子缺少数值（依赖它们的数据留空）：电价、天然气价格" in zh
    assert (
        "目录：重点用能产品设备能效先进水平、节能水平和准入水平（2024年版）；文号：发改环资规〔2024〕127号"
        in zh
    )
    en = flat(render_report(p, tmp_path / "en.pdf", lang="en"))
    assert "Catalog:" in en and "Documentnumber:" in en
    assert "(figuresthatneedthemareleftblank):Electricityprice,Naturalgasprice" in en
