"""Field library shared by the product specs: canonical names, base units, zh/en labels, aliases."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..domain import Direction
from ..values import NO_WORDS, YES_WORDS
from .choice_words import GENERIC, LABELS, SYNONYMS
from .choices import Choice
from .header_aliases import HEADER_ALIASES
from .model import FieldKind, FieldSpec, IndicatorSpec

#: a yes/no enum's value aliases: every spelling values.is_yes accepts, and its "no" words
YES_NO = {**dict.fromkeys(NO_WORDS, "no"), **dict.fromkeys(YES_WORDS, "yes")}


#: a quantity's usual symbol (P power, U voltage, p pressure, Q flow/heat/cooling output, H head, n speed,
#: S apparent power, D evaporation); the report's parameter column prints it before the value
QUANTITY_SYMBOLS = {
    "rated_power_kw": "P",
    "drive_power_kw": "P",
    "rated_voltage_kv": "U",
    "discharge_pressure_mpa": "p",
    "flow_m3h": "Q",
    "head_m": "H",
    "speed_rpm": "n",
    "rated_capacity_kva": "S",
    "rated_capacity_th": "D",
    "rated_capacity_mw": "Q",
    "cooling_capacity_kw": "Q",
}


def _aliases(name: str, aliases: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*aliases, *HEADER_ALIASES.get(name, ()))))


def num(
    name: str,
    unit: str,
    zh: str,
    en: str,
    aliases: Iterable[str] = (),
    lo: float | None = None,
    hi: float | None = None,
    symbol: str = "",
) -> FieldSpec:
    symbol = symbol or QUANTITY_SYMBOLS.get(name, "")
    return FieldSpec(name, unit, zh, en, FieldKind.NUMBER, (), _aliases(name, aliases), lo, hi, symbol=symbol)


def enum(
    name: str,
    zh: str,
    en: str,
    allowed: Iterable[str],
    aliases: Iterable[str] = (),
    value_aliases: Mapping[str, str] | None = None,
    default: str | None = None,
    labels: Mapping[str, tuple[str, str]] | None = None,
    generic: Mapping[str, str] | None = None,
) -> FieldSpec:
    """An enumeration: `allowed` values; `labels` value -> (Chinese, English label); `value_aliases`
    synonym -> value (deciding words); `generic` word -> value for words that name the kind without
    deciding it (catalog/choices.py). choice_words.py adds the labels and words kept by field name."""
    generic_words = {**GENERIC.get(name, {}), **(generic or {})}
    synonyms: dict[str, list[str]] = {v: [] for v in allowed}
    for spelling, value in {**(value_aliases or {}), **SYNONYMS.get(name, {})}.items():
        if value in synonyms and spelling not in generic_words and spelling not in synonyms[value]:
            synonyms[value].append(spelling)
    known = {**LABELS.get(name, {}), **(labels or {})}
    choices = []
    for v in allowed:
        zh_label, en_label = known.get(v) or (next((s for s in synonyms[v] if _has_cjk(s)), v), v)
        choices.append(Choice(v, zh_label, en_label, tuple(synonyms[v])))
    return FieldSpec(
        name,
        "",
        zh,
        en,
        FieldKind.ENUM,
        tuple(choices),
        _aliases(name, aliases),
        None,
        None,
        generic_words,
        default,
        symbol=QUANTITY_SYMBOLS.get(name, ""),
    )


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def text(name: str, zh: str, en: str, aliases: Iterable[str] = ()) -> FieldSpec:
    return FieldSpec(name, "", zh, en, FieldKind.TEXT, (), _aliases(name, aliases))


def ind(
    name: str,
    unit: str,
    direction: Direction,
    zh: str,
    en: str,
    aliases: Iterable[str] = (),
    hi: float | None = None,
    hi_note: str = "",
) -> IndicatorSpec:
    return IndicatorSpec(name, unit, direction, zh, en, _aliases(name, aliases), hi, hi_note)


HIGHER, LOWER = Direction.HIGHER, Direction.LOWER

RATED_POWER = num(
    "rated_power_kw",
    "kW",
    "额定功率",
    "Rated power",
    ("额定功率", "功率", "电机功率", "额定功率(kW)", "rated power", "power", "kW"),
    0,
    None,
)
EFFICIENCY = ind(
    "efficiency_pct",
    "%",
    HIGHER,
    "额定效率",
    "Rated efficiency",
    ("效率", "额定效率", "电机效率", "efficiency", "rated efficiency", "η"),
)
ANNUAL_HOURS = num(
    "annual_hours",
    "h",
    "年运行小时",
    "Annual operating hours",
    (
        "年运行小时",
        "年运行时间",
        "运行小时",
        "年运行小时数",
        "年运行时数",
        "年运行",
        "annual hours",
        "operating hours",
        "hours per year",
        "hours",
    ),
    0,
    8784,
)
LOAD_FACTOR = num(
    "load_factor",
    "1",
    "负载率",
    "Load factor",
    ("负载率", "负荷率", "平均负载率", "平均负荷率", "load factor", "load"),
    0,
    1.5,
)
MOTOR_EFFICIENCY = num(
    "motor_efficiency_pct",
    "%",
    "配套电机效率",
    "Motor efficiency",
    ("电机效率", "配套电机效率", "motor efficiency"),
    0,
    100,
)
DUTY_FLOW = num(
    "duty_flow_pct",
    "%",
    "平均流量比例",
    "Average flow (% of rated)",
    ("流量比例", "平均流量比例", "平均负荷", "duty flow"),
    0,
    150,
)
VSD = enum(
    "vsd", "是否变频", "Variable-speed drive", ("yes", "no"), ("变频", "是否变频", "VSD", "vfd"), YES_NO
)

MOTOR_OPERATING = (ANNUAL_HOURS, LOAD_FACTOR)


def poles(allowed: tuple[str, ...]) -> FieldSpec:
    return enum(
        "poles",
        "极数",
        "Poles",
        allowed,
        ("极数", "极", "poles", "pole number"),
        {w: p for w, p in _POLE_WORDS.items() if p in allowed},
        labels={p: (f"{p}极", f"{p}-pole") for p in allowed},
    )


_POLE_WORDS = {
    "二极": "2",
    "两极": "2",
    "四极": "4",
    "六极": "6",
    "八极": "8",
    "十极": "10",
    "十二极": "12",
    "十六极": "16",
}


# Retrofit inputs every product may carry (read by the engine's finance; see engine/measures.py).
# Money is in 元 (unit "CNY"), a lifetime in years ("a"); O&M change is signed (+ = more cost).
MEASURE_KINDS = ("replace", "replace_at_failure", "replace_instead_of_rewind", "remanufacture", "vsd")
INVESTMENT = num(
    "investment_cny",
    "CNY",
    "改造投资",
    "Retrofit investment",
    ("改造投资", "投资", "投资额", "改造投资额", "项目投资", "总投资", "investment", "capex"),
    0,
    None,
)
LIFETIME = num(
    "lifetime_years",
    "a",
    "经济寿命",
    "Economic lifetime",
    ("寿命", "经济寿命", "使用寿命", "设计寿命", "lifetime", "service life", "economic life"),
    0,
    100,
)
RESIDUAL_VALUE = num(
    "residual_value_cny",
    "CNY",
    "残值",
    "Residual value",
    ("残值", "回收价值", "旧设备残值", "残值回收", "residual value", "salvage value"),
    0,
    None,
)
OM_CHANGE = num(
    "om_change_cny",
    "CNY",
    "年运维费用变化",
    "Annual O&M cost change",
    ("运维费用变化", "年运维费用变化", "运维费变化", "运维费用增加", "O&M change", "om change"),
)
REWIND_LOSS = num(
    "rewind_efficiency_loss_pct",
    "%",
    "重绕效率损失",
    "Efficiency loss from rewinding",
    ("重绕效率损失", "重绕效率下降", "修复效率损失", "rewind efficiency loss"),
    0,
    100,
)
MEASURE = enum(
    "measure",
    "改造措施",
    "Retrofit measure",
    MEASURE_KINDS,
    ("改造措施", "措施", "改造方式", "节能措施", "measure", "retrofit measure"),
    {
        "更换": "replace",
        "直接更换": "replace",
        "淘汰更换": "replace",
        "立即更换": "replace",
        "故障时更换": "replace_at_failure",
        "到期更换": "replace_at_failure",
        "损坏时更换": "replace_at_failure",
        "以换代修": "replace_instead_of_rewind",
        "更换代替重绕": "replace_instead_of_rewind",
        "再制造": "remanufacture",
        "变频改造": "vsd",
        "加装变频": "vsd",
        "变频": "vsd",
    },
)
#: Common equipment fields for the retrofit measure and its financial case (no product owns them).
RETROFIT_FIELDS = (INVESTMENT, LIFETIME, RESIDUAL_VALUE, OM_CHANGE, REWIND_LOSS, MEASURE)
#: Fields whose value may be negative (a saving in O&M cost).
SIGNED_FIELDS = frozenset({"om_change_cny"})


def _int(name: str, zh: str, en: str, aliases: Iterable[str], lo: float | None) -> FieldSpec:
    return FieldSpec(name, "", zh, en, FieldKind.INT, (), _aliases(name, aliases), lo)


#: Columns every item has whatever its product (docs/architecture.md "inventory frame"), in that order.
COMMON_FIELDS: tuple[FieldSpec, ...] = (
    text(
        "asset_tag",
        "设备编号",
        "Asset tag",
        (
            "设备编号",
            "资产编号",
            "设备位号",
            "位号",
            "编号",
            "设备代码",
            "资产标签",
            "asset tag",
            "asset no",
            "asset number",
            "tag",
            "tag no",
        ),
    ),
    text(
        "name",
        "设备名称",
        "Name",
        ("设备名称", "名称", "设备", "name", "equipment", "equipment name", "description"),
    ),
    text(
        "product",
        "产品类别",
        "Product",
        (
            "产品类别",
            "产品类型",
            "产品种类",
            "设备类别",
            "设备类型",
            "设备种类",
            "类别",
            "产品",
            "product",
            "product type",
            "kind",
            "category",
        ),
    ),
    text("model", "型号", "Model", ("型号", "规格型号", "设备型号", "规格", "model", "type designation")),
    text(
        "manufacturer",
        "生产厂家",
        "Manufacturer",
        (
            "生产厂家",
            "制造商",
            "厂家",
            "生产厂商",
            "制造厂",
            "制造厂家",
            "品牌",
            "manufacturer",
            "maker",
            "brand",
        ),
    ),
    _int(
        "year_installed",
        "投运年份",
        "Year installed",
        (
            "投运年份",
            "投运年",
            "投用年份",
            "投运时间",
            "投运日期",
            "安装年份",
            "投产年份",
            "启用年份",
            "year installed",
            "year",
            "installed",
        ),
        1900,
    ),
    _int("quantity", "数量", "Quantity", ("数量", "台数", "台套数", "quantity", "qty", "count", "units"), 1),
    ANNUAL_HOURS,
    LOAD_FACTOR,
    text(
        "site",
        "安装位置",
        "Site",
        (
            "安装位置",
            "安装地点",
            "位置",
            "车间",
            "所在车间",
            "使用部门",
            "部门",
            "厂区",
            "所在厂区",
            "site",
            "location",
            "workshop",
            "department",
        ),
    ),
    text(
        "notes",
        "备注",
        "Notes",
        ("备注", "说明", "notes", "note", "remarks", "remark", "comment", "comments"),
    ),
)
