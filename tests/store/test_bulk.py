"""Items stored in bulk (executemany / COPY) and read back column-wise: values equal after a round
trip, on SQLite and (with ./dev test --postgres) PostgreSQL; the same rows the one-item ORM path stores."""

from __future__ import annotations

import json
import math
import re
from datetime import datetime

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select

from retrofit_desktop.store import StoreError
from retrofit_desktop.store import workspace as store_workspace
from retrofit_desktop.store.bulk import fields_json
from retrofit_desktop.store.models import Equipment, Site

TRICKY_TEXT = ['电机 "一号"', "tab\there", "back\\slash", "emoji 🚀 ok", "line\nbreak", "ünïcödé", "'单引号'"]


def _frame() -> pd.DataFrame:
    n = len(TRICKY_TEXT)
    return pd.DataFrame(
        {
            "asset_tag": [f"标签-{i}" for i in range(n)],
            "name": TRICKY_TEXT,
            "product": ["motor", "pump", None, "motor", "fan", "motor", "boiler"],
            "model": ["YE3-160M", None, "", "  ", "Y2", "Y3", "YE4"],
            "year_installed": [2001.0, np.nan, 2020.0, 1999.0, np.nan, 2024.0, 2010.0],
            "quantity": [2, 1, 3, 1, 1, 4, 1],
            "site": ["一车间", "泵房", None, "一车间", "泵房", None, "锅炉房"],
            "annual_hours": [6000.5, np.nan, 0.1 + 0.2, 8760.0, 1e-300, 123456789.123456789, 5e-324],
            "load_factor": [0.75, 1.0, np.nan, 0.3333333333333333, 0.5, 0.9, 0.1],
            "notes": ["备注", None, "x", None, None, "长" * 300, "n"],
            "rated_power_kw": [55.0, np.nan, 7.5, 0.75, 110.0, np.nan, 2.2],
            "efficiency_pct": [93.6 + 1e-13, 95.4, np.nan, np.nan, 91.0, 88.8, -0.0],  # -0.0 in the JSON
            "poles": [4, 2, 6, 4, 8, 2, 4],
            "vsd": [True, False, True, False, True, False, True],
            "cooling_method": ["IC411", None, "", "空冷", "IC411", None, "水冷"],
            "sheet": ["台账"] * n,
            "row": list(range(3, 3 + n)),
        }
    )


