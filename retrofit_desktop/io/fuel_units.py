"""One spelling per fuel unit: '立方米', 'm³', 'M3' are all 'm3'; '吨' is 't'; '万立方米' is '万m3' …

The engine (engine/conversions.py) accepts these canonical spellings and converts the quantities; io
only unifies how a unit is written, so that a ledger in Chinese and its CSV export store the same
item (a re-import counts 0 updated). The quantity is never rescaled here.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from ..i18n import _
from .cells import Col, Converted, as_col, to_text

#: canonical spelling -> accepted spellings (compared after NFKC, lower case, no spaces)
CANONICAL: dict[str, tuple[str, ...]] = {
    "t": ("t", "吨", "tonne", "tonnes", "ton"),
    "kg": ("kg", "千克", "公斤"),
    "m3": ("m3", "立方米", "方", "立方"),
    "Nm3": ("nm3", "标方", "标立方米", "标准立方米"),
    "万m3": ("万m3", "万立方米", "万方", "1e4m3", "10^4m3", "10⁴m3"),
    "万Nm3": ("万nm3", "万标方", "万标立方米"),
    "GJ": ("gj", "吉焦"),
    "MJ": ("mj", "兆焦"),
}
_LOOKUP = {spelling: canon for canon, spellings in CANONICAL.items() for spelling in spellings}


def _key(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).lower()  # m³ -> m3, full-width letters -> ASCII
    return re.sub(r"\s+", "", s)


def canonical_fuel_unit(text: str) -> str | None:
    """The canonical spelling of a fuel unit, or None when it is not a known one."""
    return _LOOKUP.get(_key(text))


def to_fuel_unit(s: pd.Series | Col) -> Converted:
    """The fuel_unit column in canonical spellings; an unknown unit rejects its row."""
    c = as_col(s)
    text = to_text(c)
    values = text.to_numpy(dtype=object).copy()
    bad = np.zeros(len(values), bool)
    reasons: dict[int, str] = {}
    known = ", ".join(CANONICAL)
    for i, v in enumerate(values):
        if not isinstance(v, str):
            continue
        canon = canonical_fuel_unit(v)
        if canon is None:
            bad[i] = True
            reasons[i] = _("unknown fuel unit {unit!r}; use one of {known}").format(unit=v, known=known)
        else:
            values[i] = canon
    return Converted(pd.Series(values, index=c.raw.index, dtype="str"), bad, reasons)
