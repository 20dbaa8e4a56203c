import numpy as np

from retrofit_desktop import services


def test_total_cost_is_missing_but_the_priced_part_is_reported(tmp_path):
    csv = tmp_path / "inv.csv"
    csv.write_text(
        "asset_tag,name,product,rated_power_kw,poles,efficiency_pct,annual_hours,load_factor\n"
        "M1,电机,motor,55,4,93.0,6000,0.75\n",
        encoding="utf-8",
    )
    payload = services.assess_file(
        csv, services.AssessOptions(region="hunan", factor_year=2022, price_cny_per_kwh=0.5)
    )
    s = payload["summary"]
    # 55 × 0.75 × 6000 × (1/0.93 − 1/0.957) kWh at the energy-saving threshold 95.7 %
    kwh = 55 * 0.75 * 6000 * (1 / 0.93 - 1 / 0.957)
    assert np.isclose(s["kwh"], kwh)
    assert np.isclose(s["cny"], kwh * 0.5)
    assert np.isclose(s["cny_priced"], kwh * 0.5)
    assert s["cny_unpriced_items"] == 0


def test_an_unpriced_boiler_leaves_the_total_missing_and_counts_it(tmp_path):
    csv = tmp_path / "inv.csv"
    csv.write_text(
        "asset_tag,name,product,rated_power_kw,poles,efficiency_pct,annual_hours,load_factor,"
        "boiler_type,fuel,condensing,rated_capacity_th,thermal_efficiency_pct,annual_fuel_use,fuel_kind,fuel_unit\n"
        "M1,电机,motor,55,4,93.0,6000,0.75,,,,,,,,\n"
        "B1,锅炉,boiler,,,,4000,,chamber_fired,natural_gas,no,4,91.0,620000,natural_gas,m3\n",
        encoding="utf-8",
    )
    payload = services.assess_file(
        csv, services.AssessOptions(region="hunan", factor_year=2022, price_cny_per_kwh=0.5)
    )
    s = payload["summary"]
    boiler = next(i for i in payload["items"] if i["asset_tag"] == "B1")
    assert boiler["savings"]["status"] == "ok" and boiler["savings"]["cny"] is None
    assert s["cny"] is None  # no gas price: the total cost saving is not known
    assert np.isclose(s["cny_priced"], 55 * 0.75 * 6000 * (1 / 0.93 - 1 / 0.957) * 0.5)
    assert s["cny_unpriced_items"] == 1
