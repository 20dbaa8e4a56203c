"""Workspace round trips, upsert counts, uniqueness, read-only mode and transactions."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import text

from retrofit_desktop.i18n import use_language
from retrofit_desktop.store import (
    DuplicateError,
    ImportCounts,
    ReadOnlyError,
    StoreError,
    default_url,
    open_workspace,
)

TRICKY = 0.1 + 0.2  # 0.30000000000000004: any rounding or float32 storage would lose it


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "asset_tag": ["电机-001", "P-002", "T-3"],
            "name": ["一号空压机配套电机", "循环水泵", "1#变压器"],
            "product": ["motor", "pump", "transformer"],
            "model": ["YE3-250M-4", None, "SCB13-1000/10"],
            "manufacturer": ["湘潭电机", "凯泉", None],
            "year_installed": [2012, 2019, 2008],
            "quantity": [2, 1, 1],
            "site": ["一车间", "泵房", None],
            "annual_hours": [6000.0, 7200.5, 8760.0],
            "load_factor": [0.75, TRICKY, np.nan],
            "notes": ["铭牌模糊，效率为实测值 (2024-05)", None, "<b>&amp; 'quote\""],
            "sheet": ["设备台账", "设备台账", "设备台账"],
            "row": [2, 3, 4],
            "rated_power_kw": [55.0, np.nan, np.nan],
            "poles": [4, np.nan, np.nan],
            "efficiency_pct": [93.6 + 1e-13, np.nan, np.nan],
            "flow_m3h": [np.nan, 1234.5678901234567, np.nan],
            "vsd": [None, True, None],
            "transformer_type": [None, None, "干式"],
            "rated_capacity_kva": [np.nan, np.nan, 1000],
            "no_load_loss_w": [np.nan, np.nan, 1_415.000_000_000_1],
        }
    )


def test_round_trip_keeps_every_kind_of_value_exactly(ws):
    eid = ws.create_enterprise("湖南湘江机械制造有限公司", credit_code="91350100M000100Y43", region="湖南")
    src = _frame()
    assert ws.upsert_items(eid, src) == ImportCounts(added=3, updated=0, unchanged=0)
    out = ws.items_frame(eid).set_index("asset_tag")
    for _, row in src.iterrows():
        got = out.loc[row["asset_tag"]]
        for col, want in row.items():
            if col == "asset_tag":
                continue
            have = got[col]
            if want is None or (isinstance(want, float) and math.isnan(want)):
                assert have is None or (isinstance(have, float) and math.isnan(have)), (col, have)
            else:
                assert have == want and type(want)(have) == want, (col, have, want)
    assert out.loc["P-002", "load_factor"] == TRICKY
    assert out.loc["电机-001", "efficiency_pct"] == 93.6 + 1e-13
    assert out.loc["T-3", "notes"] == "<b>&amp; 'quote\""
    assert out["id"].is_unique


def test_reimport_counts_added_updated_unchanged(ws):
    eid = ws.create_enterprise("甲")
    ws.upsert_items(eid, _frame())
    again = _frame()
    assert ws.upsert_items(eid, again) == ImportCounts(0, 0, 3)
    again.loc[1, "flow_m3h"] = 1234.5678901234568  # one ulp-ish change is a change
    again.loc[2, "notes"] = None  # a blank cell clears the stored value
    extra = again.iloc[[0]].assign(asset_tag="NEW-1")
    counts = ws.upsert_items(eid, pd.concat([again, extra], ignore_index=True))
    assert counts == ImportCounts(added=1, updated=2, unchanged=1)
    out = ws.items_frame(eid).set_index("asset_tag")
    assert out.loc["P-002", "flow_m3h"] == 1234.5678901234568
    assert pd.isna(out.loc["T-3", "notes"])
    assert len(out) == 4


def test_a_column_absent_from_the_file_keeps_stored_values(ws):
    eid = ws.create_enterprise("乙")
    ws.upsert_items(eid, _frame())
    partial = _frame()[["asset_tag", "annual_hours"]].copy()
    partial.loc[0, "annual_hours"] = 5000.0
    assert ws.upsert_items(eid, partial) == ImportCounts(0, 1, 2)
    out = ws.items_frame(eid).set_index("asset_tag")
    assert out.loc["电机-001", "annual_hours"] == 5000.0
    assert out.loc["电机-001", "efficiency_pct"] == 93.6 + 1e-13  # untouched
    assert out.loc["电机-001", "notes"] == "铭牌模糊，效率为实测值 (2024-05)"


def test_provenance_change_alone_is_not_an_update(ws):
    eid = ws.create_enterprise("丙")
    ws.upsert_items(eid, _frame())
    moved = _frame().assign(row=[12, 13, 14])
    assert ws.upsert_items(eid, moved) == ImportCounts(0, 0, 3)
    assert list(ws.items_frame(eid)["row"]) == [12, 13, 14]


def test_failure_mid_import_leaves_the_database_as_it_was(ws):
    eid = ws.create_enterprise("丁")
    ws.upsert_items(eid, _frame())
    before = ws.items_frame(eid)
    bad = _frame()
    bad.loc[0, "annual_hours"] = 1.0  # would be an update …
    bad = pd.concat([bad, bad.iloc[[1]].assign(asset_tag="X-9")], ignore_index=True)  # … and an insert …
    bad["weird"] = [None, None, None, object()]  # … but the last row cannot be stored
    with pytest.raises(StoreError):
        ws.upsert_items(eid, bad)
    pd.testing.assert_frame_equal(ws.items_frame(eid), before)


def test_database_error_rolls_back_the_whole_file(ws):
    eid = ws.create_enterprise("戊")
    ws.upsert_items(eid, _frame().iloc[:1])
    with ws.engine.begin() as c:  # the database itself refuses one of the new rows (test-only trigger)
        if ws.engine.dialect.name == "sqlite":
            c.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON equipment WHEN NEW.asset_tag = 'T-3' "
                "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )
        else:
            c.exec_driver_sql(
                "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.asset_tag = 'T-3' THEN "
                "RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            c.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON equipment FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
    changed = _frame().assign(annual_hours=[1.0, 2.0, 3.0])  # updates 电机-001, adds P-002 and T-3
    with pytest.raises(StoreError, match="disk full"):
        ws.upsert_items(eid, changed)
    out = ws.items_frame(eid)
    assert list(out["asset_tag"]) == ["电机-001"] and out.loc[0, "annual_hours"] == 6000.0
    with ws.engine.connect() as c:
        assert c.execute(text("select count(*) from site")).scalar() == 1  # only 一车间 from the first import


def test_duplicate_asset_tag_in_one_file_is_refused_naming_both_rows(ws):
    eid = ws.create_enterprise("己")
    dup = _frame()
    dup.loc[2, "asset_tag"] = "P-002"
    with (
        use_language("en"),
        pytest.raises(StoreError, match=r"'P-002' appears twice \(row 设备台账!3 and row 设备台账!4\)"),
    ):
        ws.upsert_items(eid, dup)
    assert ws.item_count(eid) == 0


def test_enterprise_name_and_credit_code_are_unique(ws):
    a = ws.create_enterprise("同名公司", credit_code="914403001922038216")
    with pytest.raises(DuplicateError):
        ws.create_enterprise(" 同名公司 ")
    with pytest.raises(DuplicateError):
        ws.create_enterprise("别的公司", credit_code="914403001922038216")
    b = ws.create_enterprise("别的公司")  # no code: NULLs never collide
    c = ws.create_enterprise("第三家")
    assert len({a, b, c}) == 3
    with pytest.raises(StoreError, match="GB 32100-2015"):
        ws.create_enterprise("坏代码", credit_code="914403001922038217")
    with pytest.raises(DuplicateError):
        ws.rename_enterprise(b, "同名公司")
    ws.rename_enterprise(b, "改名公司")
    assert [e.name for e in ws.enterprises()] == sorted(["同名公司", "改名公司", "第三家"])
    assert ws.get_or_create_enterprise("第三家") == c


def test_delete_enterprise_cascades(ws):
    eid = ws.create_enterprise("将删除")
    ws.upsert_items(eid, _frame())
    ws.save_assessment(eid, {"schema": 1, "items": []})
    ws.delete_enterprise(eid)
    with ws.engine.connect() as c:
        for table in ("equipment", "site", "assessment"):
            assert c.execute(text(f"select count(*) from {table}")).scalar() == 0


def test_save_item_and_delete_items(ws):
    eid = ws.create_enterprise("庚")
    i1 = ws.save_item(
        eid, {"asset_tag": "A1", "product": "motor", "rated_power_kw": 7.5, "efficiency_pct": 91.0}
    )
    i2 = ws.save_item(eid, {"asset_tag": "A2", "product": "fan"})
    assert ws.save_item(eid, {"id": i1, "efficiency_pct": 91.5, "rated_power_kw": None}) == i1
    assert ws.save_item(eid, {"asset_tag": "A2", "notes": "改"}) == i2
    out = ws.items_frame(eid).set_index("asset_tag")
    assert out.loc["A1", "efficiency_pct"] == 91.5
    assert "rated_power_kw" not in out.columns  # cleared, not zero
    assert out.loc["A2", "notes"] == "改"
    assert ws.delete_items([i1, 999]) == 1
    assert list(ws.items_frame(eid)["asset_tag"]) == ["A2"]


def test_assessment_round_trip(ws):
    eid = ws.create_enterprise("辛")
    payload = {"schema": 1, "summary": {"kwh": TRICKY, "by_tier": {"entry": 2}}, "名称": "中文"}
    aid = ws.save_assessment(eid, payload, {"target": "advanced"}, "2024", "ab" * 32, "0.1.0")
    assert ws.load_assessment(aid) == payload
    [info] = ws.assessments(eid)
    assert (info.catalog_edition, info.catalog_sha256, info.software_version) == ("2024", "ab" * 32, "0.1.0")
    assert info.created_at is not None


def test_read_only_refuses_writes_and_keeps_reading(tmp_path):
    path = tmp_path / "ro.sqlite3"
    with open_workspace(path) as w:
        eid = w.create_enterprise("壬")
        w.upsert_items(eid, _frame())
    with open_workspace(path, read_only=True) as ro:
        assert len(ro.items_frame(eid)) == 3
        with use_language("en"):
            for attempt in (
                lambda: ro.create_enterprise("x"),
                lambda: ro.upsert_items(eid, _frame()),
                lambda: ro.delete_enterprise(eid),
                lambda: ro.save_assessment(eid, {}),
            ):
                with pytest.raises(ReadOnlyError, match="read-only"):
                    attempt()
        assert ro.item_count(eid) == 3


def test_read_only_does_not_create_a_database(tmp_path):
    with pytest.raises(StoreError, match="ws.sqlite3"):
        open_workspace(tmp_path / "ws.sqlite3", read_only=True)
    assert not (tmp_path / "ws.sqlite3").exists()


def test_default_location_follows_env(tmp_path, monkeypatch):
    monkeypatch.setenv("RETROFIT_DATA_DIR", str(tmp_path / "data"))
    assert default_url() == "sqlite:///" + str(tmp_path / "data" / "workspace.sqlite3")
    with open_workspace() as w:
        w.create_enterprise("默认")
    assert (tmp_path / "data" / "workspace.sqlite3").exists()


def test_sqlite_pragmas(ws):
    if ws.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with ws.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_unusable_databases_give_clear_errors(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database")
    with use_language("en"):
        with pytest.raises(StoreError, match="cannot open the database .*junk.sqlite3"):
            open_workspace(junk)
        # pg8000 is not a dependency: either its driver is missing or no server answers on port 1
        with pytest.raises(
            StoreError, match=r"(driver for|open the database) postgresql\+pg8000://u:\*\*\*@"
        ) as exc:
            open_workspace("postgresql+pg8000://u:secret@localhost:1/db")
        assert "secret" not in str(exc.value)
        with pytest.raises(StoreError, match="not a database URL"):
            open_workspace("nosuch://x")
    assert junk.read_text() == "not a database"


def test_classification_results_are_not_stored_as_inputs(ws):
    eid = ws.create_enterprise("癸")
    row = {"asset_tag": "A", "product": "motor", "efficiency_pct": 90.0, "tier": "advanced",
           "verification": "verified", "rule": "table_row", "thr__efficiency_pct__entry": 91.0}  # fmt: skip
    ws.save_item(eid, row)
    out = ws.items_frame(eid)
    assert not {"tier", "verification", "rule", "thr__efficiency_pct__entry"} & set(out.columns)
    assert out.loc[0, "efficiency_pct"] == 90.0
