"""The fields an inventory file can carry: the common columns (io's own table) plus every product's
parameters, indicators and operating fields read from the catalog (`ProductSpec`), with header
aliases in Chinese and English.

If the catalog package cannot be imported (it is built concurrently), a minimal motor schema from
docs/architecture.md is used so the walking skeleton's CSV still imports.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..i18n import _
from ..units import UnitError, conversion_factor, normalise_unit

__all__ = ["Field", "Schema", "COMMON_FIELDS", "RETROFIT_FIELDS", "SIGNED_FIELDS", "load_schema", "header_key",
           "unit_factor", "split_word_unit"]


@dataclass(frozen=True)
class Field:
    name: str
    unit: str = ""  # base unit of the inventory frame ('' = dimensionless or text)
    kind: str = "number"  # number | int | enum | text
    allowed: tuple | None = None
    aliases: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    label_zh: str = ""
    label_en: str = ""
    value_aliases: tuple[tuple[str, str], ...] = ()  # enum: (spelling, canonical allowed value)


def _f(name, unit="", kind="text", aliases=(), label_zh="", label_en="", **kw) -> Field:
    return Field(name, unit, kind, aliases=tuple(aliases), label_zh=label_zh, label_en=label_en, **kw)


#: Columns every product shares (architecture.md "inventory frame").
COMMON_FIELDS: tuple[Field, ...] = (
    _f("asset_tag", aliases=("设备编号", "资产编号", "设备位号", "位号", "编号", "设备代码", "资产标签",
                             "asset tag", "asset no", "asset number", "tag", "tag no"),
       label_zh="设备编号", label_en="Asset tag"),
    _f("name", aliases=("设备名称", "名称", "设备", "name", "equipment", "equipment name", "description"),
       label_zh="设备名称", label_en="Name"),
    _f("product", aliases=("产品类别", "产品类型", "产品种类", "设备类别", "设备类型", "设备种类", "类别", "产品",
                           "product", "product type", "kind", "category"),
       label_zh="产品类别", label_en="Product"),
    _f("model", aliases=("型号", "规格型号", "设备型号", "规格", "model", "type designation"),
       label_zh="型号", label_en="Model"),
    _f("manufacturer", aliases=("生产厂家", "制造商", "厂家", "生产厂商", "制造厂", "制造厂家", "品牌",
                                "manufacturer", "maker", "brand"),
       label_zh="生产厂家", label_en="Manufacturer"),
    _f("year_installed", kind="int", aliases=("投运年份", "投运年", "投用年份", "投运时间", "投运日期",
                                              "安装年份", "投产年份", "启用年份", "year installed",
                                              "year", "installed"),
       min=1900, label_zh="投运年份", label_en="Year installed"),
    _f("quantity", kind="int", aliases=("数量", "台数", "台套数", "quantity", "qty", "count", "units"),
       min=1, label_zh="数量", label_en="Quantity"),
    _f("annual_hours", "h", "number", aliases=("年运行小时", "年运行小时数", "年运行时间", "年运行时数",
                                             "运行小时", "年运行", "annual hours", "operating hours",
                                             "hours per year", "hours"),
       min=0, label_zh="年运行小时", label_en="Annual hours"),
    _f("load_factor", "", "number", aliases=("负载率", "负荷率", "平均负载率", "平均负荷率", "load factor",
                                             "load"),
       min=0, max=1.5, label_zh="负载率", label_en="Load factor"),
    _f("site", aliases=("安装位置", "安装地点", "位置", "车间", "所在车间", "使用部门", "部门", "厂区", "所在厂区",
                        "site", "location", "workshop", "department"),
       label_zh="安装位置", label_en="Site"),
    _f("notes", aliases=("备注", "说明", "notes", "note", "remarks", "remark", "comment", "comments"),
       label_zh="备注", label_en="Notes"),
)


def _retrofit_fields() -> tuple[tuple[Field, ...], frozenset[str]]:
    """The catalog's common retrofit/finance fields (investment, lifetime, measure …) as io Fields."""
    try:
        from ..catalog.fields import RETROFIT_FIELDS as specs
        from ..catalog.fields import SIGNED_FIELDS as signed
    except ImportError:  # catalog not importable: the walking skeleton still imports motors
        return (), frozenset()
    out = tuple(
        Field(s.name, s.unit, "enum" if s.allowed else s.kind, tuple(s.allowed) if s.allowed else None,
              tuple(s.aliases), s.min, s.max, s.label_zh, s.label_en, tuple(s.value_aliases.items()))
        for s in specs
    )
    return out, frozenset(signed)


