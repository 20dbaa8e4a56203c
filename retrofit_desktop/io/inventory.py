"""read_inventory: an equipment ledger (.xlsx/.xls/.csv) -> the inventory frame + every rejected cell.

Invariant: result.read == result.imported + number of rejected rows. Blank lines are not rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..catalog.choices import choice_key
from ..catalog.model import FieldSpec
from ..domain import Rejection, Severity
from ..i18n import _
from ..units import UnitError
from .cells import (
    Col,
    Converted,
    UnknownValue,
    empty_marker_mask,
    to_enum,
    to_int,
    to_number,
    to_text,
    to_year,
)
from .fields import COMMON_FIELDS, RETROFIT_FIELDS, Schema, load_schema
from .fuel_units import to_fuel_unit
from .ledger_rows import sequence_columns, total_row_note, total_rows
from .mapping import ColumnChoice, ColumnMapping, find_header, resolve_columns
from .readers import RawSheet, read_raw
from .row_fields import fraction_efficiencies, kv_cells, reroute_by_product
from .rules import is_efficiency, range_problems, warning_problems
from .template import NON_DATA_SHEETS

__all__ = ["ImportResult", "read_inventory", "read_sheets"]

COMMON_ORDER = [f.name for f in COMMON_FIELDS]
_INT_FIELDS = {"year_installed": to_year, "quantity": to_int}


@dataclass
class ImportResult:
    items: pd.DataFrame  # accepted rows, canonical columns + sheet, row
    rejected: list[Rejection]  # errors: each rejects its row
    warnings: list[Rejection]  # the row is kept
    read: int  # non-blank data rows
    imported: int
    mapping: ColumnMapping = field(default_factory=ColumnMapping)
    skipped_sheets: list[str] = field(default_factory=list)  # sheets with no recognisable columns
    path: Path | None = None
    #: enumeration field -> the distinct values written in the file that name no allowed value (the
    #: wizard lets the user map each one: ColumnMapping.values)
    unknown_values: dict[str, list[str]] = field(default_factory=dict)
    total_rows: list[Rejection] = field(
        default_factory=list
    )  # 合计/小计 rows: skipped, not equipment (notes)

    @property
    def rejected_rows(self) -> int:
        return len({(r.sheet, r.row) for r in self.rejected})

    def summary(self) -> dict:
        return {
            "read": self.read,
            "imported": self.imported,
            "rejected": self.rejected_rows,
            "warnings": len(self.warnings),
            "total_rows": len(self.total_rows),
        }


@dataclass
class _Problem:
    sheet: str | None
    rows: np.ndarray  # user-visible row numbers
    column: str
    values: list
    reasons: list[str]
    severity: Severity


@dataclass
class _SheetResult:
    frame: pd.DataFrame  # all data rows, converted
    bad: np.ndarray  # row rejected
    problems: list[_Problem]
    headers: dict[str, str]  # field -> header as written
    products: _Products  # each row's product, as small integer codes
    total_rows: list[Rejection] = field(default_factory=list)


def read_inventory(path: str | Path, catalog=None, mapping: ColumnMapping | None = None) -> ImportResult:
    """Read a ledger file; see docs/import.md. Raises InventoryFileError if the file is unreadable."""
    result = read_sheets(read_raw(path), catalog=catalog, mapping=mapping)
    result.path = Path(path)
    return result


def read_sheets(sheets: list[RawSheet], catalog=None, mapping: ColumnMapping | None = None) -> ImportResult:
    schema = load_schema(catalog)
    used = ColumnMapping()
    parts: list[_SheetResult] = []
    skipped: list[str] = []
    for sheet in sheets:
        part = _read_sheet(schema, sheet, mapping, used)
        if part is None:
            skipped.append(sheet.name or "")
        else:
            parts.append(part)
    if not parts:
        empty = pd.DataFrame(columns=["sheet", "row", *COMMON_ORDER])
        return ImportResult(empty, [], [], 0, 0, used, skipped)
    frame = pd.concat([p.frame for p in parts], ignore_index=True)
    bad = np.concatenate([p.bad for p in parts])
    problems = [x for p in parts for x in p.problems]
    headers: dict[str, str] = {}
    for p in parts:
        for k, v in p.headers.items():
            headers.setdefault(k, v)
    bad |= _file_level_checks(frame, headers, problems)
    for fname, mask, reason in warning_problems(frame):
        _add(problems, frame, mask & ~bad, headers.get(fname, fname), frame[fname], reason, Severity.WARNING)
    offsets = np.cumsum([0, *(len(p.frame) for p in parts)])
    accepted = [
        p.products.present_in(~bad[a:b]) for p, a, b in zip(parts, offsets[:-1], offsets[1:], strict=True)
    ]
    items = _ordered(
        schema, frame[~bad].reset_index(drop=True), list(dict.fromkeys(x for a in accepted for x in a))
    )
    rejected, warnings = _rejections(problems, [s.name for s in sheets])
    if mapping is not None:
        used.values = {f: dict(m) for f, m in mapping.values.items()}
    return ImportResult(
        items,
        rejected,
        warnings,
        len(frame),
        len(items),
        used,
        skipped,
        unknown_values=_unknown_values(problems),
        total_rows=[r for p in parts for r in p.total_rows],
    )


def _unknown_values(problems: list[_Problem]) -> dict[str, list[str]]:
    """Field -> values as first written; spellings the rule reads alike ('(二期)', '（二期）') once."""
    out: dict[str, dict[str, str]] = {}
    for p in problems:
        for r in p.reasons:
            if isinstance(r, UnknownValue):
                out.setdefault(r.field, {}).setdefault(choice_key(r.written), r.written)
    return {f: list(v.values()) for f, v in out.items()}


def _ordered(schema: Schema, items: pd.DataFrame, present: list[str]) -> pd.DataFrame:
    """Canonical column order: provenance, common columns, then the fields of each product present in
    `items` (in order of first appearance); every such field exists (NaN when the file had none)."""
    cols = ["sheet", "row", *COMMON_ORDER]
    for pid in present:
        cols += [f.name for f in schema.fields_of(pid)]
    cols += [c for c in items.columns if c not in cols]
    cols = list(dict.fromkeys(cols))
    for c in cols:
        if c not in items:
            f = schema.by_name.get(c)
            kind = f.kind if f else "text"
            dtype = {"number": float, "int": "Int64"}.get(kind, "str")
            items[c] = pd.Series(pd.NA if dtype == "Int64" else np.nan, index=items.index, dtype=dtype)
    return items[cols]


def _add(problems, frame, mask, column, values, reason, severity=Severity.ERROR, sheet=None) -> None:
    pos = np.flatnonzero(mask)
    if not len(pos):
        return
    vals = values.iloc[pos].tolist()
    reasons = [reason] * len(pos) if isinstance(reason, str) else [reason[p] for p in pos]
    rows = frame["row"].to_numpy()[pos]
    sheets = frame["sheet"].to_numpy()[pos] if sheet is None else [sheet] * len(pos)
    # A file-level problem may span sheets: split it per sheet.
    for s in dict.fromkeys(sheets):
        sel = [i for i, x in enumerate(sheets) if x == s]
        problems.append(
            _Problem(
                None if s is None or (isinstance(s, float) and s != s) else s,
                rows[sel],
                column,
                [vals[i] for i in sel],
                [reasons[i] for i in sel],
                severity,
            )
        )


def _rejections(
    problems: list[_Problem], sheet_order: list[str | None]
) -> tuple[list[Rejection], list[Rejection]]:
    """Rejection objects in the order a user reads the file: sheet by sheet, row by row."""
    order = {name: i for i, name in enumerate(sheet_order)}
    errors: list[Rejection] = []
    warnings: list[Rejection] = []
    for p in problems:
        target = errors if p.severity == Severity.ERROR else warnings
        for row, value, reason in zip(p.rows.tolist(), p.values, p.reasons, strict=True):
            shown = None if value is None or (isinstance(value, float) and value != value) else _shown(value)
            target.append(Rejection(p.sheet, int(row), p.column, shown, reason, p.severity))
    key = lambda r: (order.get(r.sheet, 0), r.row or 0, r.column or "")  # noqa: E731
    return sorted(errors, key=key), sorted(warnings, key=key)


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet_product(schema: Schema, sheet: RawSheet, mapping: ColumnMapping | None) -> str | None:
    if sheet.name is None:
        return None
    if mapping is not None and mapping.sheet_products.get(sheet.name):
        return schema.product_id(mapping.sheet_products[sheet.name])
    pid = schema.product_id(sheet.name)
    if pid:
        return pid
    for token in re.split(r"[\s()（）_\-—/]+", sheet.name):  # '电动机 (motor)', '1-空压机'
        if token and (pid := schema.product_id(token)):
            return pid
    return None


def _read_sheet(schema: Schema, sheet: RawSheet, mapping: ColumnMapping | None, used: ColumnMapping):
    grid = sheet.grid
    if grid.shape[0] == 0 or grid.shape[1] == 0 or (sheet.name or "").strip().lower() in NON_DATA_SHEETS:
        return None
    hint = _sheet_product(schema, sheet, mapping)
    top, lines, header_cells = find_header(schema, grid, sheet.merged)
    choices = resolve_columns(schema, header_cells, mapping, (hint,) if hint else ())
    data = grid.iloc[top + lines :]
    cols = [Col(data[c].reset_index(drop=True), sheet.stripped, sheet.all_text) for c in data.columns]
    dropped = sequence_columns(schema, choices, header_cells, cols, (hint,) if hint else ())
    for c in choices:
        if c.header:
            used.columns.setdefault(c.header, c)  # recorded even for a skipped sheet, to map by hand
    if not any(c.field for c in choices):
        return None
    blank_rows = np.ones(len(data), bool)
    for col in cols:
        blank_rows &= col.blank
    keep = ~blank_rows
    if blank_rows.any():
        cols = [c.take(keep) for c in cols]
    if sheet.name and hint:
        used.sheet_products[sheet.name] = hint
    first_lines = sheet.line_numbers if sheet.line_numbers is not None else np.arange(1, len(grid) + 1)
    row_numbers = first_lines[data.index.to_numpy()[keep]].astype(np.int64)
    key = [i for i, c in enumerate(choices[: len(cols)]) if c.field in _KEY_FIELDS or i in dropped]
    tag = next((i for i in key if choices[i].field == "asset_tag"), None)
    totals, where = total_rows(cols, key, tag)
    notes = [total_row_note(sheet.name, int(row_numbers[p]), choices[ci].header or None, str(cols[ci].text_at(
        np.array([p]))[0])) for p, ci in where]  # fmt: skip
    if totals.any():
        cols = [c.take(~totals) for c in cols]
        row_numbers = row_numbers[~totals]
    part = _convert_sheet(
        schema, sheet.name, cols, row_numbers, choices, hint, dropped, header_cells, mapping
    )
    part.total_rows = notes
    return part


_KEY_FIELDS = ("asset_tag", "name", "product")


def _convert_sheet(
    schema: Schema,
    name: str | None,
    cols: list[Col],
    row_numbers: np.ndarray,
    choices: list[ColumnChoice],
    hint,
    dropped: set[int] = frozenset(),
    header_cells: list[tuple[str, ...]] = (),
    mapping: ColumnMapping | None = None,
):
    n = len(row_numbers)
    out = pd.DataFrame(index=pd.RangeIndex(n))
    out["sheet"] = _objects_series(np.full(n, name, dtype=object))
    out["row"] = row_numbers
    bad = np.zeros(n, bool)
    problems: list[_Problem] = []
    headers: dict[str, str] = {}
    raw: dict[str, tuple[Col, ColumnChoice]] = {}
    cells_of: dict[str, tuple[str, ...]] = {}
    notes_parts: list[np.ndarray] = []
    for i, (col, choice) in enumerate(zip(cols, choices, strict=False)):
        if i in dropped:  # 序号: numbers the ledger's lines, not a fact about the item
            continue
        if choice.field:
            raw[choice.field] = (col, choice)
            headers[choice.field] = choice.header
            if i < len(header_cells):
                cells_of[choice.field] = header_cells[i]
        elif col.blank.all():
            continue
        elif choice.header:
            notes_parts.append(_labelled(choice.header, _text_cells(col)))
        else:
            notes_parts.append(_text_cells(col))  # a column with data but no header: keep the data

    def reject(mask, fname, reason, values=None):
        nonlocal bad
        mask = np.asarray(mask, bool)
        if mask.any():
            bad |= mask
            vals = values if values is not None else raw[fname][0].raw if fname in raw else out[fname]
            _add(problems, out, mask, headers.get(fname, fname), vals, reason, sheet=name)

    products = _convert_product(schema, out, raw, hint, reject)
    if len(products.present) > 1 or (hint is None and products.present):  # a mixed sheet: per-row fields
        moved = reroute_by_product(
            schema, raw, cells_of, products.present, products.rows, _COMMON_AND_RETROFIT
        )
        notes_parts += moved.notes
        for mask, header, values, reason in moved.warnings:
            _add(problems, out, mask, header, values, reason, Severity.WARNING, sheet=name)
        for fname, (_col, choice) in raw.items():
            headers.setdefault(fname, choice.header)
    for fname, (s, choice) in raw.items():
        if fname == "product":
            continue
        f = schema.by_name[fname]
        conv = _convert_field(schema, f, s, choice, products, mapping.values.get(fname) if mapping else None)
        out[fname] = conv.values.to_numpy() if f.kind != "text" else conv.values
        reject(conv.bad, fname, conv.reasons)
        if f.kind == "number" and is_efficiency(f):
            _read_fractions(problems, out, fname, headers.get(fname, fname), s, name)
        if f.kind in {"number", "int"}:
            for rows, spec in _range_specs(schema, fname, products):
                for mask, reason in range_problems(spec, out[fname]):
                    reject(mask & rows & ~conv.bad, fname, reason)
    if "quantity" in out:
        out["quantity"] = out["quantity"].fillna(1)
    else:
        out["quantity"] = pd.arrays.IntegerArray(np.ones(n, np.int64), np.zeros(n, bool))
    out["notes"] = _join_notes(out["notes"] if "notes" in out else None, notes_parts, n)
    return _SheetResult(out, bad, problems, headers, products)


_COMMON_AND_RETROFIT = {*COMMON_ORDER, *(f.name for f in RETROFIT_FIELDS)}


def _read_fractions(
    problems: list[_Problem], out: pd.DataFrame, fname: str, header: str, s: Col, sheet: str | None
) -> None:
    """0.93 in a percent efficiency column is 93 %: read so, with a warning stating the reading."""
    values = out[fname].to_numpy(dtype=float, na_value=np.nan)
    frac = fraction_efficiencies(values)
    if not frac.any():
        return
    reasons = {int(p): _("efficiency written as a fraction: read as {pct:g} %").format(pct=round(values[p] * 100, 6))
               for p in np.flatnonzero(frac)}  # fmt: skip
    values = np.where(frac, values * 100, values)
    out[fname] = values
    _add(
        problems,
        out,
        frac,
        header,
        s.raw,
        [reasons.get(i, "") for i in range(len(values))],
        Severity.WARNING,
        sheet=sheet,
    )


class _Products:
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


def _range_specs(schema: Schema, fname: str, products: _Products) -> list[tuple[np.ndarray, FieldSpec]]:
    """(rows, FieldSpec) pairs: each product's own spec of the field; io's spec for common fields and for
    rows whose product lacks the field."""
    generic = schema.by_name[fname]
    covered = np.zeros(len(products), bool)
    pairs = []
    if fname not in COMMON_ORDER:
        for pid in products.present:
            spec = next((f for f in schema.fields_of(pid) if f.name == fname), None)
            if spec is not None:
                rows = products.rows(pid)
                covered |= rows
                pairs.append((rows, spec))
    pairs.append((~covered, generic))
    return pairs


def _convert_field(
    schema: Schema,
    f: FieldSpec,
    s: Col,
    choice: ColumnChoice,
    products: _Products,
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
    schema: Schema, f: FieldSpec, s: Col, products: _Products, user_values: dict[str, str] | None = None
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


def _convert_product(schema: Schema, out: pd.DataFrame, raw: dict, hint: str | None, reject) -> _Products:
    """out["product"] from the product column (or the sheet's product), unknown and missing ones
    rejected; -> the rows' products as codes."""
    n = len(out)
    if "product" not in raw:
        out["product"] = _objects_series(np.full(n, hint, dtype=object))
        if hint is None:
            reject(
                np.ones(n, bool),
                "product",
                _("no product column and the sheet name names no product"),
                values=pd.Series([None] * n),
            )
            return _Products(np.full(n, -1, np.intp), [])
        return _Products(np.zeros(n, np.intp), [hint])
    codes, texts = pd.factorize(_text_cells(raw["product"][0]))  # blank: code -1
    found = [schema.product_id(t) for t in texts]
    ids = list(dict.fromkeys([*(pid for pid in found if pid), *([hint] if hint else [])]))
    # text code -> product code; the last entry is for blank cells (text code -1)
    to_product = np.array(
        [*(ids.index(pid) if pid else -1 for pid in found), ids.index(hint) if hint else -1]
    )
    missing = codes == -1
    unknown = np.array([pid is None for pid in found] + [False], dtype=bool)[codes]
    reject(unknown, "product", _("unknown product; use a catalog product id or its Chinese or English name"))
    if hint is None:
        reject(missing, "product", _("the product is missing"))
    product_codes = to_product[codes]
    out["product"] = _objects_series(np.array([*ids, None], dtype=object)[product_codes])  # code -1 -> None
    return _Products(product_codes, ids)


def _objects_series(values: np.ndarray) -> pd.Series:
    """An object column as is (assigning a bare array of str would make it a str column)."""
    return pd.Series(values, dtype=object, copy=False)


def _text_cells(col: Col) -> np.ndarray:
    """to_text's cells as an object array (str, NaN where blank), without building a str Series."""
    out = col.text.copy()
    out[col.blank | empty_marker_mask(out)] = np.nan  # '—', '/', '无': no value
    return out


def _objects(values: pd.Series | np.ndarray) -> np.ndarray:
    return values.to_numpy(dtype=object) if isinstance(values, pd.Series) else values


def _labelled(header: str, text: pd.Series | np.ndarray) -> np.ndarray:
    """'header: value' for each filled cell (NaN stays NaN); built once per distinct value."""
    codes, values = pd.factorize(_objects(text))  # blank: code -1
    labels = np.array([*(header + ": " + v for v in values), np.nan], dtype=object)
    return labels[codes]


def _join_notes(existing: pd.Series | None, parts: list[pd.Series | np.ndarray], n: int) -> pd.Series:
    """The ledger's own notes, then each part, joined with '; ' (positionally, rows 0..n-1)."""
    acc = (
        existing.to_numpy(dtype=object, copy=True)
        if existing is not None
        else np.full(n, np.nan, dtype=object)
    )
    empty = pd.isna(acc)
    for p in parts:
        values = _objects(p)
        filled = ~pd.isna(values)
        both = np.flatnonzero(~empty & filled)
        acc[empty & filled] = values[empty & filled]
        if len(both):
            acc[both] = [f"{a}; {b}" for a, b in zip(acc[both], values[both], strict=True)]
        empty &= ~filled
    return pd.Series(acc, dtype="str")


def _file_level_checks(frame: pd.DataFrame, headers: dict[str, str], problems: list[_Problem]) -> np.ndarray:
    """Asset tags: required, and unique within the file (the first occurrence is kept)."""
    bad = np.zeros(len(frame), bool)
    if "asset_tag" not in frame:
        frame["asset_tag"] = pd.Series([np.nan] * len(frame), dtype="str")
    tags = frame["asset_tag"]
    codes, _uniques = pd.factorize(
        tags.to_numpy(dtype=object)
    )  # missing: -1; codes count up in order of appearance
    missing = codes == -1
    _add(
        problems,
        frame,
        missing,
        headers.get("asset_tag", "asset_tag"),
        tags,
        _("the asset tag is missing (it identifies the item on the next import)"),
    )
    bad |= missing
    # a cell whose code is not above every earlier code repeats an earlier tag
    dup = (codes <= np.maximum.accumulate(np.concatenate(([-1], codes[:-1])))) & ~missing
    if dup.any():
        first_at = np.flatnonzero(~dup & ~missing)  # first_at[k]: where the tag of code k first appears
        sheets, rows = frame["sheet"].to_numpy(), frame["row"].to_numpy()
        reasons = {}
        for p in np.flatnonzero(dup):
            q = first_at[codes[p]]
            s, r = sheets[q], int(rows[q])
            reasons[p] = (
                _("duplicate asset tag; first seen in row {row}").format(row=r)
                if s is None or s != s
                else _("duplicate asset tag; first seen in sheet {sheet}, row {row}").format(sheet=s, row=r)
            )
        _add(problems, frame, dup, headers.get("asset_tag", "asset_tag"), tags, reasons)
        bad |= dup
    return bad
