"""The `ws` fixture: a fresh workspace on SQLite, and also on PostgreSQL when RETROFIT_TEST_PG_URL is set.

Example: ``RETROFIT_TEST_PG_URL=postgresql+psycopg://postgres@/retrofit_test?host=/tmp/pg&port=54329``
(the database is emptied before every test: never point it at real data).
"""

from __future__ import annotations

import os

import pytest

from retrofit_desktop.store import open_workspace

PG_URL = os.environ.get("RETROFIT_TEST_PG_URL")
BACKENDS = ["sqlite", *(["postgresql"] if PG_URL else [])]


def _empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:  # test-only, PostgreSQL-specific: start from an empty schema
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def ws(request, tmp_path):
    if request.param == "sqlite":
        w = open_workspace(tmp_path / "ws.sqlite3")
    else:
        _empty_postgres(PG_URL)
        w = open_workspace(PG_URL)
    yield w
    w.close()
