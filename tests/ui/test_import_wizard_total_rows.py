"""The import wizard's check page says which rows were totals (合计/小计) and lists them as notes,
apart from the errors and warnings (issue 11 A.2)."""

from __future__ import annotations

from messy_ledger import EXPECTED, FRACTIONS, TOTAL_ROWS, write_messy_ledger

from retrofit_desktop import services
from retrofit_desktop.i18n import use_language
from retrofit_desktop.ui.import_wizard import ImportWizard


def test_check_page_notes_the_total_rows(qtbot, ws_eid, tmp_path):
    ws, eid = ws_eid
    path = write_messy_ledger(tmp_path / "台账.xlsx")
    with use_language("en"):
        wiz = ImportWizard(ws, eid, path=path)
        qtbot.addWidget(wiz)
        wiz.show()
        wiz.next()
        qtbot.waitUntil(wiz.preview_page.isComplete, timeout=30000)
        wiz.next()
        wiz.next()
        qtbot.waitUntil(lambda: wiz.checked is not None, timeout=30000)
        text = wiz.validation_page.counts.text()
        m = wiz.validation_page.model
        rows = [m.row_series(r) for r in range(m.rowCount())]
        shown = [m.data(m.index(r, 0)) for r in range(m.rowCount())]
    assert "Rows read: 10 = accepted 9 + rejected 1" in text
    assert "Total rows skipped (not equipment): 3 (电动机!10, 电动机!13, 空压机及其他!9)" in text
    notes = [(r["sheet"], int(r["row"])) for r in rows if r["severity"] == "note"]
    assert notes == list(TOTAL_ROWS)
    assert [r["severity"] for r in rows].count("warning") == len(FRACTIONS)
    assert [r["severity"] for r in rows].count("error") == 1
    assert shown.count("note") == 3  # the severity column reads 'note' for them
    with qtbot.waitSignal(wiz.imported, timeout=30000) as blocker:
        wiz.next()
    assert len(blocker.args[0].total_rows) == 3
    assert sorted(services.load_items(ws, eid)["asset_tag"]) == sorted(EXPECTED)
