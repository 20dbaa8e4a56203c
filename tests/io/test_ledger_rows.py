"""Ledgers as engineers write them (issue 11 A.2-A.4): total rows, 序号 columns, mixed sheets read per
row, efficiencies typed as fractions, HV voltages with units, '—' cells."""

from __future__ import annotations

import math

import openpyxl
import pandas as pd
import pytest
from messy_ledger import EXPECTED, FRACTIONS, TOTAL_ROWS, write_messy_ledger

from retrofit_desktop import services
from retrofit_desktop.domain import Severity
from retrofit_desktop.i18n import use_language
from retrofit_desktop.io import read_inventory
from retrofit_desktop.io.cells import is_empty_marker
from retrofit_desktop.io.ledger_rows import is_total_text


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    return write_messy_ledger(tmp_path_factory.mktemp("messy") / "台账.xlsx")


@pytest.fixture(scope="module")
def result(messy):
    with use_language("en"):
        return read_inventory(messy)


def xlsx(path, sheets: dict[str, list[list]]):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


# -- the messy two-sheet ledger: nothing lost, totals noted, each item's product and tier --------------
def test_messy_ledger_loses_nothing(result):
    # data rows: 电动机 5, 6, 7, 9; 空压机及其他 2, 3, 4, 6, 7, 8
    # (blank lines and the 3 total rows are not rows)
    assert result.read == 10
    assert result.read == result.imported + result.rejected_rows
    stored = {(s, int(r)) for s, r in zip(result.items["sheet"], result.items["row"], strict=True)}
    rejected = {(r.sheet, r.row) for r in result.rejected}
    assert stored | rejected == {("电动机", r) for r in (5, 6, 7, 9)} | {
        ("空压机及其他", r) for r in (2, 3, 4, 6, 7, 8)
    }
    assert not stored & rejected
    assert sorted(result.items["asset_tag"]) == sorted(EXPECTED)
    # the one rejected row: its product cell says '—' (empty), on a sheet whose name names no product
    assert [(r.sheet, r.row, r.column, r.reason) for r in result.rejected] == [
        ("空压机及其他", 6, "设备类别", "the product is missing")
    ]


def test_total_rows_are_noted_not_imported_nor_rejected(result):
    assert {(t.sheet, t.row): t.value for t in result.total_rows} == TOTAL_ROWS
    assert all(t.severity == Severity.NOTE for t in result.total_rows)
    assert result.summary()["total_rows"] == 3
    tags = set(result.items["asset_tag"])
    assert not any(is_total_text(t) for t in tags)
    assert not {(r.sheet, r.row) for r in [*result.rejected, *result.warnings]} & set(TOTAL_ROWS)


def test_sequence_column_is_dropped_not_kept_in_notes(result):
    notes = result.items.set_index("asset_tag")["notes"]
    assert notes["SF-D01"] == "三班"  # the ledger's own note only, not '序号: 1'
    assert notes["SF-D02"] != notes["SF-D02"]  # '无': an empty value (NaN), not a note
    assert not any("序号" in str(n) for n in notes)


def test_fraction_efficiencies_are_read_as_percent_with_a_warning(result):
    got = [(w.sheet, w.row, w.column, w.value) for w in result.warnings]
    assert got == [(s, r, c, v) for s, r, c, v, _pct in FRACTIONS]
    items = result.items.set_index(["sheet", "row"])
    for (sheet, row, _col, _value, pct), w in zip(FRACTIONS, result.warnings, strict=True):
        assert items.loc[(sheet, row), "efficiency_pct"] == pytest.approx(pct)
        assert f"read as {pct:g} %" in w.reason


