"""Rows and columns of a plant ledger that are not equipment data: total rows (合计/小计/总计) and the
sequence column (序号, No.) that only numbers the lines.

A total row is skipped with a note (never imported, never a rejected row); a sequence column is
dropped (never kept in the notes). Both are decided on the raw cells, before any conversion.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..domain import Rejection, Severity
from ..i18n import _
from .cells import Col
from .fields import Schema, header_key
from .mapping import ColumnChoice, header_candidates

_NUMBER_KINDS = {"floating", "integer", "mixed-integer-float", "decimal"}

__all__ = ["is_total_text", "total_rows", "sequence_columns", "total_row_note", "total_rows_text"]

# '合计', '合 计', '合计：', '小计(电动机)', '本页合计', '电动机小计', 'Total', 'Sub-total'
_TOTAL = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,4}(?:合计|小计|总计|共计)|grand ?total|sub-?total|total|sum)"
    r"(?:[:：].*|[(（\[【].*|\d+(?:\.\d+)?\s*[台个套件]?)?$",
    re.IGNORECASE,
)
# Headers of a column that only numbers the lines (header_key form: NFKC, lower case, no spaces/dots).
_SEQUENCE_HEADERS = frozenset({"序号", "顺序号", "序次", "行号", "项次", "no", "nr", "#", "item", "itemno"})
# A generic header that is a sequence when its cells are 1, 2, 3 … and another column holds the tag.
_WEAK_TAG_HEADERS = frozenset({"编号", "id"})


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def is_total_text(text: object) -> bool:
    """'合计', '合 计', '合　计', '合计：', '小计（电动机）', 'Total' -> True; '合计器' or '总计量表'
    -> False."""
    if not isinstance(text, str):
        return False
    s = _squeeze(text)
    return bool(s) and len(s) <= 24 and _TOTAL.match(s) is not None


_TOTAL_PARTS = ("计", "total", "ｔｏｔａｌ", "sum")
_TOTAL_SPELLINGS = ("计", "otal", "OTAL", "ｏｔａｌ", "ＯＴＡＬ", "sum", "Sum", "SUM")


def _total_cells(col: Col, rows: np.ndarray | None = None) -> list[int]:
    """Positions (among `rows`, default all) whose cell says 合计/小计/总计/Total. Substring tests on the
    joined column first (a few ms for 100,000 cells): a ledger without such a word costs no cell loop."""
    if col.kind in _NUMBER_KINDS or col.kind == "empty":
        return []
    texts = col.text if rows is None else col.text[rows]
    joined = "\x1f".join(texts.tolist())  # no .lower(): slow on CJK text; the spellings are listed instead
    if not any(part in joined for part in _TOTAL_SPELLINGS):
        return []
    pos = np.arange(len(texts)) if rows is None else rows
    return [
        int(p)
        for p, t in zip(pos, texts.tolist(), strict=True)
        if not col.blank[p] and any(part in t.lower() for part in _TOTAL_PARTS) and is_total_text(t)
    ]


def total_rows(
    cols: Sequence[Col], key: Sequence[int], tag: int | None = None
) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Rows whose key column (tag, name, product, sequence) or first filled cell says 合计/小计/总计.

    With a tag column (index `tag`), the other cells are looked at only on rows without a tag: a total
    row carries no asset tag unless the tag cell itself says 合计 (and a 100,000-row ledger then costs
    one pass over its tags, not over every key column).
    -> (mask, [(row position, column index)] of the cell that says so, in row order).
    """
    n = len(cols[0]) if cols else 0
    found: dict[int, int] = {}
    rows = None
    if tag is not None:
        for p in _total_cells(cols[tag]):
            found.setdefault(p, tag)
        rows = np.flatnonzero(cols[tag].blank)
        if not len(rows):
            return _mask(n, found)
    for ci in key:
        if ci != tag:
            for p in _total_cells(cols[ci], rows):
                found.setdefault(p, ci)
    sel = np.arange(n) if rows is None else rows
    first = np.full(len(sel), -1)  # the row's first filled cell (a merged '合 计' spanning the key columns)
    for ci in range(len(cols) - 1, -1, -1):
        first[~cols[ci].blank[sel]] = ci
    for ci in sorted(set(np.unique(first[first >= 0]).tolist()) - set(key)):
        for p in _total_cells(cols[ci], sel[first == ci]):
            found.setdefault(p, ci)
    return _mask(n, found)


def _mask(n: int, found: dict[int, int]) -> tuple[np.ndarray, list[tuple[int, int]]]:
    mask = np.zeros(n, bool)
    mask[list(found)] = True
    return mask, sorted(found.items())


def _is_sequence(col: Col) -> bool:
    """Filled cells are whole numbers (or total words): what a 序号 column holds."""
    filled = np.flatnonzero(~col.blank)
    if not len(filled):
        return True
    for t in col.text_at(filled):
        t = str(t).strip()
        if not (re.fullmatch(r"\d{1,5}(\.0)?", t) or is_total_text(t)):
            return False
    return True


def sequence_columns(
    schema: Schema,
    choices: list[ColumnChoice],
    header_cells: list[tuple[str, ...]],
    cols: Sequence[Col],
    products: tuple[str, ...] = (),
) -> set[int]:
    """Columns that only number the ledger's lines: a 序号/No. header (not mapped, or holding 1, 2, 3 for a
    field the sheet's product lacks), or a '编号' column of 1, 2, 3 … that took the asset tag while another
    column names the tag ('设备编号'), which then gets the asset tag. `choices` are changed in place."""
    drop: set[int] = set()
    own = {f.name for p in products for f in schema.fields_of(p)}
    for i, c in enumerate(choices):
        key = header_key(header_cells[i][-1]) if i < len(header_cells) and header_cells[i] else ""
        if key in _SEQUENCE_HEADERS and (
            c.field is None or (c.field not in own and i < len(cols) and _is_sequence(cols[i]))
        ):  # 'No.' is a fan's 机号 too
            drop.add(i)
            choices[i] = ColumnChoice(c.header, None, None)
        elif c.field == "asset_tag" and key in _WEAK_TAG_HEADERS and i < len(cols) and _is_sequence(cols[i]):
            other = next(
                (
                    j
                    for j, d in enumerate(choices)
                    if j != i
                    and d.field is None
                    and j < len(header_cells)
                    and "asset_tag" in header_candidates(schema, header_cells[j], products)[0]
                ),
                None,
            )
            if other is not None:
                drop.add(i)
                choices[other] = ColumnChoice(choices[other].header, "asset_tag", None)
                choices[i] = ColumnChoice(c.header, None, None)
    return drop


def total_row_note(sheet: str | None, row: int, column: str | None, value: str) -> Rejection:
    """The import summary's note for a skipped total row."""
    return Rejection(sheet, row, column, value, _("total row: skipped, not equipment"), Severity.NOTE)


def total_rows_text(notes: Sequence[Rejection | Mapping[str, Any]]) -> str:
    """'Total rows skipped (not equipment): 2 (电动机!10, 电动机!13)'; '' when there are none."""
    if not notes:
        return ""
    where = []
    for n in notes:
        sheet, row = (n.get("sheet"), n.get("row")) if isinstance(n, Mapping) else (n.sheet, n.row)
        where.append(f"{sheet}!{row}" if sheet else str(row))
    return _("Total rows skipped (not equipment): {count} ({rows})").format(
        count=len(notes), rows=", ".join(where)
    )
