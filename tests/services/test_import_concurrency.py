"""Two imports into one enterprise at the same time: they run one after the other, each whole.

Two real processes import conflicting ledgers (same asset tags, different hours and efficiencies),
released together by a barrier, several rounds (the first into an empty database both create at
once): into an enterprise and a site neither has created yet,
and into an existing enterprise whose rows hold file A's hours and file B's efficiencies (so that each
file changes a different column of every row: without the lock, rows ended with one file's hours and
the other's efficiency). Every stored row must be one file's row whole, and the final state must be
the two files applied in the order the import records say. On SQLite always, on PostgreSQL when the
ws fixture has it.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from retrofit_desktop import services
from retrofit_desktop.i18n import use_language
from retrofit_desktop.store import LockTimeout, enterprise_lock, open_workspace

N = 150  # rows per file
EXTRA = 5  # file B has these more tags than file A
ROUNDS = 4  # even rounds: a new enterprise and site; odd rounds: an existing one (see seed())
HEADER = "asset_tag,name,product,site,annual_hours,load_factor,rated_power_kw,poles,efficiency_pct\n"


def ledger(path: Path, which: str, site: str) -> dict[str, tuple[float, float, float]]:
    """A CSV of motors; returns tag -> (annual_hours, load_factor, efficiency_pct) as written."""
    rows, out = [], {}
    n = N if which == "A" else N + EXTRA
    for i in range(n):
        hours = 1000.0 + i if which == "A" else 7000.0 + i
        load = 0.5 if which == "A" else 0.9
        eff = 85.0 + (i % 10) / 10 if which == "A" else 93.0 + (i % 10) / 10
        tag = f"M-{i:04d}"
        rows.append(f"{tag},电机{i},motor,{site},{hours},{load},11,4,{eff}\n")
        out[tag] = (hours, load, eff)
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return out


def seed(path: Path, site: str) -> dict[str, tuple[float, float, float]]:
    """File A's hours and load with file B's efficiencies, for every tag of B."""
    a, b = ledger(path, "A", site), ledger(path, "B", site)
    rows = {t: (a[t][0], a[t][1], b[t][2]) if t in a else b[t] for t in b}
    body = "".join(f"{t},电机,motor,{site},{h},{lf},11,4,{e}\n" for t, (h, lf, e) in rows.items())
    path.write_text(HEADER + body, encoding="utf-8")
    return rows


def _worker(url: str, jobs, results, barrier) -> None:
    while True:
        job = jobs.get()
        if job is None:
            return
        path, name = job
        waited = []
        try:
            barrier.wait(timeout=60)
            with open_workspace(url) as ws:  # round 0: both create (migrate) the same empty database
                _eid, rep = services.import_file_as(ws, path, name, on_wait=partial(waited.append, 1))
            results.put(("ok", Path(path).name, rep.added, rep.updated, bool(waited)))
        except Exception as exc:  # reported to the test, which fails on it with the message
            results.put(("error", Path(path).name, f"{type(exc).__name__}: {exc}", 0, False))


def _state(ws, name: str) -> dict[str, tuple[float, float, float]]:
    eid = services.find_enterprise(ws, name).id
    frame = services.load_items(ws, eid)
    return {r.asset_tag: (r.annual_hours, r.load_factor, r.efficiency_pct) for r in frame.itertuples()}


def _applied(order: list[dict]) -> dict:
    state: dict = {}
    for rows in order:
        state.update(rows)
    return state


def _fresh_url(ws, tmp_path) -> str:
    """An empty database on the fixture's back end (the workers' first open creates its tables)."""
    if ws.engine.dialect.name == "sqlite":
        return "sqlite:///" + str(tmp_path / "new.sqlite3")
    with ws.engine.begin() as conn:  # test-only: empty the throw-away PostgreSQL database again
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    ws.close()
    return ws.url


def test_two_processes_importing_conflicting_ledgers_serialise(ws, tmp_path):
    url = _fresh_url(ws, tmp_path)
    view = None
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    queues = [ctx.Queue(), ctx.Queue()]
    procs = [ctx.Process(target=_worker, args=(url, q, results, barrier), daemon=True) for q in queues]
    for p in procs:
        p.start()
    try:
        for rnd in range(ROUNDS):
            name, site = f"并发导入企业{rnd}", f"新车间{rnd}"  # neither exists yet: both try to create them
            a, b = tmp_path / f"A{rnd}.csv", tmp_path / f"B{rnd}.csv"
            rows = {"A": ledger(a, "A", site), "B": ledger(b, "B", site)}
            start: dict = {}
            if rnd % 2:
                start = seed(tmp_path / f"S{rnd}.csv", site)
                services.import_file_as(view, tmp_path / f"S{rnd}.csv", name)
            queues[0].put((str(a), name))
            queues[1].put((str(b), name))
            got = [results.get(timeout=120) for _ in range(2)]
            errors = [g for g in got if g[0] != "ok"]
            assert not errors, errors
            view = view or open_workspace(url)
            state = _state(view, name)
            records = services.import_history(view, services.find_enterprise(view, name).id)[
                1 if start else 0 :
            ]
            order = [r.file_name[0] for r in records]  # "A" / "B", in the order they were written
            assert sorted(order) == ["A", "B"]
            # every row is one file's row whole, and the whole state is the files applied in that order
            for tag, values in state.items():
                assert values in (rows["A"].get(tag), rows["B"][tag]), (rnd, tag, values)
            assert state == _applied([start, *(rows[x] for x in order)])
            first, second = records
            if not start:
                assert (first.added, first.updated) == (len(rows[order[0]]), 0)
                assert second.added == (EXTRA if order[1] == "B" else 0) and second.updated == N
            assert services.find_enterprise(view, name).sites == (site,)
    finally:
        if view is not None:
            view.close()
        for q in queues:
            q.put(None)
        for p in procs:
            p.join(timeout=30)


def test_a_waiting_import_is_refused_after_the_timeout_and_writes_nothing(ws, tmp_path):
    eid = services.create_enterprise(ws, "锁住的企业")
    path = tmp_path / "A.csv"
    ledger(path, "A", "一车间")
    other = open_workspace(ws.url)
    waited = []
    try:
        with other.transaction():
            other.lock_for_write(enterprise_lock(eid))  # another import holds the enterprise
            with use_language("en"), pytest.raises(LockTimeout, match="another import was still writing"):
                services.import_file(ws, path, eid, on_wait=lambda: waited.append(1), timeout=0.3)
    finally:
        other.close()
    assert waited == [1]
    assert ws.item_count(eid) == 0 and services.import_history(ws, eid) == []
    # once the other transaction has ended, the same import goes through
    rep = services.import_file(ws, path, eid)
    assert rep.added == N and rep.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_cli_imports_at_once_succeed_and_one_held_up_says_it_waits_then_refuses(ws, tmp_path):
    from retrofit_desktop.store import name_lock

    a, b = tmp_path / "A.csv", tmp_path / "B.csv"
    rows = {"A": ledger(a, "A", "同一新车间"), "B": ledger(b, "B", "同一新车间")}
    env = {**os.environ, "RETROFIT_LANG": "zh", "RETROFIT_LOCK_TIMEOUT": "1"}
    cmd = [sys.executable, "-m", "retrofit_desktop", "--db", ws.url, "import"]
    with ws.transaction():
        ws.lock_for_write(name_lock("命令行并发企业"))  # another import is creating this enterprise
        done = subprocess.run([*cmd, str(a), "--enterprise", "命令行并发企业"], env=env, capture_output=True,
                              text=True, timeout=180)  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "另一导入正在写入该企业，等待…" in done.stderr
    assert "另一导入仍在写入该企业；本次未导入任何内容" in done.stderr and "Traceback" not in done.stderr
    assert services.find_enterprise(ws, "命令行并发企业") is None  # nothing written
    env["RETROFIT_LOCK_TIMEOUT"] = "120"
    procs = [subprocess.Popen([*cmd, str(p), "--enterprise", "命令行并发企业"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for p in (a, b)]  # fmt: skip
    outs = [p.communicate(timeout=180) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err and "命令行并发企业" in out, (out, err)
    eid = services.find_enterprise(ws, "命令行并发企业").id
    order = [r.file_name[0] for r in services.import_history(ws, eid)]
    assert _state(ws, "命令行并发企业") == _applied([rows[x] for x in order])
