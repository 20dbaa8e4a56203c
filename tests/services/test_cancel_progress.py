"""Cancel means cancel, and progress is real: an import cancelled between row batches is rolled back
(the stored items compare equal before and after); a report cancelled mid-render stops at the next
check and leaves no file; both report rising progress that reaches its total."""

from __future__ import annotations

import pandas as pd
import pytest
from motor_ledger import write_ledger

from retrofit_desktop import services
from retrofit_desktop.report.render import SECTIONS
from retrofit_desktop.store import workspace as store_workspace


def stored(ws, eid) -> pd.DataFrame:
    return services.load_items(ws, eid).sort_values("asset_tag").reset_index(drop=True)


def test_import_progress_counts_rows_up_to_the_total(ws, tmp_path, monkeypatch):
    monkeypatch.setattr(store_workspace, "UPSERT_BATCH", 400)
    eid = services.create_enterprise(ws, "进度测试厂")
    seen: list[tuple[int, int]] = []
    report = services.import_file(
        ws,
        write_ledger(tmp_path / "a.csv", range(1000), 90.0),
        eid,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert report.added == 1000
    rows = [s for s in seen if s[1] > 0]
    assert rows == [(0, 1000), (400, 1000), (800, 1000), (1000, 1000)]  # one step per batch of 400 rows
    assert len(stored(ws, eid)) == 1000


def test_cancel_between_batches_rolls_the_whole_import_back(ws, tmp_path, monkeypatch):
    monkeypatch.setattr(store_workspace, "UPSERT_BATCH", 500)
    eid = services.create_enterprise(ws, "取消测试厂")
    services.import_file(ws, write_ledger(tmp_path / "old.csv", range(1500), 90.0), eid)
    before = stored(ws, eid)
    # the second ledger updates the 1,500 stored rows (efficiency 85) and adds 1,500 new ones
    ledger = write_ledger(tmp_path / "new.csv", range(3000), 85.0)
    seen: list[tuple[int, int]] = []
    with pytest.raises(services.Cancelled):
        services.import_file(
            ws,
            ledger,
            eid,
            progress=lambda d, t: seen.append((d, t)),
            cancelled=lambda: any(d >= 1000 for d, _t in seen),
        )
    assert seen[-1] == (1000, 3000)  # it stopped after the second batch, inside the transaction
    after = stored(ws, eid)
    pd.testing.assert_frame_equal(after, before)  # every stored item as it was: ids, values, sites
    assert (after["efficiency_pct"] == 90.0).all() and len(after) == 1500
    assert services.list_enterprises(ws)[0].item_count == 1500


@pytest.fixture(scope="module")
def payload(tmp_path_factory):
    ws = services.open_workspace(tmp_path_factory.mktemp("ws") / "ws.sqlite3")
    eid = services.ensure_sample_enterprise(ws)
    p = services.assess_enterprise(
        ws, eid, services.AssessOptions(region="hunan", price_cny_per_kwh=0.65), save=False
    )
    ws.close()
    return p


def test_report_progress_counts_sections_and_reaches_the_total(payload, tmp_path):
    seen: list[tuple[int, int]] = []
    services.write_report(payload, tmp_path / "r.pdf", progress=lambda d, t: seen.append((d, t)))
    total = 2 * len(SECTIONS)  # each section built, then laid out
    assert {t for _d, t in seen} == {total}
    done = [d for d, _t in seen]
    assert done == sorted(done) and done[0] == 0 and done[-1] == total
    assert len(set(done)) >= len(SECTIONS)  # real steps, not a jump from 0 to the end
    assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize("stop_at", [3, len(SECTIONS) + 4])  # while building sections / while laying out
def test_cancel_mid_report_stops_at_the_next_check_and_leaves_no_file(payload, tmp_path, stop_at):
    seen: list[tuple[int, int]] = []
    flag = {"set": False, "checks_after": 0}

    def cancelled() -> bool:
        if flag["set"]:
            flag["checks_after"] += 1
        return flag["set"]

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= stop_at:
            flag["set"] = True

    out = tmp_path / "out" / "r.pdf"
    out.parent.mkdir()
    with pytest.raises(services.Cancelled):
        services.write_report(payload, out, progress=progress, cancelled=cancelled)
    assert flag["checks_after"] == 1  # the very next check stopped it
    assert seen[-1][0] == stop_at  # no progress after Cancel
    assert not out.exists()
    assert list(out.parent.iterdir()) == []  # nor the temporary file