#: Retrofit measure and finance inputs (catalog/fields.py): mapped and validated like common columns,
#: but a frame carries them only when the file has them (a re-import without them keeps stored values).
RETROFIT_FIELDS, SIGNED_FIELDS = _retrofit_fields()

#: Units the pint registry does not hold: money in 元 ("CNY") and lifetimes in years ("a"), as words
#: written in headers ('改造投资(万元)') or after numbers ('5万元', '15年') -> factor to the field's unit.
_WORD_UNITS: dict[str, dict[str, float]] = {
    "CNY": {"元": 1.0, "人民币元": 1.0, "人民币": 1.0, "cny": 1.0, "rmb": 1.0, "yuan": 1.0, "千元": 1e3,
            "万元": 1e4, "万": 1e4},
    "a": {"年": 1.0, "a": 1.0, "year": 1.0, "years": 1.0, "yr": 1.0, "月": 1 / 12, "个月": 1 / 12},
}
WORD_UNITS = frozenset(_WORD_UNITS)  # field units whose numbers may carry such words
_WORD_ORDER = {u: sorted(words, key=len, reverse=True) for u, words in _WORD_UNITS.items()}


def is_word_unit(text: str) -> bool:
    return any(text.strip().lower() in words for words in _WORD_UNITS.values())


def unit_factor(given: str, expected: str) -> float:
    """Like units.conversion_factor, also for money and years; raises UnitError on a mismatch."""
    words = _WORD_UNITS.get(expected)
    g = given.strip()
    if words is not None:
        if g == expected or g.lower() in words:
            return 1.0 if g == expected else words[g.lower()]
        raise UnitError(_("unit {unit!r} cannot be converted to {expected!r}").format(unit=given, expected=expected))
    if (is_word_unit(g) or g in _WORD_UNITS) and normalise_unit(expected) == "":
        return 1.0  # '投运年份(年)', a count: the word only names what the number is
    if is_word_unit(g) or g in _WORD_UNITS:
        raise UnitError(_("unit {unit!r} cannot be converted to {expected!r}").format(unit=given, expected=expected))
    return conversion_factor(given, expected)


def split_word_unit(text: str, expected: str) -> tuple[str, float]:
    """'5万元' for a CNY field -> ('5', 1e4); text without such a word -> (text, 1.0)."""
    t = text.strip()
    for word in _WORD_ORDER.get(expected, ()):
        if t.lower().endswith(word) and len(t) > len(word):
            return t[: -len(word)].strip(), _WORD_UNITS[expected][word]
    return t, 1.0


#: io's own Chinese/English aliases for frequent product fields (merged with the catalog's).
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "rated_power_kw": ("额定功率", "功率", "电机功率", "额定输出功率", "rated power", "power", "rated output"),
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

#: Used only when the catalog package is not importable yet (architecture.md table, GB 18613-2020
#: scope: 2/4/6/8 poles).
_FALLBACK_MOTOR = (
    _f("rated_power_kw", "kW", "number", min=0, label_zh="额定功率", label_en="Rated power"),
    _f("poles", "", "enum", allowed=("2", "4", "6", "8"), label_zh="极数", label_en="Poles"),
    _f("efficiency_pct", "%", "number", label_zh="效率", label_en="Efficiency"),
)
_FALLBACK_NAMES = {"motor": ("三相异步电动机", "异步电动机", "电动机", "three-phase induction motor", "motor")}


def header_key(text: object) -> str:
    """Comparable form of a header or alias: NFKC, lower case, no spaces/underscores/dashes/dots."""
    s = unicodedata.normalize("NFKC", str(text)).lower()
    return re.sub(r"[\s_\-.·:：/]+", "", s)


