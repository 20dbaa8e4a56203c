"""Further ways ledgers head the columns of frequent product fields (Chinese and English), by field
name; `fields.num/enum/ind` add them to the field's aliases after its own. The import's header index
is built from the specs' aliases (io/fields.py)."""

from __future__ import annotations

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "rated_power_kw": (
        "额定功率",
        "功率",
        "电机功率",
        "额定输出功率",
        "rated power",
        "power",
        "rated output",
    ),
    "poles": ("极数", "极", "poles", "pole", "number of poles"),
    "efficiency_pct": ("效率", "额定效率", "能效", "电机效率", "efficiency", "rated efficiency"),
    "specific_power": ("比功率", "输入比功率", "机组比功率", "specific power"),
    "discharge_pressure_mpa": ("排气压力", "额定排气压力", "出口压力", "discharge pressure"),
    "drive_power_kw": ("驱动电机功率", "驱动功率", "电机额定功率", "drive power", "motor power"),
    "delivered_air_m3min": ("排气量", "实际排气量", "容积流量", "供气量", "free air delivery", "fad"),
    "loaded_hours": ("加载小时", "年加载小时", "加载时间", "loaded hours"),
    # '额定功率' last: a transformer's '额定功率(kVA)' (the unit check keeps kW columns off it)
    "rated_capacity_kva": ("额定容量", "容量", "rated capacity", "capacity", "额定功率"),
    "no_load_loss_w": ("空载损耗", "no-load loss", "no load loss", "p0"),
    "load_loss_w": ("负载损耗", "短路损耗", "load loss", "pk"),
    "rated_capacity_th": ("额定蒸发量", "额定容量", "蒸发量", "rated capacity", "evaporation"),
    "rated_capacity_mw": ("额定热功率", "额定容量", "热功率", "rated heat output"),
    "thermal_efficiency_pct": ("热效率", "锅炉热效率", "thermal efficiency", "效率"),
    "fan_efficiency_pct": ("风机效率", "fan efficiency", "效率"),
    "pump_efficiency_pct": ("泵效率", "水泵效率", "pump efficiency"),
    "motor_efficiency_pct": ("配套电机效率", "motor efficiency"),
    "flow_m3h": ("流量", "额定流量", "风量", "flow"),
    "head_m": ("扬程", "额定扬程", "head"),
    "speed_rpm": ("转速", "额定转速", "speed"),
    "rated_voltage_kv": ("额定电压", "电压", "rated voltage", "voltage"),
    "cooling_capacity_kw": ("制冷量", "名义制冷量", "cooling capacity"),
    "transformer_type": ("型式", "变压器型式", "变压器类型"),
    "transformer_load_factor": ("平均负载率", "负载率", "变压器负载率"),
    "energised_hours": ("年带电时间", "带电时间", "年带电小时", "年投运小时"),
    "load_loss_hours": ("年负载损耗小时数", "负载损耗小时"),
    "duty_flow_pct": ("运行流量占额定", "运行风量占额定", "流量占额定", "运行流量比", "负荷流量比"),
    "fuel_kind": ("燃料种类", "燃料品种"),
    "annual_fuel_use": ("年燃料消耗量", "年耗燃料量", "年燃料用量"),
}