def test_mixed_sheet_maps_generic_headers_by_each_rows_product(result):
    it = result.items.set_index("asset_tag")
    assert it.loc["SF-K01", "drive_power_kw"] == 75.0 and math.isnan(it.loc["SF-K01", "rated_power_kw"])
    assert it.loc["SF-K02", "compressor_type"] == "oil_injected_rotary_variable"
    assert it.loc["SF-K01", "cooling"] == "air"
    assert it.loc["SF-T01", "rated_capacity_kva"] == 630.0 and math.isnan(it.loc["SF-T01", "rated_power_kw"])
    assert it.loc["SF-T01", "transformer_type"] == "oil" and it.loc["SF-T01", "rated_voltage_kv"] == "10"
    assert it.loc["SF-H01", "cooling_method"] == "IC411" and it.loc["SF-H01", "rated_voltage_kv"] == "6"
    assert it.loc["SF-H01", "rated_power_kw"] == 355.0 and it.loc["SF-M05", "rated_power_kw"] == 11.0


def test_messy_ledger_tiers_match_the_catalog_rows(messy):
    payload = services.assess_file(messy)
    got = {i["asset_tag"]: (i["product"], i["tier"]) for i in payload["items"]}
    assert got == {tag: (product, tier) for tag, (product, tier, _why) in EXPECTED.items()}
    assert payload["summary"]["total_rows"] == 3
    assert {(t["sheet"], t["row"]) for t in payload["total_rows"]} == set(TOTAL_ROWS)
    assert payload["summary"]["rejected"] == 1


# -- total rows ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "合计",
        "合 计",
        "合　计",
        "合计：",
        "合计:",
        " 小计 ",
        "总计",
        "共计",
        "小计（电动机）",
        "本页合计",
        "电动机小计",
        "合计：5台",
        "Total",
        "SUB-TOTAL",
        "ＴＯＴＡＬ",
        "Grand total",
    ],
)
def test_total_words(text):
    assert is_total_text(text)


@pytest.mark.parametrize(
    "text", ["合计器", "总计量表", "1#合成风机", "M-01", "", "合", "计", "小计算机房空调", "totalizer"]
)
def test_not_total_words(text):
    assert not is_total_text(text)


def test_total_row_on_a_motor_sheet_is_not_a_motor(tmp_path):
    # the case: a 合计 row in the tag column of a sheet 电动机 became a motor with tag 合计 and 140 kW
    path = xlsx(
        tmp_path / "m.xlsx",
        {
            "电动机": [
                ["设备编号", "设备名称", "额定功率(kW)", "极数", "额定效率(%)"],
                ["M-1", "1#泵", 90, 4, 95.0],
                ["M-2", "2#泵", 50, 4, 94.0],
                ["合计", None, 140, None, None],
                ["M-3", "3#泵", 11, 4, 91.0],
                [None, "小 计", 151, None, None],
            ]
        },
    )
    r = read_inventory(path)
    assert sorted(r.items["asset_tag"]) == ["M-1", "M-2", "M-3"]
    assert r.items["rated_power_kw"].sum() == 151.0
    assert (r.read, r.imported, r.rejected_rows) == (3, 3, 0)
    assert [(t.row, t.column, t.value) for t in r.total_rows] == [
        (4, "设备编号", "合计"),
        (6, "设备名称", "小 计"),
    ]


def test_a_name_that_only_contains_a_total_word_is_equipment(tmp_path):
    path = xlsx(
        tmp_path / "m.xlsx",
        {
            "电动机": [
                ["设备编号", "设备名称", "额定功率(kW)", "极数", "额定效率(%)"],
                ["M-1", "总计量表房风机", 11, 4, 91.4],
            ]
        },
    )
    r = read_inventory(path)
    assert list(r.items["asset_tag"]) == ["M-1"] and not r.total_rows


