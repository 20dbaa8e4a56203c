"""Issue 11 C.12: one payback figure per proposal, and verification counts that do not contradict each other.

The proposal's payback is each item's own formula summed: Σ(investment − capital subsidy − residual) /
Σ(cost saving − O&M change) over the items that have a payback; the hand calculation below reads only the
items' investment, subsidy, residual and cost saving (the sample has no O&M change)."""

from __future__ import annotations

import math

import pytest

from retrofit_desktop import services
from retrofit_desktop.domain import VERIFICATION_ORDER
from retrofit_desktop.io import read_inventory
from retrofit_desktop.resources import resource_path


@pytest.fixture(scope="module")
def sample_items():
    return read_inventory(resource_path("sample", "sample_inventory.csv")).items


def _assess(items, **kw):
    return services.assess(items, services.AssessOptions(region="hunan", price_cny_per_kwh=0.65, **kw))


@pytest.mark.parametrize("subsidy", [0.0, 0.3])
def test_the_proposal_payback_is_the_items_formula_summed(sample_items, subsidy):
    p = _assess(sample_items, capital_subsidy_share=subsidy)
    inv = saving = 0.0
    n = 0
    for it in p["items"]:
        f, s = it["finance"], it["savings"]
        if f.get("payback_years") is None:
            continue
        inv += f["investment"] - f["capital_subsidy"] - f["residual_value"]
        saving += s["cny"]
        n += 1
    assert n == 20  # the sample's items with an investment and a cost saving (boilers lack a fuel price)
    assert p["summary"]["payback_items"] == n
    assert p["summary"]["payback_years"] == pytest.approx(inv / saving, rel=1e-12)
    if subsidy:
        gross = sum(
            it["finance"]["investment"] for it in p["items"] if it["finance"].get("payback_years") is not None
        )
        assert not math.isclose(p["summary"]["payback_years"], gross / saving)  # the subsidy is in it


def test_an_item_counted_verified_has_only_verified_comparisons(sample_items):
    """Before: 8 items verified but 0 comparisons, because a comparison took the weakest of all three
    thresholds of its row and the item only those that decided its tier."""
    p = _assess(sample_items)
    rank = {v.value: k for k, v in enumerate(VERIFICATION_ORDER)}
    for it in p["items"]:
        comps = [c["verification"] for c in it["comparisons"] if c.get("verification")]
        if comps:
            assert it["verification"] == max(comps, key=rank.__getitem__), it["asset_tag"]
    items_verified = sum(1 for it in p["items"] if it["verification"] == "verified")
    comps_verified = sum(1 for it in p["items"] for c in it["comparisons"] if c["verification"] == "verified")
    assert items_verified == 8 and comps_verified == 8
