"""Undo and redo in the main window against a real workspace: an import is one undo step, undoing the
creation of an enterprise that holds items asks first, and every command's undo → redo round trip
leaves the stored state — every row of every table, every column — exactly as before."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy import select
from ui_helpers import choose_row

from retrofit_desktop import services
from retrofit_desktop.store.models import Base

pytestmark = pytest.mark.usefixtures("private_settings")

LEDGER = "asset_tag,name,product,site,rated_power_kw,poles,efficiency_pct,annual_hours\n" + "".join(
    f"M-{i:02d},电机{i},motor,{'二车间' if i % 2 else '一车间'},{11 + i},4,{90 + i / 10},4000\n"
    for i in range(1, 45)
)


def state(ws) -> dict[str, list[dict]]:
    """Every stored row of every table but the workspace's own facts."""
    with ws.transaction() as s:
        return {
            t.name: [dict(r) for r in s.execute(select(t).order_by(*t.primary_key)).mappings()]
            for t in Base.metadata.sorted_tables
            if t.name != "workspace_meta"
        }


def new_enterprise(window, monkeypatch, name: str) -> int:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (name, True))
    window.act_new_enterprise.trigger()
    return window.enterprise_id


def import_through_wizard(qtbot, window, path) -> None:
    window.open_import(str(path))
    wiz = window._import_wizard
    wiz.next()
    qtbot.waitUntil(wiz.preview_page.isComplete, timeout=30000)
    wiz.next()
    wiz.next()
    qtbot.waitUntil(lambda: wiz.checked is not None, timeout=30000)
    with qtbot.waitSignal(wiz.imported, timeout=30000):
        wiz.next()
    wiz.accept()


def answer(monkeypatch, button):
    """QMessageBox.question answers `button`; returns the list of texts it was asked."""
    asked = []

    def question(_parent, _title, text, *_a, **_k):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_import_is_one_undo_step_and_enterprise_undo_asks(qtbot, window, ws, monkeypatch, tmp_path):
    """The measured case: create an enterprise, import 44 items, Ctrl+Z past them."""
    eid = new_enterprise(window, monkeypatch, "湘江机械厂")
    empty = state(ws)
    ledger = tmp_path / "台账.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    import_through_wizard(qtbot, window, ledger)
    imported = state(ws)
    assert len(imported["equipment"]) == 44 and window.model.rowCount() == 44
    assert window.undo_stack.count() == 2
    assert window.undo_stack.undoText() == "导入 44 台设备（台账.csv）"

    window.act_undo.trigger()  # undoes the import, not the enterprise
    assert state(ws) == empty and window.model.rowCount() == 0
    window.act_redo.trigger()
    assert state(ws) == imported and window.model.rowCount() == 44  # same ids, values and sites

    # an enterprise that holds items: undoing its creation asks, with the delete command's words
    window.undo_stack.setIndex(1)  # as if the import had not been recorded: items there, creation on top
    services.save_item(ws, eid, {"asset_tag": "X-1", "product": "pump"})
    ws.save_assessment(eid, {"items": []}, options={})
    held = state(ws)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    window.act_undo.trigger()
    assert asked == ["删除“湘江机械厂”及其全部设备？此操作无法撤销。"]
    assert state(ws) == held and window.undo_stack.index() == 1  # refused: nothing undone

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window.act_undo.trigger()
    assert services.list_enterprises(ws) == [] and window.undo_stack.index() == 0
    window.act_redo.trigger()  # everything the undo removed comes back, same ids
    assert state(ws) == held and window.enterprise_id == eid
    assert window.model.rowCount() == 1  # X-1 (the import was undone by setIndex)


def test_undo_of_an_empty_enterprise_does_not_ask(window, ws, monkeypatch):
    new_enterprise(window, monkeypatch, "空厂")
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    window.act_undo.trigger()
    assert asked == [] and services.list_enterprises(ws) == []


def save_via_editor(window, **texts) -> None:
    for name, text in texts.items():
        row = window.editor._rows.get(name) or window.editor._spec_rows[name]
        row.widget.setText(text)
    window.editor.save_button.click()


def select_tag(window, tag) -> None:
    col = [c.key for c in window.model.columns()].index("asset_tag")
    row = next(r for r in range(window.model.rowCount()) if window.model.index(r, col).data() == tag)
    choose_row(window, row)


@pytest.fixture
def motors(window, ws):
    eid = services.create_enterprise(ws, "壬厂")
    for tag, eff in (("M-1", 93.0), ("M-2", 95.0), ("M-3", 96.0)):
        services.save_item(
            ws,
            eid,
            {
                "asset_tag": tag,
                "product": "motor",
                "rated_power_kw": 55.0,
                "poles": "4",
                "efficiency_pct": eff,
                "site": "一车间",
                "notes": f"{tag} 备注",
            },
        )
    window.reload_enterprises(select=eid)
    return eid


def test_edit_delete_undo_undo_redo_redo_keeps_every_column(window, ws, motors):
    """An edit, then deleting the edited item: undoing both and redoing both. Before, undoing the delete
    re-inserted the item under a new id and the edit's undo then failed (no item with that id)."""
    start = state(ws)
    select_tag(window, "M-2")
    save_via_editor(window, efficiency_pct="96.5", site="二车间")
    edited = state(ws)
    select_tag(window, "M-2")
    window.act_delete_items.trigger()
    deleted = state(ws)
    assert [r["asset_tag"] for r in deleted["equipment"]] == ["M-1", "M-3"]
    errors = []
    window.report_error = errors.append

    window.act_undo.trigger()
    assert state(ws) == edited
    window.act_undo.trigger()
    assert state(ws) == start and errors == []  # 二车间, created by the edit, is gone again
    window.act_redo.trigger()
    assert state(ws) == edited
    window.act_redo.trigger()
    assert state(ws) == deleted and errors == []


def test_add_item_undo_redo_then_edit_undo(window, ws, motors):
    start = state(ws)
    window.act_new_item.trigger()
    window.editor.product_combo.setCurrentIndex(window.editor.product_combo.findData("pump"))
    save_via_editor(window, asset_tag="P-1", name="循环泵")
    added = state(ws)
    save_via_editor(window, name="循环水泵")
    renamed = state(ws)
    for _ in range(2):
        window.act_undo.trigger()
    assert state(ws) == start
    for _ in range(2):
        window.act_redo.trigger()
    assert state(ws) == renamed
    window.act_undo.trigger()
    assert state(ws) == added


def test_rename_enterprise_round_trip(window, ws, motors, monkeypatch):
    start = state(ws)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("壬机械有限公司", True))
    window.act_rename_enterprise.trigger()
    renamed = state(ws)
    assert renamed["enterprise"][0]["name"] == "壬机械有限公司"
    window.act_undo.trigger()
    assert state(ws) == start
    window.act_redo.trigger()
    assert state(ws) == renamed