# -- 序号 / No. / 编号 as a sequence --------------------------------------------------------------------
def test_sequence_headers_are_dropped(tmp_path):
    path = xlsx(
        tmp_path / "s.xlsx",
        {
            "电动机": [
                ["No.", "编号", "设备编号", "设备名称", "额定功率(kW)", "极数", "额定效率(%)", "备注"],
                [1, 1, "M-1", "1#泵", 11, 4, 91.4, "旧"],
                [2, 2, "M-2", "2#泵", 11, 4, 91.4, None],
            ]
        },
    )
    r = read_inventory(path)
    assert list(r.items["asset_tag"]) == ["M-1", "M-2"]  # 编号 of 1, 2 is a sequence: the tag is 设备编号's
    assert r.items["notes"].tolist()[0] == "旧"
    assert r.items["notes"].isna().tolist() == [False, True]
    assert services.sheet_columns(services.read_sheets(path))["电动机"][:3] == [
        ("No.", None),
        ("编号", None),
        ("设备编号", "asset_tag"),
    ]


def test_a_bianhao_column_of_real_tags_stays_the_tag(tmp_path):
    path = xlsx(
        tmp_path / "s.xlsx",
        {
            "电动机": [
                ["编号", "设备名称", "额定功率(kW)", "极数", "额定效率(%)"],
                [101, "1#泵", 11, 4, 91.4],  # numbers, but no other column names the tag: they are the tags
                [102, "2#泵", 11, 4, 91.4],
            ]
        },
    )
    r = read_inventory(path)
    assert list(r.items["asset_tag"]) == ["101", "102"]


# -- mixed sheets: per-row fields -----------------------------------------------------------------
def test_transformer_power_without_a_unit_is_read_in_kva_with_a_warning(tmp_path):
    path = xlsx(
        tmp_path / "x.xlsx",
        {
            "设备": [
                ["设备编号", "设备类别", "额定功率", "空载损耗(W)", "负载损耗(W)"],
                ["M-1", "电动机", 11, None, None],
                ["T-1", "变压器", 400, 410, 3830],
                [
                    "T-2",
                    "变压器",
                    "800kW",
                    700,
                    7500,
                ],  # kW is no transformer capacity: rejected, with the unit named
            ]
        },
    )
    with use_language("en"):
        r = read_inventory(path)
    it = r.items.set_index("asset_tag")
    assert it.loc["M-1", "rated_power_kw"] == 11.0 and math.isnan(it.loc["M-1", "rated_capacity_kva"])
    assert it.loc["T-1", "rated_capacity_kva"] == 400.0
    assert [(w.row, w.column, w.value) for w in r.warnings] == [(3, "额定功率", "400")]
    assert "read as kVA" in r.warnings[0].reason
    assert [(x.row, x.value) for x in r.rejected] == [(4, "800kW")]
    assert "kVA" in r.rejected[0].reason


def test_a_value_the_rows_product_has_no_field_for_goes_to_the_notes(tmp_path):
    path = xlsx(
        tmp_path / "x.xlsx",
        {
            "设备": [
                ["设备编号", "设备类别", "额定功率(kW)", "比功率", "排气压力(MPa)", "冷却方式", "类型"],
                ["K-1", "空压机", 75, 6.5, 0.8, "风冷", "喷油螺杆"],
                ["M-1", "电动机", 11, 7.1, None, None, None],
            ]
        },
    )
    with use_language("en"):
        r = read_inventory(path)
    it = r.items.set_index("asset_tag")
    assert it.loc["K-1", "specific_power"] == 6.5 and it.loc["K-1", "drive_power_kw"] == 75.0
    assert math.isnan(it.loc["M-1", "specific_power"]) and it.loc["M-1", "rated_power_kw"] == 11.0
    assert it.loc["M-1", "notes"] == "比功率: 7.1"
    assert [(w.row, w.column) for w in r.warnings] == [(3, "比功率")]
    assert r.rejected == []


# -- plausibility: voltages, fractions, empty marks -------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "kv"),
    [
        ("6000V", "6"),
        ("6 kV", "6"),
        ("6kV", "6"),
        ("6", "6"),
        (6, "6"),
        (6000, "6"),
        ("10kV", "10"),
        ("10 kV", "10"),
        ("10000V", "10"),
        (10, "10"),
        ("3.3kV", "3.3"),
        ("6 KV", "6"),
    ],
)
def test_hv_motor_voltage_forms(tmp_path, cell, kv):
    path = xlsx(
        tmp_path / "hv.xlsx",
        {
            "高压电动机": [
                ["设备编号", "额定功率(kW)", "额定电压", "极数", "冷却方式", "额定效率(%)"],
                ["H-1", 355, cell, 4, "IC411", 94.5],
            ]
        },
    )
    r = read_inventory(path)
    assert r.rejected == []
    assert r.items["rated_voltage_kv"].tolist() == [kv]


