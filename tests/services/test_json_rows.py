"""JSON texts built a column at a time (services.json_rows, services.assessment_texts) against the
plain per-row definition: each row's dict of `jsonsafe.jsonable` values, encoded on its own."""

from __future__ import annotations

import math

import numpy as np
import orjson
import pandas as pd
import pytest

from retrofit_desktop.services.assessment_json import input_dicts
from retrofit_desktop.services.json_rows import FEW, coded, render
from retrofit_desktop.services.jsonsafe import frame_records, jsonable


def _frame(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    figures = rng.normal(100, 30, n)
    figures[rng.random(n) < 0.2] = np.nan
    figures[rng.random(n) < 0.01] = np.inf
    few = rng.choice([1.5, 2.0, np.nan, -np.inf], n)
    mixed = np.array([1, True, 1.0, "1", None, 2.5, False, "x"], dtype=object)[rng.integers(0, 8, n)]
    names = np.array(["a", "b", None, "电动机", 'say "hi"'], dtype=object)[rng.integers(0, 5, n)]
    lists = [[] if k == 0 else ["advanced", "entry"][:k] for k in rng.integers(0, 3, n)]
    return pd.DataFrame(
        {
            "figure": figures,
            "few": few,
            "count": rng.integers(0, 5, n),
            "flag": rng.random(n) < 0.5,
            "tag": pd.array([f"T{i}" for i in range(n)], dtype="str"),
            "name": names,
            "mixed": mixed,
            "nullable": pd.array(np.where(rng.random(n) < 0.3, None, rng.integers(0, 9, n)), dtype="Int64"),
            "lists": pd.Series(lists, dtype=object),
        }
    )


@pytest.mark.parametrize("n", [0, 1, 7, FEW * 4 + 50, 3000])
def test_rendered_rows_equal_each_rows_own_json(n):
    frame = _frame(n, seed=n)
    template = [
        ("figure", coded(frame["figure"])),
        ("nested", [("few", coded(frame["few"])), ("count", coded(frame["count"]))]),
        *((c, coded(frame[c])) for c in ("flag", "tag", "name", "mixed", "nullable", "lists")),
    ]
    texts = render(template, n)
    assert len(texts) == n
    for text, rec in zip(texts, frame.to_dict("records"), strict=True):
        want = {k: jsonable(v) for k, v in rec.items()}
        want["nested"] = {"few": want.pop("few"), "count": want.pop("count")}
        order = ["figure", "nested", "flag", "tag", "name", "mixed", "nullable", "lists"]
        assert text == orjson.dumps({k: want[k] for k in order})  # same keys, order and values


def test_one_and_true_and_one_point_zero_stay_apart():
    col = pd.Series([1, True, 1.0, "1", 1, True], dtype=object)
    assert coded(col).rows() == [b"1", b"true", b"1.0", b'"1"', b"1", b"true"]


@pytest.mark.parametrize("n", [5, FEW * 4 + 50, 2500])
def test_input_rows_leave_out_missing_and_infinite_values(n):
    frame = _frame(n, seed=n + 1)
    got = input_dicts(frame, 0, n)
    assert got == frame_records(frame)
    assert all(not (isinstance(v, float) and math.isinf(v)) for row in got for v in row.values())
    assert input_dicts(frame, 3, n) == frame_records(frame.iloc[3:])
