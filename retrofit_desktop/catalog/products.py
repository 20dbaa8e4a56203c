"""Product definitions of the built-in edition (Python data, every statement with its source).

Sources users read are citations (``citations.py``): the catalog notice and the product standards;
the research notes behind them are described in ``docs/catalog.md``. The tier rows themselves live in
``data/tiers_2024.csv``.
"""

from __future__ import annotations

from ..domain import Verification as V
from .citations import MEMBER, MEMBER_NEW, NOTICE_BASIS, SOFTWARE_RULE
from .fields import (
    EFFICIENCY,
    HIGHER,
    LOWER,
    MOTOR_OPERATING,
    RATED_POWER,
    ind,
    poles,
)
from .model import BetweenRule, IndicatorSpec, TierMapping
from .products_more import more_products
from .spec import ProductSpec

S1 = MEMBER
S1_NEW = MEMBER_NEW
MAP_3 = TierMapping(
    1,
    2,
    3,
    V.UNVERIFIED,
    NOTICE_BASIS[0],
    "entry = grade 3 = limit value follows from the notice; advanced = grade 1 is a common reading, to be "
    "confirmed",
)
MAP_MOTOR = TierMapping(
    1,
    2,
    3,
    V.UNVERIFIED,
    NOTICE_BASIS[0] + "；GB 18613—2020：3级 = IE3 = 能效限定值，2级 = IE4",
    "entry = grade 3 and energy_saving = grade 2 follow from the notice and GB 18613-2020; advanced = grade "
    "1 is to be confirmed",
)
NO_TABLE = TierMapping(None, None, None, V.UNVERIFIED, "", "no tier values could be sourced")

MOTOR = ProductSpec(
    id="motor",
    name_zh="三相异步电动机",
    name_en="Three-phase induction motor",
    group="industrial",
    standard="GB 18613-2020",
    standard_title_zh="电动机能效限定值及能效等级",
    parameters=(RATED_POWER, poles(("2", "4", "6", "8"))),
    indicators=(EFFICIENCY,),
    operating_fields=MOTOR_OPERATING,
    tier_mapping=MAP_MOTOR,
    membership=V.SINGLE_SOURCE,
    membership_source=S1,
    edition_note="GB 18613-2020 effective 2021-06-01: the edition current when the catalog was issued",
    between_rules=(
        BetweenRule(
            "rated_power_kw",
            "linear_interpolation",
            V.UNVERIFIED,
            SOFTWARE_RULE[0] + "：额定功率介于表列功率之间时，按相邻两档线性插值",
        ),
    ),
    aliases=("电动机", "电机", "异步电动机", "三相异步电机", "低压电机", "motor", "induction motor"),
    notes=(
        "Scope 0.12–1000 kW, 2/4/6/8 poles, 50 Hz, ≤1000 V; no extrapolation outside the table.",
        "Rows 280–1000 kW carry identical values in the transcription, probably one banded row.",
    ),
)


def _no_table(
    id_: str,
    zh: str,
    en: str,
    group: str,
    standard: str,
    title: str,
    indicators: tuple[IndicatorSpec, ...],
    source: str,
    note: str,
    aliases: tuple[str, ...] = (),
) -> ProductSpec:
    return ProductSpec(
        id=id_,
        name_zh=zh,
        name_en=en,
        group=group,
        standard=standard,
        standard_title_zh=title,
        parameters=(),
        indicators=indicators,
        operating_fields=(),
        tier_mapping=NO_TABLE,
        membership=V.SINGLE_SOURCE,
        membership_source=source,
        edition_note=note,
        aliases=aliases,
        notes=("No tier values could be sourced: items classify as not_covered.",),
        standard_to_confirm=True,
    )


CONFIRMED_WITHOUT_TABLES = (
    _no_table(
        "room_ac",
        "房间空气调节器",
        "Room air conditioner",
        "household",
        "GB 21455-2019",
        "房间空气调节器能效限定值及能效等级",
        (ind("apf", "W·h/(W·h)", HIGHER, "全年能源消耗效率 APF", "APF", ("APF", "全年能源消耗效率")),),
        S1,
        "GB 21455-2019 has 5 grades (entry = grade 5); no threshold numbers were found",
        ("空调", "房间空调", "分体空调", "room air conditioner"),
    ),
    _no_table(
        "data_centre",
        "数据中心",
        "Data centre",
        "ict",
        "GB 40879-2021",
        "数据中心能效限定值及能效等级",
        (ind("pue", "1", LOWER, "电能使用效率 PUE", "PUE", ("PUE", "电能使用效率")),),
        S1_NEW,
        "standard and indicator to be confirmed",
        ("数据中心", "IDC", "data center"),
    ),
    _no_table(
        "server",
        "服务器",
        "Server",
        "ict",
        "GB 43630-2023",
        "服务器能效限定值及能效等级",
        (),
        S1_NEW,
        "standard and indicator to be confirmed",
        ("服务器", "server"),
    ),
    _no_table(
        "charging_pile",
        "充电桩",
        "EV charging pile",
        "transport",
        "",
        "",
        (ind("charging_efficiency_pct", "%", HIGHER, "充电效率", "Charging efficiency", ("充电效率",)),),
        S1_NEW,
        "standard to be confirmed (probably GB/T or a group standard: no 准入 by the notice's rule)",
        ("充电桩", "充电机", "charger", "EV charger"),
    ),
    _no_table(
        "base_station",
        "通信基站",
        "Telecom base station",
        "ict",
        "",
        "",
        (),
        S1_NEW,
        "standard and indicator to be confirmed",
        ("基站", "通信基站", "base station"),
    ),
    _no_table(
        "pv_module",
        "光伏组件",
        "PV module",
        "industrial",
        "",
        "",
        (ind("conversion_efficiency_pct", "%", HIGHER, "转换效率", "Conversion efficiency", ("转换效率",)),),
        S1_NEW,
        "group and standard to be confirmed",
        ("光伏组件", "光伏板", "太阳能电池组件", "PV module"),
    ),
)


def all_products() -> tuple[ProductSpec, ...]:
    return (MOTOR, *more_products(MAP_3), *CONFIRMED_WITHOUT_TABLES)
