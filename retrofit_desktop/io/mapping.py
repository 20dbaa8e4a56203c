"""From raw header cells to canonical fields: header row detection (below title rows, two-line merged
headers), unit in the header ('额定功率(kW)', '功率（千瓦）', 'rated_power_kw, kW'), alias lookup, and
the JSON-serialisable `ColumnMapping` a user can save and reuse.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..units import UnitError, conversion_factor, normalise_unit
from .fields import Schema, header_key, is_word_unit, unit_factor

__all__ = [
    "ColumnMapping",
    "ColumnChoice",
    "parse_header",
    "find_header",
    "resolve_columns",
    "header_candidates",
]

_TRAILING_UNIT = re.compile(r"^(.*?[\u4e00-\u9fff])\s*/?\s*([A-Za-z%][A-Za-z0-9%/*³²·()]*)$")
_HEADER_SCAN_ROWS = 30
#: a merged cell range of a sheet: (first row, first column), (last row, last column), 0-based
MergedRange = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class ColumnChoice:
    header: str  # as written (two header lines joined with ' / ')
    field: str | None  # None: kept in notes
    unit: str | None = None  # unit a bare number in this column is in; None = the field's unit

    def to_json(self) -> dict[str, Any]:
        return {"header": self.header, "field": self.field, "unit": self.unit}


@dataclass
class ColumnMapping:
    """How the columns of a file map to fields. Keys are headers as written; reusable on the next file."""

    columns: dict[str, ColumnChoice] = field(default_factory=dict)
    sheet_products: dict[str, str] = field(default_factory=dict)  # sheet name -> product id
    #: enumeration field -> {value as written in the file -> allowed value}: the user's answer for
    #: values the catalog's rule does not read (catalog/choices.py); tried before the rule
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "columns": [c.to_json() for c in self.columns.values()],
            "sheet_products": dict(self.sheet_products),
            "values": {f: dict(m) for f, m in self.values.items() if m},
        }

    def set_value(self, field_name: str, written: str, value: str | None) -> None:
        """Map a written value of an enumeration to an allowed value (None: forget the mapping)."""
        table = self.values.setdefault(field_name, {})
        if value is None:
            table.pop(written, None)
        else:
            table[written] = value

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | str) -> ColumnMapping:
        doc: Mapping[str, Any] = json.loads(data) if isinstance(data, str) else data
        cols = {
            c["header"]: ColumnChoice(c["header"], c.get("field"), c.get("unit"))
            for c in doc.get("columns", [])
        }
        values = {
            str(f): {str(k): str(v) for k, v in m.items()} for f, m in (doc.get("values") or {}).items()
        }
        return cls(cols, dict(doc.get("sheet_products", {})), values)

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> ColumnMapping:
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


def _text(cell: object) -> str:
    if cell is None or (isinstance(cell, float) and cell != cell):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return unicodedata.normalize("NFKC", str(cell)).strip()


def _is_unit(text: str) -> bool:
    if is_word_unit(text):  # 元, 万元, 年: units pint does not hold (io/fields.py)
        return True
    try:
        conversion_factor(text, text)
        return True
    except UnitError:
        return False


def _split_bracket(s: str) -> tuple[str, str] | None:
    """'比功率(kW/(m³/min))' -> ('比功率', 'kW/(m³/min)'): the last top-level bracket group."""
    s = s.rstrip()
    if not s.endswith((")", "]")):
        return None
    depth = 0
    for i in range(len(s) - 1, -1, -1):
        if s[i] in ")]":
            depth += 1
        elif s[i] in "([":
            depth -= 1
            if depth == 0:
                return s[:i].strip(), s[i + 1 : -1].strip()
    return None


def parse_header(text: str, known: Collection[str] = ()) -> tuple[str, str | None, str | None]:
    """-> (label, unit or None, explicit field name or None).

    '额定功率(kW)' -> ('额定功率', 'kW', None); '额定功率 (rated_power_kw, kW)' -> ('额定功率', 'kW',
    'rated_power_kw'); '极数 (poles)' -> ('极数', None, 'poles'); '效率（%）' -> ('效率', '%', None);
    '排气压力(表压)' -> ('排气压力', None, None).
    """
    s = _text(text)
    m = _split_bracket(s)
    if m:
        label, inner = m
        parts = [p.strip() for p in re.split(r"[,;，；]", inner)]
        ident = re.fullmatch(r"[a-z][a-z0-9_]*", parts[0] or "") is not None
        explicit = (
            parts[0]
            if ident and (parts[0] in known or "_" in parts[0] or len(parts) > 1 or not _is_unit(parts[0]))
            else None
        )
        unit_part: str | None = ", ".join(parts[1:]) if explicit else inner
        if not unit_part or not _is_unit(unit_part):
            unit_part = None
        return label or s, unit_part, explicit
    trailing = _TRAILING_UNIT.match(s)
    if trailing and _is_unit(trailing.group(2)):
        return trailing.group(1).strip(), trailing.group(2), None
    return s, None, None


def _candidates(schema: Schema, label: str, explicit: str | None) -> list[str]:
    if explicit and explicit in schema.by_name:
        return [explicit]
    if not label:
        return []
    key = header_key(label)
    if key in schema.aliases:
        return list(schema.aliases[key])
    # '电机额定功率' -> the longest alias it contains (3+ characters, to avoid '功率' in anything).
    if len(key) > 16:  # a sentence (title or note row), not a column header
        return []
    order = _long_alias_order(schema)
    best, rank = None, None
    for i in range(len(key) - 2):  # every substring of 3+ characters: at most 105 look-ups
        for j in range(i + 3, len(key) + 1):
            pos = order.get(key[i:j])
            if pos is not None and (rank is None or (j - i, -pos) > rank):
                best, rank = key[i:j], (j - i, -pos)
    return list(schema.aliases[best]) if best is not None else []


_ALIAS_ORDER: dict[int, tuple[Schema, int, dict[str, int]]] = {}


def _long_alias_order(schema: Schema) -> dict[str, int]:
    """Aliases of 3+ characters -> position in schema.aliases (the longest contained alias wins, the
    first in that order among equally long ones)."""
    hit = _ALIAS_ORDER.get(id(schema))
    if hit is None or hit[0] is not schema or hit[1] != len(schema.aliases):
        order = {k: i for i, k in enumerate(schema.aliases) if len(k) >= 3}
        hit = _ALIAS_ORDER[id(schema)] = (schema, len(schema.aliases), order)
    return hit[2]


def header_candidates(
    schema: Schema, header_cells: tuple[str, ...], products: tuple[str, ...] = ()
) -> tuple[list[str], str | None]:
    """Fields a column may hold, best first, and the unit its header states.

    Tried in turn: the lower header line, both lines joined, the upper line. A unit in the header
    must be convertible to the field's unit ('额定容量(kVA)' is a transformer, '额定容量(t/h)' a boiler);
    fields of the sheet's product come first, then the common columns.
    """
    tries = (
        [header_cells[-1], "".join(header_cells), *header_cells[:-1]]
        if len(header_cells) > 1
        else [header_cells[0]]
    )
    own = {f.name for p in products for f in schema.fields_of(p)}
    common = {f.name for f in (*schema.common, *schema.retrofit)}
    for text in tries:
        if not text:
            continue
        label, unit, explicit = parse_header(text, schema.by_name)
        names = _candidates(schema, label, explicit)
        if unit is not None:
            compatible = []
            for n in names:
                try:
                    unit_factor(unit, schema.by_name[n].unit)
                    compatible.append(n)
                except UnitError:
                    pass
            names = compatible
        if names:
            # The sheet's product first, then common columns; stable sort keeps alias priority.
            names.sort(key=lambda n: 0 if n in own else 1 if n in common else 2)
            return names, unit
    return [], None


_PLAIN_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


def _row_score(schema: Schema, cells: list[str]) -> int:
    """Cells that name a known column (a plain number never does: no alias is one)."""
    return sum(
        1 for c in cells if c and not _PLAIN_NUMBER.fullmatch(c) and header_candidates(schema, (c,))[0]
    )


def find_header(
    schema: Schema, grid: pd.DataFrame, merged: list[MergedRange] | None = None
) -> tuple[int, int, list[tuple[str, ...]]]:
    """-> (first header row index, number of header lines (1-3), header cells per column).

    Title rows above are skipped: the header is the row (or pair of rows) whose cells match the most
    known column names. A two-line header is taken when the line below adds matches; upper cells
    spanning several columns (merged or left blank) are carried to the right. A line of units under
    the names ('kW', '%', 'h') is part of the header.
    """
    n = min(len(grid), _HEADER_SCAN_ROWS)
    rows = [[_text(c) for c in row] for row in grid.iloc[:n].to_numpy(dtype=object).tolist()]
    if not rows:
        return 0, 1, []
    scores = [_row_score(schema, r) for r in rows]
    best = max(range(n), key=lambda i: (scores[i], -i))
    if scores[best] == 0:  # nothing known: first non-empty row is the header
        best = next((i for i, r in enumerate(rows) if any(r)), 0)
    # Two-line header: either the previous row and this one, or this row and the next.
    top, lines, top_score = best, 1, scores[best]
    for upper in (best - 1, best):
        lower = upper + 1
        if upper < 0 or lower >= n or not any(rows[lower]) or not any(rows[upper]):
            continue
        if _looks_numeric(rows[lower]) or _looks_numeric(rows[upper]):
            continue
        up = _spread(rows[upper], upper, merged)
        choices = resolve_columns(schema, list(zip(up, rows[lower], strict=False)))
        combined = sum(1 for c in choices if c.field)
        lower_filled = [i for i, c in enumerate(rows[lower]) if c]
        lower_known = sum(1 for i in lower_filled if header_candidates(schema, (rows[lower][i],))[0])
        if combined > top_score and lower_known * 2 >= len(lower_filled):
            top, lines, top_score = upper, 2, combined
    if lines == 1:
        cells: list[tuple[str, ...]] = [(c,) for c in rows[top]]
    else:
        up = _spread(rows[top], top, merged)
        cells = [(u, lo) if lo else (u,) for u, lo in zip(up, rows[top + 1], strict=False)]
    below = top + lines
    if below < n and _is_unit_row(rows[below]):
        # A line of units under the names: '额定功率' over 'kW' reads as '额定功率(kW)'.
        for i, unit in enumerate(rows[below]):
            if unit and unit not in _COUNT_WORDS and i < len(cells) and parse_header(cells[i][-1])[1] is None:
                cells[i] = (*cells[i][:-1], f"{cells[i][-1]}({unit.strip('()（）[]')})")
        lines += 1
    return top, lines, cells


_COUNT_WORDS = {"台", "个", "套", "台套", "件", "-", "—", "/"}


def _is_unit_row(cells: list[str]) -> bool:
    filled = [c.strip("()（）[]") for c in cells if c and c.strip("()（）[]") not in _COUNT_WORDS]
    return bool(filled) and all(_is_unit_cell(c) for c in filled)


def _is_unit_cell(text: str) -> bool:
    if len(text) > 16 or re.search(r"\d", re.sub(r"(?<=m)[23]|[³²]", "", text)):
        return False  # a digit (other than the 3 of m3) means a value, not a unit
    if text in {"%", "％"}:
        return True
    try:
        return is_word_unit(text) or (
            _is_unit(text) and conversion_factor(text, text) == 1.0 and bool(normalise_unit(text))
        )
    except UnitError:
        return False


def _looks_numeric(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    nums = sum(1 for c in filled if _PLAIN_NUMBER.fullmatch(c))
    return bool(filled) and nums * 2 > len(filled)


def _spread(cells: list[str], row: int, merged: list[MergedRange] | None) -> list[str]:
    """Carry an upper header cell over the columns it spans (merged range, else blanks to its right)."""
    out = list(cells)
    if merged:
        for (r0, c0), (r1, c1) in merged:
            if r0 <= row <= r1 and c0 < len(out):
                for c in range(c0, min(c1 + 1, len(out))):
                    out[c] = out[c] or cells[c0]
        return out
    last = ""
    for i, text in enumerate(out):
        if text:
            last = text
        elif last:
            out[i] = last
    return out


def _fits(schema: Schema, field_name: str | None, products: tuple[str, ...]) -> bool:
    """Whether a mapped field can hold this sheet's values. A workbook mapping is keyed by header text,
    so '冷却方式' mapped to the compressors' `cooling` would reject every row of a chiller sheet with
    the same header; such a column is resolved for the sheet's own product instead."""
    if field_name is None or not products:
        return True
    if any(f.name == field_name for f in (*schema.common, *schema.retrofit)):
        return True
    return any(f.name == field_name for p in products for f in schema.fields_of(p))


def resolve_columns(
    schema: Schema,
    headers: list[tuple[str, ...]],
    mapping: ColumnMapping | None = None,
    products: tuple[str, ...] = (),
) -> list[ColumnChoice]:
    """One ColumnChoice per column; a field is taken by its first column only (later ones -> notes)."""
    out: list[ColumnChoice] = []
    taken: set[str] = set()
    for cells in headers:
        shown = " / ".join(h for h in cells if h)
        if (
            mapping is not None
            and shown in mapping.columns
            and _fits(schema, mapping.columns[shown].field, products)
        ):
            c = mapping.columns[shown]
            field_name = c.field if c.field in schema.by_name and c.field not in taken else None
            choice = ColumnChoice(shown, field_name, c.unit)
        elif not shown:
            choice = ColumnChoice("", None, None)
        else:
            names, unit = header_candidates(schema, cells, products)
            free = [n for n in names if n not in taken]
            choice = ColumnChoice(shown, free[0] if free else None, unit if free else None)
        if choice.field:
            taken.add(choice.field)
        out.append(choice)
    return out
