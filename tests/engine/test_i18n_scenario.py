"""Every engine message has a Chinese translation; scenarios compare measure sets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from babel.messages.extract import extract_from_dir

from retrofit_desktop.engine import Measure, MeasureKind, Scenario, compare_scenarios
from retrofit_desktop.engine.savings import METHOD_MOTOR
from retrofit_desktop.engine_labels import method_label
from retrofit_desktop.i18n import translate, use_language

ENGINE = Path(__file__).resolve().parents[2] / "retrofit_desktop" / "engine"


def _msgids() -> set[str]:
    """Every message of the engine, as gettext extraction reads it (a msgid written as adjacent literals
    over several lines is one message)."""
    found = extract_from_dir(str(ENGINE), method_map=[("**.py", "python")], keywords={"_": None, "N_": None})
    return {m if isinstance(m, str) else m[0] for _file, _line, m, _comments, _ctx in found}


def test_every_engine_message_is_translated():
    ids = _msgids()
    assert len(ids) > 30
    untranslated = [m for m in ids if translate(m, "zh") == m]
    assert untranslated == []


def test_method_label_follows_language():
    with use_language("en"):
        assert method_label(METHOD_MOTOR) == METHOD_MOTOR
    with use_language("zh"):
        assert method_label(METHOD_MOTOR).startswith("电动机")


def test_compare_scenarios():
    items = pd.DataFrame(
        {
            "asset_tag": ["M0"],
            "product": ["motor"],
            "rated_power_kw": [55.0],
            "load_factor": [0.75],
            "annual_hours": [6000.0],
            "efficiency_pct": [91.0],
        }
    )
    cls = pd.DataFrame(
        {
            "tier": ["below_entry"],
            "thr__efficiency_pct__energy_saving": [95.7],
            "thr__efficiency_pct__advanced": [96.5],
        }
    )
    rows = compare_scenarios(
        items,
        cls,
        None,
        [
            Scenario("节能水平", [Measure("M0", MeasureKind.REPLACE)]),
            Scenario("先进水平", [Measure("M0", MeasureKind.REPLACE, target_tier="advanced")]),
        ],
    )
    assert [r["name"] for r in rows] == ["节能水平", "先进水平"]
    assert rows[0]["kwh"] == pytest.approx(247500 * (1 / 0.91 - 1 / 0.957))
    assert rows[1]["kwh"] == pytest.approx(247500 * (1 / 0.91 - 1 / 0.965))
    assert rows[0]["cny"] is None  # no price in the default FactorSet
