"""FactorSet: values and provenance from methods.md, region names, fallback province → region → national."""

from __future__ import annotations

import json

import pytest

from retrofit_desktop.domain import Verification
from retrofit_desktop.engine import FactorError, FactorSet, find_region, resolve_grid


@pytest.mark.parametrize(
    ("year", "value"),
    [(2021, 0.5568), (2022, 0.5366), (2023, 0.5306)],  # methods.md 1.1 MEE/NBS series
)
def test_national_series(year, value):
    fs = FactorSet.default(region="national", year=year)
    assert fs.grid_co2 == value
    assert fs.grid.fallback is None
    assert fs["grid_co2"].status is Verification.VERIFIED


def test_default_is_latest_national():
    fs = FactorSet.default()
    assert (fs.grid.region, fs.grid.year, fs.grid_co2) == ("national", 2023, 0.5306)


@pytest.mark.parametrize("name", ["hunan", "Hunan", "湖南", "湖南省", " HUNAN "])
def test_hunan_latest_is_2023_province_value(name):
    fs = FactorSet.default(region=name)
    # 公告2025年第47号 附件表3: 湖南 0.4976 kgCO2/kWh (= tCO2/MWh); two transcriptions agree
    assert (fs.grid.level, fs.grid.region, fs.grid.year, fs.grid_co2) == ("province", "hunan", 2023, 0.4976)
    assert fs["grid_co2"].status is Verification.VERIFIED
    assert "公告2025年第47号" in fs["grid_co2"].source and "表3" in fs["grid_co2"].source
    assert fs.grid.fallback is None


def test_hunan_2022_when_asked_for():
    fs = FactorSet.default(region="湖南", year=2022)
    assert (fs.grid.level, fs.grid.region, fs.grid.year, fs.grid_co2) == ("province", "hunan", 2022, 0.4900)
    assert fs["grid_co2"].status is Verification.SINGLE_SOURCE  # PARTIAL in methods.md 1.3
    assert fs.grid.fallback is None


def test_tibet_2023_falls_back_to_southwest_grid_and_says_so():
    fs = FactorSet.default(region="西藏", year=2023)  # the 2023 annex lists 30 provinces, not Tibet
    assert (fs.grid.level, fs.grid.region, fs.grid.year, fs.grid_co2) == (
        "regional",
        "southwest",
        2023,
        0.2472,
    )
    assert "西南" in fs.grid.fallback and "2023" in fs.grid.fallback
    # the province → region mapping is itself unverified (methods.md 1.2)
    assert fs.grid.mapping_status is Verification.UNVERIFIED
    assert "unverified" in fs["grid_co2"].note


def test_province_without_2021_value_falls_back_to_region_year():
    fs = FactorSet.default(region="河北", year=2021)  # only the 2022 value of Hebei is in the reference
    assert (fs.grid.region, fs.grid_co2) == ("north", 0.7120)


def test_region_without_series_falls_back_to_national():
    fs = FactorSet.default(region="华中", grid_series="residual")
    assert (fs.grid.region, fs.grid.year, fs.grid_co2) == ("national", 2023, 0.6096)
    assert fs.grid.fallback is not None


@pytest.mark.parametrize(
    ("name", "rid"),
    [
        ("central", "central"),
        ("华中", "central"),
        ("全国", "national"),
        ("national", "national"),
        ("南方电网", "south"),
        ("陕西", "shaanxi"),
        ("山西", "shanxi"),
        (None, "national"),
    ],
)
def test_region_names(name, rid):
    assert find_region(name).id == rid


def test_unknown_region_and_year_are_clear_errors():
    with pytest.raises(FactorError, match="Atlantis"):
        FactorSet.default(region="Atlantis")
    with pytest.raises(FactorError, match="2019"):
        resolve_grid("national", 2019)


def test_other_factors_from_methods_md():
    fs = FactorSet.default()
    assert fs.tce_calorific == 0.1229 and fs["tce_electricity_calorific"].status is Verification.VERIFIED
    assert fs.tce_equivalent == 0.300 and fs["tce_electricity_equivalent"].status is Verification.UNVERIFIED
    assert fs.discount_rate == 0.08
    assert fs.value("loan_subsidy_points") == 1.5 and fs.value("loan_subsidy_years") == 2
    assert fs["loan_subsidy_end"].value == "2026-12-31"
    assert fs.fuel_tce("coal") == pytest.approx(0.7143)  # tce per t
    assert fs.fuel_tce("natural_gas") == pytest.approx(1.33e-3)  # tce per m3
    assert fs.fuel_co2("natural_gas") == pytest.approx(2.162e-3)  # tCO2 per m3
    assert fs.fuel_tce("heat") == pytest.approx(0.03412)  # tce per GJ
    assert fs.fuel_co2("biomass") == 0.0 and fs["fuel_co2_biomass"].status is Verification.UNVERIFIED
    assert fs.fuel_tce("biomass") is None  # no coefficient in the reference: missing stays missing


def test_price_has_no_default():
    fs = FactorSet.default()
    assert fs.price_electricity is None and fs["price_electricity"].status is None
    assert FactorSet.default(price_cny_per_kwh=0.65).price_electricity == 0.65


def test_overrides_are_marked_user_entered():
    fs = FactorSet.default().with_overrides(tce_electricity_equivalent=0.3016, discount_rate=0.06)
    f = fs["tce_electricity_equivalent"]
    assert (f.value, f.origin, f.status) == (0.3016, "user", Verification.UNVERIFIED)
    assert fs.discount_rate == 0.06
    assert FactorSet.default().tce_equivalent == 0.300  # the original is unchanged
    with pytest.raises(FactorError):
        fs.with_overrides(no_such_factor=1)
    with pytest.raises(FactorError):
        fs.with_overrides(grid_co2=-1)


def test_to_json_lists_every_factor_with_source():
    data = json.loads(json.dumps(FactorSet.default(region="hunan", price_cny_per_kwh=0.7).to_json()))
    assert data["grid_resolution"]["region"] == "hunan"
    for key, f in data["factors"].items():
        if f["value"] is None:
            continue
        assert f["source"], key
        assert f["status"] in {"verified", "single_source", "unverified"}, key


def test_loan_subsidy_rule_is_editable_and_validated():
    from datetime import date

    from retrofit_desktop.engine import FinanceSettings

    fs = FactorSet.default().with_overrides(loan_subsidy_points=1.0, loan_subsidy_end="2024-12-31")
    opts = FinanceSettings(loan_share=1.0).finance_options(fs)
    assert (opts.loan_subsidy_points, opts.loan_subsidy_years, opts.loan_subsidy_end) == (
        1.0,
        2,
        date(2024, 12, 31),
    )
    with pytest.raises(FactorError, match="YYYY-MM-DD"):
        FactorSet.default().with_overrides(loan_subsidy_end="end of 2026")


def test_json_round_trip_keeps_user_edits():
    fs = FactorSet.default(region="湖南", year=2023, price_cny_per_kwh=0.62).with_overrides(
        tce_electricity_equivalent=0.3016
    )
    back = FactorSet.from_json(json.loads(json.dumps(fs.to_json())))
    assert back.to_json() == fs.to_json()
    assert back.tce_equivalent == 0.3016 and back.price_electricity == 0.62 and back.grid_co2 == 0.4976
    with pytest.raises(FactorError):
        FactorSet.from_json({"factors": {}})
