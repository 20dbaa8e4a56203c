"""Chapters beyond the summary: measures, MAC curve, factors, verification notes, appendices."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from report_payloads import small_payload

from retrofit_desktop.report import ReportOptions, render_report


def flat(pdf) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(str(pdf)).pages))


@pytest.fixture(scope="module")
def small_text(tmp_path_factory):
    return flat(render_report(small_payload(), tmp_path_factory.mktemp("s") / "s.pdf"))


def test_tier_table_shows_parameters_values_and_thresholds(small_text):
    assert "P55kW" in small_text and "极数4" in small_text  # from the input rows
    assert "效率92.1%" in small_text
    assert "≥95.4/94.6/93.6" in small_text


def test_measures_table_has_per_item_and_total_figures(small_text):
    assert "节能改造措施与效益" in small_text
    # M-001: 12,345 kWh; 12,345 x 0.1229 / 1000 = 1.52 tce; x 0.49 / 1000 = 6.05 t; x 0.65 = 8,024 CNY
    assert "12,3451.526.058,024" in small_text
    # investment 20,000 / 8,024.25 CNY/yr = 2.5 years; NPV 31,000.5 -> 31,000 (rounded half to even); IRR 0.42
    assert "20,0002.531,00042.0%" in small_text
    # totals: NPV 31,000.5 + 31,000.5 = 62,001
    assert "62,001" in small_text


def test_items_without_savings_name_the_missing_fields(small_text):
    assert "无法估算节能量的设备及所缺数据" in small_text
    assert "M-003引风机电机数据不足年运行小时" in small_text  # the catalog's label, not the field name
    assert "annual_hours" not in small_text


def test_missing_fields_read_as_labels_in_either_language(tmp_path):
    from retrofit_desktop.i18n import use_language
    from retrofit_desktop.report.labels import missing_fields_text

    fields = ["annual_hours", "thr__pump_efficiency_pct__energy_saving", "no_such_field"]
    with use_language("zh"):
        assert missing_fields_text(fields) == "年运行小时、泵效率的节能水平限值、no_such_field"
    with use_language("en"):
        text = missing_fields_text(fields)
        assert text.startswith("Annual operating hours, ") and text.endswith(", no_such_field")
        assert "threshold of pump efficiency" in text  # lower-case mid-sentence


def test_mac_curve_only_when_data_present(tmp_path, small_text):
    assert "边际减排成本曲线" in small_text and "-850" in small_text
    p = small_payload()
    del p["mac_curve"]
    assert "边际减排成本曲线" not in flat(render_report(p, tmp_path / "nomac.pdf"))


def test_factors_are_listed_with_value_unit_year_source_and_status(small_text):
    assert "electricity_tce_calorific0.1229kgce/kWh—GB/T2589-2020AnnexA已核实" in small_text
    # keys are shown by name (a flat map names no grid series, so the generic grid label)
    assert "电网二氧化碳排放因子0.49kgCO2/kWh2022MEE/NBS2022provincialgridfactors,Hunan单一来源" in small_text
    assert "grid_co2" not in small_text


def test_engine_style_nested_factors_with_grid_resolution(tmp_path):
    p = small_payload()
    p["summary"]["factors"] = {
        "grid_resolution": {
            "series": "average",
            "region": "hunan",
            "level": "province",
            "year": 2022,
            "fallback": "",
        },
        "factors": {
            "price_electricity": {
                "key": "price_electricity",
                "value": None,
                "unit": "CNY/kWh",
                "source": "not given",
                "status": None,
                "origin": "user",
            },
            "grid_co2": {
                "key": "grid_co2",
                "value": 0.49,
                "unit": "kgCO2/kWh",
                "year": 2022,
                "scope": "average grid CO2, province 湖南/Hunan",
                "source": "MEE/NBS",
                "status": "single_source",
            },
        },
    }
    p["summary"]["cny"] = None
    text = flat(render_report(p, tmp_path / "n.pdf"))
    assert "电网排放因子：电网平均二氧化碳排放因子，湖南（省级），2022年。" in text
    assert "以下因子缺少数值（依赖它们的数据留空）：电价" in text
    # the engine's English scope is shown translated; the payload keeps it as it was
    assert "电网平均二氧化碳排放因子湖南（省级）0.49" in text and "averagegridCO2" not in text
    assert "缺少费用数据：未给出电价（请按电费单填写平均到户电价）。" in text


def test_verification_notes_count_weak_thresholds(small_text):
    # one item (M-001) rests on a single-source row, the other two on verified rows
    assert (
        "在3台（套）设备中，1台（套）所用限值仅有单一来源，0台（套）所用限值未核实，0台（套）" in small_text
    )
    assert "发改环资规〔2024〕127号" in small_text


def test_appendices_list_inputs_and_rejected_rows_literally(small_text, tmp_path):
    assert "附录A设备台账" in small_text and "设备台账:2" in small_text
    assert "附录B被拒绝的输入行" in small_text
    assert "额定功率abc<kW>不是数字错误" in small_text
    off = flat(
        render_report(
            small_payload(),
            tmp_path / "o.pdf",
            options=ReportOptions(include_inputs=False, include_rejected=False),
        )
    )
    assert "附录A" not in off and "附录B" not in off


def test_validity_notes_and_sign_off_block(small_text):
    assert "注意事项与签署" in small_text and "1.报告无编制单位公章无效。" in small_text
    for label in (
        "编写（签字）",
        "审核（签字）",
        "批准（签字）",
        "企业法定代表人（签字）",
        "编制单位负责人（签字、公章）",
        "企业（盖章）",
    ):
        assert label in small_text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_small_payload_fits_three_pages_in_both_languages(tmp_path, lang):
    pdf = render_report(small_payload(), tmp_path / f"{lang}.pdf", lang=lang)
    assert 1 <= len(PdfReader(str(pdf)).pages) <= 3


def test_one_subsection_per_product_with_standard_and_sources(tmp_path):
    p = small_payload()
    pump = dict(p["items"][1], asset_tag="P-001", product="pump", name="循环水泵")
    pump["comparisons"] = [
        dict(
            pump["comparisons"][0],
            indicator="pump_efficiency_pct",
            table="GB 19762-2007 表2",
            source="GB 19762 Table 2",
            row="Q100-H32",
            rule="linear_interpolation(flow_m3h)",
        )
    ]
    p["items"].append(pump)
    text = flat(render_report(p, tmp_path / "g.pdf"))
    assert "三相异步电动机（3）" in text and "清水离心泵（1）" in text
    assert "依据标准：GB18613-2020表1。限值来源：GB18613-2020Table1,55kW4-pole" in text
    assert "依据标准：GB19762-2007表2。限值来源：GB19762Table2" in text
    assert "Q100-H32·线性插值(flow_m3h)" in text
    assert text.index("三相异步电动机（3）") < text.index("M-003") < text.index("清水离心泵（1）")


def test_long_user_text_that_wraps_is_still_literal(tmp_path):
    p = small_payload()
    long_name = "压缩空气站<b>主机</b> & 后处理 <i>" * 4
    p["items"][1]["name"] = long_name
    text = flat(render_report(p, tmp_path / "w.pdf"))
    assert re.sub(r"\s+", "", long_name) in text


def test_tier_distribution_now_and_after_the_measures(small_text):
    # now: advanced 1, entry 1, below entry 1 (of 3). After: M-001 and M-002 have estimated measures to
    # energy_saving, M-003 (advanced, no estimate) keeps its tier -> advanced 1, energy-saving 2.
    for row in (
        "先进水平133.3%1",
        "节能水平00.0%2",
        "准入水平133.3%0",
        "低于准入水平133.3%0",
        "合计3100.0%3",
    ):
        assert row in small_text, row


def test_savings_methods_used_are_listed_with_counts(small_text):
    assert "所用节能量计算方法：•motor:P_out×h×(1/η_old−1/η_new)（2台/套）" in small_text


def test_ledger_leaves_out_optional_columns_that_are_empty_everywhere(small_text, tmp_path):
    assert "制造商" not in small_text and "型号" not in small_text
    p = small_payload()
    p["inputs"][1]["model"] = "Y2-200L-4"
    text = flat(render_report(p, tmp_path / "m.pdf"))
    assert "型号" in text and "Y2-200L-4" in text and "制造商" not in text


def test_enumerated_parameters_are_labelled_and_unknown_products_show_their_id(tmp_path):
    p = small_payload()
    tr = dict(p["items"][1], asset_tag="T-001", product="transformer", name="1#配电变压器")
    tr["comparisons"] = []
    p["items"].append(tr)
    p["inputs"].append(
        {
            "sheet": "设备台账",
            "row": 9,
            "asset_tag": "T-001",
            "product": "transformer",
            "rated_capacity_kva": 630,
            "transformer_type": "oil",
        }
    )
    odd = dict(p["items"][1], asset_tag="X-001", product="no_such_product_id", comparisons=[])
    p["items"].append(odd)
    text = flat(render_report(p, tmp_path / "e.pdf"))
    assert "S630kVA型式油浸式" in text
    assert "电力变压器（1）" in text and "no_such_product_id（1）" in text


def test_savings_by_product_and_site_and_wide_figures_shrink_instead_of_overflowing(tmp_path):
    p = small_payload()
    p["summary"]["by_product"] = {
        "motor": {
            "items": 3,
            "kwh": 16345.0,
            "tce_calorific": 2.0088,
            "tco2": 8.009,
            "cny": 10624.25,
            "investment": 35000.0,
            "by_status": {"ok": 2},
        }
    }
    p["summary"]["by_site"] = {
        "一厂": {"items": 2, "kwh": 12345.0, "by_status": {"ok": 1}},
        "二厂": {"items": 1, "kwh": 4000.0, "by_status": {"ok": 1}},
    }
    p["items"][0]["finance"]["npv"] = -123456789.5  # far wider than its column
    pdf = render_report(p, tmp_path / "g.pdf")
    text = flat(pdf)
    # kWh, CNY/yr and investment in 万 in the zh tables (issue 11 C.12): 16,345 kWh = 1.63 万kWh, 10,624.25 元
    # = 1.06 万元, 35,000 元 = 3.50 万元
    assert "三相异步电动机32" + "1.63" + "2.01" + "8.01" + "1.06" + "3.50" in text
    assert "一厂211.23" in text and "二厂110.40" in text
    assert "-123,456,790" in text  # shown whole (in a smaller font), not cut


def test_scope_names_basis_standards_boundary_and_assumptions(tmp_path):
    p = small_payload()
    p["options"] = {
        "region": "hunan",
        "factor_year": 2022,
        "price_cny_per_kwh": 0.65,
        "target": "energy_saving",
    }
    text = flat(render_report(p, tmp_path / "s.pdf"))
    assert "评估事项说明" in text
    assert (
        "《重点用能产品设备能效先进水平、节能水平和准入水平（2024年版）》发改环资规〔2024〕127号；GB18613-2020"
        in text
    )
    assert "设备台账所列3台（套）设备（见附录A）" in text
    assert "目标水平节能水平" in text and "湖南/2022" in text and "0.6500" in text  # 'hunan' by its name
    p["options"]["region"] = "atlantis"  # a region the tables do not know is shown as given
    assert "atlantis/2022" in flat(render_report(p, tmp_path / "s2.pdf"))


def test_elimination_check_only_when_items_carry_it(tmp_path, small_text):
    assert "淘汰落后设备核查" not in small_text
    p = small_payload()
    entry = {
        "entry_id": "MIIT-3-12",
        "batch": "第三批",
        "item_no": "12",
        "product_name": "Y系列三相异步电动机",
        "models": "Y112M-4",
        "condition": "2003年前生产",
        "source": "工信部公告",
        "verification": "single_source",
    }
    p["items"][0]["elimination"] = {"status": "listed", "entries": [entry], "note": ""}
    p["items"][1]["elimination"] = {"status": "unknown", "entries": [], "note": "year unknown"}
    p["items"][2]["elimination"] = {"status": "not_listed", "entries": [], "note": ""}
    p["inputs"][0].update(model="Y112M-4", year_installed=1998)
    text = flat(render_report(p, tmp_path / "e.pdf"))
    assert "1台（套）设备与淘汰目录条目相符" in text and "1台（套）设备因数据不足无法判定；1台（套）" in text
    assert (
        "M-001" in text
        and "Y112M-4" in text
        and "列入淘汰目录《高耗能落后机电设备（产品）淘汰目录（第三批）》"
        "第12项Y系列三相异步电动机2003年前生产单一来源"
        in text
    )
    assert "M-002" in text and "无法判定yearunknown" in text
    assert "列入淘汰目录的设备数1" in text
    # the status cell keeps 列入淘汰目录 on one line (it used to break as 列入淘汰目 / 录)
    page = next(
        pg.extract_text()
        for pg in PdfReader(str(tmp_path / "e.pdf")).pages
        if "淘汰落后设备核查" in pg.extract_text()
    )
    status_lines = [line for line in page.splitlines() if "列入淘汰目" in line and "的设备数" not in line]
    assert status_lines and all("列入淘汰目录" in line for line in status_lines), status_lines


def test_mac_caption_says_what_the_curve_covers(tmp_path, small_text):
    # both items with a CO2 saving are on the curve: 6.05 + 1.96 = 8.01 tCO2/yr
    assert "曲线包含全部2项有二氧化碳减排量的措施（8.0tCO2/年）。" in small_text
    p = small_payload()
    p["mac_curve"] = p["mac_curve"][1:]  # M-001 has no cost per tonne (e.g. no investment figure)
    text = flat(render_report(p, tmp_path / "part.pdf"))
    # items: 12,345 kWh x 0.49 / 1000 = 6.049 and 4,000 x 0.49 / 1000 = 1.96 -> 8.0 tCO2/yr; curve 1.96 -> 2.0
    assert "曲线包含2项有二氧化碳减排量的措施中的1项（8.0tCO2/年中的2.0tCO2/年）：未填写投资额" in text
    en = flat(render_report(p, tmp_path / "part_en.pdf", lang="en"))
    assert "Thecurvecovers1ofthe2measuresthatavoidCO2(2.0of8.0tCO2/yr)" in en
