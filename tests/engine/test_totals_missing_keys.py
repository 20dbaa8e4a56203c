import numpy as np
import pandas as pd

from retrofit_desktop.engine.portfolio import _TOTAL_COLUMNS, Totals


def _result(n):
    res = pd.DataFrame({c: np.arange(1.0, n + 1) for c in _TOTAL_COLUMNS})
    res["savings_status"] = "ok"
    return res


def test_missing_keys_and_a_literal_dash_form_one_group():
    totals = Totals(_result(4))
    out = totals.by(pd.Series(["A", None, "—", np.nan], dtype=object))
    assert set(out) == {"A", "—"}
    assert out["—"]["items"] == 3
    assert out["—"]["kwh"] == 2.0 + 3.0 + 4.0  # rows 2, 3, 4
    assert out["A"]["kwh"] == 1.0
