"""Retrofit measure and finance columns: header aliases, money/year words, validation."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from retrofit_desktop.io import read_inventory

HEAD = "设备编号,产品类别,额定功率(kW),极数,效率(%)"


def _read(tmp_path, extra_head: str, *rows: str):
    p = tmp_path / "in.csv"
    p.write_text(
        "\n".join([f"{HEAD},{extra_head}", *(f"M{i},motor,55,4,93,{r}" for i, r in enumerate(rows))]),
        encoding="utf-8",
    )
    return read_inventory(p)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("投资", "investment_cny"),
        ("投资额", "investment_cny"),
        ("改造投资(元)", "investment_cny"),
        ("寿命(年)", "lifetime_years"),
        ("经济寿命", "lifetime_years"),
        ("回收价值", "residual_value_cny"),
        ("残值(元)", "residual_value_cny"),
        ("运维费用变化", "om_change_cny"),
        ("重绕效率损失", "rewind_efficiency_loss_pct"),
    ],
)
def test_aliases(tmp_path, header, field):
    r = _read(tmp_path, header, "7")
    assert not r.rejected and r.items[field].iloc[0] == 7.0


def test_money_and_year_words(tmp_path):
    r = _read(tmp_path, "投资(万元),寿命", "1.5,15年", "3万元,6个月", "2000元,")
    inv = r.items["investment_cny"].tolist()
    # header 万元: a bare 1.5 is 15 000 元; a cell with its own unit is read by that unit
    assert inv == [15000.0, 30000.0, 2000.0]
    life = r.items["lifetime_years"].tolist()
    assert life[:2] == [15.0, 0.5] and math.isnan(life[2])


def test_measure_values(tmp_path):
    r = _read(tmp_path, "改造措施", "更换", "以换代修", "变频改造", "replace_at_failure", "")
    assert r.items["measure"].tolist()[:4] == [
        "replace",
        "replace_instead_of_rewind",
        "vsd",
        "replace_at_failure",
    ]
    assert r.items["measure"].isna().tolist()[4]
    bad = _read(tmp_path, "改造措施", "刷漆")
    assert len(bad.rejected) == 1 and bad.rejected[0].column == "改造措施"


def test_validation(tmp_path):
    r = _read(
        tmp_path, "投资,寿命,残值,运维费用变化", "-1,10,0,0", "100,0,0,0", "100,10,-5,0", "100,10,0,-300"
    )
    reasons = {(x.row, x.column): x.reason for x in r.rejected}
    assert set(reasons) == {(2, "投资"), (3, "寿命"), (4, "残值")}
    assert r.items["om_change_cny"].tolist() == [-300.0]  # a negative O&M change is a saving


def test_absent_columns_stay_absent(tmp_path):
    # a file without retrofit columns must not clear values stored earlier: no empty columns are added
    r = _read(tmp_path, "负载率", "0.8")
    assert not {"investment_cny", "lifetime_years", "measure"} & set(r.items.columns)


def test_wrong_unit_for_money_is_not_mapped(tmp_path):
    r = _read(tmp_path, "投资(kW)", "5")
    assert "investment_cny" not in r.items.columns


def test_template_has_retrofit_columns_that_read_back(tmp_path):
    import openpyxl

    from retrofit_desktop.io import write_template

    path = write_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["三相异步电动机"]
    headers = [c.value for c in ws[1]]
    col = headers.index("改造投资 (investment_cny, CNY)") + 1
    ws.cell(row=2, column=col, value="1.5万")
    ws.cell(row=2, column=headers.index("改造措施 (measure)") + 1, value="以换代修")
    wb.save(path)
    r = read_inventory(path)
    assert not r.rejected
    row = r.items.set_index("asset_tag").loc["XJ-M-001"]
    assert row["investment_cny"] == 15000.0 and row["measure"] == "replace_instead_of_rewind"


def test_export_lists_the_elimination_status(tmp_path):
    from retrofit_desktop.io import payload_frames

    payload = {
        "items": [
            {
                "asset_tag": "M1",
                "elimination": {"status": "listed", "entries": [{"entry_id": "MOTOR-3-1-2"}]},
            },
            {"asset_tag": "M2", "elimination": {"status": "unknown", "entries": []}},
            {"asset_tag": "M3"},
        ]
    }
    items = payload_frames(payload)["items"]
    assert items["elimination"].tolist()[:2] == ["listed", "unknown"] and pd.isna(
        items["elimination"].iloc[2]
    )
    assert items["elimination_entries"].tolist() == ["MOTOR-3-1-2", "", ""]
