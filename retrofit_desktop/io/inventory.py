"""read_inventory: an equipment ledger (.xlsx/.xls/.csv) -> the inventory frame + every rejected cell.

Invariant: result.read == result.imported + number of rejected rows. Blank lines are not rows.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..catalog.choices import choice_key
from ..catalog.model import FieldSpec
from ..domain import Rejection, Severity
from ..i18n import _
from .cells import (
    Col,
    UnknownValue,
    empty_marker_mask,
)
from .fields import COMMON_FIELDS, RETROFIT_FIELDS, Schema, load_schema
from .ledger_rows import sequence_columns, total_row_note, total_rows
from .mapping import ColumnChoice, ColumnMapping, find_header, resolve_columns
from .product_fields import RowProducts, convert_field, range_specs
from .readers import RawSheet, read_raw
from .row_fields import fraction_efficiencies, reroute_by_product
from .rules import is_efficiency, range_problems, warning_problems
from .template import NON_DATA_SHEETS

if TYPE_CHECKING:
    from ..catalog.catalog import Catalog

__all__ = ["ImportResult", "read_inventory", "read_sheets"]

COMMON_ORDER = [f.name for f in COMMON_FIELDS]


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

    def summary(self) -> dict[str, int]:
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
    values: list[object]
    reasons: list[str]
    severity: Severity


@dataclass
class _SheetResult:
    frame: pd.DataFrame  # all data rows, converted
    bad: np.ndarray  # row rejected
    problems: list[_Problem]
    headers: dict[str, str]  # field -> header as written
    products: RowProducts  # each row's product, as small integer codes
    total_rows: list[Rejection] = field(default_factory=list)


def read_inventory(
    path: str | Path, catalog: Catalog | None = None, mapping: ColumnMapping | None = None
) -> ImportResult:
    """Read a ledger file; see docs/import.md. Raises InventoryFileError if the file is unreadable."""
    result = read_sheets(read_raw(path), catalog=catalog, mapping=mapping)
    result.path = Path(path)
    return result


def read_sheets(
    sheets: list[RawSheet], catalog: Catalog | None = None, mapping: ColumnMapping | None = None
) -> ImportResult:
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


#: why cells are bad: one reason for all, or one per row position (a list, or a dict of the bad ones)
_Reasons = str | Sequence[str] | Mapping[int, str]


def _add(
    problems: list[_Problem],
    frame: pd.DataFrame,
    mask: np.ndarray,
    column: str,
    values: pd.Series,
    reason: _Reasons,
    severity: Severity = Severity.ERROR,
    sheet: str | None = None,
) -> None:
    pos = np.flatnonzero(mask)
    if not len(pos):
        return
    vals = values.iloc[pos].tolist()
    reasons = [reason] * len(pos) if isinstance(reason, str) else [reason[int(p)] for p in pos]
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


def _read_sheet(
    schema: Schema, sheet: RawSheet, mapping: ColumnMapping | None, used: ColumnMapping
) -> _SheetResult | None:
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
    hint: str | None,
    dropped: Collection[int] = frozenset(),
    header_cells: Sequence[tuple[str, ...]] = (),
    mapping: ColumnMapping | None = None,
) -> _SheetResult:
    n = len(row_numbers)
    out = pd.DataFrame(index=pd.RangeIndex(n))
    out["sheet"] = _objects_series(np.full(n, name, dtype=object))
    out["row"] = row_numbers
    headers: dict[str, str] = {}
    raw, cells_of, notes_parts = _columns_by_field(cols, choices, dropped, header_cells, headers)
    reject = _Rejects(out, raw, headers, name)
    products = _convert_product(schema, out, raw, hint, reject)
    if len(products.present) > 1 or (hint is None and products.present):  # a mixed sheet: per-row fields
        moved = reroute_by_product(
            schema, raw, cells_of, products.present, products.rows, _COMMON_AND_RETROFIT
        )
        notes_parts += moved.notes
        for mask, header, values, reason in moved.warnings:
            _add(reject.problems, out, mask, header, values, reason, Severity.WARNING, sheet=name)
        for fname, (_col, choice) in raw.items():
            headers.setdefault(fname, choice.header)
    for fname, (s, choice) in raw.items():
        if fname != "product":
            user_values = mapping.values.get(fname) if mapping else None
            _convert_column(schema, reject, schema.by_name[fname], s, choice, products, user_values)
    if "quantity" in out:
        out["quantity"] = out["quantity"].fillna(1)
    else:
        out["quantity"] = pd.arrays.IntegerArray(np.ones(n, np.int64), np.zeros(n, bool))
    out["notes"] = _join_notes(out["notes"] if "notes" in out else None, notes_parts, n)
    return _SheetResult(out, reject.bad, reject.problems, headers, products)


def _columns_by_field(
    cols: list[Col],
    choices: list[ColumnChoice],
    dropped: Collection[int],
    header_cells: Sequence[tuple[str, ...]],
    headers: dict[str, str],
) -> tuple[dict[str, tuple[Col, ColumnChoice]], dict[str, tuple[str, ...]], list[pd.Series | np.ndarray]]:
    """(the mapped columns by field, their header cells by field, the notes parts of the unmapped
    columns that hold data); `headers` gets each mapped field's header as written."""
    raw: dict[str, tuple[Col, ColumnChoice]] = {}
    cells_of: dict[str, tuple[str, ...]] = {}
    notes_parts: list[pd.Series | np.ndarray] = []
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
    return raw, cells_of, notes_parts