def test_a_voltage_no_hv_motor_has_is_rejected_as_written(tmp_path):
    path = xlsx(
        tmp_path / "hv.xlsx",
        {
            "高压电动机": [
                ["设备编号", "额定功率(kW)", "额定电压", "极数", "冷却方式", "额定效率(%)"],
                ["H-1", 355, "380V", 4, "IC411", 94.5],
            ]
        },
    )
    r = read_inventory(path)
    assert [(x.column, x.value) for x in r.rejected] == [("额定电压", "380V")]
    assert "380V" in r.rejected[0].reason


@pytest.mark.parametrize(("cell", "pct"), [(0.93, 93.0), ("0.914", 91.4), (1, 100.0), ("0.5", 50.0)])
def test_fraction_efficiency(tmp_path, cell, pct):
    path = xlsx(
        tmp_path / "f.xlsx",
        {"电动机": [["设备编号", "额定功率(kW)", "极数", "额定效率(%)"], ["M-1", 30, 4, cell]]},
    )
    with use_language("en"):
        r = read_inventory(path)
    assert r.items["efficiency_pct"].tolist() == [pytest.approx(pct)]
    assert [(w.sheet, w.row, w.column) for w in r.warnings] == [("电动机", 2, "额定效率(%)")]
    assert f"read as {pct:g} %" in r.warnings[0].reason


def test_percent_efficiencies_are_not_touched(tmp_path):
    path = xlsx(
        tmp_path / "f.xlsx",
        {
            "电动机": [
                ["设备编号", "额定功率(kW)", "极数", "额定效率(%)"],
                ["M-1", 30, 4, 93.6],
                ["M-2", 30, 4, "93.6%"],
            ]
        },
    )
    r = read_inventory(path)
    assert r.items["efficiency_pct"].tolist() == [93.6, 93.6] and r.warnings == []


@pytest.mark.parametrize("mark", ["—", "-", "/", "无", "－", "——", " — "])
def test_empty_marks_are_empty_values_in_every_kind_of_column(tmp_path, mark):
    path = xlsx(
        tmp_path / "e.xlsx",
        {
            "电动机": [
                [
                    "设备编号",
                    "设备名称",
                    "型号",
                    "投运年份",
                    "数量",
                    "额定功率(kW)",
                    "极数",
                    "额定效率(%)",
                    "备注",
                ],
                ["M-1", mark, mark, mark, mark, 30, mark, mark, mark],
            ]
        },
    )
    r = read_inventory(path)
    assert r.rejected == [] and r.imported == 1
    row = r.items.iloc[0]
    for col in ("name", "model", "notes", "poles", "efficiency_pct", "year_installed"):
        assert pd.isna(row[col]), col
    assert row["quantity"] == 1  # an empty quantity is one item


def test_empty_mark_as_the_tag_is_a_missing_tag(tmp_path):
    path = xlsx(tmp_path / "e.xlsx", {"电动机": [["设备编号", "额定功率(kW)"], ["—", 30]]})
    with use_language("en"):
        r = read_inventory(path)
    assert [(x.row, x.column) for x in r.rejected] == [(2, "设备编号")]
    assert "missing" in r.rejected[0].reason


@pytest.mark.parametrize(
    ("text", "empty"),
    [
        ("—", True),
        (" / ", True),
        ("无", True),
        ("-", True),
        ("n/a", True),
        ("M-1", False),
        ("无锡", False),
        ("-5", False),
        (3, False),
        (None, False),
    ],
)
def test_is_empty_marker(text, empty):
    assert is_empty_marker(text) is empty
