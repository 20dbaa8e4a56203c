"""Start the desktop app: ``python -m retrofit_desktop.ui.app [--sample] [--db URL] [--lang zh|en]``.

``--screenshot PNG --quit-after MS`` grabs the main window to a PNG and quits (for Xvfb checks).
A language change is applied at runtime by rebuilding the main window (same workspace, same
enterprise, same geometry); Qt's qtbase translator is swapped at the same time.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from typing import TYPE_CHECKING

from ..i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ..services import Workspace
    from .main_window import MainWindow

NO_DISPLAY_HINT = """retrofit-desktop: no display found (DISPLAY and WAYLAND_DISPLAY are unset).
  On a desktop, start it from a terminal inside the graphical session.
  On a headless machine, run it on a virtual screen:
      ./dev run --xvfb
  or  xvfb-run -a python -m retrofit_desktop.ui.app --sample
  (add '--screenshot shot.png --quit-after 3000' to grab the window and quit),
  or set QT_QPA_PLATFORM=offscreen for a window nobody can see."""


#: how long quitting waits for background workers to return (they are cancelled first)
QUIT_WAIT_MS = 10_000


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    p = argparse.ArgumentParser(prog="retrofit-desktop", description=_("Retrofit Desktop"))
    p.add_argument("--sample", action="store_true", help="create the sample enterprise on first start")
    p.add_argument(
        "--db", metavar="URL", help="workspace database URL or SQLite file (default: the data dir)"
    )
    p.add_argument("--read-only", action="store_true", help="open the workspace read-only (inspection)")
    p.add_argument(
        "--lang", choices=["zh", "en"], help="language for this run (default: the saved setting, zh)"
    )
    p.add_argument("--screenshot", metavar="PNG", help="grab the main window to this PNG, then quit")
    p.add_argument("--quit-after", metavar="MS", type=int, help="quit after this many milliseconds")
    return p.parse_known_args(argv)


def display_missing() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    if sys.platform.startswith("linux"):
        return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return False


class AppController:
    """Owns the workspace and the main window; rebuilds the window when the language changes."""

    def __init__(self, app: QApplication, ws: Workspace | None = None, url: str | None = None) -> None:
        from .screen_fit import install_screen_fit
        from .wheel_guard import install_wheel_guard

        self.app, self.ws, self.url = app, ws, url
        self.window: MainWindow | None = None
        install_wheel_guard(app)  # the wheel changes a combo or spin box only when it has focus
        install_screen_fit(app)  # every window and dialog inside its screen

    def show(self, enterprise_id: int | None = None) -> MainWindow:
        from . import settings
        from .main_window import MainWindow
        from .screen_fit import fit_first_start

        first_start = settings.window_state()[0] is None
        window = MainWindow(self.ws, self.url, enterprise_id=enterprise_id)
        if first_start:
            fit_first_start(window)
        window.language_change_requested.connect(self.switch_language)
        window.show()
        self.window = window
        return window

    def switch_language(self, lang: str) -> MainWindow:
        from . import settings
        from .i18n_qt import apply_language
        from .unsaved import resolve

        if self.window is not None and not resolve(self.window):
            return self.window  # Cancel: the unsaved item edits stay, in the old language
        code = apply_language(self.app, lang)
        settings.set_language(code)
        old = self.window
        ws = old.ws if old is not None else self.ws
        self.ws, self.url = ws, (old.url if old is not None else self.url)
        enterprise = old.enterprise_id if old is not None else None
        if old is not None:
            old.close()  # saves geometry and dock state, which the new window restores
            old.deleteLater()
        return self.show(enterprise)


def main(argv: list[str] | None = None) -> int:
    args, qt_args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if display_missing():
        print(NO_DISPLAY_HINT, file=sys.stderr)
        return 2

    from PySide6.QtCore import QTimer

    from .errors import install_excepthook, setup_logging

    app = make_application(qt_args, args.lang)
    setup_logging()
    install_excepthook()

    controller = AppController(app, None, args.db)
    stuck: list[bool] = []
    # No worker (assessment, import, search index) may outlive the QApplication: cancel and wait,
    # then close the database.
    app.aboutToQuit.connect(lambda: stuck.append(not shut_down(controller)))

    controller.show()  # the empty window first; pandas, the catalog and the data come next
    failed: list[int] = []
    QTimer.singleShot(0, lambda: load_workspace(controller, args, failed))
    if args.screenshot or args.quit_after is not None:
        delay = args.quit_after if args.quit_after is not None else 1500
        QTimer.singleShot(delay, lambda: finish(app, controller, args.screenshot, failed))
    code = app.exec()
    if any(stuck):  # a worker ignored Cancel: leave anyway; the database rolls its open transaction back
        logging.shutdown()
        os._exit(code)
    return code


def make_application(qt_args: list[str], lang: str | None) -> QApplication:
    """The QApplication with the app's names, font, icon and language (the saved one unless `lang`)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from .. import __version__
    from ..resources import resource_path
    from . import settings
    from .fonts import apply_app_font
    from .i18n_qt import apply_language

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["retrofit-desktop", *qt_args])
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationVersion(__version__)
    apply_app_font(app)
    app.setWindowIcon(QIcon(str(resource_path("icons", "app.png"))))  # three bars in the tier colours
    apply_language(app, lang or settings.language())
    app.setApplicationDisplayName(_("Retrofit Desktop"))
    return app


