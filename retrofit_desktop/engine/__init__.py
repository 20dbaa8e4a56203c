"""Savings, conversions and finance for retrofit measures (headless; floats and pandas columns)."""

from .assess import AssessmentOptions, AssessmentResult, assess_items
from .factors import FUEL_UNITS, Factor, FactorSet, GridResolution, resolve_grid
from .finance import FinanceOptions, crf, irr, npv
from .finance_frame import FinanceSettings
from .measures import Measure, MeasureKind, PriceList, PriceRow, Scenario
from .portfolio import Totals, mac_curve, rank_measures, totals_by
from .regions import FactorError, find_region
from .scenario import assess_scenario, compare_scenarios

__all__ = [
    "FUEL_UNITS",
    "AssessmentOptions",
    "AssessmentResult",
    "Factor",
    "FactorError",
    "FactorSet",
    "FinanceOptions",
    "FinanceSettings",
    "GridResolution",
    "Measure",
    "MeasureKind",
    "PriceList",
    "PriceRow",
    "Scenario",
    "assess_items",
    "crf",
    "find_region",
    "irr",
    "mac_curve",
    "npv",
    "rank_measures",
    "resolve_grid",
    "totals_by",
    "Totals",
    "assess_scenario",
    "compare_scenarios",
]
