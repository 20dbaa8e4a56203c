"""Storing and loading 100,000 items: Workspace.upsert_items / items_frame vs the raw driver floor.

What is timed, each in its own fresh process (peak RSS is that process's own), interleaved runs:
  store  ours : ``ws.upsert_items(eid, frame)`` of an imported ledger frame into a new enterprise of a
                new database (conversion, checks, site rows, INSERT/COPY, commit);
  store  floor: the same rows, already as driver tuples, inserted by the bare driver in one
                transaction - sqlite3 ``executemany`` (SQLite) or psycopg ``cursor.copy`` (PostgreSQL);
  load   ours : ``ws.items_frame(eid)`` (the inventory frame the GUI table shows);
  load   floor: ``SELECT`` of the same columns by the bare driver, ``fetchall``.
Opening the workspace (schema migration) is outside the timed part on both sides; "ours" first stores
one row into another enterprise (lazy imports, SQL compilation: one-time costs of a process).
Target: store <= 2x its floor on both back ends.

Also, whole process: ``retrofit import LEDGER --db NEW.sqlite3`` of a 1,000,000-row CSV ledger against a
process that only imports pandas and reads the file (pd.read_csv); target: peak RSS <= 4 GB.

PostgreSQL: RETROFIT_BENCH_PG_URL (a SQLAlchemy URL of a server whose databases may be created and
dropped), else a throw-away server started here when /usr/lib/postgresql/*/bin exists, else skipped.

    .venv/bin/python bench/bench_store.py [--rows 100000] [--runs 3] [--no-pg] [--import-rows 1000000]
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results import add_row, run_measured  # noqa: E402

TARGET = 2.0
#: the equipment columns a new row fills and the ones read back (as store/bulk.py has them; repeated here
#: so that the floor does not depend on the code measured, see --src)
INSERT_COLUMNS = (
    "enterprise_id",
    "asset_tag",
    "name",
    "product",
    "model",
    "manufacturer",
    "year_installed",
    "quantity",
    "site_id",
    "annual_hours",
    "load_factor",
    "notes",
    "fields",
    "source_sheet",
    "source_row",
    "updated_at",
)
READ_COLUMNS = (
    "id",
    "asset_tag",
    "name",
    "product",
    "model",
    "manufacturer",
    "year_installed",
    "quantity",
    "site_id",
    "annual_hours",
    "load_factor",
    "notes",
    "source_sheet",
    "source_row",
    "fields",
)


# -- child side: one measurement per process ------------------------------------------------------
def child(kind: str, url: str, data: Path) -> None:
    if kind.endswith("-ours") and os.environ.get("RETROFIT_BENCH_SRC"):  # measure another checkout's code
        sys.path.insert(0, os.environ["RETROFIT_BENCH_SRC"])
    from retrofit_desktop.store import open_workspace

    if kind in ("store-ours", "store-floor"):
        sites = pickle.loads((data / "sites.pkl").read_bytes())
        with open_workspace(url) as ws:  # migrated outside the timed part; the same site ids as prepare's
            eid = ws.create_enterprise("bench", sites=sites if kind == "store-floor" else ())
            if kind == "store-ours":
                frame = pd_read(data / "frame.pkl")
                # one-time costs (lazy imports, SQL compilation) paid before, as in a running app
                ws.upsert_items(ws.create_enterprise("warm-up"), frame.iloc[:1])
                t = _now()
                ws.upsert_items(eid, frame)
                took = _since(t)
        if kind == "store-floor":
            rows = pickle.loads((data / "rows.pkl").read_bytes())
            took = raw_insert(url, rows)
    else:
        with open_workspace(url) as ws:
            eid = ws.find_enterprise("bench").id
            if kind == "load-ours":
                t = _now()
                frame = ws.items_frame(eid)
                took = _since(t)
                assert len(frame)
            else:
                took = raw_select(ws, eid)
    print(f"seconds {took[0]:.6f} {took[1]:.6f}")


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(t: tuple[float, float]) -> tuple[float, float]:
    """(wall, CPU of this process) seconds since `t`: CPU time is what a loaded shared machine disturbs
    least; on PostgreSQL it leaves out the server's work, so only wall time compares there."""
    return time.perf_counter() - t[0], time.process_time() - t[1]


def pd_read(path: Path):
    import pandas as pd

    return pd.read_pickle(path)


