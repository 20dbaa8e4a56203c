"""Item editor's retrofit group: investment, lifetime … entered by hand are saved and drive the payback."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QGroupBox, QLabel

from retrofit_desktop import services
from retrofit_desktop.catalog.fields import RETROFIT_FIELDS

pytestmark = pytest.mark.usefixtures("private_settings")


def fill(ed, **values):
    for name, value in values.items():
        if name == "product":
            ed.product_combo.setCurrentIndex(ed.product_combo.findData(value))
        elif name in ("poles", "measure"):
            row = ed._rows.get(name) or ed._spec_rows[name]
            row.widget.setCurrentIndex(row.widget.findData(value))
        else:
            (ed._rows.get(name) or ed._spec_rows[name]).widget.setText(value)
    ed.refresh()


def test_the_retrofit_group_has_every_retrofit_field_whatever_the_product(window):
    ed = window.editor
    group = ed.findChild(QGroupBox, "retrofitGroup")
    assert group is not None and group.title() == "改造方案"
    assert [f.name for f in RETROFIT_FIELDS] == [
        "investment_cny",
        "lifetime_years",
        "residual_value_cny",
        "om_change_cny",
        "rewind_efficiency_loss_pct",
        "measure",
    ]
    for f in RETROFIT_FIELDS:
        assert f.name in ed._rows, f.name
    fill(ed, product="motor")
    assert all(f.name in ed._rows for f in RETROFIT_FIELDS)  # not rebuilt with the product's fields
    measure = ed._rows["measure"].widget
    assert [measure.itemData(i) for i in range(1, measure.count())] == list(RETROFIT_FIELDS[-1].allowed)
    assert measure.itemText(measure.findData("vsd")) == "变频改造"  # the Chinese alias shown, the id stored


def test_money_in_words_is_read_like_the_import_and_bad_money_blocks_saving(window, qtbot):
    ed = window.editor
    fill(ed, product="motor", asset_tag="M-1", investment_cny="3万元")
    msg = ed.findChild(QLabel, "msg_investment_cny")
    qtbot.waitUntil(msg.isVisible, timeout=2000)
    assert msg.text() == "= 30000"  # 3 × 10 000 yuan, shown as the value stored
    assert ed.errors() == {} and ed.save_button.isEnabled()
    fill(ed, investment_cny="三万")
    assert not ed.save_button.isEnabled() and "三万" in msg.text() and "3万元" in msg.text()
    fill(ed, investment_cny="-5")
    assert not ed.save_button.isEnabled() and "0" in msg.text()  # investment is never negative
    fill(ed, investment_cny="30,000", lifetime_years="15年")
    assert ed.errors() == {}
    fill(ed, lifetime_years="15", om_change_cny="-200")  # a negative O&M change (a saving) is allowed
    assert ed.errors() == {} and ed.save_button.isEnabled()


def test_investment_and_lifetime_entered_by_hand_give_the_services_payback(window, ws):
    eid = services.create_enterprise(ws, "丙厂")
    window.reload_enterprises(select=eid)
    window.act_new_item.trigger()
    ed = window.editor
    fill(
        ed,
        product="motor",
        asset_tag="M-7",
        rated_power_kw="55",
        poles="4",
        efficiency_pct="92",
        annual_hours="6000",
        load_factor="0.8",
        investment_cny="30000",
        lifetime_years="15",
        measure="replace",
    )
    assert ed.save_button.isEnabled(), ed.errors()
    ed.save_button.click()

    frame = services.load_items(ws, eid)
    row = frame.iloc[0]
    assert row["investment_cny"] == 30000 and row["lifetime_years"] == 15 and row["measure"] == "replace"
    # the editor re-opened on the saved record shows the stored values
    assert ed._rows["investment_cny"].widget.text() == "30000"

    options = services.AssessOptions(price_cny_per_kwh=0.7)
    item = services.assess(frame, options, traces=False)["items"][0]
    saving = item["savings"]["cny"]
    # simple payback = investment / annual cost saving (no subsidy, residual or O&M change)
    assert item["finance"]["investment"] == 30000
    assert item["finance"]["payback_years"] == pytest.approx(30000 / saving, rel=1e-9)
    # and the cost saving is the electricity saved at the price given
    assert saving == pytest.approx(0.7 * item["savings"]["kwh"], rel=1e-9)
