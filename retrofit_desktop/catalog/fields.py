"""Field library shared by the product specs: canonical names, base units, zh/en labels, aliases."""

from __future__ import annotations

from ..domain import Direction
from .model import FieldSpec, IndicatorSpec

YES_NO = {"是": "yes", "否": "no", "有": "yes", "无": "no", "true": "yes", "false": "no", "1": "yes", "0": "no"}


def num(name, unit, zh, en, aliases=(), lo=None, hi=None) -> FieldSpec:
    return FieldSpec(name, unit, zh, en, "number", None, tuple(aliases), lo, hi)


def enum(name, zh, en, allowed, aliases=(), value_aliases=None, default=None) -> FieldSpec:
    return FieldSpec(
        name, "", zh, en, "enum", tuple(allowed), tuple(aliases), None, None, dict(value_aliases or {}), default
    )


def text(name, zh, en, aliases=()) -> FieldSpec:
    return FieldSpec(name, "", zh, en, "text", None, tuple(aliases))


def ind(name, unit, direction, zh, en, aliases=()) -> IndicatorSpec:
    return IndicatorSpec(name, unit, direction, zh, en, tuple(aliases))


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
