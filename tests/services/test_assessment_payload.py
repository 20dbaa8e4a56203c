"""`assessment_from_payload` is the inverse of `Assessment.to_payload()`: the typed result the report is
rendered from (and re-rendered from by `verify`) is the one the payload was written from."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from messy_ledger import write_messy_ledger

from retrofit_desktop import services
from retrofit_desktop.report import render
from retrofit_desktop.report import result as report_result
from retrofit_desktop.resources import resource_path
from retrofit_desktop.services import assessment_keys
from retrofit_desktop.services.assessment_payload import PayloadAssessment, assessment_from_payload

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from report_payloads import small_payload

SAMPLE = resource_path("sample", "sample_inventory.csv")


def _sample() -> services.Assessment:
    opts = services.AssessOptions(region="hunan", price_cny_per_kwh=0.7, assessment_date="2026-12-01")
    return services.assessment(services.read_file(SAMPLE).items, opts)


def _messy(tmp: Path) -> services.Assessment:
    return services.assessment(
        services.read_file(write_messy_ledger(tmp / "台账.xlsx")).items, services.AssessOptions()
    )


def _empty() -> services.Assessment:
    return services.assessment(services.read_file(SAMPLE).items.iloc[:0], services.AssessOptions())


@pytest.mark.parametrize("make", ["sample", "messy", "empty"])
def test_the_payload_round_trip_is_exact(make, tmp_path):
    a = {"sample": _sample, "messy": lambda: _messy(tmp_path), "empty": _empty}[make]()
    payload = a.to_payload()
    back = assessment_from_payload(payload)
    assert isinstance(back, services.Assessment)
    assert back.to_payload() == payload
    # and through JSON, as a report embeds it: the same JSON text again
    embedded = json.loads(json.dumps(payload, ensure_ascii=False))
    assert json.dumps(assessment_from_payload(embedded).to_payload(), sort_keys=True) == json.dumps(
        embedded, sort_keys=True
    )
    assert len(back) == len(a)


def test_columns_keep_the_payload_values_and_types():
    a = _sample()
    back = assessment_from_payload(a.to_payload())
    items = a.to_payload()["items"]
    assert back.items["row"].tolist() == [i["row"] for i in items]
    assert all(type(r) is int for r in back.items["row"])  # not 2.0: the report prints the row number
    assert back.items["kwh"].tolist() == [i["savings"]["kwh"] for i in items]
    assert list(back.finance_columns) == list(items[0]["finance"])
    n_comp = sum(len(i["comparisons"]) for i in items)
    assert len(back.comparisons) == n_comp > 0
    first = items[0]["comparisons"][0]
    row = back.comparisons.iloc[0]
    assert (row["item"], row["indicator"], row["entry"]) == (
        0,
        first["indicator"],
        first["thresholds"]["entry"],
    )
    assert back.summary.kwh == a.summary.kwh and back.summary.by_tier == a.summary.by_tier
    assert back.data_sources == a.tail_json()["data_sources"]


def test_an_older_payload_gets_defaults():
    old = (
        small_payload()
    )  # hand-built as earlier versions wrote it: no elimination, no total_rows, no traces flag
    back = assessment_from_payload(old)
    payload = back.to_payload()
    item = payload["items"][0]
    assert item["elimination"] == {"status": None, "entries": [], "note": None}
    assert item["standard_edition"] is None and item["savings"]["fuel_unit"] is None
    assert item["savings"]["kwh"] == old["items"][0]["savings"]["kwh"]
    assert item["comparisons"][0]["thresholds"] == old["items"][0]["comparisons"][0]["thresholds"]
    assert payload["summary"]["total_rows"] == 0 and payload["total_rows"] == []
    assert payload["traces"] is True  # it has comparisons
    assert payload["mac_curve"] == old["mac_curve"]  # keys the reader does not know stay in the header
    assert [r["value"] for r in payload["rejected"]] == ["abc<kW>"]
    assert assessment_from_payload(payload).to_payload() == payload  # stable from then on
    assert isinstance(back, PayloadAssessment) and back.data_sources is None and "data_sources" not in payload


def test_the_report_reader_and_services_agree_on_the_item_keys():
    assert report_result.ITEM_KEYS == assessment_keys.ITEM_KEYS
    assert report_result.EDITION_KEYS == assessment_keys.EDITION_KEYS


def test_a_report_of_the_typed_result_is_the_report_of_its_payload(tmp_path):
    a = _sample()
    by_result = render.render_bytes(a, lang="en")
    assert by_result == render.render_bytes(a.to_payload(), lang="en")
    out = services.write_report(a, tmp_path / "r.pdf", lang="zh")
    assert out.read_bytes() == render.render_bytes(a.to_payload(), lang="zh")
    with pytest.raises(TypeError):
        render.render_bytes([1, 2], lang="en")  # type: ignore[arg-type]
