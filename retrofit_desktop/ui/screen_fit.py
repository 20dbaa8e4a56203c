"""Windows and dialogs fit the screen they open on (a 1366×768 laptop included).

- First start (no saved geometry): the main window is maximised when the screen's available area is
  below 1600×900, otherwise it gets its default size, centred.
- A restored geometry (saved on a bigger screen, or on a monitor no longer attached) and every
  dialog are clamped into the available area of their screen when they are shown: an application
  event filter, so no dialog can be taller than the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QDialog, QWidget

__all__ = ["MAXIMISE_BELOW", "clamp_to_screen", "fit_first_start", "install_screen_fit", "remove_screen_fit"]

#: a screen whose available area is narrower or lower than this gets a maximised main window
MAXIMISE_BELOW = (1600, 900)
#: window frame assumed while the window manager has not framed the window yet (title bar, borders)
ASSUMED_FRAME = QMargins(8, 32, 8, 8)


def _screen(widget: QWidget) -> QScreen | None:
    """The screen the window is on (by its centre), else its own, else the primary screen."""
    found = QGuiApplication.screenAt(widget.frameGeometry().center())
    return found or widget.screen() or QGuiApplication.primaryScreen()


def _frame(widget: QWidget) -> QMargins:
    handle = widget.windowHandle()
    margins = handle.frameMargins() if handle is not None else QMargins()
    if widget.isVisible() and not margins.isNull():
        return margins
    return QMargins(
        max(margins.left(), ASSUMED_FRAME.left()), max(margins.top(), ASSUMED_FRAME.top()),
        max(margins.right(), ASSUMED_FRAME.right()), max(margins.bottom(), ASSUMED_FRAME.bottom()),
    )  # fmt: skip


def fit_first_start(window: QWidget) -> None:
    """Size a main window that has no saved geometry to its screen (call before show())."""
    screen = _screen(window)
    if screen is None:
        return
    avail = screen.availableGeometry()
    clamp_to_screen(window)
    if avail.width() < MAXIMISE_BELOW[0] or avail.height() < MAXIMISE_BELOW[1]:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        outer = window.geometry().marginsAdded(_frame(window))
        outer.moveCenter(avail.center())
        window.move(outer.topLeft())  # move() places the frame's top-left corner


def clamp_to_screen(window: QWidget, move: bool = True) -> None:
    """Shrink and (unless `move` is False) move a normal (not maximised or full-screen) window so that
    its frame lies inside the available area of its screen; as small as its layout allows."""
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    screen = _screen(window)
    if screen is None:
        return
    avail = screen.availableGeometry()
    frame = _frame(window)
    inner = avail.marginsRemoved(frame)  # where the client area may go
    width = max(min(window.width(), inner.width()), window.minimumWidth())
    height = max(min(window.height(), inner.height()), window.minimumHeight())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    if not move:
        return
    geo = QRect(window.geometry().topLeft(), window.size())
    x = min(max(geo.left(), inner.left()), max(inner.right() - geo.width() + 1, inner.left()))
    y = min(max(geo.top(), inner.top()), max(inner.bottom() - geo.height() + 1, inner.top()))
    if (x, y) != (geo.left(), geo.top()):
        window.move(x - frame.left(), y - frame.top())  # move() places the frame's top-left corner


class ScreenFit(QObject):
    """Clamps every top-level window into its screen when it is shown."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            if obj.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog):
                # A dialog is placed over its parent after this event (QDialog.showEvent): moving it
                # now would cancel that, so only its size is clamped now and its place right after.
                dialog = isinstance(obj, QDialog)
                clamp_to_screen(obj, move=not dialog)
                if dialog:
                    QTimer.singleShot(0, obj, lambda w=obj: clamp_to_screen(w))
        return False


_installed: dict[int, ScreenFit] = {}


def install_screen_fit(app: QApplication) -> None:
    if id(app) not in _installed:
        fit = ScreenFit(app)
        app.installEventFilter(fit)
        _installed[id(app)] = fit


def remove_screen_fit(app: QApplication) -> None:
    fit = _installed.pop(id(app), None)
    if fit is not None:
        app.removeEventFilter(fit)
        fit.deleteLater()
