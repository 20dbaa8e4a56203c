"""A column converted by the field spec of each row's own product: a sheet may mix products, and a field
can differ between them (the allowed poles of a motor and a pump, the range of a rated power)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalog.model import FieldSpec
from ..units import UnitError
from .cells import Col, Converted, to_enum, to_int, to_number, to_text, to_year
from .fields import COMMON_FIELDS, Schema
from .fuel_units import to_fuel_unit
from .mapping import ColumnChoice
from .row_fields import kv_cells

__all__ = ["RowProducts", "convert_field", "range_specs"]

_COMMON_NAMES = frozenset(f.name for f in COMMON_FIELDS)
_INT_FIELDS = {"year_installed": to_year, "quantity": to_int}


class RowProducts:
    """The products of a sheet's rows as codes into `ids` (-1: none), worked out once for all the
    fields of the sheet: the distinct products in order of appearance and each one's rows."""

    def __init__(self, codes: np.ndarray, ids: list[str]):
        self.codes, self.ids = codes, ids
        self.present = self.present_in(np.ones(len(codes), bool))
        self._rows: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.codes)

    def present_in(self, rows: np.ndarray) -> list[str]:
        """The products of the selected rows, in order of first appearance."""
        return [self.ids[k] for k in pd.unique(self.codes[rows]) if k >= 0]

    def rows(self, pid: str) -> np.ndarray:
        if pid not in self._rows:
            self._rows[pid] = self.codes == self.ids.index(pid)
        return self._rows[pid]


def range_specs(schema: Schema, fname: str, products: RowProducts) -> list[tuple[np.ndarray, FieldSpec]]:
    """(rows, FieldSpec) pairs: each product's own spec of the field; io's spec for common fields and for
    rows whose product lacks the field."""
    generic = schema.by_name[fname]
    covered = np.zeros(len(products), bool)
    pairs = []
    if fname not in _COMMON_NAMES:
        for pid in products.present:
            spec = next((f for f in schema.fields_of(pid) if f.name == fname), None)
            if spec is not None:
                rows = products.rows(pid)
                covered |= rows
                pairs.append((rows, spec))
    pairs.append((~covered, generic))
    return pairs


def convert_field(
    schema: Schema,
    f: FieldSpec,
    s: Col,
    choice: ColumnChoice,
    products: RowProducts,
    user_values: dict[str, str] | None = None,
) -> Converted:
    if f.name == "fuel_unit":
        return to_fuel_unit(s)
    if f.kind == "text":
        return Converted(to_text(s), np.zeros(len(s), bool), {})
    if f.name in _INT_FIELDS:
        return _INT_FIELDS[f.name](s)
    if f.kind == "enum" and f.allowed:
        return _enum_by_product(
            schema, f, kv_cells(schema, s) if f.name == "rated_voltage_kv" else s, products, user_values
        )
    try:
        return to_number(s, f, choice.unit)
    except UnitError as exc:  # a mapping gave a unit of the wrong dimension: every filled cell is bad
        bad = ~s.blank
        return Converted(
            pd.Series(np.nan, index=s.raw.index), bad, {int(p): str(exc) for p in np.flatnonzero(bad)}
        )


def _enum_by_product(
    schema: Schema, f: FieldSpec, s: Col, products: RowProducts, user_values: dict[str, str] | None = None
) -> Converted:
    """Check an enumeration against the allowed values of each row's own product (poles differ)."""
    conv = to_enum(s, f, user_values)
    for pid in products.present:
        spec = next((x for x in schema.fields_of(pid) if x.name == f.name), None)
        if spec is None or spec.allowed == f.allowed or not spec.allowed:
            continue
        rows = np.flatnonzero(products.rows(pid))
        sub = to_enum(s.take(rows), spec, user_values)
        conv.values.iloc[rows] = sub.values.to_numpy()
        conv.bad[rows] = sub.bad
        for row in rows:
            conv.reasons.pop(int(row), None)
        for p, r in sub.reasons.items():
            conv.reasons[int(rows[p])] = r
    return conv
