"""A plant's two-sheet ledger as engineers write it, generated with openpyxl (no binary in the repo).

Sheet 电动机: two title lines, a two-line merged header (铭牌参数 / 运行情况), a 序号 column, units in
cells, 4极/4P, a blank line, a 小计 row, '—' and '无' cells, an efficiency typed as a fraction and a
'合　计' row whose label spans the first three columns. Sheet 空压机及其他: motors, compressors, a
transformer and a high-voltage motor on one sheet under generic headers (额定功率, 额定效率, 类型,
冷却方式, 额定电压), a 序号 column, a '合计：' row in the name column.

EXPECTED holds, per asset tag, the product and the tier hand-checked against catalog rows
(retrofit_desktop/catalog/data/tiers_2024.csv; the row is named beside each).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment

# tag -> (product, tier, catalog row and why)
EXPECTED: dict[str, tuple[str, str, str]] = {
    "SF-D01": ("motor", "energy_saving", "T1-30kW-4P 95.9/94.9/93.6: 0.950 read as 95.0 ≥ 94.9"),
    "SF-D02": ("motor", "entry", "T1-11kW-4P 94.6/93.3/91.4: 91.4 = grade 3"),
    "SF-D03": ("motor", "energy_saving", "T1-5.5kW-4P 93.4/91.9/89.6: 92.0 ≥ 91.9"),
    "SF-D04": ("motor", "below_entry", "T1-45kW-2P 96/95/94: 93.5 < 94"),
    "SF-K01": ("air_compressor", "energy_saving", "表1-75kW-0.8MPa-air 6.3/6.8/7.5: 6.5 ≤ 6.8"),
    "SF-K02": ("air_compressor", "advanced", "表2-37kW-0.8MPa-air 7.0/7.6/8.5: 7.0 ≤ 7.0"),
    "SF-T01": (
        "transformer",
        "energy_saving",
        "T1-630kVA-electrical_steel-D P0 460/510/570, Pk 4460/4960/6200: 500 ≤ 510 and 4900 ≤ 4960",
    ),
    "SF-H01": ("motor_hv", "energy_saving", "表5-355kW-4P (6 kV, IC411) 95.1/94.4/93.7: 0.945 read as 94.5"),
    "SF-M05": ("motor", "entry", "T1-11kW-4P 94.6/93.3/91.4: 0.914 read as 91.4 = grade 3"),
}
# (sheet, row) of the rows that are totals, with the cell that says so
TOTAL_ROWS = {("电动机", 10): "小计", ("电动机", 13): "合　计", ("空压机及其他", 9): "合计："}
# (sheet, row, column as reported, value as written, reading) of efficiencies typed as fractions
FRACTIONS = [
    ("电动机", 5, "铭牌参数 / 额定效率", "0.95", 95.0),
    ("空压机及其他", 7, "额定效率", "0.945", 94.5),
    ("空压机及其他", 8, "额定效率", "0.914", 91.4),
]


def write_messy_ledger(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "电动机"
    ws.append(["湖南示范纺织有限公司 重点用能设备台账（2025年）"])
    ws.merge_cells("A1:K1")
    ws.append(["填报部门：动力科", None, None, "填报日期：2025年11月"])
    ws.append(
        [
            "序号",
            "设备编号",
            "设备名称",
            "规格型号",
            "投运时间",
            "铭牌参数",
            None,
            None,
            "运行情况",
            None,
            "备注",
        ]
    )
    ws.append([None, None, None, None, None, "额定功率", "极数", "额定效率", "年运行时间", "负载率", None])
    ws.merge_cells("F3:H3")
    ws.merge_cells("I3:J3")
    for col in "ABCDEK":
        ws.merge_cells(f"{col}3:{col}4")
    ws["F3"].alignment = Alignment(horizontal="center")
    rows = [
        (
            1,
            "SF-D01",
            "细纱机主电机",
            "YE2-200L-4",
            "2013年",
            "30kW",
            "4极",
            0.95,
            "7200h",
            "80%",
            "三班",
        ),  # 5
        (
            2,
            "SF-D02",
            "空调送风机电机",
            "YE3-160M-4",
            "2019.05",
            "11 kW",
            "4P",
            "91.4",
            "6000",
            "0.7",
            "无",
        ),  # 6
        (3, "SF-D03", "清花机电机", "Y2-132S-4", "—", "5.5KW", "4", "92.0%", "5000", "/", "铭牌不清"),  # 7
        (None,) * 11,  # 8: a blank line
        (
            4,
            "SF-D04",
            "循环水泵电机",
            "YE4-225M-2",
            "2022年",
            "45kW",
            "2极",
            "93.5%",
            "8000h",
            "0.85",
            None,
        ),  # 9
        ("小计", None, None, None, None, "91.5", None, None, None, None, None),  # 10
        (None,) * 11,  # 11
        (None,) * 11,  # 12
        ("合　计", None, None, None, None, "91.5kW", None, None, None, None, None),  # 13
    ]
    for r in rows:
        ws.append(list(r))
    ws.merge_cells("A13:C13")

    mx = wb.create_sheet("空压机及其他")
    mx.append(
        [
            "序号",
            "设备编号",
            "设备名称",
            "设备类别",
            "额定功率",
            "额定效率",
            "类型",
            "排气压力(MPa)",
            "冷却方式",
            "比功率(kW/(m³/min))",
            "空载损耗(W)",
            "负载损耗(W)",
            "联结组别",
            "额定电压",
            "极数",
            "年运行小时",
        ]
    )
    mx.append(
        [
            1,
            "SF-K01",
            "空压站1#",
            "空压机",
            "75kW",
            None,
            "喷油螺杆",
            0.8,
            "风冷",
            6.5,
            None,
            None,
            None,
            None,
            None,
            7000,
        ]
    )  # 2
    mx.append(
        [
            2,
            "SF-K02",
            "空压站2#",
            "空压机",
            "37 kW",
            "—",
            "变频螺杆",
            "0.8MPa",
            "风冷",
            7.0,
            None,
            None,
            None,
            None,
            None,
            7000,
        ]
    )  # 3
    mx.append(
        [
            3,
            "SF-T01",
            "1#配电变压器",
            "变压器",
            "630kVA",
            None,
            "油浸式",
            None,
            None,
            None,
            500,
            4900,
            "Dyn11",
            "10kV",
            None,
            8760,
        ]
    )  # 4
    mx.append([None] * 16)  # 5
    mx.append(
        [4, "SF-X01", "备用", "—", None, None, None, None, None, None, None, None, None, None, None, None]
    )  # 6
    mx.append(
        [
            5,
            "SF-H01",
            "引风机高压电机",
            "高压电动机",
            "355kW",
            0.945,
            None,
            None,
            "IC411",
            None,
            None,
            None,
            None,
            "6000V",
            "4极",
            6500,
        ]
    )  # 7
    mx.append(
        [
            6,
            "SF-M05",
            "冷却塔风机电机",
            "电动机",
            "11kW",
            0.914,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "4P",
            4000,
        ]
    )  # 8
    mx.append(
        [None, None, "合计：", None, "1108", None, None, None, None, None, None, None, None, None, None, None]
    )  # 9
    wb.save(path)
    return path
