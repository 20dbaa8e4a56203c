"""Product definitions beyond motors (industrial, HVAC, lighting). Source keys: docs/catalog.md."""

from __future__ import annotations

from ..domain import Verification as V
from .citations import ENTRY_RULE, MEMBER_CARRIED, MEMBER_NEW, MEMBER_PROBABLE, NOTICE_BASIS, SOFTWARE_RULE
from .fields import (
    ANNUAL_HOURS,
    DUTY_FLOW,
    EFFICIENCY,
    HIGHER,
    LOWER,
    MOTOR_EFFICIENCY,
    MOTOR_OPERATING,
    RATED_POWER,
    VSD,
    YES_NO,
    enum,
    ind,
    num,
    poles,
    text,
)
from .model import BetweenRule, FieldSpec, IndicatorSpec, TierMapping
from .spec import ProductSpec

PROBABLE = MEMBER_PROBABLE
NEIGHBOUR = SOFTWARE_RULE[0] + "：数值介于表列档位之间时，取相邻两档中较严的一档"
W_W = "W/W"


def _cap(
    name: str = "cooling_capacity_kw", zh: str = "名义制冷量", en: str = "Rated cooling capacity"
) -> FieldSpec:
    return num(name, "kW", zh, en, (zh, "制冷量", "额定制冷量", en.lower()), 0, None)


def _w_w(name: str, zh: str, en: str, aliases: tuple[str, ...] = ()) -> IndicatorSpec:
    return ind(name, W_W, HIGHER, zh, en, (name.upper(), zh, *aliases))


TRANSFORMER = ProductSpec(
    id="transformer",
    name_zh="电力变压器",
    name_en="Power transformer",
    group="industrial",
    standard="GB 20052-2020",
    standard_title_zh="电力变压器能效限定值及能效等级",
    parameters=(
        num(
            "rated_capacity_kva",
            "kVA",
            "额定容量",
            "Rated capacity",
            ("额定容量", "容量", "kVA", "rated capacity"),
            0,
        ),
        enum(
            "transformer_type",
            "变压器类型",
            "Transformer type",
            ("oil", "dry"),
            ("类型", "变压器类型", "type"),
            {"油浸式": "oil", "油浸": "oil", "干式": "dry", "oil-immersed": "oil", "dry-type": "dry"},
        ),
        enum(
            "core_material",
            "铁心材料",
            "Core material",
            ("electrical_steel", "amorphous"),
            ("铁心材料", "铁芯材料", "铁心", "core"),
            {
                "电工钢带": "electrical_steel",
                "硅钢": "electrical_steel",
                "硅钢片": "electrical_steel",
                "非晶合金": "amorphous",
                "非晶": "amorphous",
            },
            default="electrical_steel",
        ),
        enum(
            "connection_group",
            "联结组别",
            "Connection group",
            ("Dyn11", "Yzn11", "Yyn0"),
            ("联结组别", "联结组", "接线组别", "connection group"),
        ),
        enum(
            "insulation_class",
            "绝缘耐热等级",
            "Insulation class (dry-type)",
            ("B", "F", "H"),
            ("绝缘等级", "绝缘耐热等级", "insulation class"),
        ),
        enum(
            "rated_voltage_kv",
            "电压等级",
            "Voltage class (kV)",
            ("10", "35"),
            ("电压等级", "额定电压", "kV"),
            {"10kV": "10", "35kV": "35"},
            default="10",
        ),
        enum(
            "tap_changer",
            "调压方式",
            "Tap changer",
            ("off_circuit", "on_load"),
            ("调压方式",),
            {"无励磁调压": "off_circuit", "无励磁": "off_circuit", "有载调压": "on_load", "有载": "on_load"},
            default="off_circuit",
        ),
    ),
    indicators=(
        ind("no_load_loss_w", "W", LOWER, "空载损耗", "No-load loss", ("空载损耗", "P0", "空载损耗(W)")),
        ind(
            "load_loss_w", "W", LOWER, "负载损耗", "Load loss", ("负载损耗", "短路损耗", "Pk", "负载损耗(W)")
        ),
    ),
    operating_fields=(
        num(
            "transformer_load_factor",
            "1",
            "负载率",
            "Load factor",
            ("负载率", "平均负载率", "负荷率"),
            0,
            1.5,
        ),
        num(
            "energised_hours",
            "h",
            "年带电小时",
            "Energised hours per year",
            ("年带电小时", "带电小时", "年运行小时"),
            0,
            8784,
        ),
        num(
            "load_loss_hours",
            "h",
            "年负载损耗小时",
            "Load-loss hours per year",
            ("负载损耗小时", "最大负荷损耗小时"),
            0,
            8784,
        ),
    ),
    tier_mapping=TierMapping(1, 2, 3, V.UNVERIFIED, NOTICE_BASIS[0], ENTRY_RULE),
    membership=V.SINGLE_SOURCE,
    membership_source=MEMBER_CARRIED,
    edition_note="GB 20052-2024 took effect 2025-02-01, so the catalog cites GB 20052-2020; the 10 kV values "
    "are the 2024 pack's, unchanged per the 2024 foreword except grades 1-2 load loss at 2500 kVA (blank)",
    between_rules=(BetweenRule("rated_capacity_kva", "stricter_neighbour", V.UNVERIFIED, NEIGHBOUR),),
    aliases=("变压器", "配电变压器", "transformer", "distribution transformer"),
    notes=(
        "Both no-load and load loss must meet a tier (UNVERIFIED reading; the pack stores them as a pair).",
        "10 kV 30-2500 kVA (GB 20052-2020); 35 kV oil-immersed 3150-31500 kVA (off-circuit) and 3150-20000 "
        "kVA (on-load) from the 2024 edition (successor_edition); above 35 kV not modelled.",
        "Oil-immersed rows from 630 kVA are labelled Yyn0 in the source; their use for Dyn11/Yzn11 is "
        "unverified.",
    ),
)