def raw_insert(url: str, rows: list[tuple]) -> tuple[float, float]:
    from retrofit_desktop.store.db import sqlite_file

    names = ", ".join(INSERT_COLUMNS)
    path = sqlite_file(url)
    if path is not None:
        import sqlite3

        conn = sqlite3.connect(path)
        conn.execute("PRAGMA foreign_keys=ON")  # as the workspace's connections have it
        t = _now()
        with conn:
            conn.executemany(
                f"INSERT INTO equipment ({names}) VALUES ({', '.join('?' * len(INSERT_COLUMNS))})", rows
            )
        took = _since(t)
        conn.close()
        return took
    import psycopg

    conn = psycopg.connect(pg_dsn(url))
    t = _now()
    with conn.transaction(), conn.cursor() as cur, cur.copy(f"COPY equipment ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    took = _since(t)
    conn.close()
    return took


def raw_select(ws, eid: int) -> tuple[float, float]:
    raw = ws.engine.raw_connection()
    try:
        t = _now()
        cur = raw.cursor()
        cur.execute(
            f"SELECT {', '.join(READ_COLUMNS)} FROM equipment WHERE enterprise_id = {int(eid)} ORDER BY id"
        )
        rows = cur.fetchall()
        took = _since(t)
        assert rows
    finally:
        raw.close()
    return took


def pg_dsn(url: str) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    parts = {"dbname": u.database, "user": u.username, "password": u.password, "host": u.host, "port": u.port}
    parts.update(u.query)
    return " ".join(f"{k}={v}" for k, v in parts.items() if v)


# -- parent side ----------------------------------------------------------------------------------
def prepare(folder: Path, n: int) -> None:
    """The frame an import of an n-row motor ledger stores, and the driver tuples it becomes."""
    import pandas as pd
    from bench_import import HEADERS, make_rows

    from retrofit_desktop.io import read_inventory
    from retrofit_desktop.store import bulk, open_workspace

    csv = folder / "ledger.csv"
    pd.DataFrame(make_rows(n), columns=HEADERS).to_csv(csv, index=False, encoding="utf-8-sig")
    frame = read_inventory(csv).items
    frame.to_pickle(folder / "frame.pkl")
    with open_workspace(folder / "prepare.sqlite3") as ws:  # site ids as a fresh database gives them
        eid = ws.create_enterprise("bench")
        with ws.transaction() as s:
            from retrofit_desktop.store import session_ops as ops

            cache: dict[str, int] = {}
            cols = bulk.frame_columns(frame)
            rows = bulk.new_rows(
                cols, eid, lambda name: ops.site_id(s, eid, name, cache), s.connection().dialect
            )
    (folder / "rows.pkl").write_bytes(pickle.dumps(rows))
    (folder / "sites.pkl").write_bytes(pickle.dumps(list(cache)))
    print(f"bench_store: {len(frame):,} items, {frame.shape[1]} frame columns, {len(cache)} sites")


class Backend:
    def __init__(self, name: str, folder: Path, pg_url: str | None = None) -> None:
        self.name, self.folder, self.pg_url, self.count = name, folder, pg_url, 0

    def fresh(self) -> str:
        self.count += 1
        if self.pg_url is None:
            return "sqlite:///" + str(self.folder / f"{self.name}-{self.count}.sqlite3")
        import psycopg
        from sqlalchemy.engine import make_url

        db = f"bench_store_{os.getpid()}_{self.count}"
        with psycopg.connect(pg_dsn(self.pg_url), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {db}")
        return make_url(self.pg_url).set(database=db).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        if self.pg_url is None:
            return
        import psycopg

        with psycopg.connect(pg_dsn(self.pg_url), autocommit=True) as conn:
            for i in range(1, self.count + 1):
                conn.execute(f"DROP DATABASE IF EXISTS bench_store_{os.getpid()}_{i}")


def measure(backend: Backend, data: Path, runs: int) -> dict[str, list[tuple[float, float, float]]]:
    out: dict[str, list[tuple[float, float, float]]] = {
        k: [] for k in ("store-floor", "store-ours", "load-floor", "load-ours")
    }
    me = [sys.executable, __file__, "--child"]
    for _ in range(runs):
        url_floor, url_ours = backend.fresh(), backend.fresh()
        for kind, url in (
            ("store-floor", url_floor),
            ("store-ours", url_ours),
            ("load-floor", url_ours),
            ("load-ours", url_ours),
        ):
            _wall, rss, res = run_measured([*me, kind, url, str(data)], cwd=ROOT)
            wall, cpu = (float(x) for x in res.stdout.split()[-2:])
            out[kind].append((wall, rss, cpu))
    return out


def report(
    name: str, n: int, m: dict[str, list[tuple[float, float, float]]], floor_name: str, load_floor: str
) -> None:
    for what, ours, floor, fname, target in (
        ("store", "store-ours", "store-floor", floor_name, TARGET),
        ("load", "load-ours", "load-floor", load_floor, None),
    ):
        o = [s for s, _r, _c in m[ours]]
        f = [s for s, _r, _c in m[floor]]
        oc = [c for _s, _r, c in m[ours]]
        fc = [c for _s, _r, c in m[floor]]
        cpu_ratio = statistics.median(oc) / statistics.median(fc)
        ratio = statistics.median(o) / statistics.median(f)
        print(
            f"  {name} {what}: ours min {min(o):.3f} s, median {statistics.median(o):.3f} s "
            f"(peak RSS {max(r for _s, r, _c in m[ours]):,.0f} MB); {fname} min {min(f):.3f} s, "
            f"median {statistics.median(f):.3f} s (peak RSS {max(r for _s, r, _c in m[floor]):,.0f} MB); "
            f"ratio of medians {ratio:.2f}, of mins {min(o) / min(f):.2f}; "
            f"RSS runs ours {[round(r) for _s, r, _c in m[ours]]} "
            f"floor {[round(r) for _s, r, _c in m[floor]]}"
            + (f" (target <= {target})" if target else "")
            + f"; CPU of the measuring process: ours median {statistics.median(oc):.3f} s, floor "
            f"{statistics.median(fc):.3f} s, ratio {cpu_ratio:.2f}"
        )
        label = "upsert_items" if what == "store" else "items_frame"
        add_row(
            f"{what} {n // 1000}k items, {name} ({label})",
            f"{statistics.median(o):.3f} s (min {min(o):.3f}"
            + (f"; CPU ratio {cpu_ratio:.2f})" if name == "SQLite" else ")"),
            f"{fname} {statistics.median(f):.3f} s",
            ratio,
            f"≤ {target}×" if target else "",
            max(r for _s, r, _c in m[ours]),
            None if target is None else ratio <= target,
        )


READ_ONLY = "import sys, pandas as pd\nframe = pd.read_csv(sys.argv[1])\nprint(len(frame))\n"


def import_scale(folder: Path, n: int) -> None:
    """Whole-process `retrofit import` of an n-row CSV ledger vs a process that only reads it."""
    import pandas as pd
    from bench_import import HEADERS, make_rows

    csv = folder / f"ledger-{n}.csv"
    pd.DataFrame(make_rows(n), columns=HEADERS).to_csv(csv, index=False, encoding="utf-8-sig")
    retrofit = str(Path(sys.executable).with_name("retrofit"))
    db = folder / f"import-{n}.sqlite3"
    floor_wall, floor_rss, _r = run_measured([sys.executable, "-c", READ_ONLY, str(csv)], cwd=ROOT)
    wall, rss, res = run_measured(
        [retrofit, "import", str(csv), "--db", str(db), "--enterprise", "规模测试"],
        cwd=ROOT,
        env=dict(os.environ, RETROFIT_DATA_DIR=str(folder / "data")),
    )
    print(
        f"  retrofit import {n:,} rows: {wall:.1f} s, peak RSS {rss:,.0f} MB; read-only process "
        f"{floor_wall:.1f} s, peak RSS {floor_rss:,.0f} MB; ratio {wall / floor_wall:.1f}; "
        f"{res.stdout.strip().splitlines()[-1] if res.stdout.strip() else ''}"
    )
    add_row(
        f"retrofit import {n / 1e6:g}M items (whole process)",
        f"{wall:.1f} s",
        f"pd.read_csv process {floor_wall:.1f} s",
        wall / floor_wall,
        "peak RSS ≤ 4 GB",
        rss,
        rss <= 4096,
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], Path(sys.argv[4]))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument(
        "--import-rows", type=int, default=1_000_000, help="rows of the whole-process import (0: skip)"
    )
    ap.add_argument("--only-import", action="store_true", help="only the whole-process import")
    ap.add_argument(
        "--src", help="measure the store code of another checkout (e.g. the main branch) as 'ours'"
    )
    args = ap.parse_args()
    if args.src:
        os.environ["RETROFIT_BENCH_SRC"] = str(Path(args.src).resolve())
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        data = Path(tmp)
        if args.import_rows:
            import_scale(data, args.import_rows)
        if args.only_import:
            return
        prepare(data, args.rows)
        sqlite = Backend("sqlite", data)
        report(
            "SQLite", args.rows, measure(sqlite, data, args.runs), "sqlite3 executemany", "sqlite3 fetchall"
        )
        if args.no_pg:
            return
        from pg_server import postgres_url

        with postgres_url() as url:
            if url is None:
                print(
                    "  PostgreSQL: skipped (no RETROFIT_BENCH_PG_URL and no server under /usr/lib/postgresql)"
                )
                return
            pg = Backend("pg", data, url)
            try:
                report(
                    "PostgreSQL", args.rows, measure(pg, data, args.runs), "psycopg COPY", "psycopg fetchall"
                )
            finally:
                pg.drop_all()


if __name__ == "__main__":
    main()
