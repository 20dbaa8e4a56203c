"""HVAC, heat-pump, pump and lighting product definitions. Source keys: docs/catalog.md."""

from __future__ import annotations

from ..domain import Verification as V
from .citations import ENTRY_RULE, MEMBER_PROBABLE, NOTICE_BASIS
from .fields import ANNUAL_HOURS, DUTY_FLOW, HIGHER, LOAD_FACTOR, MOTOR_EFFICIENCY, VSD, enum, ind, num
from .model import FieldSpec, IndicatorSpec, TierMapping
from .spec import ProductSpec

PROBABLE = MEMBER_PROBABLE
MAP_3 = TierMapping(1, 2, 3, V.UNVERIFIED, NOTICE_BASIS[0], ENTRY_RULE)
MAP_5 = TierMapping(
    1,
    2,
    5,
    V.UNVERIFIED,
    NOTICE_BASIS[0] + "；五级标准：能效限定值 = 5级",
    "entry = grade 5 (limit value of a 5-grade standard) and advanced = grade 1 are to be confirmed",
)
W_W = "W/W"


def _w_w(name: str, zh: str, en: str, aliases: tuple[str, ...] = ()) -> IndicatorSpec:
    return ind(name, W_W, HIGHER, zh, en, (name.upper(), zh, *aliases))


def _cap(
    name: str = "cooling_capacity_kw", zh: str = "名义制冷量", en: str = "Rated cooling capacity"
) -> FieldSpec:
    return num(name, "kW", zh, en, (zh, "制冷量", "额定制冷量", en.lower()), 0, None)


SEER = _w_w("seer", "制冷季节能源消耗效率", "SEER")
APF = _w_w("apf", "全年能源消耗效率", "APF")
IPLV = _w_w("iplv", "综合部分负荷性能系数", "IPLV", ("IPLV(C)",))
COOLING_OPERATING = (
    num("annual_cooling_kwh", "kWh", "年供冷量", "Annual cooling delivered", ("年供冷量", "年制冷量"), 0),
    num("cooling_load_kw", "kW", "平均冷负荷", "Average cooling load", ("平均冷负荷", "冷负荷"), 0),
    ANNUAL_HOURS,
)
AC_TYPE_ALIASES = {
    "单冷": "air_cooling_only",
    "风冷单冷": "air_cooling_only",
    "热泵": "air_heat_pump",
    "风冷热泵": "air_heat_pump",
    "水冷": "water_cooled",
    "水冷式": "water_cooled",
}

CHILLER = ProductSpec(
    id="chiller",
    name_zh="冷水机组",
    name_en="Water chiller",
    group="industrial",
    standard="GB 19577-2024",
    standard_title_zh="热泵和冷水机组能效限定值及能效等级",
    parameters=(
        enum(
            "chiller_type",
            "机组类型",
            "Chiller type",
            ("comfort", "data_centre"),
            ("机组类型", "用途"),
            {"舒适型": "comfort", "数据中心": "data_centre", "数据中心专用型": "data_centre"},
            default="comfort",
        ),
        enum(
            "heat_rejection",
            "冷却方式",
            "Heat rejection",
            ("water", "air", "evaporative"),
            ("冷却方式",),
            {
                "水冷": "water",
                "水冷式": "water",
                "风冷": "air",
                "风冷式": "air",
                "蒸发冷却": "evaporative",
                "蒸发冷却式": "evaporative",
            },
        ),
        _cap(),
        enum(
            "indicator_system",
            "评价指标体系",
            "Rating system",
            ("part_load", "full_load"),
            ("评价体系",),
            {"表1": "part_load", "表2": "full_load", "IPLV": "part_load", "COP": "full_load"},
            default="part_load",
        ),
    ),
    indicators=(
        IPLV,
        _w_w("cspf", "制冷季节性能系数", "CSPF"),
        _w_w("accop", "全年综合性能系数", "ACCOP"),
        _w_w("cop", "名义制冷性能系数", "COPc", ("COPc", "COP", "制冷性能系数")),
    ),
    operating_fields=COOLING_OPERATING,
    tier_mapping=MAP_3,
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    edition_note="GB 19577-2024 (effective 2025-02-01) changed the grade values; the catalog cites GB "
    "19577-2015, whose values were not found: the edition in force is judged (successor_edition)",
    aliases=("冷水机组", "冷机", "冷水（热泵）机组", "chiller", "water chiller"),
    notes=(
        "Tables 1-2 only. A unit is rated on Table 1 (IPLV/CSPF/ACCOP, default) or Table 2 (COPc), not both;"
        " the other system's fixed gate also applies (worst indicator).",
    ),
)

