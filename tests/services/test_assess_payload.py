"""The schema-1 payload of `services.assess`: its shape, and a motor hand calculation end to end."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from retrofit_desktop import services
from retrofit_desktop.domain import Rejection

HUNAN_2022 = 0.4900  # kgCO2/kWh, MEE/NBS provincial table via methods.md §1.3 (single source)
TCE_CALORIFIC = 0.1229  # kgce/kWh, GB/T 2589-2020 Annex A 当量值
TCE_EQUIVALENT = 0.300  # kgce/kWh, the engine's stated (unverified) 等价值 default
PRICE = 0.65  # CNY/kWh, given by the user


def _motors() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "asset_tag": ["M-55-OLD", "M-55-NEW"],
            "name": ["空压机电机", "风机电机"],
            "product": ["motor", "motor"],
            "quantity": [2, 1],
            "rated_power_kw": [55.0, 55.0],
            "poles": [4, 4],
            "efficiency_pct": [93.0, 96.0],
            "annual_hours": [6000.0, 5000.0],
            "load_factor": [0.75, 0.8],
            "sheet": [None, None],
            "row": [2, 3],
        }
    )


@pytest.fixture(scope="module")
def payload():
    opts = services.AssessOptions(region="hunan", factor_year=2022, price_cny_per_kwh=PRICE)
    return services.assess(_motors(), opts)


def test_motor_hand_calculation(payload):
    # GB 18613-2020 table 1, 55 kW 4-pole: grade 1 96.5 %, grade 2 95.7 %, grade 3 94.6 %.
    old = payload["items"][0]
    assert old["tier"] == "below_entry"  # 93.0 < 94.6
    [comp] = old["comparisons"]
    assert comp["indicator"] == "efficiency_pct" and comp["value"] == 93.0
    assert comp["thresholds"] == {"advanced": 96.5, "energy_saving": 95.7, "entry": 94.6}
    assert old["target_tier"] == "energy_saving" and old["savings"]["status"] == "ok"
    # ΔE = P_N·β·t·(100/η_old − 100/η_new) × quantity
    #    = 55 × 0.75 × 6000 × (100/93.0 − 100/95.7) × 2
    #    = 247500 × (1.0752688172 − 1.0449320794) × 2 = 247500 × 0.0303367378 × 2 ≈ 15016.69 kWh/yr
    kwh = 55 * 0.75 * 6000 * (100 / 93.0 - 100 / 95.7) * 2
    assert kwh == pytest.approx(15016.685, abs=0.01)
    s = old["savings"]
    assert s["kwh"] == pytest.approx(kwh, rel=1e-12)
    assert s["tce"]["calorific"] == pytest.approx(kwh * TCE_CALORIFIC / 1000, rel=1e-12)  # ≈ 1.8456 tce
    assert s["tce"]["equivalent"] == pytest.approx(kwh * TCE_EQUIVALENT / 1000, rel=1e-12)  # ≈ 4.5050 tce
    assert s["tco2"] == pytest.approx(kwh * HUNAN_2022 / 1000, rel=1e-12)  # ≈ 7.3582 t
    assert s["cny"] == pytest.approx(kwh * PRICE, rel=1e-12)  # ≈ 9760.85 CNY

    new = payload["items"][1]
    assert new["tier"] == "energy_saving"  # 95.7 ≤ 96.0 < 96.5
    assert new["savings"]["status"] == "not_applicable" and new["savings"]["kwh"] == 0

    summary = payload["summary"]
    assert summary["kwh"] == pytest.approx(kwh, rel=1e-12)
    assert summary["tco2"] == pytest.approx(kwh * HUNAN_2022 / 1000, rel=1e-12)
    assert summary["tce"]["calorific"] == pytest.approx(kwh * TCE_CALORIFIC / 1000, rel=1e-12)
    assert summary["by_tier"]["below_entry"] == 1 and summary["by_tier"]["energy_saving"] == 1
    grid = summary["factors"]["factors"]["grid_co2"]
    assert grid["value"] == HUNAN_2022 and grid["source"]


def test_payload_shape(payload):
    assert payload["schema"] == 1
    for key in (
        "items",
        "summary",
        "rejected",
        "catalog",
        "options",
        "inputs",
        "software_version",
        "generated_at",
    ):
        assert key in payload
    item = payload["items"][0]
    for key in ("sheet", "row", "asset_tag", "name", "product", "tier", "verification", "comparisons",
                "target_tier", "savings", "finance"):  # fmt: skip
        assert key in item
    assert set(item["savings"]) >= {"status", "kwh", "fuel", "tce", "tco2", "cny"}
    assert set(item["savings"]["tce"]) == {"calorific", "equivalent"}
    assert set(item["finance"]) >= {"investment", "payback_years", "npv", "irr"}
    comp = item["comparisons"][0]
    assert set(comp) >= {
        "indicator",
        "value",
        "unit",
        "direction",
        "thresholds",
        "table",
        "source",
        "verification",
        "rule",
    }
    s = payload["summary"]
    assert set(s) >= {"read", "imported", "rejected", "by_tier", "kwh", "tce", "tco2", "cny", "factors"}
    assert (s["read"], s["imported"], s["rejected"]) == (2, 2, 0)
    assert len(payload["catalog"]["sha256"]) == 64 and payload["catalog"]["edition"]
    assert payload["options"]["region"] == "hunan" and payload["options"]["price_cny_per_kwh"] == PRICE
    # strict JSON: no NaN anywhere, survives a round trip unchanged
    text = json.dumps(payload, allow_nan=False, ensure_ascii=False)
    assert json.loads(text) == payload


def test_inputs_rebuild_the_frame_exactly(payload):
    frame = services.inputs_frame(payload)
    src = _motors()
    assert list(frame.columns) == list(src.columns)
    for col in ("rated_power_kw", "efficiency_pct", "annual_hours", "load_factor"):
        assert frame[col].tolist() == src[col].tolist()


def test_rejected_rows_are_counted_and_listed():
    rej = [
        Rejection("台账", 5, "efficiency_pct", "abc", "not a number"),
        Rejection("台账", 5, "poles", "3", "not allowed"),  # same row: one rejected row
        Rejection("台账", 9, "product", "火箭", "unknown product"),
    ]
    p = services.assess(_motors().iloc[:1], services.AssessOptions(), read=3, rejected=rej)
    assert (p["summary"]["read"], p["summary"]["imported"], p["summary"]["rejected"]) == (3, 1, 2)
    assert p["rejected"][2] == {"sheet": "台账", "row": 9, "column": "product", "value": "火箭",
                                "reason": "unknown product", "severity": "error"}  # fmt: skip


def test_progress_and_cancel():
    seen = []
    services.assess(_motors(), progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    with pytest.raises(services.Cancelled):
        services.assess(_motors(), cancelled=lambda: True)


def test_missing_stays_missing():
    frame = _motors().iloc[:1].assign(annual_hours=math.nan)
    item = services.assess(frame)["items"][0]
    assert item["savings"]["status"] == "insufficient_data"
    assert item["savings"]["kwh"] is None and "annual_hours" in item["savings"]["missing_fields"]


def test_options_validate():
    with pytest.raises(ValueError):
        services.AssessOptions(target="entry")
    with pytest.raises(ValueError):
        services.AssessOptions(price_cny_per_kwh=0)
    o = services.AssessOptions(region="湖南", target="advanced")
    assert services.AssessOptions.from_json(o.to_json()) == o


def test_repeated_nameplates_share_a_trace_but_not_its_objects():
    frame = pd.concat([_motors()] * 2, ignore_index=True).assign(asset_tag=["A", "B", "C", "D"])
    frame.loc[2, "efficiency_pct"] = 94.6  # same nameplate as A, other value: its own trace
    items = services.assess(frame)["items"]
    assert items[0]["comparisons"] == services.assess(frame.iloc[[0]])["items"][0]["comparisons"]
    assert items[1]["comparisons"] == items[3]["comparisons"]
    assert items[2]["comparisons"][0]["value"] == 94.6 and items[2]["tier"] == "entry"  # exactly on grade 3
    assert items[2]["comparisons"][0]["tier"] == "entry"
    items[1]["comparisons"][0]["value"] = -1.0
    assert items[3]["comparisons"][0]["value"] == 96.0


def test_traces_can_be_left_out_for_speed():
    fast = services.assess(_motors(), traces=False)
    full = services.assess(_motors())
    assert fast["traces"] is False and all(i["comparisons"] == [] for i in fast["items"])
    assert [i["tier"] for i in fast["items"]] == [i["tier"] for i in full["items"]]
    assert fast["summary"]["kwh"] == full["summary"]["kwh"]


def test_stored_items_assess_exactly_like_the_file(tmp_path):
    from retrofit_desktop.resources import resource_path

    path = resource_path("sample", "sample_inventory.csv")
    opts = services.AssessOptions(region="hunan", price_cny_per_kwh=0.65)
    from_file = services.assess_file(path, opts, traces=False)
    with services.open_workspace(tmp_path / "s.sqlite3") as w:
        eid, rep = services.import_file_as(w, path, "样例")
        from_db = services.assess_enterprise(w, eid, opts, save=False)
    assert rep.added == from_file["summary"]["imported"] == len(from_db["items"])
    by_tag = {i["asset_tag"]: i for i in from_db["items"]}
    for item in from_file["items"]:
        other = by_tag[item["asset_tag"]]
        assert (item["tier"], item["savings"], item["finance"]) == (
            other["tier"],
            other["savings"],
            other["finance"],
        )
    assert (
        services.compare_payloads(
            from_file, {**from_db, "items": [by_tag[i["asset_tag"]] for i in from_file["items"]]}
        )
        == []
    )
