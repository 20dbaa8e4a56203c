"""Row normalisation: the column-wise fast path gives exactly what the row-by-row path gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from retrofit_desktop.store import StoreError
from retrofit_desktop.store.items import record_from_row, records_from_frame


def _rows(frame: pd.DataFrame) -> list[dict]:
    cols = [str(c) for c in frame.columns]
    return [dict(zip(cols, vals, strict=True)) for vals in frame.itertuples(index=False, name=None)]


def test_fast_path_equals_row_path_for_every_dtype():
    frame = pd.DataFrame(
        {
            "asset_tag": pd.Series(["A", "B", "C"], dtype="str"),
            "name": ["电机", None, "  "],
            "year_installed": [2001.0, np.nan, 2020.0],
            "quantity": pd.array([2, None, 1], dtype="Int64"),
            "annual_hours": [6000, 7000, 8000],
            "load_factor": [0.1 + 0.2, np.nan, 1.5],
            "row": [2, 3, 4],
            "sheet": ["台账", "台账", None],
            "efficiency_pct": [93.6 + 1e-13, np.nan, 95.0],
            "poles": [4, 6, 2],
            "vsd": [True, False, True],
            "cooling_method": ["IC411", None, ""],
            "measured_on": [pd.Timestamp("2024-05-01"), pd.NaT, pd.Timestamp("2024-06-01")],
            "thr__efficiency_pct__entry": [1.0, 2.0, 3.0],
            "tier": ["entry", "entry", "entry"],
            "id": [1, 2, 3],
        }
    )
    fast = records_from_frame(frame)
    slow = [record_from_row(r) for r in _rows(frame)]
    assert fast == slow
    assert [type(v) for v in fast[0]["fields"].values()] == [float, int, bool, str, str]
    assert fast[1]["fields"]["efficiency_pct"] is None and fast[1]["quantity"] is None
    assert fast[0]["load_factor"] == 0.1 + 0.2 and fast[0]["year_installed"] == 2001
    assert fast[2]["name"] is None and fast[2]["fields"]["cooling_method"] is None
    assert "tier" not in fast[0] and "thr__efficiency_pct__entry" not in fast[0]["fields"]


@pytest.mark.parametrize(
    "column, values",
    [("flow_m3h", [1.0, np.inf]), ("year_installed", [2001.5, 2002.0]), ("annual_hours", ["many", "1"])],
)
def test_bad_values_are_refused_naming_the_field(column, values):
    frame = pd.DataFrame({"asset_tag": ["A", "B"], column: values})
    with pytest.raises(StoreError, match=column):
        records_from_frame(frame)