UNITARY_AC = ProductSpec(
    id="unitary_ac",
    name_zh="单元式空气调节机",
    name_en="Unitary air conditioner",
    group="commercial",
    standard="GB 19576-2019",
    standard_title_zh="单元式空气调节机能效限定值及能效等级",
    parameters=(
        enum(
            "ac_type",
            "机组类型",
            "Unit type",
            ("air_cooling_only", "air_heat_pump", "water_cooled"),
            ("机组类型", "类型"),
            AC_TYPE_ALIASES,
        ),
        _cap(),
    ),
    indicators=(SEER, APF, IPLV),
    operating_fields=COOLING_OPERATING,
    tier_mapping=MAP_3,
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    aliases=("单元式空调", "单元机", "unitary AC"),
    notes=(
        "Only the 7 kW+ SEER/APF/IPLV rows are modelled; four AEER/COP rows without a clear scope are not.",
    ),
)

MULTI_SPLIT = ProductSpec(
    id="multi_split",
    name_zh="多联式空调（热泵）机组",
    name_en="Multi-split (VRF) air conditioner",
    group="commercial",
    standard="GB 21454-2021",
    standard_title_zh="多联式空调（热泵）机组能效限定值及能效等级",
    parameters=(
        enum(
            "ac_type",
            "机组类型",
            "Unit type",
            ("air_cooling_only", "air_heat_pump", "water_loop", "ground_loop", "groundwater", "low_ambient"),
            ("机组类型", "类型"),
            AC_TYPE_ALIASES
            | {"水环": "water_loop", "地埋管": "ground_loop", "地下水": "groundwater", "低温": "low_ambient"},
        ),
        _cap(),
        _cap("heating_capacity_kw", "名义制热量", "Rated heating capacity"),
    ),
    indicators=(
        SEER,
        APF,
        IPLV,
        _w_w("eer", "能效比", "EER"),
        _w_w("hspf", "制热季节性能系数", "HSPF"),
        _w_w("cop_m12", "-12℃制热性能系数", "COP at -12 °C", ("COP(-12℃)",)),
        _w_w("cop_m20", "-20℃制热性能系数", "COP at -20 °C", ("COP(-20℃)",)),
    ),
    operating_fields=COOLING_OPERATING,
    tier_mapping=MAP_3,
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    aliases=("多联机", "VRF", "多联式空调", "multi-split"),
    notes=(
        "Every indicator a row requires applies (the weakest decides): SEER/APF with the per-grade EER "
        "minimum on the ≤14 kW rows of 表1/表2 (given on that row only in the source; other bands: no EER "
        "requirement in the data); low-ambient HSPF with the fixed COP(-12℃)/COP(-20℃) minimums (grade "
        "scope not stated: unverified).",
        "The heat-pump APF table holds only two bands (≤14 kW, 14-28 kW): probably incomplete.",
    ),
)

DUCT_AC = ProductSpec(
    id="duct_ac",
    name_zh="风管送风式空调机组",
    name_en="Ducted air conditioner",
    group="commercial",
    standard="GB 37479-2019",
    standard_title_zh="风管送风式空调机组能效限定值及能效等级",
    parameters=(
        enum(
            "ac_type",
            "机组类型",
            "Unit type",
            ("air_cooling_only", "air_heat_pump", "water_cooled"),
            ("机组类型", "类型"),
            AC_TYPE_ALIASES,
        ),
        _cap(),
    ),
    indicators=(SEER, APF, IPLV),
    operating_fields=COOLING_OPERATING,
    tier_mapping=MAP_3,
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    aliases=("风管机", "风管送风式空调", "ducted AC"),
    notes=(
        "Table 1 only; the Table 2 fresh-air EER rows (whose range looks odd in the source) are not "
        "modelled.",
    ),
)

HEATPUMP_WATER_HEATER = ProductSpec(
    id="heatpump_water_heater",
    name_zh="热泵热水机（器）",
    name_en="Heat-pump water heater",
    group="commercial",
    standard="GB 29541-2013",
    standard_title_zh="热泵热水机（器）能效限定值及能效等级",
    parameters=(
        enum(
            "hpwh_type",
            "机型",
            "Type",
            ("normal", "low_ambient"),
            ("机型",),
            {"普通型": "normal", "低温型": "low_ambient"},
            default="normal",
        ),
        enum(
            "heating_mode",
            "加热方式",
            "Heating mode",
            ("one_pass", "circulating", "circulating_no_pump", "circulating_with_pump", "static"),
            ("加热方式",),
            {"一次加热": "one_pass", "循环加热": "circulating", "静态加热": "static"},
        ),
        num("heating_capacity_kw", "kW", "名义制热量", "Rated heating capacity", ("制热量", "名义制热量"), 0),
    ),
    indicators=(_w_w("cop", "性能系数", "COP"),),
    operating_fields=(
        num("annual_heat_kwh", "kWh", "年制热量", "Annual heat delivered", ("年制热量",), 0),
        ANNUAL_HOURS,
    ),
    tier_mapping=MAP_5,
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    aliases=("热泵热水机", "热泵热水器", "空气能热水器", "heat pump water heater"),
    notes=("Five grade values per row; entry = grade 5 (UNVERIFIED).",),
)

