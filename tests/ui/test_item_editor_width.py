"""The item editor fits its dock on a 1366×768 laptop: no field is cut off on the right, in either
language, for every product (long English product names and enumeration labels used to widen the form
past the dock, and the editor's scroll area has no horizontal scroll bar)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea

from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.i18n import use_language
from retrofit_desktop.ui.item_editor import ItemEditor

DOCK_WIDTH = 380  # the editor dock's minimum width (main_window), what a 1366 px screen leaves it


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_product_form_fits_the_dock(qtbot, lang):
    with use_language(lang):
        editor = ItemEditor(get_catalog())
        qtbot.addWidget(editor)
        editor.resize(DOCK_WIDTH, 700)
        editor.show()
        scroll = editor.findChild(QScrollArea)
        too_wide = {}
        for product in get_catalog().products:
            editor.load({"product": product, "asset_tag": "X-1", "name": "x"})
            qtbot.wait(1)
            need = scroll.widget().minimumSizeHint().width()
            if need > scroll.viewport().width():
                too_wide[product] = need
    assert too_wide == {}, f"viewport {scroll.viewport().width()} px"
