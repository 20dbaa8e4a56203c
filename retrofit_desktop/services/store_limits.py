"""An import's rows checked against what the database can store (lengths, integer ranges, finite
numbers, required values; store.limits reads them from the models): a cell over a limit rejects its
row with the sheet, row, column, value (shortened) and reason, like any other bad cell."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..domain import Rejection
from ..store.limits import frame_problems, shorten


def with_store_limits(result: Any) -> Any:
    """`result` (io.ImportResult) with every row holding an unstorable cell moved to the rejections."""
    items = result.items
    problems = frame_problems(items)
    if not problems:
        return result
    headers: dict[str, str] = {}
    for choice in result.mapping.columns.values():
        if choice.field:
            headers.setdefault(choice.field, choice.header)
    sheets, rows = items["sheet"].tolist(), items["row"].tolist()
    added = [
        Rejection(_sheet(sheets[p.position]), _row(rows[p.position]), headers.get(p.column, p.column),
                  None if p.value is None else shorten(p.value), p.reason)
        for p in problems
    ]  # fmt: skip
    bad = sorted({p.position for p in problems})
    kept = items.drop(index=items.index[bad]).reset_index(drop=True)
    order: dict[Any, int] = {}
    for r in [*result.rejected, *added]:
        order.setdefault(r.sheet, len(order))
    rejected = sorted([*result.rejected, *added], key=lambda r: (order[r.sheet], r.row or 0, r.column or ""))
    return replace(result, items=kept, rejected=rejected, imported=len(kept))


def _sheet(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and value != value) else str(value)


def _row(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
