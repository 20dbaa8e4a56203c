"""The import wizard's table of values not recognised: per enumeration column, each value as written in
the file and the allowed value the user maps it to (kept in the column mapping, saved with it)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from retrofit_desktop.i18n import _
from retrofit_desktop.ui.widgets import clear_grid, named

__all__ = ["ValueMappingBox"]


class ValueMappingBox(QGroupBox):
    """Rows of (column, value in the file, allowed value); hidden while every value is read."""

    applied = Signal()  # the user asked to check the file again with the answers given

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Values not recognised"), parent)
        self.setObjectName("valueMapping")
        self.combos: dict[tuple[str, str], QComboBox] = {}
        self.grid = QGridLayout()
        hint = QLabel(
            _(
                "Choose the allowed value each of these cells means; the answer is kept with the "
                "column mapping and used for the next import too."
            )
        )
        hint.setWordWrap(True)
        self.apply_button = named(QPushButton(_("Apply and check again")), "applyValues")
        self.apply_button.clicked.connect(self.applied.emit)
        lay = QVBoxLayout(self)
        lay.addWidget(hint)
        lay.addLayout(self.grid)
        lay.addWidget(self.apply_button)
        self.setVisible(False)

    def show_unknown(self, rows: list[Any], answers: dict[str, dict[str, str]]) -> None:
        """`rows`: services.UnknownValues; `answers`: the mapping's present value table."""
        clear_grid(self.grid)
        self.combos.clear()
        for col, title in enumerate((_("Column"), _("Value in the file"), _("Allowed value"))):
            self.grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        line = 1
        for row in rows:
            for written in row.written:
                combo = QComboBox()
                combo.addItem(_("(not recognised: the row is rejected)"), None)
                for value, label in row.choices:
                    combo.addItem(label, value)
                chosen = answers.get(row.field, {}).get(written)
                combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
                self.grid.addWidget(QLabel(row.label), line, 0)
                self.grid.addWidget(QLabel(written), line, 1)
                self.grid.addWidget(combo, line, 2)
                self.combos[(row.field, written)] = combo
                line += 1
        self.setVisible(bool(self.combos))

    def choose(self, field: str, written: str, value: str) -> None:
        combo = self.combos[(field, written)]
        i = combo.findData(value)
        if i < 0:
            raise KeyError(value)
        combo.setCurrentIndex(i)

    def answers(self, previous: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        """`previous` (answers saved earlier, kept) updated with the choices made here."""
        out = {f: dict(m) for f, m in previous.items()}
        for (field, written), combo in self.combos.items():
            value = combo.currentData()
            if value is None:
                out.get(field, {}).pop(written, None)
            else:
                out.setdefault(field, {})[written] = value
        return {f: m for f, m in out.items() if m}
