"""Small helpers shared by the GUI tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import math


def same(a, b) -> bool:
    """Both missing, or equal to 1e-12 relative."""
    return a is None and b is None or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-12))


def finished(qtbot, handle, timeout: int = 60000):
    """Wait for a background task's `finished` signal; -> its status ('done', 'cancelled', 'error')."""
    assert handle is not None
    with qtbot.waitSignal(handle.finished, timeout=timeout) as blocker:
        pass
    return blocker.args[0]


def choose_row(window, row: int) -> None:
    """Make `row` the current and only selected row, as a click does (selectRow would toggle the row
    when an earlier test left Ctrl as the application's keyboard modifier)."""
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag
    window.table.selectionModel().setCurrentIndex(
        window.model.index(row, 0), flags.ClearAndSelect | flags.Rows
    )
