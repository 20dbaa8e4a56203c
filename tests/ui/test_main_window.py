"""Main window against a real temporary workspace: enterprises, items via the editor, undo/redo,
filters wired to the model, settings persisted, language switch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QGroupBox, QInputDialog, QMessageBox

from retrofit_desktop import i18n, services
from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.domain import tier_label
from retrofit_desktop.ui import settings
from retrofit_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("private_settings")


def tags(w):
    col = [c.key for c in w.model.columns()].index("asset_tag")
    return [w.model.index(r, col).data() for r in range(w.model.rowCount())]


def enterprise_names(w):
    return [w.tree.topLevelItem(i).toolTip(0) for i in range(w.tree.topLevelItemCount())]


def test_create_rename_enterprise_with_undo(window, ws, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("湘江机械厂", True))
    window.act_new_enterprise.trigger()
    assert enterprise_names(window) == ["湘江机械厂"]
    assert [e.name for e in services.list_enterprises(ws)] == ["湘江机械厂"]  # written through at once
    eid = window.enterprise_id
    assert eid is not None and window.act_new_item.isEnabled()

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("湘江机械有限公司", True))
    window.act_rename_enterprise.trigger()
    assert enterprise_names(window) == ["湘江机械有限公司"]
    assert "湘江机械有限公司" in window.windowTitle()

    window.undo_stack.undo()
    assert [e.name for e in services.list_enterprises(ws)] == ["湘江机械厂"]
    window.undo_stack.undo()
    assert services.list_enterprises(ws) == [] and enterprise_names(window) == []
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert [e.name for e in services.list_enterprises(ws)] == ["湘江机械有限公司"]


def test_delete_enterprise_asks_first(window, ws, monkeypatch):
    services.create_enterprise(ws, "甲厂")
    window.reload_enterprises()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.act_delete_enterprise.trigger()
    assert [e.name for e in services.list_enterprises(ws)] == ["甲厂"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.act_delete_enterprise.trigger()
    assert services.list_enterprises(ws) == [] and window.enterprise_id is None


def fill(w, **values):
    ed = w.editor
    for name, value in values.items():
        if name == "product":
            ed.product_combo.setCurrentIndex(ed.product_combo.findData(value))
        elif name == "poles":
            combo = ed._spec_rows["poles"].widget
            combo.setCurrentIndex(combo.findData(value))
        else:
            widget = ed._rows.get(name) or ed._spec_rows[name]
            widget.widget.setText(value)
    ed.refresh()


def test_add_item_via_editor_shows_live_tier_and_undo_redo(window, ws, qtbot):
    eid = services.create_enterprise(ws, "乙厂")
    window.reload_enterprises(select=eid)
    window.act_new_item.trigger()
    assert window.editor.title.text() == "新建设备"
    fill(
        window,
        product="motor",
        asset_tag="M-1",
        name="主电动机",
        rated_power_kw="75 hp",
        poles="4",
        efficiency_pct="95.5",
    )
    expected = get_catalog().classify(
        "motor", params={"rated_power_kw": 75 * 0.745699872, "poles": "4"}, values={"efficiency_pct": 95.5}
    )
    assert window.editor.tier_label.text().startswith(tier_label(expected.tier, "zh"))
    window.editor.save_button.click()

    frame = services.load_items(ws, eid)
    assert list(frame["asset_tag"]) == ["M-1"]
    assert frame["rated_power_kw"].iloc[0] == pytest.approx(55.9275, abs=1e-3)
    assert tags(window) == ["M-1"]
    tier_col = [c.key for c in window.model.columns()].index("tier")
    assert window.model.index(0, tier_col).data() == tier_label(expected.tier, "zh")
    assert "1 台设备" in window.tier_status.text() or "共 1" in window.tier_status.text()

    # edit: the efficiency changes, then undo restores the saved value
    fill(window, efficiency_pct="96.8")
    window.editor.save_button.click()
    assert services.load_items(ws, eid)["efficiency_pct"].iloc[0] == pytest.approx(96.8)
    window.undo_stack.undo()
    assert services.load_items(ws, eid)["efficiency_pct"].iloc[0] == pytest.approx(95.5)
    window.undo_stack.undo()
    assert services.load_items(ws, eid).empty and window.model.rowCount() == 0
    window.undo_stack.redo()
    window.undo_stack.redo()
    items = services.load_items(ws, eid)
    assert list(items["asset_tag"]) == ["M-1"] and items["efficiency_pct"].iloc[0] == pytest.approx(96.8)


def test_undo_redo_keyboard_shortcuts(window, ws, qtbot, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("丙厂", True))
    window.act_new_enterprise.trigger()
    window.activateWindow()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.list_enterprises(ws) == []
    qtbot.keyClick(
        window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [e.name for e in services.list_enterprises(ws)] == ["丙厂"]


def test_duplicate_asset_tag_is_refused_inline(window, ws):
    eid = services.create_enterprise(ws, "丁厂")
    services.save_item(ws, eid, {"asset_tag": "P-1", "product": "pump", "name": "水泵"})
    window.reload_enterprises(select=eid)
    window.act_new_item.trigger()
    fill(window, product="motor", asset_tag="P-1")
    window.editor.save_button.click()
    assert "P-1" in window.editor.status.text()
    assert list(services.load_items(ws, eid)["product"]) == ["pump"]  # not overwritten


def test_filter_bar_drives_model_and_product_columns(window, ws, qtbot):
    eid = services.create_enterprise(ws, "戊厂")
    services.save_item(
        ws,
        eid,
        {
            "asset_tag": "M-1",
            "product": "motor",
            "name": "空压机电机",
            "site": "一车间",
            "rated_power_kw": 55.0,
            "poles": "4",
            "efficiency_pct": 90.0,
        },
    )
    services.save_item(ws, eid, {"asset_tag": "P-1", "product": "pump", "name": "循环水泵", "site": "泵房"})
    window.reload_enterprises(select=eid)
    assert sorted(tags(window)) == ["M-1", "P-1"]
    qtbot.waitUntil(window.model.has_search_index, timeout=10_000)  # built on a worker after the load
    bar = window.filter_bar
    bar.product_combo.setCurrentIndex(bar.product_combo.findData("motor"))
    assert tags(window) == ["M-1"]
    keys = [c.key for c in window.model.columns()]
    spec = get_catalog().products["motor"]
    assert all(f.name in keys for f in (*spec.parameters, *spec.indicators))
    bar.product_combo.setCurrentIndex(0)
    bar.search.setText("xhsb")  # 循环水泵
    qtbot.waitUntil(lambda: tags(window) == ["P-1"], timeout=2000)
    bar.search.setText("")
    bar.below_entry.setChecked(True)
    qtbot.waitUntil(lambda: tags(window) == ["M-1"], timeout=2000)  # 90 % at 55 kW 4-pole is below entry
    # the tree's site node filters by site
    window.tree.select_enterprise(eid, "泵房")
    bar.below_entry.setChecked(False)
    assert tags(window) == ["P-1"]


def test_window_state_recent_and_last_enterprise_persist(qtbot, ws, tmp_path):
    url = str(tmp_path / "ws.sqlite3")
    a = services.create_enterprise(ws, "A厂")
    b = services.create_enterprise(ws, "B厂")
    w = MainWindow(ws, url)
    qtbot.addWidget(w)
    w.show()
    w.tree.select_enterprise(b)
    w.editor_dock.hide()
    w.close()
    geometry, state = settings.window_state()
    assert geometry == w.saveGeometry() and state == w.saveState()
    assert settings.recent_workspaces() == [url]
    assert settings.last_enterprise(url) == b != a
    w2 = MainWindow(ws, url)
    qtbot.addWidget(w2)
    w2.show()
    assert w2.enterprise_id == b
    assert not w2.editor_dock.isVisible() and w2.tree_dock.isVisible()


def test_language_switch_rebuilds_window_in_english(qtbot, ws, tmp_path):
    from retrofit_desktop.ui.app import AppController
    from retrofit_desktop.ui.i18n_qt import apply_language, installed_translators

    app = QApplication.instance()
    eid = services.create_enterprise(ws, "己厂")
    apply_language(app, "zh")
    assert installed_translators(), "qtbase_zh_CN should be installed for Chinese"
    controller = AppController(app, ws, str(tmp_path / "ws.sqlite3"))
    first = controller.show(eid)
    qtbot.addWidget(first)
    assert first.menuBar().actions()[0].text() == "文件(&F)"
    second = controller.switch_language("en")
    qtbot.addWidget(second)
    try:
        assert second is not first and second.enterprise_id == eid
        assert second.menuBar().actions()[0].text() == "&File"
        assert second.tabs.tabText(0) == "Equipment"
        assert settings.language() == "en"
        assert installed_translators() == []
        assert i18n.current_language() == "en"
    finally:
        apply_language(app, "zh")


def test_window_shows_before_the_workspace_is_attached(qtbot, ws, tmp_path):
    eid = services.create_enterprise(ws, "庚厂")
    services.save_item(ws, eid, {"asset_tag": "F-1", "product": "fan", "name": "引风机"})
    w = MainWindow()  # what the app shows first, before pandas, the catalog and the data are loaded
    qtbot.addWidget(w)
    w.show()
    assert w.model.rowCount() == 0 and not w.act_new_enterprise.isEnabled() and not w.act_new_item.isEnabled()
    assert w.editor.product_combo.count() == 1  # no catalog yet: only the empty choice
    QTimer.singleShot(0, lambda: w.attach(ws, str(tmp_path / "ws.sqlite3")))  # as the app does
    qtbot.waitUntil(lambda: w.enterprise_id == eid, timeout=5000)
    assert w.act_new_enterprise.isEnabled()
    boxes = w.editor._spec_box.findChildren(QGroupBox)
    qtbot.waitUntil(lambda: boxes and all(b.isVisible() for b in boxes), timeout=2000)  # the fan's schema
    assert tags(w) == ["F-1"]
    assert w.editor.product_combo.count() == len(get_catalog().products) + 1


def test_large_enterprise_loads_on_a_worker_thread(window, ws, qtbot, monkeypatch):
    from retrofit_desktop.ui import equipment_loading

    monkeypatch.setattr(equipment_loading, "BACKGROUND_ROWS", 2)  # stand-in for 20,000 rows
    small = services.create_enterprise(ws, "小厂")
    big = services.create_enterprise(ws, "大厂")
    services.save_item(ws, small, {"asset_tag": "S-1", "product": "motor"})
    for i in range(3):
        services.save_item(ws, big, {"asset_tag": f"B-{i}", "product": "pump"})
    window.reload_enterprises(select=small)
    assert tags(window) == ["S-1"]  # below the threshold: loaded at once
    window.tree.select_enterprise(big)
    assert tags(window) == []  # another enterprise's rows are never shown while loading
    qtbot.waitUntil(lambda: tags(window) == ["B-0", "B-1", "B-2"], timeout=10_000)


def test_open_another_database_file_switches_workspace(window, ws, tmp_path):
    services.create_enterprise(ws, "原工作区企业")
    window.reload_enterprises()
    other = tmp_path / "other.sqlite3"
    services.create_enterprise(services.open_workspace(other), "另一工作区企业")
    window.open_database(str(other))
    assert enterprise_names(window) == ["另一工作区企业"]
    assert window.undo_stack.count() == 0
    recent = settings.recent_workspaces()
    assert len(recent) == 2 and "other.sqlite3" in recent[0] and recent[1].endswith("ws.sqlite3")


def test_qt_standard_dialogs_follow_the_language(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from retrofit_desktop.ui.i18n_qt import apply_language

    try:
        apply_language(qapp, "zh")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"  # from qtbase_zh_CN.qm
        apply_language(qapp, "en")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    finally:
        apply_language(qapp, "zh")


def test_shortcuts_are_unique_and_listed(window):
    from retrofit_desktop.ui.about import shortcuts_html

    keys = [k.toString() for a in window.all_actions() for k in a.shortcuts()]
    assert len(keys) == len(set(keys)), keys  # no two actions share a key
    assert {"Ctrl+Shift+N", "Ctrl+N", "Ctrl+F", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+I", "F2"} <= set(keys)
    text = shortcuts_html(window.all_actions())
    assert "新建企业" in text and "Ctrl+Shift+N" in text and "撤销" in text


def test_large_table_is_patched_in_place_after_an_edit(window, ws, qtbot, monkeypatch):
    from retrofit_desktop.ui import equipment_loading

    monkeypatch.setattr(equipment_loading, "BACKGROUND_ROWS", 2)
    eid = services.create_enterprise(ws, "辛厂")
    for i in range(3):
        services.save_item(ws, eid, {"asset_tag": f"P-{i}", "product": "pump", "name": "水泵"})
    window.reload_enterprises(select=eid)
    qtbot.waitUntil(lambda: len(tags(window)) == 3, timeout=10_000)

    def no_reload(*_a, **_k):
        raise AssertionError("the whole enterprise was reloaded")

    monkeypatch.setattr(services, "load_items", no_reload)
    window.act_new_item.trigger()
    fill(window, product="motor", asset_tag="M-9", rated_power_kw="55", poles="4", efficiency_pct="93")
    window.editor.save_button.click()
    assert sorted(tags(window)) == ["M-9", "P-0", "P-1", "P-2"]
    expected = (
        get_catalog()
        .classify("motor", params={"rated_power_kw": 55.0, "poles": "4"}, values={"efficiency_pct": 93.0})
        .tier
    )
    row = window.model.row_of_id(window.undo_stack.command(0).item_id)
    assert window.model.record(row)["tier"] == expected
    window.undo_stack.undo()
    assert sorted(tags(window)) == ["P-0", "P-1", "P-2"]
    monkeypatch.undo()  # real load_items again: the patched table equals a reload
    assert sorted(services.load_items(ws, eid)["asset_tag"]) == ["P-0", "P-1", "P-2"]


def test_delete_selected_items_with_undo(window, ws):
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
            },
        )
    window.reload_enterprises(select=eid)
    window.table.clearSelection()
    for tag in ("M-1", "M-3"):
        row = tags(window).index(tag)
        window.table.selectionModel().select(
            window.model.index(row, 0),
            window.table.selectionModel().SelectionFlag.Select
            | window.table.selectionModel().SelectionFlag.Rows,
        )
    window.act_delete_items.trigger()
    assert list(services.load_items(ws, eid)["asset_tag"]) == ["M-2"] and tags(window) == ["M-2"]
    window.undo_stack.undo()
    items = services.load_items(ws, eid).set_index("asset_tag")
    assert sorted(items.index) == ["M-1", "M-2", "M-3"]
    assert (
        items.loc["M-3", "efficiency_pct"] == 96.0 and items.loc["M-1", "site"] == "一车间"
    )  # restored whole
    window.undo_stack.redo()
    assert list(services.load_items(ws, eid)["asset_tag"]) == ["M-2"]


def test_read_only_workspace_shows_but_does_not_edit(qtbot, tmp_path):
    path = tmp_path / "inspect.sqlite3"
    rw = services.open_workspace(path)
    eid = services.create_enterprise(rw, "受检企业")
    services.save_item(
        rw,
        eid,
        {
            "asset_tag": "M-1",
            "product": "motor",
            "rated_power_kw": 55.0,
            "poles": "4",
            "efficiency_pct": 93.0,
        },
    )
    w = MainWindow(services.open_workspace(path, read_only=True), str(path))
    qtbot.addWidget(w)
    w.show()
    assert tags(w) == ["M-1"] and "只读" in w.windowTitle()
    for act in (
        w.act_new_enterprise,
        w.act_new_item,
        w.act_delete_items,
        w.act_rename_enterprise,
        w.act_delete_enterprise,
    ):
        assert not act.isEnabled(), act.text()
    assert not w.editor.save_button.isEnabled() and "只读" in w.editor.status.text()
    assert w.editor.classification is not None  # the live tier still works for checking


def test_duplicate_enterprise_name_gets_the_store_message(window, ws, monkeypatch):
    from retrofit_desktop.ui import errors

    services.create_enterprise(ws, "癸厂")
    window.reload_enterprises()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("癸厂", True))
    errors.set_non_blocking(True)
    try:
        window.act_new_enterprise.trigger()
        box = errors.last_error_box()
        assert box is not None and box.isVisible()
        try:
            services.create_enterprise(ws, "癸厂")
        except services.StoreError as exc:
            store_message = str(exc)
        assert box.text() == store_message and "Traceback" not in box.text()
        box.close()
    finally:
        errors.set_non_blocking(False)
    assert [e.name for e in services.list_enterprises(ws)] == ["癸厂"] and window.undo_stack.count() == 0
