"""Undoable edits (services.changes over store.snapshots): every round trip compares the whole stored
state — every row of every table, every column, ids and timestamps included — with a copy taken
before, so nothing an undo or a redo leaves out can pass unnoticed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from retrofit_desktop import services
from retrofit_desktop.store import StoreError, snapshots
from retrofit_desktop.store.models import Base

HEADER = "asset_tag,name,product,site,rated_power_kw,poles,efficiency_pct,annual_hours\n"


def state(ws) -> dict[str, list[dict]]:
    """Every row of every table (but the workspace's own facts), as stored."""
    out = {}
    with ws.transaction() as s:
        for table in Base.metadata.sorted_tables:
            if table.name != "workspace_meta":
                out[table.name] = [
                    dict(r) for r in s.execute(select(table).order_by(*table.primary_key)).mappings()
                ]
    return out


@pytest.fixture
def eid(ws):
    """An enterprise with two motors on site 一车间 and a saved assessment."""
    e = services.create_enterprise(ws, "湘江机械厂")
    services.save_item(
        ws,
        e,
        {
            "asset_tag": "M-1",
            "product": "motor",
            "site": "一车间",
            "rated_power_kw": 55.0,
            "poles": "4",
            "efficiency_pct": 93.0,
            "annual_hours": 4000.0,
            "notes": "老电机",
        },
    )
    services.save_item(
        ws,
        e,
        {
            "asset_tag": "M-2",
            "product": "motor",
            "site": "一车间",
            "rated_power_kw": 30.0,
            "poles": "4",
            "efficiency_pct": 92.2,
        },
    )
    ws.save_assessment(e, {"items": [], "note": "saved"}, options={"region": "湖南"})
    return e


@pytest.mark.parametrize("chunk", [5000, 2])  # 2: ids in several IN lists, as a 60,000-row import needs
def test_import_undo_removes_added_restores_updated_and_redo_reapplies(ws, eid, tmp_path, chunk, monkeypatch):
    monkeypatch.setattr(snapshots, "CHUNK", chunk)
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(
        HEADER + "M-1,锻压电机,motor,一车间,55,4,95.1,6000\n"  # updated: 93 -> 95.1, hours
        "M-3,新电机,motor,二车间,11,2,91.0,3000\n"  # added, on a new site
        "M-4,新电机,motor,一车间,7.5,4,90.0,2000\n",
        encoding="utf-8",
    )  # added
    before = state(ws)
    report, change = services.changes.import_file_with_changes(ws, ledger, eid)
    after = state(ws)
    assert (report.added, report.updated) == (2, 1)
    assert sorted(r["asset_tag"] for r in change.after.values()) == ["M-1", "M-3", "M-4"]
    assert [change.before[i]["asset_tag"] for i in change.updated] == ["M-1"] and len(change.added) == 2
    assert [r["name"] for r in change.sites_after.values()] == ["二车间"]

    services.changes.undo_change(ws, change)
    assert (
        state(ws) == before
    )  # M-3/M-4 and the site 二车间 gone, M-1 as it was (efficiency, hours, updated_at)
    services.changes.redo_change(ws, change)
    assert state(ws) == after  # same ids, same values, same site id
    services.changes.undo_change(ws, change)
    assert state(ws) == before


def test_undo_is_refused_when_the_rows_changed_since(ws, eid, tmp_path):
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(HEADER + "M-3,新电机,motor,一车间,11,2,91.0,3000\n", encoding="utf-8")
    _report, change = services.changes.import_file_with_changes(ws, ledger, eid)
    services.save_item(ws, eid, {"asset_tag": "M-3", "efficiency_pct": 92.5})  # edited elsewhere meanwhile
    edited = state(ws)
    with pytest.raises(StoreError, match="M-3"):
        services.changes.undo_change(ws, change)
    assert state(ws) == edited  # nothing written


def test_save_item_round_trip_every_column(ws, eid):
    before = state(ws)
    item_id = int(services.load_items(ws, eid).set_index("asset_tag").loc["M-1", "id"])
    new_id, change = services.changes.save_item_with_change(
        ws, eid, {"id": item_id, "asset_tag": "M-1", "efficiency_pct": None, "site": "三车间", "model": "YE3"}
    )
    assert new_id == item_id and change.updated == [item_id] and not change.added
    after = state(ws)
    services.changes.undo_change(ws, change)
    assert state(ws) == before  # efficiency back, 三车间 (created by the edit) gone
    services.changes.redo_change(ws, change)
    assert state(ws) == after


def test_add_item_round_trip_keeps_the_id(ws, eid):
    before = state(ws)
    new_id, change = services.changes.save_item_with_change(ws, eid, {"asset_tag": "F-1", "product": "fan"})
    after = state(ws)
    assert change.added == [new_id]
    services.changes.undo_change(ws, change)
    assert state(ws) == before
    services.changes.redo_change(ws, change)
    assert state(ws) == after and services.load_items(ws, eid)["id"].max() == new_id


def test_delete_items_round_trip_same_ids(ws, eid):
    before = state(ws)
    ids = [int(i) for i in services.load_items(ws, eid)["id"]]
    change = services.changes.delete_items_with_change(ws, eid, ids)
    assert change.removed == sorted(ids)
    after = state(ws)
    assert after["equipment"] == []
    services.changes.undo_change(ws, change)
    assert state(ws) == before
    services.changes.redo_change(ws, change)
    assert state(ws) == after


def test_enterprise_removed_and_restored_whole(ws, eid):
    other = services.create_enterprise(ws, "另一厂")
    services.save_item(ws, other, {"asset_tag": "X-1", "product": "pump"})
    before = state(ws)
    assert services.changes.holds_data(ws, eid)
    copy = services.changes.delete_enterprise_undoable(ws, eid)
    assert copy.count("equipment") == 2 and copy.count("assessment") == 1 and copy.count("site") == 1
    assert [e.name for e in services.list_enterprises(ws)] == ["另一厂"]
    assert services.changes.restore_enterprise(ws, copy) == eid
    assert state(ws) == before


def test_restore_is_refused_when_the_name_was_taken(ws, eid):
    copy = services.changes.delete_enterprise_undoable(ws, eid)
    services.create_enterprise(ws, "湘江机械厂")
    taken = state(ws)
    with pytest.raises(StoreError):
        services.changes.restore_enterprise(ws, copy)
    assert state(ws) == taken


def test_empty_enterprise_holds_no_data(ws):
    e = services.create_enterprise(ws, "空厂")
    assert not services.changes.holds_data(ws, e)


def test_undoing_an_import_never_removes_a_row_another_program_wrote_right_after_it(tmp_path, monkeypatch):
    """Undo's copy of the rows after an import is taken under the import's write lock. Another
    connection writing at that moment is held off (and here refused after its busy wait), so its row is
    never taken for the import's and undoing the import keeps it. (When the copy was taken after the
    commit, the other row slipped in and the undo deleted it.)"""
    from retrofit_desktop.store import open_workspace

    ws = open_workspace(tmp_path / "ws.sqlite3")
    other = open_workspace(tmp_path / "ws.sqlite3")
    try:
        e = services.create_enterprise(ws, "湘江机械厂")
        ledger = tmp_path / "ledger.csv"
        ledger.write_text(HEADER + "M-1,电机,motor,一车间,55,4,93.0,4000\n", encoding="utf-8")
        real = snapshots.snapshot_items
        calls: list[int] = []
        wrote: list[bool] = []

        def other_writes_before_the_second_copy(*args, **kwargs):
            calls.append(1)
            if len(calls) == 2:  # the copy after the import's upsert
                try:
                    services.save_item(
                        other, e, {"asset_tag": "X-9", "product": "motor", "rated_power_kw": 7.5}
                    )
                    wrote.append(True)
                except Exception:  # the import still holds the write lock
                    wrote.append(False)
            return real(*args, **kwargs)

        monkeypatch.setattr(snapshots, "snapshot_items", other_writes_before_the_second_copy)
        report, change = services.changes.import_file_with_changes(ws, ledger, e)
        assert report.added == 1 and len(calls) == 2
        services.changes.undo_change(ws, change)
        tags = sorted(services.load_items(ws, e)["asset_tag"])
        assert tags == (["X-9"] if wrote == [True] else []), (tags, wrote)
    finally:
        other.close()
        ws.close()