class _Rejects:
    """The rows a sheet's conversion rejects and why: call it with the rows, the field and the reason."""

    def __init__(
        self,
        out: pd.DataFrame,
        raw: dict[str, tuple[Col, ColumnChoice]],
        headers: dict[str, str],
        sheet: str | None,
    ):
        self.out, self.raw, self.headers, self.sheet = out, raw, headers, sheet
        self.bad = np.zeros(len(out), bool)
        self.problems: list[_Problem] = []

    def __call__(
        self, mask: npt.ArrayLike, fname: str, reason: _Reasons, values: pd.Series | None = None
    ) -> None:
        rows = np.asarray(mask, bool)
        if rows.any():
            self.bad |= rows
            if values is None:
                values = self.raw[fname][0].raw if fname in self.raw else self.out[fname]
            _add(
                self.problems,
                self.out,
                rows,
                self.headers.get(fname, fname),
                values,
                reason,
                sheet=self.sheet,
            )


def _convert_column(
    schema: Schema,
    reject: _Rejects,
    f: FieldSpec,
    s: Col,
    choice: ColumnChoice,
    products: RowProducts,
    user_values: dict[str, str] | None,
) -> None:
    """Convert one mapped column into ``reject.out``; bad cells, fractions and out-of-range values noted."""
    out, fname = reject.out, f.name
    conv = convert_field(schema, f, s, choice, products, user_values)
    out[fname] = conv.values.to_numpy() if f.kind != "text" else conv.values
    reject(conv.bad, fname, conv.reasons)
    if f.kind == "number" and is_efficiency(f):
        _read_fractions(reject.problems, out, fname, reject.headers.get(fname, fname), s, reject.sheet)
    if f.kind in {"number", "int"}:
        for rows, spec in range_specs(schema, fname, products):
            for mask, reason in range_problems(spec, out[fname]):
                reject(mask & rows & ~conv.bad, fname, reason)


_COMMON_AND_RETROFIT = {*COMMON_ORDER, *(f.name for f in RETROFIT_FIELDS)}


def _read_fractions(
    problems: list[_Problem], out: pd.DataFrame, fname: str, header: str, s: Col, sheet: str | None
) -> None:
    """0.93 in a percent efficiency column is 93 %: read so, with a warning stating the reading."""
    values = out[fname].to_numpy(dtype=float, na_value=np.nan)
    frac = fraction_efficiencies(values)
    if not frac.any():
        return
    reasons = {
        int(p): _("efficiency written as a fraction: read as {pct:g} %").format(pct=round(values[p] * 100, 6))
        for p in np.flatnonzero(frac)
    }
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


def _convert_product(
    schema: Schema,
    out: pd.DataFrame,
    raw: dict[str, tuple[Col, ColumnChoice]],
    hint: str | None,
    reject: _Rejects,
) -> RowProducts:
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
            return RowProducts(np.full(n, -1, np.intp), [])
        return RowProducts(np.zeros(n, np.intp), [hint])
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
    return RowProducts(product_codes, ids)


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
    codes: npt.NDArray[np.intp]
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
        reasons: dict[int, str] = {}
        for p in np.flatnonzero(dup):
            q = first_at[codes[p]]
            s, r = sheets[q], int(rows[q])
            reasons[int(p)] = (
                _("duplicate asset tag; first seen in row {row}").format(row=r)
                if s is None or s != s
                else _("duplicate asset tag; first seen in sheet {sheet}, row {row}").format(sheet=s, row=r)
            )
        _add(problems, frame, dup, headers.get("asset_tag", "asset_tag"), tags, reasons)
        bad |= dup
    return bad
