"""Excel ledgers: title rows, two-line merged headers, several sheets, units, notes, template, samples."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from retrofit_desktop.i18n import use_language
from retrofit_desktop.io import read_inventory, write_template
from retrofit_desktop.io import readers as readers_module

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample"


def ledger(path: Path) -> Path:
    """A plant ledger as engineers make it: a title, a note line, a two-line merged header, blanks."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "电动机"
    ws["A1"] = "某某公司重点用能设备台账"
    ws.merge_cells("A1:H1")
    ws["A2"] = "编制：能源管理科　　统计口径：2025年度"
    ws.merge_cells("A2:H2")
    for col, text in zip("ABC", ("设备编号", "设备名称", "投运年份"), strict=True):
        ws[f"{col}3"] = text
        ws.merge_cells(f"{col}3:{col}4")
    ws["D3"] = "铭牌参数"
    ws.merge_cells("D3:F3")
    ws["D4"], ws["E4"], ws["F4"] = "额定功率（kW）", "极数", "额定效率（%）"
    ws["G3"] = "运行情况"
    ws.merge_cells("G3:H3")
    ws["G4"], ws["H4"] = "年运行时间（h）", "负载率"
    ws["I3"] = "巡检人"
    ws.merge_cells("I3:I4")
    rows = [
        ("M-01", "1#水泵电机", 2008, 55, 4, 92.5, 6000, 0.75, "张三"),
        None,  # blank line inside the data
        ("M-02", "2#风机电机", "2015年", "75 hp", "4极", "95%", "8000 h", "80%", None),
        ("M-03", "3#电机", 2019, 7.5, 3, 90.1, 4000, 0.6, None),  # 3 poles: rejected
    ]
    r = 5
    for row in rows:
        if row is not None:
            for c, v in enumerate(row, start=1):
                if v is not None:
                    ws.cell(row=r, column=c, value=v)
        r += 1
    air = wb.create_sheet("空压机")
    air.append(["空压站设备"])
    air.append(
        [
            "设备编号",
            "设备名称",
            "驱动电机功率",
            "额定排气压力",
            "机组比功率（kW/(m³/min)）",
            "冷却方式",
            "类型",
        ]
    )
    air.append(["C-01", "1#螺杆机", "37 kW", "0.8 MPa", 8.6, "风冷", "喷油螺杆"])
    air.append(["C-02", "2#螺杆机", "75 KW", "8 bar", 7.3, "水冷", "变频螺杆"])
    air.append(["M-01", "重复编号", "55 kW", "0.7 MPa", 7.0, "风冷", "喷油螺杆"])
    mixed = wb.create_sheet("其他设备")
    mixed.append(
        ["设备编号", "产品类别", "额定容量（kVA）", "空载损耗（W）", "负载损耗（W）", "额定功率", "效率"]
    )
    mixed.append(["T-01", "电力变压器", 630, 1200, 6200, None, None])
    mixed.append(["X-01", "三相异步电动机", None, None, None, "11千瓦", "91.2"])
    mixed.append(["U-01", "电焊机", None, None, None, 20, None])  # not in the catalog: rejected
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    with use_language("en"):
        return read_inventory(ledger(tmp_path_factory.mktemp("xl") / "台账.xlsx"))


def test_every_row_is_accounted_for(result):
    # Motors: 3 rows (blank line not counted); air compressors 3; other 3.
    assert result.read == 9
    assert result.read == result.imported + result.rejected_rows
    assert {(r.sheet, r.row, r.column) for r in result.rejected} == {
        ("电动机", 8, "铭牌参数 / 极数"),
        ("空压机", 5, "设备编号"),
        ("其他设备", 4, "产品类别"),
    }
    dup = next(r for r in result.rejected if r.sheet == "空压机")
    assert "电动机" in dup.reason and "5" in dup.reason  # points at the first occurrence


def test_two_line_merged_header_below_title_rows(result):
    m = result.items[result.items["sheet"] == "电动机"].set_index("asset_tag")
    assert list(m.index) == ["M-01", "M-02"]
    assert m["row"].tolist() == [5, 7]  # row numbers as the user sees them
    assert m.loc["M-01", "rated_power_kw"] == 55.0
    assert m.loc["M-02", "rated_power_kw"] == pytest.approx(75 * 0.74569987)
    assert str(m.loc["M-02", "poles"]) == "4"
    assert m.loc["M-02", "efficiency_pct"] == 95.0
    assert m.loc["M-02", "annual_hours"] == 8000.0
    assert m.loc["M-02", "load_factor"] == 0.8
    assert m.loc["M-02", "year_installed"] == 2015
    assert (m["product"] == "motor").all()  # the sheet name implies the product
    assert m.loc["M-01", "notes"] == "巡检人: 张三"
    assert pd.isna(m.loc["M-02", "notes"])


