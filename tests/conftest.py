"""Test set-up: headless Qt, a private data dir, and the `gui` marker applied automatically."""

from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # an explicit QT_QPA_PLATFORM still wins
# Never touch the user's real workspace or settings from tests.
_DATA_DIR = tempfile.mkdtemp(prefix="retrofit-test-data-")
os.environ["RETROFIT_DATA_DIR"] = _DATA_DIR
os.environ.setdefault("RETROFIT_LANG", "zh")

# CI runs the property tests with a fixed derivation of examples, so a landing never depends on a lucky
# draw; local runs keep exploring new examples (and remember failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

_QT_FIXTURES = {"qtbot", "qapp", "qtmodeltester"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _reset_language():
    from retrofit_desktop import i18n

    i18n.set_language("zh")
    yield
    i18n.set_language("zh")


# --- `ws`: a fresh workspace on SQLite, and also on PostgreSQL when RETROFIT_TEST_PG_URL is set ---------
# (`./dev test --postgres` starts a throw-away server and sets it). Example:
# RETROFIT_TEST_PG_URL=postgresql+psycopg://postgres@/retrofit_test?host=/tmp/pg&port=54329
# The database is emptied before every test: never point it at real data. tests/ui has its own
# SQLite-only `ws`.
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
    from retrofit_desktop.store import open_workspace

    if request.param == "sqlite":
        w = open_workspace(tmp_path / "ws.sqlite3")
    else:
        _empty_postgres(PG_URL)
        w = open_workspace(PG_URL)
    yield w
    w.close()
