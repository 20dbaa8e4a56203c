"""Numbers typed in a form, read the way the ledger import reads a cell: '5万元', '3.5 万', '1,200元'
for money (CNY), '15年' or '18个月' for years (unit "a"), '75 hp' or '0.8 MPa' for physical units.

The GUI reaches io's cell parser through here (ui imports no io module), so a form and an imported
file never read the same text two ways.
"""

from __future__ import annotations

import math

from ..i18n import _

__all__ = ["parse_amount"]


def _what_to_type(text: str, unit: str) -> str | None:
    """The message for text that is no number in a money or years field; None for other units."""
    if unit == "CNY":
        return _("Not an amount in yuan: {text}. Type e.g. 30000, 3万元 or 1,200元").format(text=text)
    if unit == "a":
        return _("Not a number of years: {text}. Type e.g. 15 or 15年").format(text=text)
    return None


def parse_amount(text: str, unit: str) -> float:
    """`text` as a finite number in `unit` (a field's base unit: "CNY", "a", "kW", "" …).

    '3万元' for "CNY" -> 30000.0, '15年' for "a" -> 15.0, '1,200' -> 1200.0, '0,65' -> 0.65.
    Raises ValueError with a translated message naming the text and, for money and years, what to
    type; text the import reads as missing ('', '-', '无') is an error here, since a form field
    that means "not given" is left empty."""
    from ..io import parse_cell  # the import's own reading of a cell (loads pandas and pint)

    hint = _what_to_type(text.strip(), unit)
    try:
        value = parse_cell(text.strip(), unit)
    except ValueError as exc:  # units.UnitError: not a number, unknown unit, another dimension
        raise ValueError(hint or str(exc)) from None
    if not math.isfinite(value):
        raise ValueError(hint or _("{value!r} is not a number").format(value=text.strip()))
    return value
