"""Money and years typed the way the ledger import reads them ('3万元', '3.5 万', '1,200元', '15年') in
the item editor's retrofit fields and the finance form's cap and year fields."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit

from retrofit_desktop import services
from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.i18n import use_language
from retrofit_desktop.ui.finance_form import FinanceForm
from retrofit_desktop.ui.item_editor import ItemEditor

pytestmark = pytest.mark.usefixtures("private_settings")


def type_into(ed, name: str, text: str) -> tuple[object, QLabel]:
    """Type `text` into field `name`; (the parsed value, the field's message label)."""
    ed.findChild(QLineEdit, f"field_{name}").setText(text)
    value = ed.values()[name]
    return value, ed.findChild(QLabel, f"msg_{name}")


@pytest.mark.parametrize(
    ("name", "text", "stored", "note"),
    [
        ("investment_cny", "3万元", 3 * 10_000, "= 30000"),
        ("investment_cny", "3.5 万", 3.5 * 10_000, "= 35000"),
        ("investment_cny", "1,200", 1200, None),  # the number as typed: nothing to confirm
        ("investment_cny", "1,200元", 1200, "= 1200"),
        ("residual_value_cny", "0.5万元", 0.5 * 10_000, "= 5000"),
        ("om_change_cny", "-2千元", -2 * 1000, "= -2000"),  # signed: a saving in O&M
        ("lifetime_years", "15年", 15, "= 15"),
        ("lifetime_years", "15", 15, None),
        ("lifetime_years", "18个月", 18 / 12, "= 1.5"),
    ],
)
def test_money_and_years_in_words_are_stored_converted_with_a_note(editor, qtbot, name, text, stored, note):
    value, msg = type_into(editor, name, text)
    assert value == pytest.approx(stored, rel=1e-12)
    assert editor.errors() == {}
    if note is None:
        assert msg.isHidden()
    else:
        qtbot.waitUntil(msg.isVisible, timeout=2000)
        assert msg.text() == note


@pytest.mark.parametrize(
    ("name", "text", "example"),
    [
        ("investment_cny", "abc", "3万元"),
        ("investment_cny", "5 kW", "3万元"),
        ("residual_value_cny", "三万", "3万元"),
        ("lifetime_years", "abc", "15年"),
        ("lifetime_years", "十五年", "15年"),
    ],
)
def test_garbage_gets_an_error_naming_the_text_and_what_to_type(editor, qtbot, name, text, example):
    editor.findChild(QLineEdit, "field_asset_tag").setText("M-1")
    editor.product_combo.setCurrentIndex(editor.product_combo.findData("motor"))
    value, msg = type_into(editor, name, text)
    assert value is None
    assert set(editor.errors()) == {name}
    qtbot.waitUntil(msg.isVisible, timeout=2000)
    assert text in msg.text() and example in msg.text()
    editor.refresh()
    assert not editor.save_button.isEnabled()


def test_the_error_is_in_the_users_language(qtbot):
    with use_language("zh"):
        ed = ItemEditor(get_catalog())
        qtbot.addWidget(ed)
        ed.findChild(QLineEdit, "field_investment_cny").setText("abc")
        ed.values()
        assert ed.errors()["investment_cny"] == "不是以元计的金额：abc。请输入如 30000、3万元 或 1,200元"


def test_min_and_max_still_hold_for_converted_values(editor):
    # lifetime at most 100 years (catalog RETROFIT_FIELDS), investment at least 0 yuan
    value, _msg = type_into(editor, "lifetime_years", "150年")
    assert value is None and "100" in editor.errors()["lifetime_years"]
    value, _msg = type_into(editor, "investment_cny", "-3万元")
    assert value is None and "0" in editor.errors()["investment_cny"]
    value, _msg = type_into(editor, "lifetime_years", "100年")
    assert value == 100 and "lifetime_years" not in editor.errors()


def test_money_and_years_fields_show_the_spellings_they_accept(editor):
    assert "3万元" in editor.findChild(QLineEdit, "field_investment_cny").placeholderText()
    assert "15年" in editor.findChild(QLineEdit, "field_lifetime_years").placeholderText()
    assert editor.findChild(QLineEdit, "field_asset_tag").placeholderText() == ""


def test_money_typed_in_words_is_saved_to_the_workspace(window, ws):
    eid = services.create_enterprise(ws, "戊厂")
    window.reload_enterprises(select=eid)
    window.act_new_item.trigger()
    ed = window.editor
    ed.product_combo.setCurrentIndex(ed.product_combo.findData("motor"))
    for name, text in (
        ("asset_tag", "M-9"),
        ("rated_power_kw", "55"),
        ("efficiency_pct", "92"),
        ("investment_cny", "3.5 万"),
        ("lifetime_years", "15年"),
        ("om_change_cny", "-1,200元"),
    ):
        ed.findChild(QLineEdit, f"field_{name}").setText(text)
    ed.refresh()
    assert ed.save_button.isEnabled(), ed.errors()
    ed.save_button.click()
    row = services.load_items(ws, eid).iloc[0]
    assert (row["investment_cny"], row["lifetime_years"], row["om_change_cny"]) == (35000, 15, -1200)


# --- the finance form: the subsidy cap is money, the loan fields are years ------------------------
def test_finance_form_reads_the_cap_in_wan_and_years_in_nian(qtbot):
    form = FinanceForm()
    qtbot.addWidget(form)
    form.edits["capital_subsidy_cap_cny"].setText("50万")
    form.edits["loan_term_years"].setText("5年")
    form.edits["loan_subsidy_years"].setText("3")
    kwargs = form.option_kwargs()
    assert kwargs["capital_subsidy_cap_cny"] == 50 * 10_000
    assert kwargs["loan_term_years"] == 5 and kwargs["loan_subsidy_years"] == 3
    assert "500,000" in form.sources["capital_subsidy_cap_cny"].text()  # the entered cap, as read


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("capital_subsidy_cap_cny", "abc", "3万元"),
        ("capital_subsidy_cap_cny", "-5万", "0"),  # 0 or more still holds after the conversion
        ("loan_term_years", "18个月", "18个月"),  # 1.5 years is not a whole number of years
        ("loan_term_years", "五年", "15年"),
    ],
)
def test_finance_form_errors_name_the_field_and_the_text(qtbot, key, text, expected):
    form = FinanceForm()
    qtbot.addWidget(form)
    form.edits[key].setText(text)
    with pytest.raises(ValueError) as info:
        form.option_kwargs()
    message = str(info.value)
    assert message.startswith(form.labels[key]) and text in message and expected in message
    assert form.sources[key].text() == message  # shown under the field too
