"""Formatting helpers for the report: numbers, missing values, escaped text, tolerant payload access.

Every piece of user or data text that ends up in a reportlab ``Paragraph`` goes through ``esc()``:
reportlab parses paragraph text as markup (``<b>`` would be obeyed, ``a<b`` raises).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

MISSING = "—"


def esc(value: Any) -> str:
    """Text safe for a Paragraph: None -> '—', everything else str() and XML-escaped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    return escape(str(value))


def number(value: Any) -> float | None:
    """A finite float, or None for None/NaN/inf/non-numbers (bool is not a number here)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def fmt_num(value: Any, decimals: int = 0) -> str:
    """1234567.891 -> '1,234,568' (decimals=0); None/NaN -> '—'. Text that is not a number is shown as is."""
    f = number(value)
    if f is None:
        if isinstance(value, str) and value.strip():
            return value
        return MISSING
    if f == 0:
        f = 0.0  # no '-0'
    return f"{f:,.{decimals}f}"


def fmt_auto(value: Any) -> str:
    """A measured/threshold value: as many decimals as it carries, up to 4 (95.4 -> '95.4', 7 -> '7')."""
    f = number(value)
    if f is None:
        return fmt_num(value)
    text = f"{f:,.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_pct(value: Any, decimals: int = 1, fraction: bool = True) -> str:
    """0.123 -> '12.3 %' when `fraction`, else 12.3 -> '12.3 %'."""
    f = number(value)
    if f is None:
        return MISSING
    return f"{f * 100 if fraction else f:,.{decimals}f} %"


def get(d: Any, *keys: str, default: Any = None) -> Any:
    """Walk nested mappings tolerantly: get(item, 'savings', 'tce', 'calorific')."""
    cur = d
    for k in keys:
        if not isinstance(cur, Mapping):
            return default
        cur = cur.get(k)
        if cur is None:
            return default
    return cur


def as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def as_dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, Mapping) else {}


def fmt_wan(value: Any, decimals: int = 2) -> str:
    """A figure in 万 (10⁴), as Chinese reports give money (万元) and energy (万kWh): 2400500 -> '240.05'."""
    f = number(value)
    return fmt_num(f / 1e4 if f is not None else value, decimals)
