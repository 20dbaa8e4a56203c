"""Small layout helpers shared by the window's pages."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QWidget


def scrollable(widget: QWidget) -> QScrollArea:
    """A tab page that scrolls instead of forcing its minimum width on the whole window."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area
