"""What a single value means, the same in every layer: is it missing, does it say yes.

Plain Python (no pandas import): pandas' and numpy's missing markers are recognised by type.
"""

from __future__ import annotations

import math
from typing import Any

#: Spellings of "yes" in ledgers, tier-table packs and forms (compared stripped, case-insensitive).
YES_WORDS = frozenset({"1", "1.0", "true", "t", "yes", "y", "是", "有", "√", "✓", "✔"})
#: Spellings of "no" (an enum field's value aliases; anything that is not a yes word is not yes).
NO_WORDS = frozenset({"0", "0.0", "false", "f", "no", "n", "否", "无", "×", "✗"})

_NA_TYPES = frozenset({"NAType", "NaTType"})  # pandas.NA, pandas.NaT (and numpy's NaT via isnan below)


def is_missing(value: Any) -> bool:
    """True when `value` holds nothing the user gave: None, NaN (Python or numpy float, NaT),
    pandas' NA, or a string of only whitespace. Zero, False, an empty list are values, not missing.

    This is the one meaning of "missing" for the inventory frame, the store, the exports and the
    views (docs/architecture.md, "The inventory frame": missing = NaN/None, never 0)."""
    if value is None or type(value).__name__ in _NA_TYPES:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):  # numpy.float64 is a float
        return math.isnan(value)
    if type(value).__module__ == "numpy" and hasattr(value, "dtype") and value.dtype.kind in "fmM":
        return bool(value != value)  # numpy float32/16, datetime64('NaT'), timedelta64('NaT')
    return False


def is_yes(value: Any) -> bool:
    """True for a value that says yes: True, the number 1, or one of ``YES_WORDS`` (是, 有, √, yes,
    y, true, 1 …). Missing and everything else is not yes."""
    if isinstance(value, bool):
        return value
    if is_missing(value):
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value == 1
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        return is_yes(value.item())
    return str(value).strip().lower() in YES_WORDS
