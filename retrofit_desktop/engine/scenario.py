"""Assess a Scenario (a named set of measures) and compare scenarios side by side."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from .assess import AssessmentOptions, AssessmentResult, assess_items
from .measures import Scenario


def assess_scenario(
    items: pd.DataFrame,
    classification: pd.DataFrame | None,
    catalog: Any,
    scenario: Scenario,
    options: AssessmentOptions | None = None,
) -> AssessmentResult:
    """assess_items with the scenario's measures (they override per-item measures given in ``options``)."""
    opts = options or AssessmentOptions()
    measures = {**dict(opts.measures), **scenario.by_tag()}
    result = assess_items(items, classification, catalog, replace(opts, measures=measures))
    result.summary["scenario"] = {
        "name": scenario.name,
        "note": scenario.note,
        "measures": len(scenario.measures),
    }
    return result


def compare_scenarios(
    items: pd.DataFrame,
    classification: pd.DataFrame | None,
    catalog: Any,
    scenarios: list[Scenario],
    options: AssessmentOptions | None = None,
) -> list[dict[str, Any]]:
    """One row per scenario: name, kWh, tce (both bases), tCO2, CNY, investment and NPV totals."""
    rows = []
    for sc in scenarios:
        s = assess_scenario(items, classification, catalog, sc, options).summary
        rows.append(
            {
                "name": sc.name,
                "kwh": s["kwh"],
                "tce_calorific": s["tce"]["calorific"],
                "tce_equivalent": s["tce"]["equivalent"],
                "tco2": s["tco2"],
                "cny": s["cny"],
                "investment": s["investment"],
                "npv": s["npv"],
            }
        )
    return rows
