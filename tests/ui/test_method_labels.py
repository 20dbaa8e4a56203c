"""The measures table shows an engine method text (old payloads without ``measure``) in the UI language."""

from __future__ import annotations

from retrofit_desktop.engine.savings import METHOD_PUMP
from retrofit_desktop.i18n import use_language
from retrofit_desktop.ui.charts import measure_text, measures_frame


def test_a_payload_without_measure_shows_the_method_translated():
    payload = {"items": [{"asset_tag": "P-1", "savings": {"status": "ok", "method": METHOD_PUMP}}]}
    frame = measures_frame(payload)
    assert frame.at[0, "measure"] == METHOD_PUMP  # the data keep the engine's English text
    with use_language("zh"):
        assert (
            measure_text(frame.at[0, "measure"])
            == "水泵：ρ·g·Q·H/η_电机 × 小时 × (1/η_旧 − 1/η_新)，额定工况点"
        )
        assert measure_text("replace") == "更换为目标水平产品"
        assert measure_text("") == ""
    with use_language("en"):
        assert measure_text(frame.at[0, "measure"]) == METHOD_PUMP
