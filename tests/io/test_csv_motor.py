"""The walking skeleton's CSV (motors): columns, encodings, units in cells, rejections, line numbers."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from retrofit_desktop.domain import Severity
from retrofit_desktop.i18n import use_language
from retrofit_desktop.io import InventoryFileError, read_inventory

HEADER = "asset_tag,name,product,rated_power_kw,poles,efficiency_pct,annual_hours,load_factor"
GOOD = [
    "M-001,1#水泵电机,motor,55,4,93.5,6000,0.75",
    "M-002,风机电机,motor,7.5,2,88.1,4000,0.6",
]


def write(tmp_path, lines, name="inv.csv", encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return p


def test_skeleton_columns_import_exactly(tmp_path):
    r = read_inventory(write(tmp_path, [HEADER, *GOOD]))
    assert (r.read, r.imported, r.rejected) == (2, 2, [])
    items = r.items
    assert list(items["asset_tag"]) == ["M-001", "M-002"]
    assert list(items["product"]) == ["motor", "motor"]
    assert items["rated_power_kw"].tolist() == [55.0, 7.5]
    assert [str(p) for p in items["poles"]] == ["4", "2"]
    assert items["efficiency_pct"].tolist() == [93.5, 88.1]
    assert items["annual_hours"].tolist() == [6000.0, 4000.0]
    assert items["load_factor"].tolist() == [0.75, 0.6]
    assert items["row"].tolist() == [2, 3]  # CSV line numbers (header is line 1)
    assert items["quantity"].tolist() == [1, 1]  # architecture: quantity defaults to 1
    # Missing optional values stay missing, never 0.
    assert items["year_installed"].isna().all()
    assert items["model"].isna().all()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_encodings_are_detected(tmp_path, encoding):
    lines = [
        "设备编号,设备名称,产品类别,额定功率(kW),极数,效率(%)",
        "M-9,空压机电机,三相异步电动机,75,4,95.2",
    ]
    r = read_inventory(write(tmp_path, lines, encoding=encoding))
    assert r.rejected == []
    assert r.items.loc[0, "name"] == "空压机电机"
    assert r.items.loc[0, "product"] == "motor"
    assert r.items.loc[0, "efficiency_pct"] == 95.2
    assert r.items.loc[0, "rated_power_kw"] == 75.0


def test_units_in_cells_and_headers(tmp_path):
    lines = [
        "设备编号,产品类别,功率（千瓦）,极数,效率,年运行小时,负载率",
        "A1,motor,75 hp,4极,95%,8000 h,75%",
        "A2,motor,55 KW,4P,93.1 %,6000,0.8",
        "A3,电动机,55000 W,6,0.95,,",
    ]
    r = read_inventory(write(tmp_path, lines))
    assert r.rejected == []
    p = r.items.set_index("asset_tag")
    assert p.loc["A1", "rated_power_kw"] == pytest.approx(75 * 0.74569987)  # mechanical hp
    assert p.loc["A2", "rated_power_kw"] == pytest.approx(55.0)
    assert p.loc["A3", "rated_power_kw"] == pytest.approx(55.0)
    assert [str(x) for x in p["poles"]] == ["4", "4", "6"]
    assert p.loc["A1", "efficiency_pct"] == pytest.approx(95.0)
    assert p.loc["A1", "load_factor"] == pytest.approx(0.75)
    assert math.isnan(p.loc["A3", "annual_hours"])
    # 0.95 % on a 55 kW motor is kept but flagged (probably a fraction typed into a % column).
    assert [(w.row, w.column, w.severity) for w in r.warnings] == [(4, "效率", Severity.WARNING)]


def test_header_unit_converts_bare_numbers(tmp_path):
    lines = ["asset_tag,product,额定功率(W),效率(%)", "W1,motor,7500,90", "W2,motor,11 kW,91"]
    r = read_inventory(write(tmp_path, lines))
    assert r.items["rated_power_kw"].tolist() == [7.5, 11.0]


def test_rejections_name_line_column_value_and_reason(tmp_path):
    lines = [
        HEADER,
        GOOD[0],
        "",  # blank line: not a row
        "M-003,负功率,motor,-5,4,90,100,0.5",
        "M-004,效率超限,motor,5.5,4,120,100,0.5",
        "M-005,极数,motor,5.5,3,90,100,0.5",
        "M-006,负载率,motor,5.5,4,90,100,1.6",
        "M-007,小时,motor,5.5,4,90,9000,0.5",
        "M-001,重复,motor,5.5,4,90,100,0.5",
        "M-008,未知产品,widget,5.5,4,90,100,0.5",
        "M-009,非数字,motor,abc,4,90,100,0.5",
        "M-010,零效率,motor,5.5,4,0,100,0.5",
        ",无编号,motor,5.5,4,90,100,0.5",
        "M-011,错误单位,motor,2 t/h,4,90,100,0.5",
    ]
    with use_language("en"):
        r = read_inventory(write(tmp_path, lines))
    got = {(x.row, x.column, x.value) for x in r.rejected}
    assert got == {
        (4, "rated_power_kw", "-5"),
        (5, "efficiency_pct", "120"),
        (6, "poles", "3"),
        (7, "load_factor", "1.6"),
        (8, "annual_hours", "9000"),
        (9, "asset_tag", "M-001"),
        (10, "product", "widget"),
        (11, "rated_power_kw", "abc"),
        (12, "efficiency_pct", "0"),
        (13, "asset_tag", None),
        (14, "rated_power_kw", "2 t/h"),
    }
    reasons = {x.row: x.reason for x in r.rejected}
    assert "first seen in row 2" in reasons[9]
    assert "not a number" in reasons[11]
    assert "8784" in reasons[8]
    assert all(x.severity == Severity.ERROR and x.sheet is None for x in r.rejected)
    # Blank line 3 is not a row: 12 rows read, 1 imported, 11 rejected.
    assert (r.read, r.imported, r.rejected_rows) == (12, 1, 11)
    assert r.read == r.imported + r.rejected_rows
    assert r.items["asset_tag"].tolist() == ["M-001"]


def test_reasons_are_chinese_by_default(tmp_path):
    r = read_inventory(write(tmp_path, [HEADER, "M-1,x,motor,5.5,4,120,100,0.5"]))
    assert "效率" in r.rejected[0].reason


def test_several_errors_in_one_row_count_once(tmp_path):
    r = read_inventory(write(tmp_path, [HEADER, "M-1,x,motor,-1,3,120,-5,9"]))
    assert len(r.rejected) == 5
    assert (r.read, r.imported, r.rejected_rows) == (1, 0, 1)


def test_title_rows_and_semicolons(tmp_path):
    lines = ["某公司设备台账;;;", "编制：能源科;;;", "设备编号;产品类别;额定功率;效率", "T1;motor;15;91.2"]
    r = read_inventory(write(tmp_path, lines))
    assert r.items["rated_power_kw"].tolist() == [15.0]
    assert r.items["row"].tolist() == [4]


def test_unknown_columns_are_kept_in_notes(tmp_path):
    lines = [
        "设备编号,产品类别,额定功率,备注,巡检人,电价分类",
        "N1,motor,15,铭牌模糊,张三,工业",
        "N2,motor,11,,,",
    ]
    r = read_inventory(write(tmp_path, lines))
    assert r.items["notes"].tolist()[0] == "铭牌模糊; 巡检人: 张三; 电价分类: 工业"
    assert pd.isna(r.items["notes"].tolist()[1])
    assert r.mapping.columns["巡检人"].field is None


def test_mapping_round_trips_and_overrides(tmp_path):
    lines = ["编号X,类别,P", "Q1,motor,15"]
    first = read_inventory(write(tmp_path, lines))
    assert first.imported == 0  # nothing says which column is the tag or the power
    mapping = first.mapping
    mapping.columns["编号X"].field = "asset_tag"
    mapping.columns["类别"].field = "product"
    mapping.columns["P"].field = "rated_power_kw"
    mapping.columns["P"].unit = "hp"
    saved = tmp_path / "mapping.json"
    mapping.save(saved)
    from retrofit_desktop.io import ColumnMapping

    again = read_inventory(write(tmp_path, lines), mapping=ColumnMapping.load(saved))
    assert again.imported == 1
    assert again.items.loc[0, "rated_power_kw"] == pytest.approx(15 * 0.74569987)


def test_unreadable_files_raise_a_clear_error(tmp_path):
    with pytest.raises(InventoryFileError):
        read_inventory(tmp_path / "missing.csv")
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF")
    with pytest.raises(InventoryFileError, match="pdf"):
        read_inventory(bad)
    binary = tmp_path / "y.csv"
    binary.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(InventoryFileError):
        read_inventory(binary)


def test_padded_cells_are_stripped_and_whitespace_lines_are_blank(tmp_path):
    lines = [HEADER, " M-1 , 电机 ,motor, 55 ,4,93.5,6000,0.75", "  ,  ,  ,,,,,", "\u3000,,,,,,,", GOOD[1]]
    r = read_inventory(write(tmp_path, lines))
    assert (r.read, r.imported) == (2, 2)  # the two whitespace-only lines are blank, not rows
    assert r.items["asset_tag"].tolist() == ["M-1", "M-002"]
    assert r.items["name"].tolist()[0] == "电机"
    assert r.items["rated_power_kw"].tolist()[0] == 55.0
    assert r.items["row"].tolist() == [2, 5]


def test_line_numbers_count_quoted_cells_spanning_lines(tmp_path):
    lines = [
        HEADER + ",备注",
        'M-1,x,motor,5.5,4,90,100,0.5,"第一行\n第二行"',
        "M-2,y,motor,-1,4,90,100,0.5,",
    ]
    r = read_inventory(write(tmp_path, lines))
    assert r.items["notes"].tolist() == ["第一行\n第二行"]
    assert [x.row for x in r.rejected] == [4]  # M-2 starts on line 4 of the file


def test_a_line_of_units_under_the_header(tmp_path):
    lines = [
        "设备编号,产品类别,数量,额定功率,效率,年运行时间,备注",
        ",,台,W,%,h,",
        "U1,motor,2,7500,91.5,6000,ok",
    ]
    r = read_inventory(write(tmp_path, lines))
    assert (r.read, r.imported) == (1, 1)
    assert r.items["rated_power_kw"].tolist() == [7.5]  # the unit line says W
    assert r.items["quantity"].tolist() == [2]
    assert r.items["row"].tolist() == [3]
    assert r.mapping.columns["额定功率(W)"].unit == "W"
