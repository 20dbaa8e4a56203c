"""One vocabulary: every product and field has the catalog's name in the GUI, the CLI and the report,
in both languages (issue 13.1; the English GUI said "Industrial fan", the PDF "Ventilation fan")."""

from __future__ import annotations

import pytest

from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.cli_output import product_text
from retrofit_desktop.i18n import use_language
from retrofit_desktop.report.labels import field_name, indicator_name, product_name
from retrofit_desktop.ui.assessment_view import AssessmentView
from retrofit_desktop.ui.equipment_model import columns_for_product
from retrofit_desktop.ui.item_editor import ItemEditor

PRODUCTS = list(get_catalog().products.values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_product_names_agree(qtbot, lang, run_cli):
    with use_language(lang):
        editor = ItemEditor(get_catalog())  # built in the language, as the window builds it
        qtbot.addWidget(editor)
        combo = editor.product_combo
        listed = run_cli("catalog", "list", "--lang", lang)
        for spec in PRODUCTS:
            expected = spec.name_zh if lang == "zh" else spec.name_en
            assert product_name(spec.id) == expected, spec.id  # report
            assert product_text(spec.id) == expected, spec.id  # CLI tables
            assert AssessmentView._product_label(spec.id) == expected, spec.id  # GUI results
            assert expected in listed, spec.id  # `retrofit catalog list`
        gui = {combo.itemData(i): combo.itemText(i) for i in range(combo.count()) if combo.itemData(i)}
    for spec in PRODUCTS:
        assert gui[spec.id] == (spec.name_zh if lang == "zh" else spec.name_en)  # GUI item editor


def test_the_fan_has_one_english_name():
    with use_language("en"):
        assert (
            product_name("fan")
            == product_text("fan")
            == AssessmentView._product_label("fan")
            == "Industrial fan"
        )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_field_and_indicator_names_agree(lang, run_cli):
    with use_language(lang):
        for spec in PRODUCTS:
            shown = run_cli("catalog", "show", spec.id, "--lang", lang)
            gui_columns = {c.key: c.title for c in columns_for_product(spec, lang)}
            for f in (*spec.parameters, *spec.indicators, *spec.operating_fields):
                expected = f.label_zh if lang == "zh" else f.label_en
                assert field_name(f.name, spec.id) == expected, (spec.id, f.name)  # report
                assert expected in shown, (spec.id, f.name)  # `retrofit catalog show`
                if f.name in gui_columns:
                    assert gui_columns[f.name] == expected, (spec.id, f.name)  # GUI equipment table
            for i in spec.indicators:
                assert indicator_name(i.name, spec.id) == (i.label_zh if lang == "zh" else i.label_en)


@pytest.fixture
def run_cli(capsys):
    from retrofit_desktop.cli import main

    def run(*argv: str) -> str:
        assert main(list(argv)) == 0
        return capsys.readouterr().out

    return run