def test_sheet_product_and_product_specific_columns(result):
    a = result.items[result.items["sheet"] == "空压机"].set_index("asset_tag")
    assert (a["product"] == "air_compressor").all()
    assert a["drive_power_kw"].tolist() == [37.0, 75.0]
    assert a["discharge_pressure_mpa"].tolist() == pytest.approx([0.8, 0.8])
    assert a["specific_power"].tolist() == [8.6, 7.3]
    assert a["cooling"].tolist() == ["air", "liquid"]  # the catalog's value aliases (风冷, 水冷)
    assert a["compressor_type"].tolist() == ["oil_injected_rotary_fixed", "oil_injected_rotary_variable"]
    # A motor column name ('驱动电机功率' contains '电机功率') goes to the compressor's own field.
    assert a["rated_power_kw"].isna().all()


def test_mixed_sheet_uses_the_product_column(result):
    o = result.items[result.items["sheet"] == "其他设备"].set_index("asset_tag")
    assert o.loc["T-01", "product"] == "transformer"
    assert o.loc["T-01", "rated_capacity_kva"] == 630.0
    assert o.loc["T-01", "no_load_loss_w"] == 1200.0
    assert o.loc["X-01", "product"] == "motor"
    assert o.loc["X-01", "rated_power_kw"] == 11.0
    assert pd.isna(o.loc["T-01", "rated_power_kw"])  # missing stays missing


def test_mapping_records_headers_and_sheet_products(result):
    m = result.mapping
    assert m.columns["铭牌参数 / 额定功率(kW)"].field == "rated_power_kw"
    assert m.columns["铭牌参数 / 额定功率(kW)"].unit == "kW"
    assert m.columns["巡检人"].field is None
    assert m.sheet_products["空压机"] == "air_compressor"
    assert m.to_json()["version"] == 1


def test_openpyxl_fallback_gives_the_same_items(tmp_path, monkeypatch, result):
    path = ledger(tmp_path / "l.xlsx")

    def broken(_path):
        raise RuntimeError("calamine unavailable")

    monkeypatch.setattr(readers_module, "_read_calamine", broken)
    with use_language("en"):
        again = read_inventory(path)
    pd.testing.assert_frame_equal(again.items, result.items)
    assert again.rejected == result.rejected


def test_sample_chinese_ledger_matches_the_sample_csv():
    """resources/sample holds the same 38 items as a flat CSV and as a Chinese ledger."""
    flat = read_inventory(SAMPLE / "sample_inventory.csv")
    zh = read_inventory(SAMPLE / "sample_ledger_zh.xlsx")
    assert (flat.read, flat.imported, zh.read, zh.imported) == (38, 38, 38, 38)
    a = flat.items.set_index("asset_tag").sort_index()
    b = zh.items.set_index("asset_tag").sort_index()
    assert list(a.index) == list(b.index)
    for col in a.columns:
        if col in {"sheet", "row", "fuel_unit"}:  # fuel_unit is free text: 'm3' vs 'm³'
            continue
        left, right = a[col], b[col]
        if pd.api.types.is_numeric_dtype(left.dtype):
            pd.testing.assert_series_equal(left.astype(float), right.astype(float), check_names=False)
        else:
            assert left.astype(object).where(left.notna(), None).tolist() == (
                right.astype(object).where(right.notna(), None).tolist()
            ), col


