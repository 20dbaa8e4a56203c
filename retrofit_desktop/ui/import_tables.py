"""Tables of the import wizard: the problem cells and spreadsheet column letters."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from PySide6.QtWidgets import QTableView

from retrofit_desktop.domain import Rejection
from retrofit_desktop.ui.frame_model import FrameModel

__all__ = ["REJECTION_COLUMNS", "rejections_frame", "column_letters", "table"]

REJECTION_COLUMNS = ["severity", "sheet", "row", "column", "value", "reason"]


def rejections_frame(rejected: Sequence[Rejection], warnings: Sequence[Rejection] = ()) -> pd.DataFrame:
    """Every problem cell, errors first, in file order."""
    rows = [
        {
            "severity": r.severity.value,
            "sheet": r.sheet or "",
            "row": r.row,
            "column": r.column or "",
            "value": r.value if r.value is not None else "",
            "reason": r.reason,
        }
        for r in [*rejected, *warnings]
    ]
    return pd.DataFrame(rows, columns=REJECTION_COLUMNS)


def column_letters(n: int) -> list[str]:
    """A, B, …, Z, AA, AB, … for a spreadsheet's first n columns."""
    out = []
    for i in range(n):
        s, k = "", i + 1
        while k:
            k, r = divmod(k - 1, 26)
            s = chr(65 + r) + s
        out.append(s)
    return out


def table(model: FrameModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view
