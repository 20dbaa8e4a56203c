"""Import wizard: values not recognised are mapped to allowed values by the user, re-checked, saved with
the column mapping and reused by the next wizard."""

from __future__ import annotations

import os

from retrofit_desktop.ui.import_wizard import ImportWizard
from tests.io.test_value_mapping import compressors
from tests.ui.test_import_wizard import go_to_validation


def test_unknown_values_are_mapped_saved_and_reused(qtbot, ws_eid, tmp_path):
    ws, eid = ws_eid
    path = compressors(tmp_path / "ledger.xlsx")
    wiz = ImportWizard(ws, eid, path=path)
    qtbot.addWidget(wiz)
    go_to_validation(qtbot, wiz)
    page = wiz.validation_page
    assert (wiz.checked.read, wiz.checked.imported) == (4, 2)
    box = page.values
    assert not box.isHidden()
    # the full-width spelling of the same value is one row: one answer covers both
    assert set(box.combos) == {("compressor_type", "老机组(二期)"), ("cooling", "油冷")}
    combo = box.combos[("compressor_type", "老机组(二期)")]
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        "喷油回转式（工频）",
        "喷油回转式（变频）",
    ]
    if os.environ.get("RETROFIT_SHOTS"):
        wiz.grab().save(os.environ["RETROFIT_SHOTS"] + "/wizard-values.png")

    box.choose("compressor_type", "老机组(二期)", "oil_injected_rotary_variable")
    box.choose("cooling", "油冷", "liquid")
    wiz.checked = None
    box.apply_button.click()
    qtbot.waitUntil(lambda: wiz.checked is not None, timeout=30000)
    assert (wiz.checked.imported, wiz.checked.rejected) == (4, [])
    assert box.isHidden()  # nothing left to map
    assert wiz.mapping.values == {
        "compressor_type": {"老机组(二期)": "oil_injected_rotary_variable"},
        "cooling": {"油冷": "liquid"},
    }

    wiz.back()  # the answers are saved with the column mapping
    assert wiz.currentPage() is wiz.mapping_page
    wiz.mapping_page.save_as("空压机台账")

    again = ImportWizard(ws, eid, path=path)
    qtbot.addWidget(again)
    again.show()
    again.next()
    qtbot.waitUntil(again.preview_page.isComplete, timeout=30000)
    again.next()
    again.mapping_page.apply_saved("空压机台账")
    again.next()
    qtbot.waitUntil(lambda: again.checked is not None, timeout=30000)
    assert (again.checked.imported, again.checked.unknown_values) == (4, {})
    got = dict(zip(again.checked.items["asset_tag"], again.checked.items["compressor_type"], strict=True))
    assert got["C-3"] == got["C-4"] == "oil_injected_rotary_variable"
