"""Small layout helpers shared by the window's pages."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLayout, QScrollArea, QWidget

_Q = TypeVar("_Q", bound=QObject)


def scrollable(widget: QWidget) -> QScrollArea:
    """A tab page that scrolls instead of forcing its minimum width on the whole window."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


def named(obj: _Q, name: str) -> _Q:
    """`obj` with its object name set (tests and style sheets find widgets by it).

    PySide6 accepts ``objectName=`` as a constructor keyword, but its type stubs do not list it."""
    obj.setObjectName(name)
    return obj


def clear_grid(layout: QLayout) -> None:
    """Take every item out of `layout` and delete its widget (a grid rebuilt row by row)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
