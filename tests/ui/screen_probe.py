"""Open the main window and every dialog the way a user does, on whatever screen Qt reports, and
print their frame geometries and the screen's available geometry as JSON (one line).

Run in a subprocess by tests/ui/test_screen_fit.py with a 1366×768 offscreen screen
(``QT_QPA_PLATFORM=offscreen:configfile=…``); ``--shots DIR`` also saves screenshots of the main
window and the import wizard's mapping and validation pages (how docs/screenshots were taken, with
``--ledger`` a CSV holding a few bad cells, so that the validation page shows rejections). Needs
RETROFIT_DATA_DIR and XDG_CONFIG_HOME pointing at temporary folders (a fresh first start).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]
LEDGER = ROOT / "resources" / "sample" / "sample_ledger_zh.xlsx"


def rect(w: QWidget) -> list[int]:
    g = w.frameGeometry()
    return [g.x(), g.y(), g.width(), g.height()]


def settle(app: QApplication, wait=None, timeout_s: float = 60) -> None:
    import time

    end = time.monotonic() + timeout_s
    while True:
        for _i in range(5):
            app.processEvents()
        if wait is None or wait() or time.monotonic() > end:
            return
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="zh")
    parser.add_argument("--shots", metavar="DIR")
    parser.add_argument("--ledger", default=str(LEDGER), help="the file the import wizard opens")
    parser.add_argument("--restore", metavar="W,H,X,Y", help="a saved geometry from another screen")
    args = parser.parse_args()

    from retrofit_desktop import services
    from retrofit_desktop.ui import settings
    from retrofit_desktop.ui.app import AppController
    from retrofit_desktop.ui.fonts import apply_app_font
    from retrofit_desktop.ui.i18n_qt import apply_language

    app = QApplication(["screen-probe"])
    app.setOrganizationName("retrofit-screen-probe")
    settings.use_organisation("retrofit-screen-probe")
    apply_app_font(app)
    apply_language(app, args.lang)
    if args.restore:  # the geometry a bigger screen saved: a window of that size at that place
        from PySide6.QtWidgets import QMainWindow

        w, h, x, y = (int(v) for v in args.restore.split(","))
        big = QMainWindow()
        big.setGeometry(x, y, w, h)
        settings.save_window_state(big.saveGeometry(), big.saveState())
    ws = services.open_workspace(None)
    services.ensure_sample_enterprise(ws)
    controller = AppController(app, ws, str(ws.url))
    win = controller.show()
    settle(app, lambda: win.model.rowCount() > 0)
    out: dict = {"available": rect_of(app.primaryScreen().availableGeometry()), "windows": {}}
    out["windows"]["main"] = rect(win) + [int(win.isMaximized())]
    if args.shots:
        win.grab().save(str(Path(args.shots) / f"main_window_{args.lang}.png"))
    for i in range(win.tabs.count()):  # every tab built: its minimum size must not push the window out
        win.tabs.setCurrentIndex(i)
        settle(app)
        out["windows"][f"main/tab{i}"] = rect(win) + [int(win.isMaximized())]
    win.tabs.setCurrentIndex(0)

    win.open_import(args.ledger)
    wiz = win._import_wizard
    settle(app)
    out["windows"]["import_wizard/1"] = rect(wiz)
    wiz.next()
    settle(app, wiz.preview_page.isComplete)
    out["windows"]["import_wizard/2"] = rect(wiz)
    wiz.next()
    settle(app)
    out["windows"]["import_wizard/3"] = rect(wiz)
    if args.shots:  # the column mapping
        wiz.grab().save(str(Path(args.shots) / "features_import_wizard_2.png"))
    wiz.next()
    settle(app, lambda: wiz.checked is not None)
    out["windows"]["import_wizard/4"] = rect(wiz)
    if args.shots:  # the rejected cells
        wiz.grab().save(str(Path(args.shots) / "features_import_wizard_3.png"))
    wiz.reject()
    settle(app)

    win.export_report()
    settle(app)
    out["windows"]["report_dialog"] = rect(win._report_dialog)
    win._report_dialog.reject()
    win.show_scenarios()
    settle(app)
    out["windows"]["scenarios"] = rect(win._scenarios)
    win._scenarios.reject()
    from retrofit_desktop.ui.about import AboutDialog

    about = AboutDialog(win.catalog, win)
    about.show()
    settle(app)
    out["windows"]["about"] = rect(about)
    about.close()
    win.show_shortcuts()
    settle(app)
    out["windows"]["shortcuts"] = rect(win._shortcuts_box)
    win._shortcuts_box.close()
    settle(app)
    print(json.dumps(out))
    win.close()
    ws.close()
    return 0


def rect_of(g) -> list[int]:
    return [g.x(), g.y(), g.width(), g.height()]


if __name__ == "__main__":
    sys.exit(main())
