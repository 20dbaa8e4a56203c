"""Enterprise and item use cases, and the sample enterprise offered on first start."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from retrofit_desktop import services
from retrofit_desktop.resources import resource_path


def test_enterprise_lifecycle(ws):
    eid = services.create_enterprise(
        ws, "长沙某某泵业有限公司", credit_code="91350100M000100Y43", region="湖南"
    )
    services.save_item(ws, eid, {"asset_tag": "P1", "product": "pump", "flow_m3h": 100.0, "site": "泵房"})
    [info] = services.list_enterprises(ws)
    assert (info.name, info.credit_code, info.region, info.item_count, info.sites, info.is_sample) == (
        "长沙某某泵业有限公司", "91350100M000100Y43", "湖南", 1, ("泵房",), False
    )  # fmt: skip
    services.rename_enterprise(ws, eid, "新名称")
    services.update_enterprise(ws, eid, industry="C3441")
    assert services.find_enterprise(ws, "新名称").industry == "C3441"
    frame = services.load_items(ws, eid)
    assert list(frame["asset_tag"]) == ["P1"] and "id" in frame
    assert services.delete_items(ws, frame["id"].tolist()) == 1
    services.delete_enterprise(ws, eid)
    assert services.list_enterprises(ws) == []


def test_sample_enterprise_is_offered_once(ws):
    desc = json.loads(resource_path("sample", "sample_enterprise.json").read_text(encoding="utf-8"))
    n_rows = len(pd.read_csv(resource_path("sample", desc["inventory"])))
    eid = services.ensure_sample_enterprise(ws)
    assert eid is not None
    info = ws.enterprise(eid)
    assert info.name == desc["name"] and info.is_sample and info.credit_code == desc["credit_code"]
    assert set(info.sites) >= {s["name"] for s in desc["sites"]}
    assert info.item_count == n_rows  # every sample row is valid
    assert services.ensure_sample_enterprise(ws) is None
    services.delete_enterprise(ws, eid)
    assert services.ensure_sample_enterprise(ws) is None  # deleted by the user: not forced back
    assert services.list_enterprises(ws) == []


def test_sample_enterprise_not_created_in_read_only_mode(tmp_path):
    services.open_workspace(tmp_path / "x.sqlite3").close()
    with services.open_workspace(tmp_path / "x.sqlite3", read_only=True) as ro:
        assert services.ensure_sample_enterprise(ro) is None
        assert services.list_enterprises(ro) == []


def test_read_only_workspace_refuses_changes(tmp_path):
    with services.open_workspace(tmp_path / "y.sqlite3") as w:
        services.create_enterprise(w, "甲")
    with (
        services.open_workspace(tmp_path / "y.sqlite3", read_only=True) as ro,
        pytest.raises(services.ReadOnlyError),
    ):
        services.create_enterprise(ro, "乙")


def test_worker_thread_can_use_the_workspace(ws):
    import threading

    eid = services.create_enterprise(ws, "线程")
    errors = []

    def work():
        try:
            services.save_item(ws, eid, {"asset_tag": "T1", "product": "motor", "rated_power_kw": 11.0})
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert errors == [] and services.load_items(ws, eid)["rated_power_kw"].tolist() == [11.0]


def test_assess_enterprise_saves_unless_read_only(tmp_path):
    path = tmp_path / "a.sqlite3"
    item = {"asset_tag": "M1", "product": "motor", "rated_power_kw": 55.0, "poles": 4, "efficiency_pct": 93.0,
            "annual_hours": 6000.0, "load_factor": 0.75}  # fmt: skip
    with services.open_workspace(path) as w:
        eid = services.create_enterprise(w, "评估企业", region="湖南")
        services.save_item(w, eid, item)
        p = services.assess_enterprise(w, eid, services.AssessOptions(region="hunan"))
        assert p["enterprise"]["name"] == "评估企业" and p["items"][0]["tier"] == "below_entry"
        [saved] = w.assessments(eid)
        assert saved.catalog_sha256 == p["catalog"]["sha256"] and w.load_assessment(saved.id) == p
        services.assess_enterprise(w, eid, save=False)
        assert len(w.assessments(eid)) == 1
    with services.open_workspace(path, read_only=True) as ro:
        services.assess_enterprise(ro, eid)
        assert len(ro.assessments(eid)) == 1


def test_import_into_a_new_enterprise_is_all_or_nothing(ws, tmp_path, monkeypatch):
    csv = tmp_path / "inv.csv"
    csv.write_text(
        "asset_tag,product,rated_power_kw,poles,efficiency_pct\nM1,motor,55,4,93\n", encoding="utf-8"
    )

    def broken(*_a, **_k):
        raise services.StoreError("disk full")

    monkeypatch.setattr(ws, "upsert_items", broken)
    with pytest.raises(services.StoreError):
        services.import_file_as(ws, csv, "新企业")
    monkeypatch.undo()
    assert services.list_enterprises(ws) == []  # the enterprise created in the same transaction is gone
    eid, rep = services.import_file_as(ws, csv, "新企业")
    assert (rep.read, rep.added, rep.rejected_rows) == (1, 1, 0) and ws.item_count(eid) == 1
