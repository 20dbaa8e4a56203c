"""The sample report cites official documents wherever it names a source; the appendix 「数据来源与核实状态」
says in words how each table's values were obtained; the transcription chain (repository paths, web
reprints, internal notes) is only in the embedded payload."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from retrofit_desktop import services
from retrofit_desktop.engine import FactorSet
from retrofit_desktop.report import read_embedded_payload, render_report

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "sample_inventory.csv"
KEYS = (
    "[EQ-",
    "methods.md",
    "S7",
    "UNVERIFIED",
    "README",
    "MORE §",
    "design.md",
    "MOTOR-",
    "ISC2024-",
    "ndrc-2024-ref",
)
WORDS = ("http", "github", "equipeffi", "search index", "index id", "adgo07", "qbook", "etnet", "163.com")
APPENDIX = {"zh": "附录C数据来源与核实状态", "en": "AppendixCDatasourcesandverificationstatus"}


def dirty(text: str) -> list[str]:
    low = text.lower()
    return [k for k in KEYS if k in text] + [w for w in WORDS if w in low]


@pytest.fixture(scope="module")
def payload():
    return services.assess_file(SAMPLE, services.AssessOptions(region="hunan", assessment_date="2026-12-01"))


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(str(pdf)).pages))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_running_text_cites_and_the_appendix_says_the_route_in_words(tmp_path, payload, lang):
    pdf = render_report(payload, tmp_path / f"{lang}.pdf", lang=lang)
    text = _text(pdf)
    head, sep, appendix = text.partition(APPENDIX[lang])
    assert sep, "the appendix of data sources is missing"
    # nothing a user reads names a repository path, a web reprint or an internal note: the whole PDF
    assert not dirty(text), [(k, text[max(0, text.find(k) - 60) : text.find(k) + 60]) for k in dirty(text)]
    assert not re.search(r"[\w.-]+/[\w.-]+@[0-9a-f]{7}|src/|standards/|\.md\b", text)
    # the route in words, per line, from the provenance kind and the line's verification status
    if lang == "zh":
        assert "数据获取途径" in appendix and "数据转录来源" not in text
        assert "据第三方对正式文本的转录录入，仅一个来源，尚未与正式文本逐项核对" in appendix  # GB 18613 表1
        assert "据公开转载的文件文本摘录" in appendix  # the discount rate, the loan subsidy notice
        assert "据发布机关公布的正式文本录入" in appendix  # the grid factor (MEE announcement)
        assert "通行约定或假设值，非取自正式文本，未经核实" in appendix
    else:
        assert "Howthevalueswereobtained" in appendix
        assert "Enteredfromathird-partytranscriptionoftheofficialtext;onesourceonly" in appendix
        assert "Takenfromapublishedreprintofthedocument" in appendix
    # the raw provenance stays in the embedded payload
    embedded = read_embedded_payload(pdf)
    motor = next(x for x in embedded["data_sources"] if x["table"] == "GB 18613-2020 表1")
    assert motor["provenance"].startswith("adgo07/EquipEffi@")
    assert any("etnet" in (x["provenance"] or "") for x in embedded["data_sources"])
    if lang == "zh":
        assert (
            "限值来源：GB18613—2020《电动机能效限定值及能效等级》表1（国家市场监督管理总局、国家标准化管理委员会2020-05-29发布"
            in head
        )
        assert "数据版本：软件内置参考版" in head and "版本：ndrc" not in head
        assert "《高耗能落后机电设备（产品）淘汰目录（第三批）》第1-1项" in head
        assert (
            "生态环境部、国家统计局《关于发布2023年电力二氧化碳排放因子的公告》（公告2025年第47号，2025-12-31）附件表3"
            in head
        )
    else:
        assert (
            "GB18613—2020Minimumallowablevaluesofenergyefficiencyandenergyefficiencygradesformotors,Table1"
            in head
        )
        assert "MethodsandParametersforEconomicEvaluationofConstructionProjects" in head
        assert (
            "MIITelimination" in head or "CatalogueofOutdatedHigh-energy-consumingElectromechanical" in head
        )


def test_appendix_has_one_line_per_table(payload):
    lines = payload["data_sources"]
    tier = [x for x in lines if x["kind"] == "tier_table"]
    used = {
        t for i in payload["items"] for c in i["comparisons"] for t in (c.get("table") or "").split("; ") if t
    }
    assert sorted(x["table"] for x in tier) == sorted(used)
    motor = next(x for x in tier if x["table"] == "GB 18613-2020 表1")
    assert motor["source"].startswith("GB 18613—2020《电动机能效限定值及能效等级》表1")
    assert motor["provenance"].startswith("adgo07/EquipEffi@") and motor["verification"] == "single_source"
    # factors: one line per cited document, not per factor
    factor_lines = [x for x in lines if x["kind"] == "factor"]
    assert len({x["source"] for x in factor_lines}) == len(factor_lines)
    gbt2589 = next(x for x in factor_lines if "fuel_tce_coal" in x["table"].split(", "))
    assert gbt2589["source"].startswith("GB/T 2589—2020《综合能耗计算通则》附录A 表A.1")
    assert "tce_electricity_calorific" in gbt2589["table"].split(", ")
    assert [x["kind"] for x in lines][0] == "catalog"


def test_every_factor_and_grid_row_cites_without_web_copies():
    fs = FactorSet.default("hunan").to_json()["factors"]
    for key, f in fs.items():
        assert not dirty(f["source"]) and not dirty(f["source_en"]), (key, f["source"])
    with (ROOT / "retrofit_desktop" / "engine" / "data" / "grid_factors.csv").open(encoding="utf-8") as fh:
        grid = list(csv.DictReader(fh))
    for r in grid:
        assert not dirty(r["source"]) and not dirty(r["source_en"]) and r["provenance"], r
    hunan = [r for r in grid if r["region"] == "hunan" and r["year"] == "2023"]
    assert hunan and hunan[0]["value"] == "0.4976" and "公告2025年第47号" in hunan[0]["source"]
    with (ROOT / "retrofit_desktop" / "engine" / "data" / "regions.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            assert not dirty(r["source"]) and not dirty(r["note"]), r


def test_english_appendix_names_and_citations_have_no_chinese(payload):
    from retrofit_desktop.i18n import set_language
    from retrofit_desktop.report.appendix import _table_name

    set_language("en")  # as the English edition renders (conftest resets to zh)
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for line in payload["data_sources"]:
        assert not cjk.search(_table_name(line, "en")), line["table"]
        assert line["source_en"] and not cjk.search(line["source_en"]), line["source_en"]
    fan = next(x for x in payload["data_sources"] if x["table"].startswith("GB 19761-2020 表1"))
    assert _table_name(fan, "en") == "GB 19761-2020 Table 1" and _table_name(fan, "zh") == fan["table"]
