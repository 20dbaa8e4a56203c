"""Unsaved item edits are never dropped silently: choosing another row or enterprise, starting an
import, undoing and closing the window ask Save / Discard / Cancel (the message box is answered by
the test); the stored data and the selection are checked after each answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import choose_row

from retrofit_desktop import services

pytestmark = pytest.mark.usefixtures("private_settings")
B = QMessageBox.StandardButton


def answer(monkeypatch, button):
    asked = []

    def question(_parent, title, text, *_a, **_k):
        asked.append((title, text))
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def stored(ws, eid, tag, field="efficiency_pct"):
    return services.load_items(ws, eid).set_index("asset_tag").loc[tag, field]


def current_tag(window):
    index = window.table.currentIndex()
    return window.model.record(index.row())["asset_tag"] if index.isValid() else None


def row_of(window, tag):
    return window.model.row_of_id(
        int(services.load_items(window.ws, window.enterprise_id).set_index("asset_tag").loc[tag, "id"])
    )


def type_efficiency(window, text):
    window.editor._spec_rows["efficiency_pct"].widget.setText(text)


@pytest.fixture
def two(window, ws):
    """Two enterprises; the first (shown) has motors M-1 and M-2; the editor shows M-1 with 93 → 97.5
    typed."""
    eid = services.create_enterprise(ws, "甲厂")
    other = services.create_enterprise(ws, "乙厂")
    services.save_item(ws, other, {"asset_tag": "P-9", "product": "pump"})
    for tag, eff in (("M-1", 93.0), ("M-2", 95.0)):
        services.save_item(
            ws,
            eid,
            {
                "asset_tag": tag,
                "product": "motor",
                "rated_power_kw": 55.0,
                "poles": "4",
                "efficiency_pct": eff,
            },
        )
    window.reload_enterprises(select=eid)
    choose_row(window, row_of(window, "M-1"))
    assert window.editor.held_id() is not None and not window.editor.is_dirty()
    type_efficiency(window, "97.5")
    assert window.editor.is_dirty()
    return eid, other


def click_row(qtbot, window, tag):
    rect = window.table.visualRect(window.model.index(row_of(window, tag), 0))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_switching_row_cancel_keeps_selection_and_edits(qtbot, window, ws, two, monkeypatch):
    eid, _other = two
    asked = answer(monkeypatch, B.Cancel)
    click_row(qtbot, window, "M-2")
    qtbot.waitUntil(lambda: bool(asked) and current_tag(window) == "M-1")
    assert asked == [("未保存的更改", "设备 M-1 有尚未保存的更改。是否保存？")]
    assert window.editor._spec_rows["efficiency_pct"].widget.text() == "97.5" and window.editor.is_dirty()
    assert stored(ws, eid, "M-1") == 93.0
    assert [
        window.model.record(i.row())["asset_tag"] for i in window.table.selectionModel().selectedRows()
    ] == ["M-1"]


def test_switching_row_discard(qtbot, window, ws, two, monkeypatch):
    eid, _other = two
    asked = answer(monkeypatch, B.Discard)
    choose_row(window, row_of(window, "M-2"))  # the keyboard's way: no mouse
    qtbot.waitUntil(lambda: window.editor.item_label() == "M-2")
    assert len(asked) == 1 and current_tag(window) == "M-2" and not window.editor.is_dirty()
    assert stored(ws, eid, "M-1") == 93.0 and window.undo_stack.count() == 0


def test_switching_row_save(qtbot, window, ws, two, monkeypatch):
    eid, _other = two
    answer(monkeypatch, B.Save)
    click_row(qtbot, window, "M-2")
    qtbot.waitUntil(lambda: window.editor.item_label() == "M-2")
    assert stored(ws, eid, "M-1") == 97.5 and current_tag(window) == "M-2"
    assert window.editor._spec_rows["efficiency_pct"].widget.text() == "95"
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == "编辑设备 M-1"


def test_switching_enterprise_cancel_discard_save(qtbot, window, ws, two, monkeypatch):
    eid, other = two
    asked = answer(monkeypatch, B.Cancel)
    window.tree.select_enterprise(other)
    qtbot.waitUntil(lambda: bool(asked))
    qtbot.waitUntil(lambda: window.tree.current_enterprise() == eid)
    assert window.enterprise_id == eid and window.editor.is_dirty() and current_tag(window) == "M-1"

    answer(monkeypatch, B.Save)
    window.tree.select_enterprise(other)
    qtbot.waitUntil(lambda: window.enterprise_id == other)
    assert stored(ws, eid, "M-1") == 97.5 and window.tree.current_enterprise() == other
    assert current_tag(window) == "P-9" and not window.editor.is_dirty()

    window.tree.select_enterprise(eid)  # nothing unsaved: no question
    type_efficiency(window, "91")
    choose_row(window, row_of(window, "M-1"))
    answer(monkeypatch, B.Discard)
    window.tree.select_enterprise(other)
    qtbot.waitUntil(lambda: window.enterprise_id == other)
    assert stored(ws, eid, "M-1") == 97.5 and stored(ws, eid, "M-2") == 95.0


def test_close_asks(qtbot, window, ws, two, monkeypatch):
    eid, _other = two
    answer(monkeypatch, B.Cancel)
    assert not window.close()
    assert window.isVisible() and window.editor.is_dirty()
    answer(monkeypatch, B.Save)
    assert window.close()
    assert stored(ws, eid, "M-1") == 97.5


def test_close_discard_stores_nothing(window, ws, two, monkeypatch):
    eid, _other = two
    answer(monkeypatch, B.Discard)
    assert window.close()
    assert stored(ws, eid, "M-1") == 93.0


def test_import_asks_first(window, ws, two, monkeypatch, tmp_path):
    eid, _other = two
    answer(monkeypatch, B.Cancel)
    window.open_import(str(tmp_path / "x.csv"))
    assert getattr(window, "_import_wizard", None) is None and window.editor.is_dirty()
    answer(monkeypatch, B.Save)
    window.open_import(str(tmp_path / "x.csv"))
    assert window._import_wizard is not None and stored(ws, eid, "M-1") == 97.5
    window._import_wizard.reject()


def test_undo_with_unsaved_edits(window, ws, two, monkeypatch):
    eid, _other = two
    type_efficiency(window, "96")
    window.editor.save_button.click()  # one step on the stack: 93 -> 96
    type_efficiency(window, "97")
    answer(monkeypatch, B.Cancel)
    window.act_undo.trigger()
    assert stored(ws, eid, "M-1") == 96.0 and window.editor.is_dirty()
    answer(monkeypatch, B.Discard)
    window.act_undo.trigger()
    assert stored(ws, eid, "M-1") == 93.0 and not window.editor.is_dirty()


def test_new_item_with_nothing_typed_does_not_ask(window, ws, two, monkeypatch):
    eid, _other = two
    window.editor.revert()
    asked = answer(monkeypatch, B.Cancel)
    window.act_new_item.trigger()
    choose_row(window, row_of(window, "M-2"))
    assert asked == [] and window.editor.item_label() == "M-2"


def test_language_switch_cancel_keeps_the_window_and_edits(qtbot, ws, tmp_path, monkeypatch):
    from retrofit_desktop import i18n
    from retrofit_desktop.ui.app import AppController

    eid = services.create_enterprise(ws, "己厂")
    services.save_item(
        ws,
        eid,
        {
            "asset_tag": "M-1",
            "product": "motor",
            "efficiency_pct": 93.0,
            "rated_power_kw": 55.0,
            "poles": "4",
        },
    )
    from PySide6.QtWidgets import QApplication

    controller = AppController(QApplication.instance(), ws, str(tmp_path / "ws.sqlite3"))
    first = controller.show(eid)
    qtbot.addWidget(first, before_close_func=lambda win: win.editor.revert())
    type_efficiency(first, "97")
    answer(monkeypatch, B.Cancel)
    assert controller.switch_language("en") is first
    assert first.isVisible() and first.editor.is_dirty() and i18n.current_language() == "zh"
    assert stored(ws, eid, "M-1") == 93.0


def test_opening_another_database_asks_before_the_file_dialog(window, ws, two, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from retrofit_desktop.ui import workspace_tree

    dialogs = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: dialogs.append(a) or ("", ""))
    answer(monkeypatch, B.Cancel)
    workspace_tree.choose_database(window)
    assert dialogs == [] and window.editor.is_dirty()
    answer(monkeypatch, B.Discard)
    workspace_tree.choose_database(window)
    assert len(dialogs) == 1 and not window.editor.is_dirty()
