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
