"""Investment and measure inputs from a real file reach the finance figures (CSV → store → payload)."""

from __future__ import annotations

import pytest

from retrofit_desktop import services

PRICE = 0.65  # CNY/kWh, given by the user
RATE = 0.08  # discount rate, given by the user
# GB 18613-2020 table 1, 55 kW 4-pole: grade 2 (节能水平) 95.7 %.
KWH = 55 * 0.75 * 6000 * (100 / 93.0 - 100 / 95.7)  # ≈ 7508.34 kWh/yr
CSV = (
    "设备编号,设备名称,产品类别,年运行小时,负载率,额定功率(kW),极数,效率(%),"
    "改造投资(万元),经济寿命(年),残值(元),运维费用变化,改造措施\n"
    "M-1,空压机电机,motor,6000,0.75,55,4,93.0,1.2,15,500,-100,更换\n"
    "M-2,风机电机,motor,6000,0.75,55,4,93.0,,,,,\n"
)


def _npv(rate: float, flows: list[float]) -> float:
    return sum(cf / (1 + rate) ** t for t, cf in enumerate(flows))


def _irr(flows: list[float]) -> float:  # plain bisection, independent of the engine's grid search
    lo, hi = 0.0, 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _npv(mid, flows) > 0 else (lo, mid)
    return (lo + hi) / 2


def _check(item: dict) -> None:
    f = item["finance"]
    cny = KWH * PRICE  # ≈ 4880.42 CNY/yr
    assert item["savings"]["cny"] == pytest.approx(cny, rel=1e-9)
    invest, residual, om, life = 12000.0, 500.0, -100.0, 15  # 1.2 万元 = 12 000 元
    assert f["investment"] == invest and f["lifetime_years"] == life
    # payback = (investment − residual) / (saving − O&M change) = 11500 / 4980.42 ≈ 2.309 years
    assert f["payback_years"] == pytest.approx((invest - residual) / (cny - om), rel=1e-9)
    flows = [-invest + residual] + [cny - om] * life
    assert f["npv"] == pytest.approx(_npv(RATE, flows), rel=1e-9)  # ≈ 31 130 CNY
    assert f["irr"] == pytest.approx(_irr(flows), abs=1e-8)  # ≈ 43 %


def test_csv_finance_reaches_the_payload(tmp_path):
    path = tmp_path / "motors.csv"
    path.write_text(CSV, encoding="utf-8")
    opts = services.AssessOptions(price_cny_per_kwh=PRICE, discount_rate=RATE)
    payload = services.assess_file(path, opts)
    first, second = payload["items"]
    _check(first)
    assert first["measure"] == "replace"
    # no investment given: finance stays missing, never 0
    assert second["savings"]["status"] == "ok"
    assert second["finance"]["investment"] is None and second["finance"]["payback_years"] is None


def test_finance_inputs_survive_the_store(ws, tmp_path):
    path = tmp_path / "motors.csv"
    path.write_text(CSV, encoding="utf-8")
    eid = services.create_enterprise(ws, "测试企业")
    services.import_file(ws, path, eid)
    frame = ws.items_frame(eid)
    row = frame.set_index("asset_tag").loc["M-1"]
    assert (
        row["investment_cny"],
        row["lifetime_years"],
        row["residual_value_cny"],
        row["om_change_cny"],
    ) == (12000.0, 15.0, 500.0, -100.0)
    assert row["measure"] == "replace"
    opts = services.AssessOptions(price_cny_per_kwh=PRICE, discount_rate=RATE)
    payload = services.assess_enterprise(ws, eid, opts, save=False)
    _check(next(it for it in payload["items"] if it["asset_tag"] == "M-1"))
    # re-importing the same file changes nothing
    again = services.import_file(ws, path, eid)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)


def test_negative_investment_is_rejected(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(CSV.replace(",1.2,15,", ",-1.2,15,"), encoding="utf-8")
    r = services.read_file(path)
    [rej] = r.rejected
    assert rej.row == 2 and rej.column == "改造投资(万元)" and rej.value == "-1.2"
    assert list(r.items["asset_tag"]) == ["M-2"]


def test_reimport_without_finance_columns_keeps_them(ws, tmp_path):
    path = tmp_path / "motors.csv"
    path.write_text(CSV, encoding="utf-8")
    eid = services.create_enterprise(ws, "测试企业")
    services.import_file(ws, path, eid)
    plain = tmp_path / "plain.csv"  # the same ledger without the retrofit columns
    plain.write_text("\n".join(",".join(line.split(",")[:8]) for line in CSV.splitlines()), encoding="utf-8")
    rep = services.import_file(ws, plain, eid)
    assert (rep.added, rep.updated, rep.unchanged) == (0, 0, 2)
    row = ws.items_frame(eid).set_index("asset_tag").loc["M-1"]
    assert row["investment_cny"] == 12000.0 and row["measure"] == "replace"
