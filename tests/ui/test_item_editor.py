"""Item editor: schema-generated form, unit parsing with the converted value shown, inline errors,
the live tier and its trace."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.domain import tier_label


def field(ed, name):
    return ed.findChild(QLineEdit, f"field_{name}") or ed.findChild(QComboBox, f"field_{name}")


def choose_motor(ed):
    combo = ed.product_combo
    combo.setCurrentIndex(combo.findData("motor"))


def test_form_follows_the_product_schema(editor):
    assert field(editor, "rated_power_kw") is None
    choose_motor(editor)
    spec = get_catalog().products["motor"]
    for f in (*spec.parameters, *spec.indicators, *spec.operating_fields):
        assert field(editor, f.name) is not None, f.name
    poles = field(editor, "poles")
    assert [poles.itemData(i) for i in range(1, poles.count())] == list(spec.field("poles").allowed)
    assert poles.itemText(poles.findData("4")) == "4极"  # the Chinese alias is shown, the id is stored


def test_quantity_with_unit_is_converted_and_shown(editor, qtbot):
    choose_motor(editor)
    field(editor, "rated_power_kw").setText("75 hp")
    values = editor.values()
    # 75 hp (mechanical, 745.7 W) = 75 * 0.7456999 kW = 55.927 kW
    assert values["rated_power_kw"] == pytest.approx(75 * 0.745699872, rel=1e-6)
    msg = editor.findChild(QLabel, "msg_rated_power_kw")
    qtbot.waitUntil(msg.isVisible, timeout=2000)  # rows built after show() appear on the next event loop turn
    assert msg.text() == "= 55.93 kW"


def test_bad_input_shows_inline_message_and_blocks_save(editor, qtbot):
    choose_motor(editor)
    field(editor, "asset_tag").setText("M-9")
    field(editor, "rated_power_kw").setText("5 MPa")
    editor.refresh()
    msg = editor.findChild(QLabel, "msg_rated_power_kw")
    qtbot.waitUntil(msg.isVisible, timeout=2000)
    assert "MPa" in msg.text() and "kW" in msg.text()
    assert not editor.save_button.isEnabled()
    field(editor, "rated_power_kw").setText("-3")
    editor.refresh()
    assert "0" in msg.text() and not editor.save_button.isEnabled()  # below the schema's min of 0
    field(editor, "rated_power_kw").setText("55")
    editor.refresh()
    assert not msg.isVisible() and editor.save_button.isEnabled()


def test_live_tier_and_trace_follow_the_catalog(editor, qtbot):
    cat = get_catalog()
    choose_motor(editor)
    field(editor, "rated_power_kw").setText("55")
    field(editor, "poles").setCurrentIndex(field(editor, "poles").findData("4"))
    field(editor, "efficiency_pct").setText("95")
    editor.refresh()
    expected = cat.classify(
        "motor", params={"rated_power_kw": 55.0, "poles": "4"}, values={"efficiency_pct": 95.0}
    )
    assert editor.classification.tier == expected.tier
    assert editor.tier_label.text().startswith(tier_label(expected.tier, "zh"))
    trace = editor.trace.toPlainText()
    comp = expected.comparisons[0]
    assert comp.table in trace and str(comp.thresholds["entry"]) in trace
    # one step above the energy-saving threshold the live tier changes without saving
    field(editor, "efficiency_pct").setText(str(comp.thresholds["energy_saving"]))
    qtbot.waitUntil(lambda: editor.classification.tier != expected.tier, timeout=2000)
    assert editor.classification.tier == "energy_saving"  # a value exactly on a threshold meets it


def test_save_emits_parsed_item(editor, qtbot):
    choose_motor(editor)
    field(editor, "asset_tag").setText("M-100")
    field(editor, "name").setText("主电动机")
    field(editor, "rated_power_kw").setText("75 hp")
    field(editor, "year_installed").setText("2015")
    editor.refresh()
    with qtbot.waitSignal(editor.save_requested) as sig:
        editor.save_button.click()
    new, old = sig.args
    assert old is None
    assert new["asset_tag"] == "M-100" and new["product"] == "motor" and new["year_installed"] == 2015
    assert new["rated_power_kw"] == pytest.approx(55.9275, abs=1e-3)
    assert new["efficiency_pct"] is None  # left empty: missing, not 0


@pytest.mark.parametrize(
    "name, text",
    [("efficiency_pct", "150"), ("efficiency_pct", "0"), ("rated_power_kw", "0"), ("annual_hours", "9000")],
)
def test_impossible_values_are_refused_as_on_import(editor, qtbot, name, text):
    # the import rejects these rows (io.rules); typing them in the editor must not save a tier for them
    choose_motor(editor)
    field(editor, "asset_tag").setText("M-9")
    field(editor, "rated_power_kw").setText("55")
    field(editor, "efficiency_pct").setText("95")
    field(editor, name).setText(text)
    editor.refresh()
    assert name in editor.errors() and not editor.save_button.isEnabled()
    msg = editor.findChild(QLabel, f"msg_{name}")
    qtbot.waitUntil(msg.isVisible, timeout=2000)
    assert msg.text() == editor.errors()[name]


def test_a_stored_plant_wording_is_read_by_the_catalog_rule(editor):
    """The editor reads a value as the import does: '螺杆式 变频' is the variable-speed compressor."""
    editor.load(
        {
            "asset_tag": "K-1",
            "product": "air_compressor",
            "compressor_type": "螺杆式 变频",
            "cooling": "风冷式",
        }
    )
    combo = field(editor, "compressor_type")
    assert combo.currentData() == "oil_injected_rotary_variable"
    assert combo.currentText() == "喷油回转式（变频）"
    assert field(editor, "cooling").currentData() == "air"
    assert editor.values()["compressor_type"] == "oil_injected_rotary_variable"
