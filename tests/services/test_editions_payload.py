"""The assessment payload: the edition option and date recorded, the edition beside each verdict, the sample's
pumps graded by GB 19762-2025."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrofit_desktop import services

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "sample_inventory.csv"


@pytest.fixture(scope="module")
def in_force():
    return services.assess_file(SAMPLE, services.AssessOptions(region="hunan", assessment_date="2026-12-01"))


def test_sample_pumps_are_graded_and_say_by_which_edition(in_force):
    pumps = [i for i in in_force["items"] if i["product"] == "pump"]
    assert len(pumps) == 4
    assert all(p["tier"] not in ("not_covered", "no_value") for p in pumps), [
        (p["asset_tag"], p["rule"]) for p in pumps
    ]
    assert {p["standard_edition"] for p in pumps} == {"GB 19762-2025"}
    assert {p["catalog_edition_cited"] for p in pumps} == {"GB 19762-2007"}
    assert {p["verification"] for p in pumps} == {"successor_edition"}
    # savings of a pump below the target come from the pump physics, as for any other pump
    below = [p for p in pumps if p["tier"] in ("below_entry", "entry")]
    assert below and all(p["savings"]["status"] == "ok" and p["savings"]["kwh"] > 0 for p in below)


def test_options_record_the_mode_and_the_date(in_force):
    assert in_force["options"]["edition"] == "in_force"
    assert in_force["options"]["assessment_date"] == "2026-12-01"
    today = services.assess_file(SAMPLE, services.AssessOptions())
    assert today["options"]["assessment_date"]  # None asked: the day used is recorded


def test_judging_by_the_catalog_edition(in_force):
    by_catalog = services.assess_file(
        SAMPLE, services.AssessOptions(edition="catalog", assessment_date="2026-12-01")
    )
    tiers = {i["asset_tag"]: i for i in by_catalog["items"]}
    for p in (i for i in in_force["items"] if i["product"] in ("pump", "chiller")):
        assert tiers[p["asset_tag"]]["tier"] == "not_covered"
        assert tiers[p["asset_tag"]]["rule"] == "edition_not_in_data"
    motors = [i for i in in_force["items"] if i["product"] == "motor"]
    assert all(tiers[m["asset_tag"]]["tier"] == m["tier"] for m in motors)


def test_hunan_grid_factor_is_2023(in_force):
    grid = in_force["summary"]["factors"]["factors"]["grid_co2"]
    assert grid["value"] == 0.4976 and grid["year"] == 2023 and "公告2025年第47号" in grid["source"]


def test_bad_options_are_refused():
    with pytest.raises(ValueError):
        services.AssessOptions(edition="newest")
    with pytest.raises(ValueError):
        services.AssessOptions(assessment_date="2026-13-01")
