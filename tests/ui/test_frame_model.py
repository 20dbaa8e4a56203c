"""ui.frame_model: a read-only DataFrame model (previews, validation reports, results)."""

from __future__ import annotations

import math

import pandas as pd
from PySide6.QtCore import QPersistentModelIndex, Qt

from retrofit_desktop.ui.frame_model import MISSING_TEXT, FrameModel, format_value


def sample() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "asset_tag": ["M-3", "M-1", "M-2"],
            "rated_power_kw": [55.0, float("nan"), 7.5],
            "quantity": [2, 1, 3],
            "why": ["", "nameplate unreadable", ""],
            "hidden": [1, 2, 3],
        },
        index=[10, 20, 30],
    )


def test_model_passes_qtmodeltester(qtmodeltester):
    model = FrameModel(sample(), columns=["asset_tag", "rated_power_kw", "quantity"])
    qtmodeltester.check(model, force_py=True)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_cells_headers_and_missing_values(qapp):
    model = FrameModel(
        sample(),
        columns=["asset_tag", "rated_power_kw", "quantity", "nope"],
        headers={"rated_power_kw": "额定功率 kW"},
        tooltips={"rated_power_kw": "why"},
    )
    assert (model.rowCount(), model.columnCount()) == (3, 3)  # unknown and hidden columns left out
    assert model.headerData(1, Qt.Orientation.Horizontal) == "额定功率 kW"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "asset_tag"
    cell = model.index(1, 1)
    assert model.data(cell) == MISSING_TEXT  # NaN is shown as missing, never as 0
    assert model.data(cell, Qt.ItemDataRole.UserRole) is None
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == "nameplate unreadable"
    assert model.data(model.index(0, 1)) == "55.00"
    assert model.data(model.index(2, 2)) == "3"


def test_sort_keeps_missing_last_and_moves_persistent_indexes(qapp):
    model = FrameModel(sample(), columns=["asset_tag", "rated_power_kw"])
    keep = QPersistentModelIndex(model.index(0, 0))  # "M-3"
    model.sort(1, Qt.SortOrder.AscendingOrder)
    tags = [model.data(model.index(r, 0)) for r in range(3)]
    assert tags == ["M-2", "M-3", "M-1"]  # 7.5 < 55, NaN last
    assert keep.row() == 1 and model.data(model.index(keep.row(), 0)) == "M-3"
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["M-3", "M-2", "M-1"]


def test_row_colour(qapp):
    model = FrameModel(sample(), row_colour=lambda row: "#d73027" if row["quantity"] > 1 else None)
    brush = model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole)
    assert brush.color().name() == "#d73027"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None


def test_format_value():
    assert format_value(None) == MISSING_TEXT
    assert format_value(math.nan) == MISSING_TEXT
    assert format_value(1234567.8) == "1,234,568"
    assert format_value(0.12345) == "0.1235"
    assert format_value(12) == "12"
    assert format_value(12.5, decimals=1) == "12.5"
