"""Property: any finite float and any text survive a save and a load exactly."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrofit_desktop.store import open_workspace

_counter = itertools.count()
text = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    str.strip
)
finite = st.floats(allow_nan=False, allow_infinity=False)


@pytest.fixture(scope="module")
def module_ws(tmp_path_factory):
    with open_workspace(tmp_path_factory.mktemp("prop") / "prop.sqlite3") as ws:
        yield ws


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(finite, finite, text), min_size=1, max_size=8))
def test_values_round_trip_exactly(module_ws, rows):
    frame = pd.DataFrame(
        {
            "asset_tag": [f"T{i}" for i in range(len(rows))],
            "annual_hours": [r[0] for r in rows],
            "efficiency_pct": [r[1] for r in rows],
            "notes": [r[2] for r in rows],
            "model": [r[2] for r in rows],
        }
    )
    ws = module_ws
    eid = ws.create_enterprise(f"企业{next(_counter)}")
    ws.upsert_items(eid, frame)
    out = ws.items_frame(eid)
    assert ws.upsert_items(eid, frame).unchanged == len(rows)
    assert out["annual_hours"].tolist() == frame["annual_hours"].tolist()
    assert out["efficiency_pct"].tolist() == frame["efficiency_pct"].tolist()
    assert out["notes"].tolist() == frame["notes"].tolist() == out["model"].tolist()