def _expected_cell(value):
    """What a stored blank reads back as: None for text, NaN for numbers."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _same(a, b) -> bool:
    a, b = _expected_cell(a), _expected_cell(b)
    if isinstance(a, float) and isinstance(b, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    return a == b and (isinstance(a, str) == isinstance(b, str))


def test_values_are_equal_after_store_and_load(ws):
    frame = _frame()
    eid = ws.create_enterprise("往返企业")
    counts = ws.upsert_items(eid, frame)
    assert (counts.added, counts.updated, counts.unchanged) == (len(frame), 0, 0)
    out = ws.items_frame(eid)
    assert out["asset_tag"].tolist() == frame["asset_tag"].tolist()  # ordered by id = frame order
    for col in frame.columns:
        for i, (want, got) in enumerate(zip(frame[col].tolist(), out[col].tolist(), strict=True)):
            assert _same(want, got), (col, i, want, got)
    assert out["annual_hours"].dtype == float and out["load_factor"].dtype == float
    assert math.copysign(1, out["efficiency_pct"].iloc[6]) == -1  # a field's -0.0 keeps its sign
    assert out["vsd"].tolist() == [True, False, True, False, True, False, True]
    assert ws.upsert_items(eid, frame).unchanged == len(frame)  # stored values compare equal to the input


def test_bulk_rows_equal_rows_saved_one_by_one(ws):
    """The bulk INSERT/COPY stores what the ORM path (save_item) stores: same columns, same fields
    object, same site rows; and both read back to the same frame."""
    frame = _frame()
    bulk_id = ws.create_enterprise("批量")
    orm_id = ws.create_enterprise("逐条")
    ws.upsert_items(bulk_id, frame)
    for rec in frame.to_dict("records"):
        ws.save_item(orm_id, rec)
    a, b = ws.items_frame(bulk_id), ws.items_frame(orm_id)
    pd.testing.assert_frame_equal(a.drop(columns="id"), b.drop(columns="id"))
    cols = [
        c
        for c in Equipment.__table__.columns
        if c.name not in ("id", "enterprise_id", "site_id", "updated_at")
    ]
    with ws.transaction() as s:
        rows = {
            eid: s.execute(select(*cols).where(Equipment.enterprise_id == eid).order_by(Equipment.id)).all()
            for eid in (bulk_id, orm_id)
        }
        sites = {
            eid: s.scalars(select(Site.name).where(Site.enterprise_id == eid).order_by(Site.name)).all()
            for eid in (bulk_id, orm_id)
        }
        stamps = s.scalars(select(Equipment.updated_at).where(Equipment.enterprise_id == bulk_id)).all()
    assert rows[bulk_id] == rows[orm_id]
    assert sorted(sites[bulk_id]) == sorted(sites[orm_id]) == sorted(["一车间", "泵房", "锅炉房"])
    assert all(t is not None for t in stamps)


def test_fields_json_is_the_json_of_the_non_blank_cells():
    fields = {
        "eff": [95.4, None, 0.1 + 0.2],
        "名称": ["电机", 'a"b', None],
        "vsd": [True, None, False],
        "poles": [4, None, None],
    }
    texts = fields_json(fields, 3)
    assert [json.loads(t) for t in texts] == [
        {"eff": 95.4, "名称": "电机", "vsd": True, "poles": 4},
        {"名称": 'a"b'},
        {"eff": 0.30000000000000004, "vsd": False},
    ]
    assert texts[1] == json.dumps({"名称": 'a"b'})  # the text SQLAlchemy's JSON type writes


def test_reimport_updates_known_tags_and_adds_new_ones(ws, monkeypatch):
    monkeypatch.setattr(store_workspace, "UPSERT_BATCH", 3)  # several batches of each kind
    frame = _frame()
    eid = ws.create_enterprise("再导入")
    ws.upsert_items(eid, frame.iloc[:4])
    changed = frame.copy()
    changed.loc[1, "rated_power_kw"] = 15.0
    changed.loc[2, "name"] = "改名"
    calls = []
    counts = ws.upsert_items(eid, changed, progress=lambda done, total: calls.append((done, total)))
    assert (counts.added, counts.updated, counts.unchanged) == (3, 2, 2)
    assert calls[-1] == (7, 7) and [d for d, _t in calls] == sorted(d for d, _t in calls)
    out = ws.items_frame(eid)
    assert out["asset_tag"].tolist() == frame["asset_tag"].tolist()
    assert out.loc[1, "rated_power_kw"] == 15.0 and out.loc[2, "name"] == "改名"
    assert ws.item_count(eid) == 7


def test_a_failing_batch_leaves_nothing_stored(ws, monkeypatch):
    monkeypatch.setattr(store_workspace, "UPSERT_BATCH", 2)
    eid = ws.create_enterprise("取消")

    def stop(done, total):
        if done >= 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ws.upsert_items(eid, _frame(), progress=stop)
    assert ws.item_count(eid) == 0
    assert ws.items_frame(eid).empty


def test_infinite_field_is_refused_before_anything_is_stored(ws):
    frame = _frame()
    frame.loc[5, "rated_power_kw"] = np.inf
    eid = ws.create_enterprise("无穷")
    with pytest.raises(StoreError, match="rated_power_kw"):
        ws.upsert_items(eid, frame)
    assert ws.item_count(eid) == 0


def test_bulk_rows_keep_sqlalchemys_timestamp_text(tmp_path):
    """On SQLite a timestamp is text: the bulk rows must hold SQLAlchemy's form
    ('YYYY-MM-DD HH:MM:SS.ffffff'), not sqlite3's isoformat ('…T…+00:00'), or ORM reads and ordering by
    updated_at would differ."""
    from retrofit_desktop.store import open_workspace

    with open_workspace(tmp_path / "t.sqlite3") as w:
        eid = w.create_enterprise("时间")
        w.upsert_items(eid, _frame().iloc[:2])
        w.save_item(eid, {"asset_tag": "单条", "name": "x"})
        with w.transaction() as s:
            texts = (
                s.connection().exec_driver_sql("SELECT updated_at FROM equipment ORDER BY id").scalars().all()
            )
            stamps = s.scalars(select(Equipment.updated_at)).all()
    pattern = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}"
    assert all(re.fullmatch(pattern, t) for t in texts), texts
    assert all(isinstance(t, datetime) for t in stamps)
