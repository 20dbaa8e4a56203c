"""Units at the edges: ONE pint registry for the whole application, and a tolerant parser for what
engineers type into ledgers ("75 hp", "10 m³/min", "0,8 MPa(g)", "55 KW", "2 T/h", "95%", "1.2万 kWh",
"55千瓦").

The engine works on plain floats in base units; pint is only used here, at import and display time.
Results of `parse_quantity` are cached by (text, expected unit), so a column holding the same
"75 hp" a hundred thousand times costs one pint parse.

Custom energy units (GB/T 2589-2020《综合能耗计算通则》, definition of standard coal unchanged from
the 2008 edition §6.2): 1 kgce = fuel with a net calorific value of 29 307.6 kJ (= 7 000 kcal_IT);
1 tce = 1 000 kgce = 29.3076 GJ. 1 toe = 10^7 kcal_IT = 41.868 GJ (IEA/OECD convention; not part
of GB/T 2589, status single_source).
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from .i18n import _

if TYPE_CHECKING:
    import pint

# (ureg and Q_ come from the module __getattr__ below)
__all__ = ["ureg", "Q_", "UnitError", "parse_quantity", "convert", "conversion_factor", "normalise_unit"]  # noqa: F822


@cache
def _registry() -> pint.UnitRegistry[Any]:
    """The registry, built on first use (importing pint and building it takes a noticeable part of a
    second: the GUI must not pay that before its first paint)."""
    import pint

    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    # GB/T 2589-2020: 1 kgce = 29 307.6 kJ (7 000 kcal_IT).
    ureg.define("tonne_of_coal_equivalent = 29.3076 GJ = tce")
    ureg.define("kilogram_of_coal_equivalent = 1e-3 tce = kgce")
    # IEA/OECD: 1 toe = 10 Gcal_IT = 41.868 GJ.
    ureg.define("tonne_of_oil_equivalent = 41.868 GJ = toe")
    return ureg


def __getattr__(name: str) -> Any:  # `ureg` and `Q_` as module attributes, made on first access
    if name == "ureg":
        return _registry()
    if name == "Q_":
        return _registry().Quantity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class UnitError(ValueError):
    """A value whose unit is unknown, ambiguous or of the wrong dimension (message is translated)."""


# Chinese unit words -> pint spelling. Longest first so that 千瓦时 wins over 千瓦 and 瓦.
_CHINESE_UNITS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "千瓦时": "kWh",
            "千瓦·时": "kWh",
            "兆瓦": "MW",
            "千瓦": "kW",
            "瓦特": "W",
            "瓦": "W",
            "千伏安": "kVA",
            "千伏": "kV",
            "伏": "V",
            "兆帕": "MPa",
            "千帕": "kPa",
            "帕斯卡": "Pa",
            "帕": "Pa",
            "立方米": "m**3",
            "平方米": "m**2",
            "米": "m",
            "小时": "h",
            "分钟": "min",
            "分": "min",
            "r/min": "rpm",
            "rev/min": "rpm",
            "秒": "s",
            "吨标准煤": "tce",
            "吨标煤": "tce",
            "千克标准煤": "kgce",
            "公斤标准煤": "kgce",
            "吨": "t",
            "千克": "kg",
            "公斤": "kg",
            # 马力 in Chinese usage is the metric horsepower (PS, 735.5 W), not the mechanical hp.
            "马力": "metric_horsepower",
            "转/分": "rpm",
            "转每分": "rpm",
            "台": "",
            "个": "",
        }.items(),
        key=lambda kv: -len(kv[0]),
    )
)

# Case-insensitive spellings of the units found in ledgers -> pint spelling.
_KNOWN_TOKENS: dict[str, str] = {
    t.lower(): t
    for t in (
        "W",
        "kW",
        "MW",
        "GW",
        "Wh",
        "kWh",
        "MWh",
        "GWh",
        "VA",
        "kVA",
        "MVA",
        "V",
        "kV",
        "Pa",
        "kPa",
        "MPa",
        "bar",
        "mbar",
        "psi",
        "hp",
        "PS",
        "t",
        "kg",
        "g",
        "h",
        "min",
        "s",
        "m",
        "mm",
        "cm",
        "km",
        "L",
        "rpm",
        "tce",
        "kgce",
        "toe",
        "J",
        "kJ",
        "MJ",
        "GJ",
        "TJ",
        "kcal",
        "Hz",
        "A",
        "year",
    )
}
_KNOWN_TOKENS.update(
    {
        "hr": "h",
        "hrs": "h",
        "ps": "metric_horsepower",
        "t": "t",
        "r/min": "rpm",
        "percent": "percent",
        "yr": "year",
        "kw·h": "kWh",
        "kw.h": "kWh",
    }
)

_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_SPLIT = re.compile(rf"^\s*({_NUMBER})\s*(万)?\s*(.*?)\s*$")
_THOUSANDS = re.compile(r"^([-+]?\d{1,3}(?:,\d{3})+)(?=\D|$)")
_POWER = re.compile(r"(?<![A-Za-z])(N?[mcdk]?m)\s*([23])(?![0-9])")
_TOKEN = re.compile(r"[A-Za-z]+")
_GAUGE = re.compile(r"\(\s*(?:g|G|表压|表)\s*\)|(?<=Pa)[gG]\b|表压")
_ABSOLUTE = re.compile(r"\(\s*(?:a|A|abs|绝压|绝)\s*\)|(?<=Pa)[aA]\b|绝压")
_ANNUAL = re.compile(r"\s*(?:/|per\s+)\s*(?:yr|year|a|年)\s*$|\s*每年\s*$", re.IGNORECASE)
_NORMAL_VOLUME = re.compile(r"(?<![A-Za-z])N\s*m\*\*3|标准?立方米|标方")


def _clean(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)  # full-width digits, brackets, ％, ³ -> 3
    s = s.replace("·", "·").replace("／", "/").replace("×", "*").replace("－", "-")
    return s.strip()


def _unit_spelling(unit: str) -> str:
    """Turn a ledger unit ('千瓦', 'KW', 'm3/min', 'T/h', '%') into a pint expression."""
    u = unit.strip()
    for zh, en in _CHINESE_UNITS:
        u = u.replace(zh, f" {en} " if en else " ")
    u = u.replace("%", " percent ").replace("‰", " permille ")
    u = _POWER.sub(r"\1**\2", u)
    u = re.sub(r"(?<=[A-Za-z])\s*[.·]\s*(?=[A-Za-z])", "*", u)  # kW·h, kw.h

    def token(m: re.Match[str]) -> str:
        word = m.group(0)
        return str(_KNOWN_TOKENS.get(word.lower(), word))

    u = _TOKEN.sub(token, u)
    u = re.sub(r"\s+", " ", u).strip()
    u = u.replace(" / ", "/").replace("/ ", "/").replace(" /", "/")
    return u


def normalise_unit(unit: str | None) -> str:
    """A unit as written in a header or the catalog -> a pint expression ('' = dimensionless)."""
    if unit is None:
        return ""
    u = _ANNUAL.sub("", _clean(str(unit)))
    if u in {"", "-", "—", "1", "W/W", "kW/kW"}:
        return ""
    return _unit_spelling(u)


@lru_cache(maxsize=512)
def _units(expr: str) -> pint.Unit:
    ureg = _registry()
    return ureg.parse_units(expr) if expr else ureg.dimensionless


def _family_clash(given: str, expected: str) -> bool:
    """Apparent power (VA) and active power (W) share a dimension but must not be mixed."""
    return ("VA" in given) != ("VA" in expected)


@lru_cache(maxsize=4096)
def conversion_factor(from_unit: str, to_unit: str) -> float:
    """Factor f so that value_in_to = value_in_from * f; raises UnitError on a dimension mismatch."""
    src, dst = normalise_unit(from_unit), normalise_unit(to_unit)
    try:
        su, du = _units(src), _units(dst)
    except Exception:  # pint raises many kinds (undefined, syntax, tokenizer) for junk
        raise UnitError(_("unknown unit {unit!r}").format(unit=from_unit)) from None
    if not su.is_compatible_with(du) or _family_clash(src, dst):
        raise UnitError(
            _("unit {unit!r} cannot be converted to {expected!r}").format(unit=from_unit, expected=to_unit)
        )
    return float(_registry().Quantity(1.0, su).to(du).magnitude)


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """`value` in `from_unit` expressed in `to_unit` (plain float)."""
    return float(value) * conversion_factor(from_unit, to_unit)


def parse_quantity(text: object, expected_unit: str | None = "") -> float:
    """Parse a cell such as '75 hp' or '0.8 MPa' and return its value in `expected_unit`.

    A bare number is taken to be in `expected_unit` already. NaN/None/'' -> NaN (missing stays
    missing). Raises `UnitError` for text that is not a number, an unknown unit, a unit of another
    dimension, absolute pressure, or normal cubic metres (Nm³ needs the inlet conditions).
    """
    if text is None:
        return math.nan
    if isinstance(text, bool):
        raise UnitError(_("{value!r} is not a number").format(value=text))
    if isinstance(text, int | float):
        return float(text)
    return _parse_text(str(text), "" if expected_unit is None else str(expected_unit))


@lru_cache(maxsize=65536)
def _parse_text(text: str, expected_unit: str) -> float:
    s = _clean(text)
    if s == "" or s.lower() in {"nan", "none", "null", "n/a", "na", "-", "—", "/", "无", "空"}:
        return math.nan
    m = _THOUSANDS.match(s)
    if m:
        s = m.group(1).replace(",", "") + s[m.end() :]
    s = s.replace(",", ".") if re.fullmatch(r"[-+]?\d+,\d+(\D.*)?", s) else s  # 0,8 MPa
    m = _SPLIT.match(s)
    if not m:
        raise UnitError(_("{value!r} is not a number").format(value=text))
    number = float(m.group(1))
    if not math.isfinite(number):
        raise UnitError(_("{value!r} is not a finite number").format(value=text))
    if m.group(2) == "万":
        number *= 1e4
    unit = m.group(3)
    if not unit:
        return number
    if _ABSOLUTE.search(unit):
        raise UnitError(
            _("{value!r} is an absolute pressure; enter the gauge pressure (表压)").format(value=text)
        )
    unit = _GAUGE.sub("", unit).strip()  # pressures are gauge throughout (GB 19153 discharge pressure)
    spelled = normalise_unit(unit)
    if _NORMAL_VOLUME.search(spelled) or _NORMAL_VOLUME.search(unit):
        raise UnitError(
            _("{value!r} is in normal cubic metres (Nm³); convert it to m³ at inlet conditions").format(
                value=text
            )
        )
    try:
        return number * conversion_factor(unit, expected_unit)
    except UnitError as exc:
        raise UnitError(_("{value!r}: {problem}").format(value=text, problem=str(exc))) from None
