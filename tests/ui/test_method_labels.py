"""The measures table shows an engine method text (items without ``measure``) in the UI language."""

from __future__ import annotations

from assessment_helpers import hand_assessment

from retrofit_desktop.engine.savings import METHOD_PUMP
from retrofit_desktop.i18n import use_language
from retrofit_desktop.ui.assessment_figures import measure_text, measures_frame


def test_an_item_without_measure_shows_the_method_translated():
    a = hand_assessment(
        [
            {"asset_tag": "P-1", "savings_status": "ok", "measure": None, "method": METHOD_PUMP},
            {"asset_tag": "P-2", "savings_status": "ok", "measure": "vsd", "method": METHOD_PUMP},
        ]
    )
    frame = measures_frame(a)
    assert frame.at[0, "measure"] == METHOD_PUMP  # the data keep the engine's English text
    assert frame.at[1, "measure"] == "vsd"  # a named measure wins over the method
    with use_language("zh"):
        assert (
            measure_text(frame.at[0, "measure"])
            == "水泵：ρ·g·Q·H/η_电机 × 小时 × (1/η_旧 − 1/η_新)，额定工况点"
        )
        assert measure_text("replace") == "更换为目标水平产品"
        assert measure_text("") == ""
    with use_language("en"):
        assert measure_text(frame.at[0, "measure"]) == METHOD_PUMP
