"""classify_frame (vectorised) and trace/classify (one item) agree on mixed samples."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from retrofit_desktop.catalog.catalog import load_builtin

CAT = load_builtin()


def _item(product: str) -> st.SearchStrategy[dict]:
    spec = CAT.product(product)
    fields = {}
    for p in spec.parameters:
        if p.kind == "enum":
            fields[p.name] = st.one_of(st.none(), st.sampled_from(list(p.allowed)))
        else:
            pts = sorted(
                {
                    float(r[k.replace("_name", "_min")])
                    for r in spec.rows
                    for k in r
                    if k.endswith("_name") and r[k] == p.name and r[k.replace("_name", "_min")] != ""
                }
            )
            base = st.sampled_from(pts) if pts else st.floats(0, 1e4)
            fields[p.name] = st.one_of(base, st.floats(0, max(pts or [1e4]) * 1.2), st.none())
    for i in spec.indicators:
        fields[i.name] = st.one_of(st.none(), st.floats(0, 120, allow_nan=False))
    return st.fixed_dictionaries({"product": st.just(product), **fields})


def _products():
    return [p for p, s in CAT.products.items() if s.rows]


@settings(deadline=None, max_examples=60)
@given(st.lists(st.sampled_from(_products()).flatmap(_item), min_size=1, max_size=25))
def test_frame_and_trace_agree(items):
    frame = pd.DataFrame(items)
    out = CAT.classify_frame(frame)
    for i, row in enumerate(items):
        c = CAT.trace(row)
        assert out["tier"].iloc[i] == c.tier.value, row
        assert out["verification"].iloc[i] == c.verification.value, row
        assert out["rule"].iloc[i] == c.rule, row
        for comp in c.comparisons:
            for t, v in comp.thresholds.items():
                got = out[f"thr__{comp.indicator}__{t}"].iloc[i]
                assert (v is None and math.isnan(got)) or got == v, (row, comp.indicator, t)
