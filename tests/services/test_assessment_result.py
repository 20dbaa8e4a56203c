"""The typed assessment result: its JSON equals the payload the per-item code built before it
(tests/services/legacy_payload.py), and the streamed JSON equals the payload dict."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from retrofit_desktop import services
from retrofit_desktop.catalog import get_catalog
from retrofit_desktop.engine import assess_items
from retrofit_desktop.resources import resource_path
from retrofit_desktop.services.assessment_json import write_json

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_assess import make_items
from legacy_payload import legacy_items


def _mixed(n: int = 1500) -> pd.DataFrame:
    """Generated ledger with ratings between table rows, missing parameters and values, other products."""
    f = make_items(n, seed=3)
    rng = np.random.default_rng(7)
    m = f["rated_power_kw"].notna()
    f.loc[m, "rated_power_kw"] = rng.choice([0.5, 2.0, 5.0, 12.0, 50.0, 75.0, 100.0, 1200.0, np.nan], m.sum())
    t = f["rated_capacity_kva"].notna()
    f.loc[t, "rated_capacity_kva"] = rng.choice([150.0, 300.0, 800.0, 3000.0, np.nan], t.sum())
    f.loc[rng.random(n) < 0.05, "efficiency_pct"] = np.nan
    f.loc[rng.random(n) < 0.05, "poles"] = np.nan
    f.loc[rng.random(n) < 0.05, "product"] = "pmsm"
    f.loc[rng.random(n) < 0.03, "fan_type"] = "axial"
    f.loc[rng.random(n) < 0.1, "cop"] = np.nan
    f["row"] = np.arange(2, n + 2)
    return f


def _sample() -> pd.DataFrame:
    return services.read_file(resource_path("sample", "sample_inventory.csv")).items


@pytest.mark.parametrize("edition", ["in_force", "catalog"])
@pytest.mark.parametrize("frame", [_sample, _mixed], ids=["sample", "mixed"])
def test_items_equal_the_per_item_payload(frame, edition):
    items = frame().reset_index(drop=True)
    opts = services.AssessOptions(edition=edition, price_cny_per_kwh=0.7, assessment_date="2026-09-21")
    payload = services.assess(items, opts)
    cat, judging = get_catalog(), opts.judging()
    cls = cat.classify_frame(items, judging)
    res = assess_items(items, cls, cat, opts.engine_options())
    expected = legacy_items(cat, items, cls, res.items, judging)
    assert len(payload["items"]) == len(expected)
    for got, want in zip(payload["items"], expected, strict=True):
        assert got == want, want["asset_tag"]
    # every kind of decided comparison was exercised (exact row, both between-rules, not decided)
    rules = {c["rule"].split("(")[0] for it in payload["items"] for c in it["comparisons"]}
    if frame is _mixed and edition == "catalog":
        assert {"table_row", "linear_interpolation", "stricter_neighbour", "out_of_range"} <= rules
    by_tier = pd.Series([it["tier"] for it in expected]).value_counts().to_dict()
    assert {k: v for k, v in payload["summary"]["by_tier"].items() if v} == by_tier
    statuses = pd.Series([it["elimination"]["status"] for it in expected]).value_counts().to_dict()
    assert {k: v for k, v in payload["summary"]["elimination"].items() if v} == statuses


def test_streamed_json_equals_the_payload():
    items = _mixed(400)
    opts = services.AssessOptions(price_cny_per_kwh=0.7, assessment_date="2026-09-21")
    result = services.assessment(items, opts, read=420)
    buf = io.BytesIO()
    write_json(result, buf)
    text = buf.getvalue().decode("utf-8")
    assert json.loads(text) == json.loads(json.dumps(result.to_payload(), allow_nan=False))
    assert text.count("\n") > 2 * len(items)  # one item and one input row per line
    assert result.summary.read == 420 and result.summary.rejected == 20 and result.summary.imported == 400


def test_typed_summary_totals_are_the_items_sums():
    items = _mixed(300)
    result = services.assessment(items, services.AssessOptions(price_cny_per_kwh=0.7))
    payload_items = result.to_payload()["items"]
    counted = [
        it["savings"]["kwh"]
        for it in payload_items
        if it["savings"]["status"] in ("ok", "not_applicable") and it["savings"]["kwh"] is not None
    ]
    assert result.summary.kwh == pytest.approx(sum(counted))
    assert result.summary.factors is not None and result.summary.factors.value("price_electricity") == 0.7
    assert len(result.below_entry()) == result.summary.by_tier["below_entry"]


def test_traces_false_leaves_comparisons_empty():
    payload = services.assess(_mixed(50), services.AssessOptions(), traces=False)
    assert payload["traces"] is False
    assert all(it["comparisons"] == [] for it in payload["items"])


def test_payload_items_do_not_share_dicts():
    """A view that edits one item's elimination or comparisons must not change another's."""
    payload = services.assess(_mixed(60), services.AssessOptions())
    a, b = payload["items"][0], payload["items"][1]
    assert a["elimination"] is not b["elimination"]
    a["elimination"]["status"] = "edited"
    assert b["elimination"]["status"] != "edited"
