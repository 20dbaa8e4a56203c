"""ui.import_wizard end to end: preview, auto-mapping, saved mappings, every rejected cell, import."""

from __future__ import annotations

import math

import openpyxl

from retrofit_desktop import services
from retrofit_desktop.ui.import_wizard import ImportWizard, column_letters, saved_mapping_names

HEADER = [
    "设备编号",
    "设备名称",
    "产品类别",
    "额定功率(kW)",
    "极数",
    "效率(%)",
    "年运行小时",
    "负载率",
    "备用列",
]
ROWS = [
    ["M-1", "1#泵电机", "motor", "55", "4", "93.0", "6000", "0.75", "x"],
    ["M-2", "2#泵电机", "motor", "abc", "4", "93.0", "6000", "0.75", ""],  # bad power: row rejected
    ["M-3", "风机电机", "motor", "15", "2", "90.1", "4000", "0.8", ""],
    ["M-4", "未知设备", "火箭发动机", "15", "2", "90.1", "4000", "0.8", ""],  # unknown product: rejected
    ["M-5", "空压机电机", "motor", "7.5", "4", "", "3000", "0.6", ""],  # no efficiency: kept (no_value)
]


def write_csv(path):
    lines = [",".join(HEADER)] + [",".join(r) for r in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def go_to_validation(qtbot, wiz):
    wiz.show()
    wiz.next()  # file -> preview (reads in the background)
    qtbot.waitUntil(wiz.preview_page.isComplete, timeout=30000)
    wiz.next()  # -> mapping
    assert wiz.currentPage() is wiz.mapping_page
    wiz.next()  # -> validation (checks in the background)
    qtbot.waitUntil(lambda: wiz.checked is not None, timeout=30000)


def rejected_cells(wiz):
    m = wiz.validation_page.model
    return [m.row_series(r) for r in range(m.rowCount())]


def test_csv_end_to_end(qtbot, qtmodeltester, ws_eid, tmp_path):
    ws, eid = ws_eid
    path = write_csv(tmp_path / "台账.csv")
    wiz = ImportWizard(ws, eid, path=path)
    qtbot.addWidget(wiz)
    go_to_validation(qtbot, wiz)

    preview = wiz.preview_page.model
    assert preview.columns()[:3] == ["A", "B", "C"]
    assert preview.rowCount() == 1 + len(ROWS)  # header line + data lines
    assert preview.data(preview.index(0, 3)) == "额定功率(kW)"
    qtmodeltester.check(preview, force_py=True)

    mapped = {h: c.currentData() for h, c in wiz.mapping_page.combos.items()}
    assert mapped["额定功率(kW)"] == "rated_power_kw"
    assert mapped["效率(%)"] == "efficiency_pct"
    assert mapped["备用列"] is None  # unknown column: kept in notes

    r = wiz.checked
    assert r.read == 5
    assert r.imported == 3  # M-1, M-3, M-5
    cells = rejected_cells(wiz)
    errors = [c for c in cells if c["severity"] == "error"]
    # CSV line numbers: header is line 1, so M-2 is line 3 and M-4 line 5
    assert {int(c["row"]) for c in errors} == {3, 5}
    bad_power = [c for c in errors if int(c["row"]) == 3]
    assert any(c["value"] == "abc" and "功率" in c["column"] for c in bad_power)
    assert any("火箭发动机" in str(c["value"]) for c in errors if int(c["row"]) == 5)
    assert len(errors) == len(r.rejected)
    text = wiz.validation_page.counts.text()
    assert "5" in text and "3" in text and "2" in text  # read 5 = accepted 3 + rejected 2
    assert r.read == r.imported + len({c["row"] for c in errors})
    qtmodeltester.check(wiz.validation_page.model, force_py=True)

    with qtbot.waitSignal(wiz.imported, timeout=30000) as blocker:
        wiz.next()  # -> import (commit page)
    report = blocker.args[0]
    assert (report.read, report.added, report.updated, report.unchanged) == (5, 3, 0, 0)
    items = services.load_items(ws, eid)
    assert sorted(items["asset_tag"]) == ["M-1", "M-3", "M-5"]
    m1 = items.set_index("asset_tag").loc["M-1"]
    assert m1["rated_power_kw"] == 55.0 and m1["efficiency_pct"] == 93.0
    assert math.isnan(items.set_index("asset_tag").loc["M-5", "efficiency_pct"])  # missing stays missing
    assert wiz.import_page.isComplete()


def test_mapping_is_editable_and_saved_in_settings(qtbot, ws_eid, tmp_path):
    ws, eid = ws_eid
    path = write_csv(tmp_path / "ledger.csv")
    wiz = ImportWizard(ws, eid, path=path)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    qtbot.waitUntil(wiz.preview_page.isComplete, timeout=30000)
    wiz.next()
    page = wiz.mapping_page
    page.set_field("效率(%)", None)  # the user decides not to import the efficiency column
    page.save_as("无效率列")
    assert "无效率列" in saved_mapping_names()
    wiz.next()
    qtbot.waitUntil(lambda: wiz.checked is not None, timeout=30000)
    assert wiz.checked.items["efficiency_pct"].isna().all()
    assert wiz.checked.imported == 3

    # a second wizard on the same layout picks the saved mapping up
    again = ImportWizard(ws, eid, path=path)
    qtbot.addWidget(again)
    again.show()
    again.next()
    qtbot.waitUntil(again.preview_page.isComplete, timeout=30000)
    again.next()
    assert again.mapping_page.combos["效率(%)"].currentData() == "efficiency_pct"
    again.mapping_page.apply_saved("无效率列")
    assert again.mapping_page.combos["效率(%)"].currentData() is None
    assert again.mapping_page.combos["额定功率(kW)"].currentData() == "rated_power_kw"


def test_xlsx_with_two_sheets(qtbot, ws_eid, tmp_path):
    ws, eid = ws_eid
    path = tmp_path / "ledger.xlsx"
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "一车间"
    for row in [HEADER, *ROWS[:2]]:
        first.append(row)
    second = wb.create_sheet("二车间")
    for row in [HEADER, *ROWS[2:]]:
        second.append(row)
    wb.save(path)
    wiz = ImportWizard(ws, eid, path=path)
    qtbot.addWidget(wiz)
    go_to_validation(qtbot, wiz)
    combo = wiz.preview_page.sheet_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["一车间", "二车间"]
    combo.setCurrentIndex(1)
    assert wiz.preview_page.model.data(wiz.preview_page.model.index(1, 0)) == "M-3"
    errors = [c for c in rejected_cells(wiz) if c["severity"] == "error"]
    where = {(c["sheet"], int(c["row"])) for c in errors}
    assert where == {("一车间", 3), ("二车间", 3)}  # M-2 is row 3 of sheet 1, M-4 row 3 of sheet 2
    assert wiz.checked.read == 5 and wiz.checked.imported == 3


def test_missing_file_is_reported_on_the_first_page(qtbot, ws_eid, tmp_path):
    ws, eid = ws_eid
    wiz = ImportWizard(ws, eid, path=tmp_path / "nope.csv")
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    assert wiz.currentPage() is wiz.file_page
    assert "nope.csv" in wiz.file_page.error.text()


def test_column_letters():
    assert column_letters(3) == ["A", "B", "C"]
    assert column_letters(28)[25:] == ["Z", "AA", "AB"]
