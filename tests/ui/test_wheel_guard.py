"""The wheel over a combo or spin box without focus scrolls the page and leaves the value; with focus
it changes the value (a column mapping went from 型号 to 负载率 unseen; 极数 from 4 to 8)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from retrofit_desktop.ui.wheel_guard import install_wheel_guard, remove_wheel_guard


@pytest.fixture
def guard(qapp):
    install_wheel_guard(qapp)
    yield
    remove_wheel_guard(qapp)


@pytest.fixture
def page(qtbot):
    """A scroll area whose content is much taller than the view: a line edit, a combo, a spin box."""
    area = QScrollArea()
    content = QWidget()
    lay = QVBoxLayout(content)
    edit = QLineEdit()
    combo = QComboBox()
    combo.addItems(["型号", "负载率", "极数", "额定功率"])
    spin = QSpinBox()
    spin.setRange(2, 8)
    spin.setValue(4)
    lay.addWidget(edit)
    lay.addWidget(combo)
    lay.addWidget(spin)
    lay.addSpacing(3000)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area, edit, combo, spin


def wheel_down(widget: QWidget) -> None:
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(
        pos,
        QPointF(widget.mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_without_the_guard_the_wheel_changes_an_unfocused_combo(qapp, page):
    """The behaviour the guard exists for (Qt's default), so the tests below can fail."""
    remove_wheel_guard(qapp)  # an earlier test's AppController may have installed it
    area, edit, combo, _spin = page
    edit.setFocus()
    wheel_down(combo)
    assert combo.currentText() == "负载率"


def test_unfocused_combo_and_spin_box_keep_their_value_and_the_page_scrolls(guard, page, qtbot):
    area, edit, combo, spin = page
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    bar = area.verticalScrollBar()
    assert bar.value() == 0
    wheel_down(combo)
    assert combo.currentText() == "型号"
    after_combo = bar.value()
    assert after_combo > 0  # the page scrolled instead
    wheel_down(spin)
    assert spin.value() == 4
    assert bar.value() > after_combo
    assert not combo.hasFocus() and not spin.hasFocus()  # the wheel gives them no focus either


def test_focused_combo_and_spin_box_follow_the_wheel(guard, page, qtbot):
    area, _edit, combo, spin = page
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel_down(combo)
    assert combo.currentText() == "负载率"
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel_down(spin)
    assert spin.value() == 3  # the wheel down steps down
    assert area.verticalScrollBar().value() == 0


def test_guarded_widgets_take_focus_by_click_or_tab_not_by_wheel(guard, qtbot):
    combo, spin = QComboBox(), QSpinBox()
    for w in (combo, spin):
        qtbot.addWidget(w)
        w.show()
        assert w.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_the_app_controller_installs_the_guard(qapp, private_settings, ws, tmp_path):
    from retrofit_desktop.ui import wheel_guard
    from retrofit_desktop.ui.app import AppController
    from retrofit_desktop.ui.screen_fit import remove_screen_fit

    remove_wheel_guard(qapp)
    AppController(qapp, ws, str(tmp_path / "ws.sqlite3"))
    try:
        assert id(qapp) in wheel_guard._installed
    finally:
        remove_wheel_guard(qapp)
        remove_screen_fit(qapp)


def test_wheel_over_the_import_mapping_leaves_every_column_as_mapped(guard, qtbot, ws_eid, tmp_path):
    """The reported case: scrolling the column mapping of a ledger with the wheel."""
    from retrofit_desktop.ui.import_wizard import ImportWizard

    ws, eid = ws_eid
    header = [
        "设备编号",
        "设备名称",
        "产品类别",
        "型号",
        "额定功率(kW)",
        "极数",
        "效率(%)",
        "年运行小时",
        "负载率",
    ]
    path = tmp_path / "台账.csv"
    path.write_text(",".join(header) + "\nM-1,泵电机,motor,YE3,55,4,93.0,6000,0.75\n", encoding="utf-8")
    wiz = ImportWizard(ws, eid, path=path)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    qtbot.waitUntil(wiz.preview_page.isComplete, timeout=30000)
    wiz.next()
    page = wiz.mapping_page
    before = {h: c.currentData() for h, c in page.combos.items()}
    assert before["型号"] == "model"
    wiz.button(wiz.WizardButton.NextButton).setFocus()
    for combo in page.combos.values():
        wheel_down(combo)
        wheel_down(combo)
    assert {h: c.currentData() for h, c in page.combos.items()} == before


def test_wheel_over_the_item_editor_leaves_the_poles_and_the_product(guard, editor, qtbot):
    """The other reported case: 极数 went from 4 to 8 while scrolling the item editor."""
    from PySide6.QtWidgets import QComboBox, QLineEdit

    editor.product_combo.setCurrentIndex(editor.product_combo.findData("motor"))
    poles = editor.findChild(QComboBox, "field_poles")
    poles.setCurrentIndex(poles.findData("4"))
    name = editor.findChild(QLineEdit, "field_name")
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    for _i in range(4):
        wheel_down(poles)
        wheel_down(editor.product_combo)
    assert poles.currentData() == "4"
    assert editor.product_combo.currentData() == "motor"
