"""Each payload item carries its elimination-list check; the summary counts items by status."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

from retrofit_desktop import services


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "asset_tag": ["Y2-OLD", "NO-MODEL", "Y2-OLD-2", "BOILER"],
        "product": ["motor", "motor", "motor", "boiler"],
        "model": ["Y2-200L-4", None, "Y2-200L-4", "SZL6-1.25-AII"],
        "year_installed": [2002, 2002, 2002, 2012],
        "rated_power_kw": [30.0, 30.0, 30.0, None], "poles": ["4", "4", "4", None],
        "efficiency_pct": [92.2, 92.2, 92.2, None],
        "boiler_type": [None, None, None, "grate_coal"], "fuel": [None, None, None, "bituminous"],
        "fuel_class": [None, None, None, "II"], "rated_capacity_th": [None, None, None, 6.0],
        "thermal_efficiency_pct": [None, None, None, 81.0],
    })  # fmt: skip


@pytest.fixture(scope="module")
def payload():
    return services.assess(_frame(), services.AssessOptions(lang="en"))


def test_y2_motor_installed_2002_is_listed_with_its_entry(payload):
    e = payload["items"][0]["elimination"]
    assert e["status"] == "listed"
    # MIIT 《高耗能落后机电设备（产品）淘汰目录》第三批 1-2: Y2 series made in or before 2003
    [entry] = e["entries"]
    assert entry["entry_id"] == "MOTOR-3-1-2" and entry["batch"] == "第三批"
    assert "2003" in entry["condition"] and entry["source"] and entry["verification"] == "single_source"
    assert payload["items"][2]["elimination"] == e  # same nameplate, same answer (and not the same object)
    assert payload["items"][2]["elimination"] is not e


def test_motor_without_model_is_unknown(payload):
    e = payload["items"][1]["elimination"]
    assert e["status"] == "unknown" and e["entries"] == [] and e["note"]


def test_boiler_parameters_are_passed(payload):
    # 产业结构调整指导目录（2024年本）淘汰类 item 10: coal-fired boilers of 10 t/h and below
    e = payload["items"][3]["elimination"]
    assert e["status"] == "listed" and [x["entry_id"] for x in e["entries"]] == ["ISC2024-10"]


def test_summary_counts_by_status(payload):
    assert payload["summary"]["elimination"] == {"listed": 3, "not_listed": 0, "unknown": 1}


def test_verify_compares_the_elimination_status(payload):
    forged = copy.deepcopy(payload)
    forged["items"][0]["elimination"]["status"] = "not_listed"
    diffs = services.compare_payloads(forged, payload)
    assert len(diffs) == 1 and "elimination" in diffs[0] and "Y2-OLD" in diffs[0]
    assert services.compare_payloads(payload, copy.deepcopy(payload)) == []
