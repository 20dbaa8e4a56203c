"""导入记录: the imports of one enterprise (file, SHA-256, time, rows read / imported / rejected, the
合计/小计 rows skipped) and, for the selected import, its rejected cells (sheet, row, column, value,
reason)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _

Index = QModelIndex | QPersistentModelIndex
Column = tuple[str, Callable[[Any], Any], bool]  # header, value of a row, right-aligned


class RowsModel(QAbstractTableModel):
    """A read-only table of `rows`, one column per (header, getter, right-aligned)."""

    def __init__(
        self, columns: Sequence[Column], rows: Sequence[Any] = (), parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows = list(rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        header, get, right = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = get(self._rows[index.row()])
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0]
        return None


def import_columns() -> list[Column]:
    return [
        (_("Time"), lambda r: r.imported_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), False),
        (_("File"), lambda r: r.file_name, False),
        ("SHA-256", lambda r: r.sha256[:12], False),
        (_("Read"), lambda r: r.read, True),
        (_("Imported"), lambda r: r.imported, True),
        (_("Added"), lambda r: r.added, True),
        (_("Updated"), lambda r: r.updated, True),
        (_("Unchanged"), lambda r: r.unchanged, True),
        (_("Rejected"), lambda r: r.rejected, True),
        (_("Total/subtotal rows skipped (not equipment)"), lambda r: len(r.total_rows), True),
    ]


def cell_columns() -> list[Column]:
    return [
        (_("Sheet"), lambda c: c.get("sheet"), False),
        (_("Row"), lambda c: c.get("row"), True),
        (_("Column"), lambda c: c.get("column"), False),
        (_("Value"), lambda c: c.get("value"), False),
        (_("Reason"), lambda c: c.get("reason"), False),
    ]


class ImportHistoryDialog(QDialog):
    def __init__(self, ws: Any, enterprise_id: int, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importHistoryDialog")
        self.setWindowTitle(_("Import records") + (f" — {name}" if name else ""))
        from .. import (
            services,  # here, not at the top: the main window imports this module before its first paint
        )

        records = services.import_history(ws, enterprise_id)
        self.imports = RowsModel(import_columns(), records, self)
        self.cells = RowsModel(cell_columns(), (), self)
        self.import_view = _table(self.imports, "importTable")
        header = self.import_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the file name
        self.cell_view = _table(self.cells, "rejectedCellTable")
        self.cell_label = QLabel(self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.import_view)
        lower = QWidget(split)
        box = QVBoxLayout(lower)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.cell_label)
        box.addWidget(self.cell_view)
        split.addWidget(lower)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not records:
            layout.addWidget(QLabel(_("No file has been imported into this enterprise yet."), self))
        layout.addWidget(split)
        layout.addWidget(buttons)
        self.import_view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._show_cells(cur.row())
        )
        self.resize(820, 480)
        if records:
            self.import_view.selectRow(len(records) - 1)  # the latest import
        else:
            self._show_cells(-1)

    def _show_cells(self, row: int) -> None:
        rec = self.imports.row_object(row) if row >= 0 else None
        cells = list(rec.rejected_cells) if rec is not None else []
        self.cells.set_rows(cells)
        self.cell_label.setText(
            _("Rejected cells of {file}: {n}").format(file=rec.file_name, n=len(cells))
            if rec is not None
            else ""
        )


def _table(model: QAbstractTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def show_import_history(win: Any) -> None:
    """The main window's action: the dialog for the selected enterprise."""
    if win.enterprise_id is None:
        return
    dialog = ImportHistoryDialog(
        win.ws, win.enterprise_id, win.tree.enterprise_name(win.enterprise_id) or "", win
    )
    win._import_history = dialog  # kept alive while open
    dialog.open()
