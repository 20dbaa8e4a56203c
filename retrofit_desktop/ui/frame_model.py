"""A small read-only table model over a pandas DataFrame (previews, validation reports, results).

Data stays in the frame's columns; sorting is done with pandas on the columns (not by a Python
proxy model), missing values show as an em dash with the reason in the tooltip when one is given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from retrofit_desktop.values import is_missing

MISSING_TEXT = "—"

Index = QModelIndex | QPersistentModelIndex
Formatter = Callable[[Any], str]


def format_value(value: Any, decimals: int | None = None) -> str:
    """Text for a cell: numbers with thousands separators, missing as an em dash."""
    if is_missing(value):
        return MISSING_TEXT
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value == 0.0:
            return "0"
        if decimals is None:
            decimals = 0 if abs(value) >= 1000 else (2 if abs(value) >= 1 else 4)
        return f"{value:,.{decimals}f}"
    if hasattr(value, "item"):  # numpy scalar
        return format_value(value.item(), decimals)
    return str(value)


class FrameModel(QAbstractTableModel):
    """Read-only view of a DataFrame.

    ``headers`` maps column name -> header label (columns not in ``columns`` are hidden);
    ``formatters`` maps column name -> function(value) -> str; ``row_colour(row: pd.Series)`` may
    return a hex colour for the row's background (only in ``colour_columns`` when given);
    ``tooltips`` maps column -> column whose value is the cell's tooltip (e.g. the reason a value is
    missing).
    """

    def __init__(
        self,
        frame: pd.DataFrame | None = None,
        columns: Sequence[str] | None = None,
        headers: Mapping[str, str] | None = None,
        formatters: Mapping[str, Formatter] | None = None,
        row_colour: Callable[[pd.Series], str | None] | None = None,
        tooltips: Mapping[str, str] | None = None,
        colour_columns: Sequence[str] | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self._headers = dict(headers or {})
        self._formatters = dict(formatters or {})
        self._row_colour = row_colour
        self._tooltips = dict(tooltips or {})
        self._colour_columns = set(colour_columns) if colour_columns is not None else None
        self._wanted = list(columns) if columns is not None else None
        self._frame = pd.DataFrame()
        self._columns: list[str] = []
        self.set_frame(frame if frame is not None else pd.DataFrame())

    # --- data in ---------------------------------------------------------------------------
    def set_frame(
        self,
        frame: pd.DataFrame,
        columns: Sequence[str] | None = None,
        headers: Mapping[str, str] | None = None,
        formatters: Mapping[str, Formatter] | None = None,
    ) -> None:
        """New data; optionally new visible columns, header labels and formatters too."""
        self.beginResetModel()
        if columns is not None:
            self._wanted = list(columns)
        if headers is not None:
            self._headers = dict(headers)
        if formatters is not None:
            self._formatters = dict(formatters)
        self._frame = frame.reset_index(drop=True)
        wanted = self._wanted if self._wanted is not None else [str(c) for c in frame.columns]
        self._columns = [c for c in wanted if c in self._frame.columns]
        self.endResetModel()

    def frame(self) -> pd.DataFrame:
        return self._frame

    def columns(self) -> list[str]:
        return list(self._columns)

    def row_series(self, row: int) -> pd.Series:
        return self._frame.iloc[row]

    # --- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not (0 <= index.row() < len(self._frame))
            or not (0 <= index.column() < len(self._columns))
        ):
            return None
        col = self._columns[index.column()]
        value = self._frame.iat[index.row(), self._frame.columns.get_loc(col)]
        if role == Qt.ItemDataRole.DisplayRole:
            fmt = self._formatters.get(col)
            if fmt is not None and not is_missing(value):
                return fmt(value)
            return format_value(value)
        if role == Qt.ItemDataRole.UserRole:
            return None if is_missing(value) else _plain(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if is_missing(value):
                return int(Qt.AlignmentFlag.AlignCenter)
            if _is_number(value):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            tip_col = self._tooltips.get(col)
            if tip_col and tip_col in self._frame.columns:
                tip = self._frame.iat[index.row(), self._frame.columns.get_loc(tip_col)]
                if is_missing(tip):
                    return None
                fmt = self._formatters.get(tip_col)  # a column's own text (labels, not field names)
                return fmt(tip) if fmt is not None else str(tip)
            return None
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and self._row_colour is not None
            and (self._colour_columns is None or col in self._colour_columns)
        ):
            colour = self._row_colour(self._frame.iloc[index.row()])
            return QBrush(QColor(colour)) if colour else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                col = self._columns[section]
                return self._headers.get(col, col)
            return None
        return str(section + 1) if 0 <= section < len(self._frame) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self._columns)) or self._frame.empty:
            return
        col = self._columns[column]
        ascending = order == Qt.SortOrder.AscendingOrder
        try:
            perm = self._frame[col].sort_values(ascending=ascending, na_position="last", kind="stable").index
        except TypeError:  # mixed types in one column: sort by text
            perm = self._frame[col].astype(str).sort_values(ascending=ascending, kind="stable").index
        new_row_of = {int(old): new for new, old in enumerate(perm)}
        self.layoutAboutToBeChanged.emit()
        self._frame = self._frame.loc[perm].reset_index(drop=True)
        old_list = self.persistentIndexList()
        new_list = [self.index(new_row_of[i.row()], i.column()) for i in old_list]
        self.changePersistentIndexList(old_list, new_list)
        self.layoutChanged.emit()


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iuf")
    )


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value
