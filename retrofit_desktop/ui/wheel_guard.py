"""The mouse wheel changes a combo box or spin box only when it has the keyboard focus.

Otherwise a page scrolled with the wheel silently changes whatever value passes under the pointer
(a column mapping went from 型号 to 负载率 unseen; 极数 from 4 to 8). One application-wide event
filter: those widgets get ``Qt.StrongFocus`` (so the wheel no longer gives them focus), and a wheel
event over one without focus goes to the scroll area around it, which scrolls.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

__all__ = ["WheelGuard", "install_wheel_guard", "remove_wheel_guard"]

GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(obj, GUARDED):
            _strong_focus(obj)
        elif kind == QEvent.Type.Wheel and isinstance(obj, GUARDED) and not obj.hasFocus():
            _strong_focus(obj)
            _scroll_instead(obj, cast(QWheelEvent, event))  # a Wheel event is a QWheelEvent
            return True  # the value stays
        return False


def _strong_focus(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _scroll_instead(widget: QWidget, event: QWheelEvent) -> None:
    """Give the wheel to the nearest scroll area around `widget` (nothing happens when there is none)."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        event.accept()
        return
    viewport = area.viewport()
    pos = QPointF(widget.mapTo(viewport, event.position().toPoint()))
    forwarded = QWheelEvent(
        pos, event.globalPosition(), event.pixelDelta(), event.angleDelta(), event.buttons(),
        event.modifiers(), event.phase(), event.inverted(), event.source(), event.pointingDevice(),
    )  # fmt: skip
    QApplication.sendEvent(viewport, forwarded)
    event.accept()


_installed: dict[int, WheelGuard] = {}


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the filter on `app` once (further calls return the installed one)."""
    guard = _installed.get(id(app))
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        _installed[id(app)] = guard
    return guard


def remove_wheel_guard(app: QApplication) -> None:
    guard = _installed.pop(id(app), None)
    if guard is not None:
        app.removeEventFilter(guard)
        guard.deleteLater()
