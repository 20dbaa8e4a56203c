"""Build sample_ledger_zh.xlsx (an engineer's Excel ledger) from sample_inventory.csv.

    .venv/bin/python -m tools.make_ledger_xlsx   (or ./dev build-data)

The ledger holds the same fictitious plant as the CSV, laid out the way a plant's 设备台账 usually is:
one sheet per kind of equipment, a title row and a note row above a merged two-line header, Chinese
headers with units, a few cells carrying their unit as text ("75 kW", "0.8 MPa"), and a blank for an
unknown value. It exists to demonstrate and test import (header aliases, units, header detection).
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parents[1] / "resources" / "sample"
TITLE = "湖南湘江机械制造有限公司 重点用能设备台账（示例数据，全部为虚构）"
NOTE = "编制：能源管理科　　统计口径：2025年度　　说明：本台账为演示用示例数据，与任何真实企业无关"

COMMON = [  # (group, header, canonical field, unit-in-cell suffix or None)
    ("基本信息", "设备编号", "asset_tag", None),
    ("基本信息", "设备名称", "name", None),
    ("基本信息", "设备类别", "product", None),
    ("基本信息", "规格型号", "model", None),
    ("基本信息", "生产厂家", "manufacturer", None),
    ("基本信息", "投运年份", "year_installed", None),
    ("基本信息", "数量（台）", "quantity", None),
    ("基本信息", "所在厂区", "site", None),
]
SHEETS = {
    "电动机": (
        "motor",
        "三相异步电动机",
        [
            ("铭牌参数", "额定功率（kW）", "rated_power_kw", None),
            ("铭牌参数", "极数", "poles", None),
            ("铭牌参数", "额定效率（%）", "efficiency_pct", None),
            ("运行情况", "年运行时间（h）", "annual_hours", None),
            ("运行情况", "负载率", "load_factor", None),
        ],
    ),
    "空压机": (
        "air_compressor",
        "容积式空气压缩机",
        [
            ("铭牌参数", "类型", "compressor_type", None),
            ("铭牌参数", "驱动电机功率", "drive_power_kw", " kW"),
            ("铭牌参数", "额定排气压力", "discharge_pressure_mpa", " MPa"),
            ("铭牌参数", "冷却方式", "cooling", None),
            ("铭牌参数", "机组比功率（kW/(m³/min)）", "specific_power", None),
            ("运行情况", "实际供气量（m³/min）", "delivered_air_m3min", None),
            ("运行情况", "年加载时间（h）", "loaded_hours", None),
            ("运行情况", "年运行时间（h）", "annual_hours", None),
        ],
    ),
    "变压器": (
        "transformer",
        "电力变压器",
        [
            ("铭牌参数", "额定容量（kVA）", "rated_capacity_kva", None),
            ("铭牌参数", "型式", "transformer_type", None),
            ("铭牌参数", "铁心材料", "core_material", None),
            ("铭牌参数", "联结组别", "connection_group", None),
            ("铭牌参数", "绝缘等级", "insulation_class", None),
            ("铭牌参数", "空载损耗（W）", "no_load_loss_w", None),
            ("铭牌参数", "负载损耗（W）", "load_loss_w", None),
            ("运行情况", "平均负载率", "transformer_load_factor", None),
            ("运行情况", "年带电时间（h）", "energised_hours", None),
            ("运行情况", "年负载损耗小时数（h）", "load_loss_hours", None),
        ],
    ),
    "水泵": (
        "pump",
        "清水离心泵",
        [
            ("铭牌参数", "泵型", "pump_type", None),
            ("铭牌参数", "流量（m³/h）", "flow_m3h", None),
            ("铭牌参数", "扬程（m）", "head_m", None),
            ("铭牌参数", "转速（r/min）", "speed_rpm", None),
            ("铭牌参数", "吸入方式", "suction", None),
            ("铭牌参数", "泵效率（%）", "pump_efficiency_pct", None),
            ("运行情况", "静扬程（m）", "static_head_m", None),
            ("运行情况", "配套电机效率（%）", "motor_efficiency_pct", None),
            ("运行情况", "年运行时间（h）", "annual_hours", None),
            ("运行情况", "运行流量占额定（%）", "duty_flow_pct", None),
            ("运行情况", "是否变频", "vsd", None),
        ],
    ),
    "风机": (
        "fan",
        "通风机",
        [
            ("铭牌参数", "风机类型", "fan_type", None),
            ("铭牌参数", "压力系数", "pressure_coefficient", None),
            ("铭牌参数", "轮毂比（轴流）", "hub_ratio", None),
            ("铭牌参数", "比转速", "specific_speed", None),
            ("铭牌参数", "机号", "machine_number", None),
            ("铭牌参数", "风机效率（%）", "fan_efficiency_pct", None),
            ("运行情况", "风量（m³/h）", "flow_m3h", None),
            ("运行情况", "全压（Pa）", "total_pressure_pa", None),
            ("运行情况", "静压（Pa）", "static_pressure_pa", None),
            ("运行情况", "配套电机效率（%）", "motor_efficiency_pct", None),
            ("运行情况", "年运行时间（h）", "annual_hours", None),
            ("运行情况", "运行风量占额定（%）", "duty_flow_pct", None),
            ("运行情况", "是否变频", "vsd", None),
        ],
    ),
    "锅炉": (
        "boiler",
        "工业锅炉",
        [
            ("铭牌参数", "锅炉类型", "boiler_type", None),
            ("铭牌参数", "燃料", "fuel", None),
            ("铭牌参数", "煤种类别", "fuel_class", None),
            ("铭牌参数", "冷凝式", "condensing", None),
            ("铭牌参数", "额定蒸发量", "rated_capacity_th", " t/h"),
            ("铭牌参数", "设计热效率（%）", "thermal_efficiency_pct", None),
            ("运行情况", "年燃料消耗量", "annual_fuel_use", None),
            ("运行情况", "燃料种类", "fuel_kind", None),
            ("运行情况", "燃料计量单位", "fuel_unit", None),
            ("运行情况", "年运行时间（h）", "annual_hours", None),
        ],
    ),
    "冷水机组": (
        "chiller",
        "冷水机组",
        [
            ("铭牌参数", "机组类型", "chiller_type", None),
            ("铭牌参数", "冷却方式", "heat_rejection", None),
            ("铭牌参数", "名义制冷量（kW）", "cooling_capacity_kw", None),
            ("铭牌参数", "IPLV（W/W）", "iplv", None),
            ("铭牌参数", "COP（W/W）", "cop", None),
            ("运行情况", "年供冷量（kWh）", "annual_cooling_kwh", None),
            ("运行情况", "平均冷负荷（kW）", "cooling_load_kw", None),
            ("运行情况", "年运行时间（h）", "annual_hours", None),
        ],
    ),
}
RETROFIT = [  # fictitious supplier quotes, sample data only
    ("改造方案", "改造投资（元）", "investment_cny", None),
    ("改造方案", "经济寿命（年）", "lifetime_years", None),
]
TAIL = [("备注", "备注", "notes", None)]
# How an engineer writes the enumerated values (the CSV carries the canonical ids).
ZH_VALUES = {
    "oil_injected_rotary_fixed": "喷油螺杆",
    "oil_injected_rotary_variable": "变频螺杆",
    "air": "风冷",
    "liquid": "水冷",
    "oil": "油浸式",
    "dry": "干式",
    "electrical_steel": "电工钢带",
    "amorphous": "非晶合金",
    "single": "单吸",
    "double": "双吸",
    "single_stage_single_suction": "单级单吸",
    "single_stage_double_suction": "单级双吸",
    "inline": "管道泵",
    "centrifugal": "离心",
    "axial": "轴流",
    "chamber_fired": "室燃",
    "grate_coal": "层状燃烧",
    "natural_gas": "天然气",
    "bituminous": "烟煤",
    "II": "Ⅱ类",
    "coal": "煤",
    "m3": "m³",
    "t": "吨",
    "comfort": "舒适型",
    "water": "水冷式",
    "yes": "是",
    "no": "否",
}


def _cell_value(raw: str, suffix: str | None):
    if raw == "":
        return None
    if suffix:
        return raw + suffix
    try:
        number = float(raw)
    except ValueError:
        return raw
    return int(number) if number.is_integer() and "." not in raw else number


def build(out: Path = HERE / "sample_ledger_zh.xlsx") -> Path:
    with (HERE / "sample_inventory.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    for sheet_name, (product, product_zh, columns) in SHEETS.items():
        cols = COMMON + columns + RETROFIT + TAIL
        ws = wb.create_sheet(sheet_name)
        n = len(cols)
        ws.cell(1, 1, TITLE).font = Font(bold=True, size=14)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
        ws.cell(2, 1, NOTE).font = Font(italic=True, color="595959")
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
        # Two-line header: group names merged across row 3, field names in row 4; the common
        # identity columns and the remark column span both lines (merged vertically).
        col = 1
        while col <= n:
            group = cols[col - 1][0]
            end = col
            while end < n and cols[end][0] == group:
                end += 1
            if group in ("基本信息", "备注"):
                for c in range(col, end + 1):
                    ws.cell(3, c, cols[c - 1][1])
                    ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
            else:
                ws.cell(3, col, group)
                ws.merge_cells(start_row=3, start_column=col, end_row=3, end_column=end)
                for c in range(col, end + 1):
                    ws.cell(4, c, cols[c - 1][1])
            col = end + 1
        for r in (3, 4):
            for c in range(1, n + 1):
                cell = ws.cell(r, c)
                cell.font = Font(bold=True)
                cell.fill = head_fill
                cell.border = box
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        r = 5
        for item in rows:
            if item["product"] != product:
                continue
            for c, (_group, _header, field, suffix) in enumerate(cols, start=1):
                value = product_zh if field == "product" else _cell_value(item[field], suffix)
                if isinstance(value, str) and field not in ("asset_tag", "name", "model", "notes"):
                    value = ZH_VALUES.get(value, value)
                cell = ws.cell(r, c, value)
                cell.border = box
            r += 1
        for c in range(1, n + 1):
            ws.column_dimensions[get_column_letter(c)].width = 14 if c > 2 else 12
        ws.column_dimensions["B"].width = 26
        ws.row_dimensions[4].height = 32
        ws.freeze_panes = "C5"
    wb.properties.title = TITLE
    wb.properties.creator = "Retrofit Desktop sample data"
    wb.save(out)
    return out


if __name__ == "__main__":
    print(build())
