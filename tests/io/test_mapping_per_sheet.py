"""A workbook mapping is keyed by header text; a header that means different fields on different
product sheets (冷却方式: a compressor's cooling, a chiller's heat rejection) must not reject a sheet."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from retrofit_desktop.io import read_inventory


def two_sheets(path: Path) -> Path:
    wb = openpyxl.Workbook()
    comp = wb.active
    comp.title = "空压机"
    comp.append(["设备编号", "设备名称", "类型", "驱动电机功率", "额定排气压力", "冷却方式", "机组比功率"])
    comp.append(["C-1", "1#空压机", "喷油螺杆", "37 kW", "0.8 MPa", "风冷", 8.6])
    chill = wb.create_sheet("冷水机组")
    chill.append(["设备编号", "设备名称", "机组类型", "冷却方式", "名义制冷量(kW)", "IPLV(W/W)", "COP(W/W)"])
    chill.append(["CH-1", "1#冷水机组", "舒适型", "水冷式", 450, 6.0, 5.2])
    wb.save(path)
    return path


def test_mapping_used_for_one_file_reads_it_again_the_same(tmp_path):
    path = two_sheets(tmp_path / "台账.xlsx")
    first = read_inventory(path)
    assert (first.read, first.imported, len(first.rejected)) == (2, 2, 0), first.rejected
    # the one mapping the import wizard shows and hands back: '冷却方式' is the compressor's `cooling`
    assert first.mapping.columns["冷却方式"].field == "cooling"
    again = read_inventory(path, mapping=first.mapping)
    assert (again.read, again.imported, len(again.rejected)) == (2, 2, 0), again.rejected
    items = again.items.set_index("asset_tag")
    assert items.loc["C-1", "cooling"] == "air"
    assert items.loc["CH-1", "heat_rejection"] == "water"