AIR_COMPRESSOR = ProductSpec(
    id="air_compressor",
    name_zh="容积式空气压缩机",
    name_en="Positive-displacement air compressor",
    group="industrial",
    standard="GB 19153-2019",
    standard_title_zh="容积式空气压缩机能效限定值及能效等级",
    parameters=(
        enum(
            "compressor_type",
            "压缩机类型",
            "Compressor type",
            ("oil_injected_rotary_fixed", "oil_injected_rotary_variable"),
            ("压缩机类型", "类型", "type"),
            {
                "喷油回转": "oil_injected_rotary_fixed",
                "工频": "oil_injected_rotary_fixed",
                "螺杆": "oil_injected_rotary_fixed",
                "喷油螺杆": "oil_injected_rotary_fixed",
                "变频": "oil_injected_rotary_variable",
                "变频螺杆": "oil_injected_rotary_variable",
                "变转速": "oil_injected_rotary_variable",
            },
        ),
        num(
            "drive_power_kw",
            "kW",
            "驱动电机额定功率",
            "Drive motor rated power",
            ("驱动电机功率", "电机功率", "额定功率", "功率", "drive power"),
            0,
        ),
        num(
            "discharge_pressure_mpa",
            "MPa",
            "额定排气压力",
            "Rated discharge pressure",
            ("排气压力", "额定排气压力", "压力", "discharge pressure"),
            0,
        ),
        enum(
            "cooling",
            "冷却方式",
            "Cooling",
            ("air", "liquid"),
            ("冷却方式", "cooling"),
            {"风冷": "air", "水冷": "liquid", "液冷": "liquid", "water": "liquid"},
        ),
    ),
    indicators=(
        ind(
            "specific_power",
            "kW/(m³/min)",
            LOWER,
            "机组比功率",
            "Package specific power",
            ("比功率", "机组比功率", "specific power"),
        ),
    ),
    operating_fields=(
        num(
            "delivered_air_m3min",
            "m³/min",
            "容积流量",
            "Delivered air flow",
            ("排气量", "容积流量", "流量"),
            0,
        ),
        num(
            "loaded_hours",
            "h",
            "年加载小时",
            "Loaded hours per year",
            ("加载小时", "年加载小时", "年运行小时"),
            0,
            8784,
        ),
        ANNUAL_HOURS,
    ),
    tier_mapping=TierMapping(1, 2, 3, V.UNVERIFIED, NOTICE_BASIS[0], ENTRY_RULE),
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    between_rules=(
        BetweenRule(
            "drive_power_kw",
            "stricter_neighbour",
            V.UNVERIFIED,
            NEIGHBOUR + "（有资料称标准规定向上靠档，待核）",
        ),
        BetweenRule(
            "discharge_pressure_mpa", "stricter_neighbour", V.UNVERIFIED, NEIGHBOUR + "（压力分档边界待核）"
        ),
    ),
    aliases=("空压机", "空气压缩机", "螺杆空压机", "螺杆压缩机", "air compressor", "compressor"),
    notes=(
        "Tables 1-2 (oil-injected rotary, fixed and variable speed) only; reciprocating and oil-free "
        "(Tables 3-4) are not modelled.",
        "Liquid-cooled cells below 18.5 kW are '—' in the standard.",
    ),
)