def test_template_reads_back_its_example_rows(tmp_path):
    path = write_template(tmp_path / "template.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "说明 README"
    assert "混合 mixed" in wb.sheetnames
    motor = wb["三相异步电动机"]
    headers = [c.value for c in motor[1]]
    assert "额定功率 (rated_power_kw, kW)" in headers
    assert "额定效率 (efficiency_pct, %)" in headers
    poles_col = headers.index("极数 (poles)") + 1
    letter = motor.cell(row=1, column=poles_col).column_letter
    lists = [dv for dv in motor.data_validations.dataValidation if dv.type == "list"]
    assert any(letter + "2" in str(dv.sqref) for dv in lists)
    r = read_inventory(path)
    assert r.rejected == []
    example_rows = sum(
        1
        for ws in wb.worksheets
        for row in ws.iter_rows(min_row=2)
        if ws.title not in {"说明 README", "lists"} and any(c.value is not None for c in row)
    )
    assert r.read == r.imported == example_rows
    assert r.items.loc[r.items["asset_tag"] == "XJ-M-001", "rated_power_kw"].item() == 4.0
    assert set(r.skipped_sheets) == {"说明 README", "lists"}


def test_xls_is_read_with_xlrd(tmp_path):
    from xls_biff import write_xls

    path = tmp_path / "old.xls"
    write_xls(
        path,
        [
            (
                "电动机",
                [
                    ["旧台账"],
                    ["设备编号", "额定功率(kW)", "效率", "负载率"],
                    ["M1", 55, "95%", "75%"],
                    [],
                    ["M2", 7.5, 90.1, 0.6],
                    ["M3", -1, 90, 0.5],
                ],
            ),
            ("变压器", [["设备编号", "额定容量(kVA)", "空载损耗(W)"], ["T1", 630, 1200]]),
        ],
    )
    r = read_inventory(path)
    assert (r.read, r.imported, r.rejected_rows) == (4, 3, 1)
    items = r.items.set_index("asset_tag")
    assert items.loc["M1", "efficiency_pct"] == 95.0 and items.loc["M1", "load_factor"] == 0.75
    assert items.loc["M2", "row"] == 5
    assert items.loc["T1", "product"] == "transformer" and items.loc["T1", "rated_capacity_kva"] == 630.0
    assert [(x.sheet, x.row, x.column) for x in r.rejected] == [("电动机", 6, "额定功率(kW)")]


def test_sheet_product_from_a_saved_mapping(tmp_path):
    from retrofit_desktop.io import ColumnMapping

    path = tmp_path / "s.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["设备编号", "额定功率"])
    ws.append(["M1", 15])
    ws.append(["M2", 22])
    b = wb.create_sheet("Sheet2")
    b.append(["设备编号", "额定功率"])
    b.append(["M3", 30])
    wb.save(path)
    first = read_inventory(path)
    assert first.imported == 0
    # Reported sheet by sheet in workbook order, row by row.
    assert [(r.sheet, r.row) for r in first.rejected] == [("Sheet1", 2), ("Sheet1", 3), ("Sheet2", 2)]
    m = ColumnMapping.from_json(first.mapping.to_json())
    m.sheet_products["Sheet1"] = "三相异步电动机"  # a name works as well as the id
    again = read_inventory(path, mapping=m)
    assert again.items["asset_tag"].tolist() == ["M1", "M2"]
    assert (again.items["product"] == "motor").all()
    assert again.rejected_rows == 1 and again.mapping.sheet_products == {"Sheet1": "motor"}


def test_content_decides_the_reader_when_the_extension_lies(tmp_path):
    from retrofit_desktop.io import InventoryFileError

    real_xlsx = tmp_path / "really_xlsx.xls"
    wb = openpyxl.Workbook()
    wb.active.append(["设备编号", "产品类别", "额定功率"])
    wb.active.append(["M1", "motor", 15])
    wb.save(real_xlsx)
    assert read_inventory(real_xlsx).items["rated_power_kw"].tolist() == [15.0]
    csv_as_xls = tmp_path / "erp_export.xls"  # ERP systems often write CSV text with an .xls name
    csv_as_xls.write_bytes("设备编号,产品类别,额定功率\nM2,motor,22\n".encode("gbk"))
    assert read_inventory(csv_as_xls).items["asset_tag"].tolist() == ["M2"]
    html_as_xls = tmp_path / "web.xls"
    html_as_xls.write_text("<html><table><tr><td>设备编号</td></tr></table></html>", encoding="utf-8")
    with use_language("en"), pytest.raises(InventoryFileError, match="web page"):
        read_inventory(html_as_xls)


def test_template_lists_offer_labels_that_read_back_as_their_values(tmp_path):
    """The dropdowns show what a plant writes (喷油回转式（工频）), not internal codes
    (oil_injected_rotary_fixed), and each entry imports as the allowed value it names."""
    from retrofit_desktop.catalog import get_catalog

    path = write_template(tmp_path / "template.xlsx")
    wb = openpyxl.load_workbook(path)
    lists = wb["lists"]
    offered = {str(c.value) for col in lists.iter_cols() for c in col if c.value is not None}
    assert not [v for v in offered if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", v)], "internal codes offered"
    spec = get_catalog().products["air_compressor"]
    ctype = next(f for f in spec.parameters if f.name == "compressor_type")
    for value in ctype.allowed:
        label = ctype.value_label(value)
        assert label in offered and ctype.normalise(label) == value
