"""导入记录: the selected enterprise's imports in a dialog reached from its context menu and the Edit
menu; the rejected cells of the selected import below them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from retrofit_desktop import services
from retrofit_desktop.i18n import use_language

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from messy_ledger import TOTAL_ROWS, write_messy_ledger

pytestmark = pytest.mark.usefixtures("private_settings")


def _ledger(path):
    lines = ["设备编号,产品,额定功率(kW),极数,效率(%)"]
    lines += [f"M-{i},motor,11,4,90" for i in range(1, 11)]
    lines += ["M-11,不存在的产品,11,4,90", "M-12,motor,11,4,150"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_dialog_lists_the_imports_and_the_rejected_cells(window, ws, tmp_path, qtbot, qtmodeltester):
    assert window.act_import_history in window.tree.actions()  # the enterprise's context menu
    assert not window.act_import_history.isEnabled()  # no enterprise chosen
    path = _ledger(tmp_path / "一车间台账.csv")
    eid, _rep = services.import_file_as(ws, path, "导入记录企业")
    services.import_file(ws, path, eid)  # again: all unchanged
    window.reload_enterprises(select=eid)
    window.tree.select_enterprise(eid)
    assert window.enterprise_id == eid and window.act_import_history.isEnabled()
    window.act_import_history.trigger()
    dialog = window._import_history
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "导入记录 — 导入记录企业"
    model = dialog.imports
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        *("时间", "文件", "SHA-256", "读取", "导入", "新增", "更新", "未变", "拒绝"),
        "跳过的合计/小计行（非设备）",
    ]
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert [r[1:2] + r[3:] for r in rows] == [
        ["一车间台账.csv", "12", "10", "10", "0", "0", "2", "0"],
        ["一车间台账.csv", "12", "10", "0", "0", "10", "2", "0"],
    ]
    import hashlib

    assert rows[0][2] == hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    # the latest import is selected; its rejected cells are listed
    assert dialog.import_view.currentIndex().row() == 1
    cells = dialog.cells
    qtmodeltester.check(cells)
    got = [[cells.index(r, c).data() for c in range(3)] for r in range(cells.rowCount())]
    assert got == [["", "12", "产品"], ["", "13", "效率(%)"]]
    assert cells.index(0, 3).data() == "不存在的产品"
    if os.environ.get("RETROFIT_SHOTS"):  # a look at it: RETROFIT_SHOTS=/tmp/x.png pytest this file
        from PySide6.QtWidgets import QApplication

        from retrofit_desktop.ui.fonts import apply_app_font

        apply_app_font(QApplication.instance())
        dialog.grab().save(os.environ["RETROFIT_SHOTS"])
    dialog.close()


def test_an_enterprise_without_imports_says_so(window, ws, qtbot):
    eid = services.create_enterprise(ws, "手工企业")
    window.reload_enterprises(select=eid)
    window.tree.select_enterprise(eid)
    window.act_import_history.trigger()
    dialog = window._import_history
    assert dialog.imports.rowCount() == 0 and dialog.cells.rowCount() == 0
    dialog.close()


def _column(model, header: str) -> list:
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    col = heads.index(header)
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def test_the_total_rows_a_ledger_had_are_listed(qtbot, tmp_path):
    from retrofit_desktop.ui.import_history import ImportHistoryDialog

    ws = services.open_workspace(tmp_path / "ws.sqlite")
    eid = services.create_enterprise(ws, "示例")
    report = services.import_file(ws, write_messy_ledger(tmp_path / "台账.xlsx"), eid)
    with use_language("zh"):
        dialog = ImportHistoryDialog(ws, eid, "示例")
        qtbot.addWidget(dialog)
        skipped = _column(dialog.imports, "跳过的合计/小计行（非设备）")
        read = _column(dialog.imports, "读取")
    assert skipped == [str(len(TOTAL_ROWS))] == ["3"]  # 小计, 合　计 and 合计： of the messy ledger
    assert read == [str(report.read)]  # the total rows are not counted as rows read
