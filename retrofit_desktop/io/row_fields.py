"""Per-row readings a column-wide mapping cannot make.

Mixed sheets: a sheet holding motors, compressors and a transformer has one '额定功率' column, which is
`rated_power_kw` for a motor, `drive_power_kw` for a compressor and `rated_capacity_kva` for a
transformer. The column is mapped once (mapping.resolve_columns); here each row's cells move to the
field of the row's own product the header names (the alias index, unit-checked), or to the notes with
a warning when the product has no such field.

Plausibility of efficiencies: 0.93 in a percent column is read as 93 % with a warning that states the
reading used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..i18n import _
from ..units import UnitError, conversion_factor
from .cells import Col, empty_marker_mask
from .fields import Schema
from .mapping import ColumnChoice, header_candidates

__all__ = ["Moved", "reroute_by_product", "fraction_efficiencies"]

_HAS_LETTER = np.vectorize(lambda t: any(ch.isalpha() and ch.isascii() for ch in str(t)), otypes=[bool])


@dataclass
class Moved:
    """Cells that left their column: notes to add (object array, NaN where none) and warnings
    (mask, column header, values, reason)."""

    notes: list[np.ndarray]
    warnings: list[tuple[np.ndarray, str, pd.Series, str | list[str]]]


def _blank_at(col: Col, rows: np.ndarray) -> Col:
    arr = col.raw.to_numpy(dtype=object).copy()
    arr[rows] = None
    return Col(pd.Series(arr, dtype=object))


def _only_at(col: Col, rows: np.ndarray) -> Col:
    arr = np.full(len(col), None, dtype=object)
    arr[rows] = col.raw.to_numpy(dtype=object)[rows]
    return Col(pd.Series(arr, dtype=object))


def _target(schema: Schema, pid: str, cells: tuple[str, ...], taken: set[str]) -> str | None:
    own = {f.name for f in schema.fields_of(pid)}
    names, _unit = header_candidates(schema, cells, (pid,))
    return next((n for n in names if n in own and n not in taken), None)


def _same_quantity(a: str, b: str) -> bool:
    try:
        conversion_factor(a or "1", b or "1")
        return True
    except UnitError:
        return False


def reroute_by_product(
    schema: Schema,
    raw: dict[str, tuple[Col, ColumnChoice]],
    cells_of: dict[str, tuple[str, ...]],
    present: list[str],
    rows_of: Callable[[str], np.ndarray],
    common: set[str],
) -> Moved:
    """Move, in place in `raw`, the cells of rows whose product lacks the column's field to the field of
    their own product the header names. `rows_of(pid)` -> bool mask of the product's rows."""
    moved = Moved([], [])
    for fname in [k for k in raw if k not in common and k != "product"]:
        col, choice = raw[fname]
        original = col
        filled = None
        targets: dict[str, np.ndarray] = {}  # field -> rows this column gives it (two products may share one)
        for pid in present:
            if any(f.name == fname for f in schema.fields_of(pid)):
                continue
            if filled is None:  # '—' under a column another product has: nothing to move
                filled = ~col.blank & ~empty_marker_mask(col.text)
            rows = rows_of(pid) & filled
            if not rows.any():
                continue
            target = _target(schema, pid, cells_of.get(fname, (choice.header,)), set(raw) - set(targets))
            label = schema.names.get(pid, (pid, pid))
            if target is None:
                text = col.text_at(np.flatnonzero(rows))
                note = np.full(len(col), np.nan, dtype=object)
                note[rows] = [f"{choice.header}: {t}" for t in text]
                moved.notes.append(note)
                moved.warnings.append(
                    (
                        rows,
                        choice.header,
                        col.raw,
                        _("a {product} has no such value; kept in the notes").format(
                            product=_product_word(label)
                        ),
                    )
                )
            else:
                targets[target] = targets.get(target, np.zeros(len(col), bool)) | rows
                raw[target] = (
                    _only_at(original, targets[target]),
                    ColumnChoice(choice.header, target, choice.unit),
                )
                generic, wanted = schema.by_name[fname].unit, schema.by_name[target].unit
                if choice.unit is None and not _same_quantity(generic, wanted):
                    # '额定功率' 630 for a transformer: read in kVA, and say so (a bare number has no unit)
                    bare = rows & ~_HAS_LETTER(col.text) if len(col) else rows
                    if bare.any():
                        moved.warnings.append(
                            (
                                bare,
                                choice.header,
                                col.raw,
                                _("read as {unit} (the {field} of a {product})").format(
                                    unit=wanted,
                                    field=_field_word(schema, target),
                                    product=_product_word(label),
                                ),
                            )
                        )
            col = _blank_at(col, rows)
            raw[fname] = (col, choice)
    return moved


def _product_word(label: tuple[str, str]) -> str:
    from ..i18n import current_language

    return label[0] if current_language() == "zh" else label[1]


def _field_word(schema: Schema, name: str) -> str:
    from ..i18n import current_language

    f = schema.by_name[name]
    return (f.label_zh if current_language() == "zh" else f.label_en) or name


def fraction_efficiencies(values: np.ndarray) -> np.ndarray:
    """Cells of a percent efficiency column that hold a fraction (0 < v <= 1: 0.93 is 93 %)."""
    with np.errstate(invalid="ignore"):
        return (values > 0) & (values <= 1)


def kv_cells(schema: Schema, s: Col) -> Col:
    """A voltage column (`rated_voltage_kv`, an enumeration of kV values) as plants write it: '6000V',
    '6 kV', '6kV', '6' and 6000 (volts: no machine is rated in thousands of kV) -> '6'. Cells that are
    no such voltage stay as written, for to_enum to reject with the user's text."""
    from ..units import parse_quantity

    allowed = {
        str(a)
        for fs in schema.products.values()
        for f in fs
        if f.name == "rated_voltage_kv"
        for a in f.allowed or ()
    }
    out = s.raw.to_numpy(dtype=object).copy()
    filled = np.flatnonzero(~s.blank)
    for p, t in zip(filled.tolist(), s.text_at(filled), strict=True):
        try:
            kv = parse_quantity(str(t), "kV")
        except UnitError:
            continue
        if kv >= 1000 and not _HAS_LETTER(str(t)):
            kv /= 1000
        text = f"{kv:g}"
        if text in allowed:
            out[p] = text
    return Col(pd.Series(out, dtype=object))