LED_INDOOR = ProductSpec(
    id="led_indoor",
    name_zh="室内照明用LED产品",
    name_en="Indoor LED lighting",
    group="lighting",
    standard="GB 30255-2019",
    standard_title_zh="室内照明用LED产品能效限定值及能效等级",
    parameters=(
        enum(
            "led_type",
            "产品类型",
            "Product type",
            ("downlight",),
            ("产品类型",),
            {"筒灯": "downlight", "LED筒灯": "downlight"},
        ),
        num("rated_power_w", "W", "额定功率", "Rated power", ("额定功率", "功率"), 0),
        num("cct_k", "K", "相关色温", "Correlated colour temperature", ("色温", "相关色温", "CCT"), 0),
    ),
    indicators=(ind("luminous_efficacy", "lm/W", HIGHER, "光效", "Luminous efficacy", ("光效", "lm/W")),),
    operating_fields=(ANNUAL_HOURS,),
    tier_mapping=MAP_3,
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    aliases=("LED", "LED灯", "LED筒灯", "LED lighting"),
    notes=(
        "Only one row of Table 1 was found (downlight ≤5 W, CCT < 3500 K); everything else is not covered.",
    ),
)

PUMP_TYPES = {
    "单级单吸": "single_stage_single_suction",
    "单级单吸离心泵": "single_stage_single_suction",
    "单吸": "single_stage_single_suction",
    "端吸泵": "single_stage_single_suction",
    "单级双吸": "single_stage_double_suction",
    "单级双吸离心泵": "single_stage_double_suction",
    "双吸": "single_stage_double_suction",
    "中开泵": "single_stage_double_suction",
    "管道": "inline",
    "管道泵": "inline",
    "管道离心泵": "inline",
    "多级": "multistage",
    "多级泵": "multistage",
    "多级离心泵": "multistage",
    "轻型多级立式": "light_multistage_vertical",
    "轻型多级卧式": "light_multistage_horizontal",
}

PUMP = ProductSpec(
    id="pump",
    name_zh="清水离心泵",
    name_en="Clean-water centrifugal pump",
    group="industrial",
    standard="GB 19762-2025",
    standard_title_zh="离心泵能效限定值及能效等级",
    parameters=(
        enum(
            "pump_type",
            "泵型",
            "Pump type",
            tuple(dict.fromkeys(PUMP_TYPES.values())),
            ("泵型", "泵类型", "型式"),
            PUMP_TYPES,
        ),
        num("flow_m3h", "m³/h", "流量", "Flow", ("流量", "额定流量", "flow"), 0),
        num("head_m", "m", "扬程", "Head", ("扬程", "额定扬程", "head"), 0),
        num("speed_rpm", "r/min", "转速", "Speed", ("转速", "speed"), 0),
        num("stages", "", "级数", "Stages", ("级数", "stages"), 1),
        enum(
            "suction",
            "吸入方式",
            "Suction",
            ("single", "double"),
            ("吸入方式",),
            {"单吸": "single", "双吸": "double"},
        ),
    ),
    indicators=(ind("pump_efficiency_pct", "%", HIGHER, "泵效率", "Pump efficiency", ("泵效率", "效率")),),
    operating_fields=(
        num("static_head_m", "m", "静扬程", "Static head", ("静扬程",), 0),
        MOTOR_EFFICIENCY,
        ANNUAL_HOURS,
        DUTY_FLOW,
        VSD,
        LOAD_FACTOR,
    ),
    tier_mapping=TierMapping(1, 2, 3, V.UNVERIFIED, NOTICE_BASIS[0], "GB 19762-2025: " + ENTRY_RULE),
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    edition_note="judged by GB 19762-2025 (effective 2026-03-01, formula of 表3); the catalog cites "
    "GB 19762-2007, whose 基准值 and Δη tables were NOT FOUND",
    aliases=("水泵", "离心泵", "清水泵", "pump", "centrifugal pump"),
    formula="GB 19762-2025 表3",
    notes=(
        "GB 19762-2025 表3 formula for clean-water pumps; the specific speed uses the head per stage and "
        "half the flow of a double-suction pump. Before 2026-03-01 (or judged by the catalog's GB "
        "19762-2007) items are not covered: the 2007 tables were not found.",
    ),
)


GB19577_NOTE = (
    "values from GB 19577-2024 (effective 2025-02-01), which replaced {old}; the 2024 catalog cites "
    "{old}, whose values were not found: the edition in force is judged (successor_edition)"
)
HEAT_OPERATING = (
    num("annual_heat_kwh", "kWh", "年供热量", "Annual heat delivered", ("年供热量", "年制热量"), 0),
    ANNUAL_HOURS,
)