FAN = ProductSpec(
    id="fan",
    name_zh="通风机",
    name_en="Industrial fan",
    group="industrial",
    standard="GB 19761-2020",
    standard_title_zh="通风机能效限定值及能效等级",
    parameters=(
        enum(
            "fan_type",
            "风机类型",
            "Fan type",
            ("centrifugal", "axial", "external_rotor_forward_curved"),
            ("风机类型", "类型", "type"),
            {
                "离心": "centrifugal",
                "离心式": "centrifugal",
                "离心通风机": "centrifugal",
                "轴流": "axial",
                "轴流式": "axial",
                "轴流通风机": "axial",
                "外转子": "external_rotor_forward_curved",
            },
        ),
        num("pressure_coefficient", "1", "压力系数 ψ", "Pressure coefficient ψ", ("压力系数", "ψ"), 0),
        num("hub_ratio", "1", "轮毂比 γ (轴流)", "Hub ratio γ (axial)", ("轮毂比", "γ"), 0, 1),
        num("specific_speed", "1", "比转速 ns", "Specific speed ns", ("比转速", "ns"), 0),
        num("machine_number", "1", "机号", "Machine number", ("机号", "No", "machine number"), 0),
    ),
    indicators=(
        ind(
            "fan_efficiency_pct",
            "%",
            HIGHER,
            "通风机效率",
            "Fan efficiency",
            ("风机效率", "通风机效率", "最高效率", "fan efficiency"),
        ),
    ),
    operating_fields=(
        num("flow_m3h", "m³/h", "风量", "Flow", ("风量", "流量", "flow"), 0),
        num("total_pressure_pa", "Pa", "全压", "Total pressure", ("全压", "风压"), 0),
        num("static_pressure_pa", "Pa", "静压", "Static pressure", ("静压",), 0),
        MOTOR_EFFICIENCY,
        ANNUAL_HOURS,
        DUTY_FLOW,
        VSD,
    ),
    tier_mapping=TierMapping(1, 2, 3, V.UNVERIFIED, NOTICE_BASIS[0], ENTRY_RULE),
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    aliases=("风机", "通风机", "离心风机", "轴流风机", "fan"),
    notes=(
        "Efficiency is the fan's own ηr = qvsg1·pF·kp/(1000·Pr)×100 % (GB 19761-2020 5.2.1), not "
        "with the motor rated power.",
        "Table 2 machine-number ranges leave a gap at exactly No3.5 in the "
        "source (probably an extraction error): such items are not covered.",
    ),
)

#: plausibility bound of a boiler's thermal efficiency (LHV basis): condensing gas boilers exceed 100 %
CONDENSING_MAX_PCT = 110.0