def load_workspace(controller: AppController, args: argparse.Namespace, failed: list[int]) -> None:
    """Open the workspace (and the sample on first start) and show it in the window already on screen;
    the items show at once and are classified on a worker (MainWindow.attach(classify_later=True)).
    An error is shown in the status bar and on stderr, and its exit code appended to `failed`."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from .errors import expected_message, log_file

    _mark("window_shown")
    window = controller.window
    assert window is not None
    window.statusBar().showMessage(_("Opening the workspace…"))
    from .. import services

    try:
        ws = services.open_workspace(args.db, read_only=args.read_only)
        if args.sample and not args.read_only:
            services.ensure_sample_enterprise(ws)
        controller.ws = ws
        window.classified.connect(lambda: QTimer.singleShot(0, lambda: _mark("tiers_shown")))
        window.attach(ws, args.db, classify_later=True)
        if ws.notice:  # read-only from a private copy of a workspace with pending changes
            window.statusBar().showMessage(ws.notice)
            print(f"retrofit-desktop: {ws.notice}", file=sys.stderr)
        QTimer.singleShot(0, lambda: _mark("workspace_loaded"))  # the next turn: the table is painted
    except Exception as exc:  # say why on stderr too; in --quit-after mode never wait in a dialog
        message = expected_message(exc)
        if message is None:
            logging.getLogger("retrofit_desktop.ui").error("start-up failed", exc_info=exc)
            message = _("An unexpected error occurred ({kind}). Details were written to {path}").format(
                kind=type(exc).__name__, path=str(log_file())
            )
        print(f"retrofit-desktop: {message}", file=sys.stderr)
        window.statusBar().showMessage(message)
        failed.append(2 if expected_message(exc) else 1)
        if not (args.screenshot or args.quit_after is not None):
            QMessageBox.critical(window, _("Retrofit Desktop"), message)


def finish(app: QApplication, controller: AppController, screenshot: str | None, failed: list[int]) -> None:
    """--quit-after: once the items shown are classified, grab the screenshot (if asked) and quit."""
    window = controller.window
    if window is not None and window.classifying():
        window.classified.connect(lambda: finish(app, controller, screenshot, failed))
        return
    for _i in range(3):  # let pending layout requests settle (the load may just have finished)
        app.processEvents()
    if screenshot and window is not None:
        window.grab().save(screenshot)
    app.exit(failed[0] if failed else 0)


def shut_down(controller: AppController, timeout_ms: int | None = None) -> bool:
    """Cancel every background task, wait for the workers (`QUIT_WAIT_MS`), close the workspace; False
    if a worker is still running after that (the workspace is then left open for it)."""
    from . import tasks

    timeout_ms = QUIT_WAIT_MS if timeout_ms is None else timeout_ms
    if not tasks.wait_for_all(timeout_ms):
        logging.getLogger("retrofit_desktop.ui").error(
            "a background task was still running %d ms after quit", timeout_ms
        )
        return False
    window_ws = getattr(controller.window, "ws", None)
    for ws in {id(w): w for w in (controller.ws, window_ws) if w is not None}.values():
        ws.close()
    return True


def _mark(label: str) -> None:
    """With RETROFIT_STARTUP_T0 (epoch seconds at launch) set, print the time since launch and the CPU
    time of the process so far (all threads; on a loaded machine the steadier figure) for bench_startup."""
    t0 = os.environ.get("RETROFIT_STARTUP_T0")
    if t0:
        wall, cpu = time.time() - float(t0), time.process_time()
        print(f"startup {label} {wall:.3f} {cpu:.3f}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
