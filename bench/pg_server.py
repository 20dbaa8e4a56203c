"""A PostgreSQL for the benches: RETROFIT_BENCH_PG_URL if set, else a throw-away server (Unix socket in a
private temp folder, trust authentication, fsync off - as `./dev test --postgres` starts one), else None."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

PORT = 54339


def _as_pg(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def postgres_url() -> Iterator[str | None]:
    if os.environ.get("RETROFIT_BENCH_PG_URL"):
        yield os.environ["RETROFIT_BENCH_PG_URL"]
        return
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not bins or not os.access(os.path.join(bins[-1], "initdb"), os.X_OK):
        yield None
        return
    bin_dir = bins[-1]
    folder = tempfile.mkdtemp(prefix="bench-pg-")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = os.path.join(folder, "data")
    run = dict(check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        subprocess.run(
            _as_pg(
                [
                    f"{bin_dir}/initdb",
                    "-D",
                    data,
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            **run,
        )
        subprocess.run(
            _as_pg(
                [
                    f"{bin_dir}/pg_ctl",
                    "-D",
                    data,
                    "-l",
                    os.path.join(folder, "server.log"),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    f"-c listen_addresses= -p {PORT} -k {folder} -c fsync=off",
                    "start",
                ]
            ),
            **run,
        )
        yield f"postgresql+psycopg://postgres@/postgres?host={folder}&port={PORT}"
    finally:
        subprocess.run(
            _as_pg([f"{bin_dir}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(folder, ignore_errors=True)
