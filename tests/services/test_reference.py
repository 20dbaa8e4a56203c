"""services functions the GUI uses instead of importing engine/io/report itself."""

from __future__ import annotations

import pytest

from retrofit_desktop import services

HUNAN_2022 = 0.4900  # kgCO2/kWh, MEE/NBS provincial table via methods.md §1.3 (single source)


def test_regions_and_years():
    regions = services.regions()
    ids = [r[0] for r in regions]
    assert ids[0] == "national" and "hunan" in ids and "central" in ids
    assert ids.index("central") < ids.index("hunan")  # national, grid regions, then provinces
    assert dict((r[0], r[1]) for r in regions)["hunan"] == "湖南"
    assert services.find_region("湖南省") == "hunan"
    with pytest.raises(ValueError):
        services.find_region("Atlantis")
    years = services.grid_years("hunan")
    assert 2022 in years and years == sorted(years, reverse=True)
    assert set(years) <= set(services.grid_years())


def test_preview_factors_is_what_the_assessment_uses():
    opts = services.AssessOptions(region="hunan", factor_year=2022, fuel_prices={"natural_gas": 3.5})
    f = services.preview_factors(opts)["factors"]
    assert f["grid_co2"]["value"] == HUNAN_2022
    assert f["price_fuel_natural_gas"]["value"] == 3.5 and f["price_fuel_natural_gas"]["origin"] == "user"
    assert services.fuel_units()["natural_gas"] == "m3" and services.fuel_units()["coal"] == "t"
    with pytest.raises(ValueError):
        services.preview_factors(services.AssessOptions(region="hunan", factor_year=1990))


def test_wizard_steps(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("编号,产品类别,额定功率(kW),极数,效率,投资\nM1,motor,55,4,93,1000\n", encoding="utf-8")
    sheets = services.read_sheets(p)
    auto = services.check_sheets(sheets)
    assert auto.items["investment_cny"].tolist() == [1000.0]
    # unmap the investment column: it goes to the notes instead
    cols = [
        (h, None if c.field == "investment_cny" else c.field, c.unit) for h, c in auto.mapping.columns.items()
    ]
    mapping = services.make_mapping(cols)
    again = services.check_sheets(sheets, mapping=mapping)
    assert "investment_cny" not in again.items.columns and "投资: 1000" in again.items["notes"].iloc[0]
    assert services.mapping_from_json(mapping.to_json()).to_json() == mapping.to_json()
    with pytest.raises(services.InputFileError):
        services.read_sheets(tmp_path / "missing.csv")


def test_field_groups():
    groups = {gid: fields for gid, _zh, _en, fields in services.field_groups()}
    assert "asset_tag" in {f.name for f in groups[""]}
    assert {"investment_cny", "lifetime_years", "measure"} <= {f.name for f in groups["retrofit"]}
    assert "efficiency_pct" in {f.name for f in groups["motor"]}


def test_report_options_class():
    cls = services.report_options_class()
    assert cls.__name__ == "ReportOptions"