LOWTEMP_ASHP = ProductSpec(
    id="lowtemp_ashp",
    name_zh="低环境温度空气源热泵（冷水）机组",
    name_en="Low-ambient air-source heat pump",
    group="commercial",
    standard="GB 19577-2024",
    standard_title_zh="热泵和冷水机组能效限定值及能效等级",
    parameters=(
        enum(
            "terminal",
            "末端形式",
            "Terminal",
            ("floor_heating", "fan_coil", "radiator"),
            ("末端形式", "末端"),
            {
                "地板采暖": "floor_heating",
                "地暖": "floor_heating",
                "风机盘管": "fan_coil",
                "散热器": "radiator",
            },
        ),
        _cap("heating_capacity_kw", "名义制热量", "Rated heating capacity"),
    ),
    indicators=(
        _w_w("hspf", "制热季节性能系数", "HSPF"),
        APF,
        _w_w("copdh", "制热性能系数 COPdh", "COPdh"),
        _w_w("coph", "制热性能系数 COPh", "COPh"),
    ),
    operating_fields=HEAT_OPERATING,
    tier_mapping=MAP_3,
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    edition_note=GB19577_NOTE.format(old="GB 37480-2019"),
    aliases=("低温空气源热泵", "空气源热泵", "low-ambient heat pump"),
    notes=(
        "GB 19577-2024 表3; the fixed COPdh/COPh minimums of each row apply with HSPF/APF for every grade "
        "(the weakest decides; their grade scope is not stated in the source: unverified).",
    ),
)

WATER_SOURCE_HP = ProductSpec(
    id="water_source_hp",
    name_zh="水（地）源热泵机组",
    name_en="Water/ground-source heat pump",
    group="commercial",
    standard="GB 19577-2024",
    standard_title_zh="热泵和冷水机组能效限定值及能效等级",
    parameters=(
        enum(
            "hp_type",
            "机组类型",
            "Unit type",
            ("air_output_heat_pump", "water_output_heating_only", "water_output_heat_pump"),
            ("机组类型",),
            {
                "冷热风型": "air_output_heat_pump",
                "冷热水型单热": "water_output_heating_only",
                "冷热水型热泵": "water_output_heat_pump",
            },
        ),
        enum(
            "water_source",
            "水源形式",
            "Water source",
            ("water_loop", "groundwater", "ground_loop", "surface_water"),
            ("水源形式", "热源"),
            {
                "水环式": "water_loop",
                "地下水式": "groundwater",
                "地埋管式": "ground_loop",
                "地表水式": "surface_water",
            },
        ),
        _cap(),
        _cap("heating_capacity_kw", "名义制热量", "Rated heating capacity"),
    ),
    indicators=(_w_w("acop", "全年综合性能系数", "ACOP"), _w_w("cop", "制热性能系数", "COP")),
    operating_fields=HEAT_OPERATING,
    tier_mapping=MAP_3,
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    edition_note=GB19577_NOTE.format(old="GB 30721-2014"),
    aliases=("水源热泵", "地源热泵", "水地源热泵", "water source heat pump", "ground source heat pump"),
    notes=("GB 19577-2024 表4.",),
)

ABSORPTION_CHILLER = ProductSpec(
    id="absorption_chiller",
    name_zh="溴化锂吸收式冷水机组",
    name_en="LiBr absorption chiller",
    group="industrial",
    standard="GB 19577-2024",
    standard_title_zh="热泵和冷水机组能效限定值及能效等级",
    parameters=(
        enum(
            "absorption_type",
            "机组形式",
            "Type",
            ("direct_fired",),
            ("机组形式",),
            {"直燃型": "direct_fired", "直燃": "direct_fired"},
        ),
    ),
    indicators=(_w_w("cop", "性能系数", "COP"),),
    operating_fields=COOLING_OPERATING,
    tier_mapping=MAP_3,
    membership=V.UNVERIFIED,
    membership_source=PROBABLE,
    edition_note=GB19577_NOTE.format(old="GB 29540-2013"),
    aliases=("溴化锂机组", "吸收式冷水机组", "直燃机", "absorption chiller"),
    notes=(
        "GB 19577-2024 表5 direct-fired row only; the steam-fired rows are not modelled (their unit is not "
        "stated in the source).",
    ),
)


def hvac_products() -> tuple[ProductSpec, ...]:
    return (
        CHILLER,
        UNITARY_AC,
        MULTI_SPLIT,
        DUCT_AC,
        HEATPUMP_WATER_HEATER,
        LED_INDOOR,
        PUMP,
        LOWTEMP_ASHP,
        WATER_SOURCE_HP,
        ABSORPTION_CHILLER,
    )
