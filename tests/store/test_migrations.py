"""Schema migrations: a database written at revision 0001 opens and upgrades; models == migrations."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from retrofit_desktop.store import db, open_workspace
from retrofit_desktop.store.models import Base

FIXTURE = Path(__file__).parent / "data" / "workspace_rev0001.sqlite3"


def test_a_revision_0001_file_opens_and_upgrades_without_loss(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURE, path)
    with open_workspace(path) as ws:
        assert db.current_revision(ws.engine) == db.head_revision()
        [ent] = ws.enterprises()
        assert (ent.name, ent.credit_code, ent.region, ent.sites, ent.item_count) == (
            "湖南旧版本测试公司",
            "914403001922038216",
            "湖南",
            ("一车间",),
            1,
        )
        row = ws.items_frame(ent.id).iloc[0]
        assert row["asset_tag"] == "M-001" and row["site"] == "一车间"
        assert row["load_factor"] == 0.1 + 0.2
        assert row["efficiency_pct"] == 88.1 and row["rated_power_kw"] == 11.0 and row["poles"] == 4
        assert ws.load_assessment(1) == {"schema": 1, "items": []}
        ws.create_enterprise("升级后新建")  # the upgraded file is writable


def test_database_created_at_revision_1_upgrades_to_head(tmp_path):
    url = "sqlite:///" + str(tmp_path / "r1.sqlite3")
    engine = db.make_engine(url)
    db.migrate(engine, "0001")
    assert db.current_revision(engine) == "0001"
    with engine.begin() as conn:
        conn.execute(
            text("insert into enterprise (name, is_sample, created_at) values ('甲', 0, '2026-01-01')")
        )
    engine.dispose()
    with open_workspace(url) as ws:
        assert db.current_revision(ws.engine) == db.head_revision()
        assert [e.name for e in ws.enterprises()] == ["甲"]


def test_migrated_schema_matches_the_models(tmp_path):
    with open_workspace(tmp_path / "m.sqlite3") as ws, ws.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_downgrade_to_base_and_back(tmp_path):
    from alembic import command

    engine = db.make_engine("sqlite:///" + str(tmp_path / "d.sqlite3"))
    db.migrate(engine)
    cfg = db.alembic_config(str(engine.url))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert db.current_revision(engine) is None
    db.migrate(engine)
    assert db.current_revision(engine) == db.head_revision()
    engine.dispose()


def test_read_only_refuses_a_database_that_needs_upgrading(tmp_path):
    import pytest

    from retrofit_desktop.i18n import use_language
    from retrofit_desktop.store import StoreError

    engine = db.make_engine("sqlite:///" + str(tmp_path / "e.sqlite3"))
    with engine.begin() as conn:
        conn.execute(text("create table placeholder (x integer)"))
    engine.dispose()
    with use_language("en"), pytest.raises(StoreError, match="without --read-only"):
        open_workspace(tmp_path / "e.sqlite3", read_only=True)


def test_the_migration_renders_for_postgresql_without_sqlite_specifics():
    sql = db.migration_sql("postgresql+psycopg://user@localhost/retrofit")
    assert "CREATE TABLE equipment" in sql and "DOUBLE PRECISION" in sql and "JSON" in sql
    assert "TIMESTAMP WITH TIME ZONE" in sql and "SERIAL" in sql
    assert "PRAGMA" not in sql.upper() and "AUTOINCREMENT" not in sql.upper()
    assert "UPDATE alembic_version" in sql or "INSERT INTO alembic_version" in sql


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    import pytest

    from retrofit_desktop.i18n import use_language
    from retrofit_desktop.store import StoreError

    path = tmp_path / "future.sqlite3"
    shutil.copy(FIXTURE, path)
    engine = db.make_engine("sqlite:///" + str(path))
    with engine.begin() as conn:
        conn.execute(text("update alembic_version set version_num = '9999'"))
    engine.dispose()
    before = path.read_bytes()
    for read_only in (False, True):
        with use_language("en"), pytest.raises(StoreError, match="newer version .* revision 9999"):
            open_workspace(path, read_only=read_only)
    assert path.read_bytes() == before


def test_a_revision_0001_file_gets_import_records_on_upgrade(tmp_path):
    """Revision 0002 adds the import records; an old workspace upgrades, keeps its items and records
    its next import."""
    from sqlalchemy import inspect

    from retrofit_desktop import services

    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURE, path)
    engine = db.make_engine("sqlite:///" + str(path))
    assert db.current_revision(engine) == "0001" and not inspect(engine).has_table("import_record")
    engine.dispose()
    with open_workspace(path) as ws:
        assert db.current_revision(ws.engine) == "0002" == db.head_revision()
        assert inspect(ws.engine).has_table("import_record")
        [ent] = ws.enterprises()
        assert services.import_history(ws, ent.id) == []
        ledger = tmp_path / "新台账.csv"
        ledger.write_text("设备编号,产品,额定功率(kW),极数,效率(%)\nM-001,motor,11,4,90\nM-002,motor,15,4,91\n",
                          encoding="utf-8")  # fmt: skip
        rep = services.import_file(ws, ledger, ent.id)
        assert (rep.added, rep.updated) == (1, 1)  # M-001 was in the old file
        [rec] = services.import_history(ws, ent.id)
        assert (rec.file_name, rec.read, rec.imported, rec.rejected) == ("新台账.csv", 2, 2, 0)
        assert ws.items_frame(ent.id).set_index("asset_tag").loc["M-001", "efficiency_pct"] == 90