@dataclass
class Schema:
    """Fields by product plus an alias index; built once per catalog."""

    catalog: object | None
    products: dict[str, tuple[Field, ...]]
    common: tuple[Field, ...] = COMMON_FIELDS
    retrofit: tuple[Field, ...] = RETROFIT_FIELDS
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # product id -> (zh, en)
    by_name: dict[str, Field] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # header_key -> field names (priority)

    def fields_of(self, product: str) -> tuple[Field, ...]:
        return self.products.get(product, ())

    def product_id(self, text: str) -> str | None:
        """Catalog id of a product given by id, Chinese or English name; None when unknown."""
        text = str(text).strip()
        if not text:
            return None
        if self.catalog is not None:
            try:
                spec = self.catalog.product(text)
                return getattr(spec, "id", None) or next(
                    pid for pid, sp in self.catalog.products.items() if sp is spec
                )
            except Exception:  # UnknownProduct (or a KeyError from an early catalog)
                pass
        key = header_key(text)
        for pid, names in _FALLBACK_NAMES.items():
            if pid in self.products and (key == pid or key in {header_key(n) for n in names}):
                return pid
        return text if text in self.products else None


def _spec_fields(spec) -> Iterable[Field]:
    for group in ("parameters", "indicators", "operating_fields"):
        for fs in getattr(spec, group, ()) or ():
            kind = getattr(fs, "kind", "number") or "number"
            allowed = getattr(fs, "allowed", None)
            yield Field(
                name=fs.name,
                unit=getattr(fs, "unit", "") or "",
                kind="enum" if allowed and kind == "number" else kind,
                allowed=tuple(allowed) if allowed else None,
                aliases=tuple(getattr(fs, "aliases", ()) or ()),
                min=getattr(fs, "min", None),
                max=getattr(fs, "max", None),
                label_zh=getattr(fs, "label_zh", "") or "",
                label_en=getattr(fs, "label_en", "") or "",
                value_aliases=tuple((getattr(fs, "value_aliases", None) or {}).items()),
            )


def _default_catalog():
    try:
        from ..catalog import get_catalog
    except ImportError:
        return None
    try:
        return get_catalog()
    except Exception:  # an early or broken catalog must not stop the walking skeleton
        return None


_CACHE: dict[int, tuple[object, Schema]] = {}


def load_schema(catalog=None) -> Schema:
    cat = catalog if catalog is not None else _default_catalog()
    hit = _CACHE.get(id(cat))
    if hit is not None and hit[0] is cat:
        return hit[1]
    products: dict[str, tuple[Field, ...]] = {}
    names: dict[str, tuple[str, str]] = {}
    if cat is not None:
        for pid, spec in getattr(cat, "products", {}).items():
            products[pid] = tuple(_spec_fields(spec))
            names[pid] = (getattr(spec, "name_zh", "") or pid, getattr(spec, "name_en", "") or pid)
    if "motor" not in products:
        products["motor"] = _FALLBACK_MOTOR
        names["motor"] = (_FALLBACK_NAMES["motor"][0], "Three-phase induction motor")
    schema = Schema(cat, products, names=names)
    _index(schema)
    _CACHE[id(cat)] = (cat, schema)
    return schema


def _index(schema: Schema) -> None:
    def add(key_text: str, name: str) -> None:
        key = header_key(key_text)
        if key and name not in schema.aliases.setdefault(key, []):
            schema.aliases[key].append(name)

    for f in (*schema.common, *schema.retrofit):
        schema.by_name[f.name] = f
    for fields in schema.products.values():
        for f in fields:
            schema.by_name.setdefault(f.name, f)
    # Priority: canonical names, catalog aliases and labels, then io's own aliases.
    for f in schema.by_name.values():
        add(f.name, f.name)
    for f in (*schema.common, *schema.retrofit, *(x for fs in schema.products.values() for x in fs)):
        for text in (*f.aliases, f.label_zh, f.label_en):
            if text:
                add(text, f.name)
    for name, texts in EXTRA_ALIASES.items():
        if name in schema.by_name:
            for text in texts:
                add(text, name)
