"""Chart/table helpers label missing fields through services.field_groups (no io import in the UI)."""

from __future__ import annotations

from retrofit_desktop import i18n
from retrofit_desktop.catalog.fields import ANNUAL_HOURS, INVESTMENT, LOAD_FACTOR
from retrofit_desktop.ui.assessment_figures import missing_text


def test_missing_fields_are_named_by_their_labels_in_the_current_language():
    assert missing_text("annual_hours, load_factor") == f"{ANNUAL_HOURS.label_zh}、{LOAD_FACTOR.label_zh}"
    assert missing_text("investment_cny") == INVESTMENT.label_zh  # a retrofit field, not a product's
    assert missing_text("no_such_field") == "no_such_field"
    i18n.set_language("en")
    assert (
        missing_text("annual_hours, load_factor") == "Annual operating hours, Load factor"
    )  # the catalog's label