BOILER = ProductSpec(
    id="boiler",
    name_zh="工业锅炉",
    name_en="Industrial boiler",
    group="industrial",
    standard="GB 24500-2020",
    standard_title_zh="工业锅炉能效限定值及能效等级",
    parameters=(
        enum(
            "boiler_type",
            "锅炉类型",
            "Boiler type",
            ("grate_coal", "fluidized_bed_coal", "biomass", "chamber_fired", "electric"),
            ("锅炉类型", "燃烧方式"),
            {
                "层燃": "grate_coal",
                "层状燃烧": "grate_coal",
                "链条炉": "grate_coal",
                "流化床": "fluidized_bed_coal",
                "循环流化床": "fluidized_bed_coal",
                "生物质": "biomass",
                "室燃": "chamber_fired",
                "燃气": "chamber_fired",
                "燃油": "chamber_fired",
                "燃气锅炉": "chamber_fired",
                "燃油锅炉": "chamber_fired",
                "电加热": "electric",
                "电锅炉": "electric",
                "电加热锅炉": "electric",
                "电热锅炉": "electric",
                "电极锅炉": "electric",
            },
        ),
        enum(
            "fuel",
            "燃料",
            "Fuel",
            (
                "bituminous",
                "lean_coal",
                "anthracite",
                "lignite",
                "biomass",
                "natural_gas",
                "oil",
                "coal",
                "electricity",
            ),
            ("燃料", "燃料种类", "fuel"),
            {
                "烟煤": "bituminous",
                "贫煤": "lean_coal",
                "无烟煤": "anthracite",
                "褐煤": "lignite",
                "生物质": "biomass",
                "天然气": "natural_gas",
                "燃油": "oil",
                "油": "oil",
                "煤": "coal",
                "煤粉": "coal",
                "电": "electricity",
                "电能": "electricity",
                "电力": "electricity",
            },
        ),
        enum(
            "fuel_class",
            "煤种类别",
            "Coal class",
            ("I", "II", "III"),
            ("煤种类别", "类别"),
            {"Ⅰ类": "I", "Ⅱ类": "II", "Ⅲ类": "III", "Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III"},
        ),
        enum(
            "condensing",
            "冷凝式",
            "Condensing",
            ("yes", "no"),
            ("冷凝", "冷凝式"),
            YES_NO | {"冷凝": "yes", "冷凝式": "yes", "冷凝锅炉": "yes", "非冷凝": "no", "非冷凝式": "no"},
        ),
        num(
            "rated_capacity_th",
            "t/h",
            "额定蒸发量",
            "Rated capacity (t/h)",
            ("额定蒸发量", "蒸发量", "t/h"),
            0,
        ),
        num(
            "rated_capacity_mw",
            "MW",
            "额定热功率",
            "Rated thermal output (MW)",
            ("额定热功率", "热功率", "MW"),
            0,
        ),
    ),
    indicators=(
        ind(
            "thermal_efficiency_pct",
            "%",
            HIGHER,
            "设计热效率",
            "Design thermal efficiency",
            ("热效率", "设计热效率", "锅炉效率", "thermal efficiency"),
            hi=CONDENSING_MAX_PCT,
            hi_note="lower heating value basis: a condensing gas boiler exceeds 100 % (GB 24500-2020 表4 "
            "grades 103/101/98); above 110 % is not plausible (docs/catalog.md)",
        ),
    ),
    operating_fields=(
        num(
            "annual_fuel_use",
            "",
            "年燃料消耗量",
            "Annual fuel use",
            ("年燃料消耗量", "年耗燃料", "燃料消耗量"),
            0,
        ),
        enum(
            "fuel_kind",
            "燃料品种",
            "Fuel kind",
            ("coal", "natural_gas", "oil", "diesel", "biomass", "lpg"),
            ("燃料品种",),
            {
                "煤": "coal",
                "天然气": "natural_gas",
                "燃料油": "oil",
                "柴油": "diesel",
                "生物质": "biomass",
                "液化石油气": "lpg",
            },
        ),
        text("fuel_unit", "燃料计量单位", "Fuel unit", ("燃料单位", "计量单位")),
    ),
    tier_mapping=TierMapping(1, 2, 3, V.UNVERIFIED, NOTICE_BASIS[0], ENTRY_RULE),
    membership=V.SINGLE_SOURCE,
    membership_source=MEMBER_NEW,
    alternates=(("rated_capacity_th", "rated_capacity_mw"),),
    aliases=("锅炉", "工业锅炉", "蒸汽锅炉", "热水锅炉", "boiler"),
    notes=(
        "Capacity: either t/h or MW, each compared with its own column (no conversion).",
        "Coal class (Ⅰ/Ⅱ/Ⅲ) follows the design fuel's LHV and volatile matter (row notes).",
        "Electric boilers: clause 5.2 gives only the limit value 97 %; grades 1-2 are blank (no_threshold "
        "above entry).",
    ),
)


