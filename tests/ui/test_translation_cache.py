"""Start-up cost: compiled translations cached by the .po files' names, sizes and mtimes; the
workspace schema checked with plain SQL so alembic is imported only when there is a migration to run."""

from __future__ import annotations

import gettext
import io
import os
import shutil
import subprocess
import sys

import pytest
from sqlalchemy import text

from retrofit_desktop import i18n, services
from retrofit_desktop.resources import resource_path
from retrofit_desktop.store import StoreError, db


@pytest.fixture
def po_copy(tmp_path, monkeypatch):
    folder = tmp_path / "zh_CN"
    shutil.copytree(resource_path("translations", "zh_CN"), folder)
    monkeypatch.setenv(i18n.CACHE_DIR_ENV, str(tmp_path / "cache"))
    return sorted(folder.glob("*.po"))


def _table(mo: bytes) -> dict:
    return dict(gettext.GNUTranslations(io.BytesIO(mo))._catalog)


def test_translations_come_from_the_cache_until_a_po_file_changes(po_copy, monkeypatch):
    compiled = [i18n._compile(f, "zh_CN") for f in po_copy]
    assert i18n._compiled(po_copy, "zh_CN") == compiled  # first call compiles and writes the cache
    assert (i18n.cache_dir() / "translations-zh_CN.bin").is_file()

    def no_compiling(*_a):
        raise AssertionError("compiled although the cache is current")

    monkeypatch.setattr(i18n, "_compile", no_compiling)
    assert i18n._compiled(po_copy, "zh_CN") == compiled
    # an edited .po (new size and mtime) is compiled again, and its new message is there
    with po_copy[0].open("a", encoding="utf-8") as fh:
        fh.write('\nmsgid "Cache test message"\nmsgstr "缓存测试消息"\n')
    monkeypatch.undo()
    monkeypatch.setenv(i18n.CACHE_DIR_ENV, str(i18n.cache_dir()))
    fresh = i18n._compiled(po_copy, "zh_CN")
    assert _table(fresh[0])["Cache test message"] == "缓存测试消息"
    assert fresh[1:] == compiled[1:]


def test_a_damaged_or_unwritable_cache_falls_back_on_compiling(po_copy, monkeypatch, tmp_path):
    path = i18n.cache_dir() / "translations-zh_CN.bin"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage")
    expected = [i18n._compile(f, "zh_CN") for f in po_copy]
    assert i18n._compiled(po_copy, "zh_CN") == expected
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(i18n.CACHE_DIR_ENV, str(blocker / "cache"))  # cannot be created
    assert i18n._compiled(po_copy, "zh_CN") == expected


def test_file_head_is_alembics_head():
    assert db._file_head() == db.head_revision()


def test_schema_check_with_plain_sql(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    assert not db.at_head(engine)  # empty database: migrate
    db.migrate(engine)
    assert db.at_head(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    assert not db.at_head(engine)  # unknown revision: alembic's path refuses it
    with pytest.raises(StoreError, match="更新版本.*ffff"):
        db.migrate(engine)
    engine.dispose()


def test_opening_a_current_workspace_imports_neither_alembic_nor_babel(tmp_path):
    services.open_workspace(tmp_path / "w.sqlite3")  # created and migrated (alembic) here
    code = (
        "import sys\n"
        "from retrofit_desktop import services\n"
        "from retrofit_desktop.i18n import _\n"
        f"services.open_workspace({str(tmp_path / 'w.sqlite3')!r})\n"
        "_('Save')\n"
        "print(sorted(m for m in ('alembic', 'babel') if m in sys.modules))\n"
    )
    env = dict(os.environ, RETROFIT_CACHE_DIR=str(tmp_path / "cache"))
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "['babel']"  # the first start compiles the translations
    again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "[]"
