"""Field library shared by the product specs: canonical names, base units, zh/en labels, aliases."""

from __future__ import annotations

from ..domain import Direction
from ..values import NO_WORDS, YES_WORDS
from .model import FieldSpec, IndicatorSpec

#: a yes/no enum's value aliases: every spelling values.is_yes accepts, and its "no" words
YES_NO = {**dict.fromkeys(NO_WORDS, "no"), **dict.fromkeys(YES_WORDS, "yes")}


def num(name, unit, zh, en, aliases=(), lo=None, hi=None) -> FieldSpec:
    return FieldSpec(name, unit, zh, en, "number", None, tuple(aliases), lo, hi)


def enum(name, zh, en, allowed, aliases=(), value_aliases=None, default=None) -> FieldSpec:
    return FieldSpec(
        name, "", zh, en, "enum", tuple(allowed), tuple(aliases), None, None, dict(value_aliases or {}), default
    )


def text(name, zh, en, aliases=()) -> FieldSpec:
    return FieldSpec(name, "", zh, en, "text", None, tuple(aliases))


def ind(name, unit, direction, zh, en, aliases=(), hi=None, hi_note="") -> IndicatorSpec:
    return IndicatorSpec(name, unit, direction, zh, en, tuple(aliases), hi, hi_note)


HIGHER, LOWER = Direction.HIGHER, Direction.LOWER

RATED_POWER = num(
    "rated_power_kw", "kW", "额定功率", "Rated power",
    ("额定功率", "功率", "电机功率", "额定功率(kW)", "rated power", "power", "kW"), 0, None,
)
EFFICIENCY = ind(
    "efficiency_pct", "%", HIGHER, "额定效率", "Rated efficiency",
    ("效率", "额定效率", "电机效率", "efficiency", "rated efficiency", "η"),
)
ANNUAL_HOURS = num(
    "annual_hours", "h", "年运行小时", "Annual operating hours",
    ("年运行小时", "年运行时间", "运行小时", "年运行小时数", "annual hours", "operating hours"), 0, 8784,
)
LOAD_FACTOR = num(
    "load_factor", "1", "负载率", "Load factor",
    ("负载率", "负荷率", "平均负载率", "load factor", "load"), 0, 1.5,
)
MOTOR_EFFICIENCY = num(
    "motor_efficiency_pct", "%", "配套电机效率", "Motor efficiency",
    ("电机效率", "配套电机效率", "motor efficiency"), 0, 100,
)
DUTY_FLOW = num(
    "duty_flow_pct", "%", "平均流量比例", "Average flow (% of rated)",
    ("流量比例", "平均流量比例", "平均负荷", "duty flow"), 0, 150,
)
VSD = enum("vsd", "是否变频", "Variable-speed drive", ("yes", "no"), ("变频", "是否变频", "VSD", "vfd"), YES_NO)

MOTOR_OPERATING = (ANNUAL_HOURS, LOAD_FACTOR)


def poles(allowed: tuple[str, ...]) -> FieldSpec:
    return enum(
        "poles", "极数", "Poles", allowed, ("极数", "极", "poles", "pole number"),
        {f"{p}极": p for p in allowed} | {f"{p}P": p for p in allowed},
    )

# Retrofit inputs every product may carry (read by the engine's finance; see engine/measures.py).
# Money is in 元 (unit "CNY"), a lifetime in years ("a"); O&M change is signed (+ = more cost).
MEASURE_KINDS = ("replace", "replace_at_failure", "replace_instead_of_rewind", "remanufacture", "vsd")
INVESTMENT = num(
    "investment_cny", "CNY", "改造投资", "Retrofit investment",
    ("改造投资", "投资", "投资额", "改造投资额", "项目投资", "总投资", "investment", "capex"), 0, None,
)
LIFETIME = num(
    "lifetime_years", "a", "经济寿命", "Economic lifetime",
    ("寿命", "经济寿命", "使用寿命", "设计寿命", "lifetime", "service life", "economic life"), 0, 100,
)
RESIDUAL_VALUE = num(
    "residual_value_cny", "CNY", "残值", "Residual value",
    ("残值", "回收价值", "旧设备残值", "残值回收", "residual value", "salvage value"), 0, None,
)
OM_CHANGE = num(
    "om_change_cny", "CNY", "年运维费用变化", "Annual O&M cost change",
    ("运维费用变化", "年运维费用变化", "运维费变化", "运维费用增加", "O&M change", "om change"),
)
REWIND_LOSS = num(
    "rewind_efficiency_loss_pct", "%", "重绕效率损失", "Efficiency loss from rewinding",
    ("重绕效率损失", "重绕效率下降", "修复效率损失", "rewind efficiency loss"), 0, 100,
)
MEASURE = enum(
    "measure", "改造措施", "Retrofit measure", MEASURE_KINDS,
    ("改造措施", "措施", "改造方式", "节能措施", "measure", "retrofit measure"),
    {
        "更换": "replace", "直接更换": "replace", "淘汰更换": "replace", "立即更换": "replace",
        "故障时更换": "replace_at_failure", "到期更换": "replace_at_failure", "损坏时更换": "replace_at_failure",
        "以换代修": "replace_instead_of_rewind", "更换代替重绕": "replace_instead_of_rewind",
        "再制造": "remanufacture", "变频改造": "vsd", "加装变频": "vsd", "变频": "vsd",
    },
)
#: Common equipment fields for the retrofit measure and its financial case (no product owns them).
RETROFIT_FIELDS = (INVESTMENT, LIFETIME, RESIDUAL_VALUE, OM_CHANGE, REWIND_LOSS, MEASURE)
#: Fields whose value may be negative (a saving in O&M cost).
SIGNED_FIELDS = frozenset({"om_change_cny"})