EDITION_MISMATCH_NOTE = (
    "values from the {new} edition (effective {eff}); the 2024 catalog cites an earlier edition"
)

PMSM = ProductSpec(
    id="pmsm",
    name_zh="永磁同步电动机",
    name_en="Permanent-magnet synchronous motor",
    group="industrial",
    standard="GB 30253-2024",
    standard_title_zh="永磁同步电动机能效限定值及能效等级",
    parameters=(RATED_POWER, poles(("2", "4", "6", "8", "10", "12", "16"))),
    indicators=(EFFICIENCY,),
    operating_fields=MOTOR_OPERATING,
    tier_mapping=TierMapping(1, 2, 3, V.UNVERIFIED, NOTICE_BASIS[0], ENTRY_RULE),
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    edition_note=EDITION_MISMATCH_NOTE.format(new="GB 30253-2024", eff="2025-10-01"),
    between_rules=(BetweenRule("rated_power_kw", "stricter_neighbour", V.UNVERIFIED, NEIGHBOUR),),
    aliases=("永磁电机", "永磁同步电机", "PMSM", "permanent magnet motor"),
    notes=("Table 1 only (line-start, ≤1140 V, 0.55-1000 kW); 400-1000 kW is one band in the source.",),
)

MOTOR_HV = ProductSpec(
    id="motor_hv",
    name_zh="高压三相笼型异步电动机",
    name_en="High-voltage cage induction motor",
    group="industrial",
    standard="GB 30254-2024",
    standard_title_zh="高压三相笼型异步电动机能效限定值及能效等级",
    parameters=(
        enum(
            "rated_voltage_kv",
            "额定电压",
            "Rated voltage (kV)",
            ("3", "3.3", "6", "10"),
            ("额定电压", "电压", "kV", "rated voltage"),
            {"3kV": "3", "3.3kV": "3.3", "6kV": "6", "10kV": "10"},
        ),
        enum(
            "cooling_method",
            "冷却方式 (IC)",
            "Cooling method (IC code)",
            ("IC01", "IC11", "IC21", "IC31", "IC81W", "IC611", "IC616", "IC511", "IC516", "IC411"),
            ("冷却方式", "IC", "cooling method"),
        ),
        RATED_POWER,
        poles(("2", "4", "6", "8", "10", "12")),
    ),
    indicators=(EFFICIENCY,),
    operating_fields=MOTOR_OPERATING,
    tier_mapping=TierMapping(1, 2, 3, V.UNVERIFIED, NOTICE_BASIS[0], ENTRY_RULE),
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    edition_note=EDITION_MISMATCH_NOTE.format(new="GB 30254-2024", eff="2025-09-01")
    + " (GB 30254-2013; values not found)",
    between_rules=(BetweenRule("rated_power_kw", "stricter_neighbour", V.UNVERIFIED, NEIGHBOUR),),
    aliases=("高压电机", "高压电动机", "HV motor", "high-voltage motor"),
    notes=("Tables 1-6: 3/3.3/6 kV and 10 kV; IC01/11/21/31/81W, IC611/616/511/516, IC411; 200 kW-25 MW.",),
)


def more_products(map_3: TierMapping) -> tuple[ProductSpec, ...]:
    from .products_hvac import hvac_products

    return (TRANSFORMER, AIR_COMPRESSOR, FAN, BOILER, PMSM, MOTOR_HV, *hvac_products())
