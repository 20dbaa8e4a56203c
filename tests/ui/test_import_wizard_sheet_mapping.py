"""The import wizard's mapping page shows what each sheet really imports: a header shared by two
product sheets (冷却方式: the compressors' cooling, the chillers' heat rejection) is resolved per sheet
by the import, so the page must not show the compressors' field for the chiller sheet."""

from __future__ import annotations

from pathlib import Path

from retrofit_desktop.ui.import_wizard import ImportWizard

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "sample_ledger_zh.xlsx"
COOLING = "铭牌参数 / 冷却方式"  # the sample ledger's two-line header


def _wizard_on_mapping_page(qtbot, ws, eid) -> ImportWizard:
    """The wizard on the sample ledger, past the preview, showing the mapping page."""
    wiz = ImportWizard(ws, eid, path=SAMPLE)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    qtbot.waitUntil(wiz.preview_page.isComplete, timeout=30000)
    wiz.next()
    return wiz


def test_mapping_page_shows_the_field_each_sheet_imports(qtbot, ws_eid):
    ws, eid = ws_eid
    wiz = _wizard_on_mapping_page(qtbot, ws, eid)
    page = wiz.mapping_page
    assert wiz.currentPage() is page
    # the one choice per header text is the compressors' field (first sheet with the header)...
    assert page.combos[COOLING].currentData() == "cooling"
    # ...but per sheet the page shows what the import will use
    assert page.sheet_fields("空压机")[COOLING] == "cooling"
    assert page.sheet_fields("冷水机组")[COOLING] == "heat_rejection"
    # the header's row says so next to the one choice: only the chiller sheet differs
    note = page.sheet_notes[COOLING].text()
    assert "冷水机组" in note and "heat_rejection" in note and "空压机" not in note
    assert page.sheet_notes["设备编号"].text() == ""  # the same field on every sheet: nothing to say
    names = [page.sheet_combo.itemData(i) for i in range(page.sheet_combo.count())]
    assert "冷水机组" in names and "空压机" in names
    page.sheet_combo.setCurrentIndex(names.index("冷水机组"))
    shown = {
        page.sheet_model.row_series(r)["header"]: page.sheet_model.row_series(r)["field"]
        for r in range(page.sheet_model.rowCount())
    }
    assert "heat_rejection" in shown[COOLING]

    # the truth shown is the import's: the chillers' rows carry heat_rejection, the compressors' cooling
    wiz.next()
    qtbot.waitUntil(lambda: wiz.checked is not None, timeout=30000)
    items = wiz.checked.items
    chillers = items[items["sheet"] == "冷水机组"]
    compressors = items[items["sheet"] == "空压机"]
    assert len(chillers) and chillers["heat_rejection"].notna().all()
    assert len(compressors) and compressors["cooling"].notna().all()


def test_changing_a_choice_updates_every_sheet_that_uses_it(qtbot, ws_eid):
    ws, eid = ws_eid
    wiz = _wizard_on_mapping_page(qtbot, ws, eid)
    page = wiz.mapping_page
    page.set_field(COOLING, None)  # not imported: kept in the notes, on every sheet
    assert page.sheet_fields("空压机")[COOLING] is None
    assert page.sheet_fields("冷水机组")[COOLING] is None
