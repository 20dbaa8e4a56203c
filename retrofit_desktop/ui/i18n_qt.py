"""Languages in the Qt layer: Qt's own qtbase translations for standard dialogs + the product catalogue.

The product's strings come from ``retrofit_desktop.i18n`` (gettext); this module only adds Qt's
translator for buttons such as OK/Cancel in QMessageBox and QFileDialog, and keeps the two in step.
A language change is applied at runtime by rebuilding the main window (see ``app.AppController``).
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from .. import i18n

_installed: list[QTranslator] = []


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def apply_language(app: QApplication, lang: str) -> str:
    """Set the product language and install Qt's matching translator; returns 'zh' or 'en'."""
    code = i18n.set_language(lang)
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if code == "zh":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        t = QTranslator(app)
        if t.load("qtbase_zh_CN", qt_translations_dir()):
            app.installTranslator(t)
            _installed.append(t)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return code


def installed_translators() -> list[QTranslator]:
    return list(_installed)
