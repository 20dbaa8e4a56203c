"""Every command that writes a file says clearly why it cannot (exit 2), never a traceback:
`template -o`, `assess --json/--export`, `report -o`. Tests run as root here, and root ignores file
permissions, so the refusal is made three honest ways: a path under a regular file (the OS refuses
it for anyone), the writer raising PermissionError, and a real run as the user nobody (setpriv)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from as_nobody import as_nobody

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "sample_inventory.csv"

WRITERS = [
    ("template", lambda out: ["template", "-o", out], "x.xlsx"),
    ("assess --json", lambda out: ["assess", SAMPLE, "--json", out], "x.json"),
    ("assess --export", lambda out: ["assess", SAMPLE, "--export", out], "x.xlsx"),
    ("report", lambda out: ["report", SAMPLE, "-o", out], "x.pdf"),
]
IDS = [w[0] for w in WRITERS]


@pytest.mark.parametrize(("name", "argv", "file"), WRITERS, ids=IDS)
def test_a_path_under_a_file_is_refused_before_any_work(run, tmp_path, name, argv, file):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file", encoding="utf-8")
    out = blocker / file
    code, _out, err = run("--lang", "en", *argv(str(out)))
    assert code == 2, err
    assert str(out) in err and "is a file, not a folder" in err and str(blocker) in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("name", "argv", "file"), WRITERS, ids=IDS)
def test_permission_denied_while_writing_is_a_usage_error(run, tmp_path, monkeypatch, name, argv, file):
    out = tmp_path / file

    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied", str(out))

    import builtins

    from retrofit_desktop import io, services

    real_open = builtins.open
    monkeypatch.setattr(io, "write_template", refuse)
    monkeypatch.setattr(io, "export_results", refuse)
    monkeypatch.setattr(services, "write_report", refuse)
    monkeypatch.setattr(
        builtins, "open", lambda f, *a, **k: refuse() if str(f) == str(out) else real_open(f, *a, **k)
    )
    code, _out, err = run("--lang", "en", *argv(str(out)))
    assert code == 2, err
    assert f"cannot write {out}: no permission to write there" in err
    assert not out.exists()


def test_template_into_a_folder_nobody_may_write(tmp_path):
    """As the unprivileged user nobody (permissions apply), into a folder owned by root, mode 0755."""
    folder = Path("/tmp") / f"retrofit-unwritable-{os.getpid()}"
    folder.mkdir(mode=0o755)
    try:
        env = {**os.environ, "RETROFIT_DATA_DIR": str(folder / "data"), "PYTHONDONTWRITEBYTECODE": "1",
               "HOME": str(folder), "PYTHONPATH": str(ROOT)}  # fmt: skip
        r = subprocess.run(
            [*as_nobody(env, ROOT), sys.executable, "-m",
             "retrofit_desktop", "--lang", "en", "template", "-o", str(folder / "t.xlsx")],
            env=env, capture_output=True, text=True, timeout=120, cwd=ROOT,
        )  # fmt: skip
        assert r.returncode == 2, r.stderr
        assert f"cannot write {folder / 't.xlsx'}: no permission to write there" in r.stderr
        assert "Traceback" not in r.stderr
        assert not (folder / "t.xlsx").exists()
    finally:
        shutil.rmtree(folder)


def test_the_reason_is_in_chinese_in_the_chinese_edition(run, tmp_path, monkeypatch):
    out = tmp_path / "t.xlsx"

    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied", str(out))

    from retrofit_desktop import io

    monkeypatch.setattr(io, "write_template", refuse)
    code, _out, err = run("--lang", "zh", "template", "-o", str(out))
    assert code == 2
    assert err.strip() == f"错误：无法写入 {out}：没有在该处写入的权限"


def test_catalog_import_and_import_into_a_data_folder_under_a_file(run, tmp_path, monkeypatch):
    """`catalog import` stores the edition in the data folder; `import` creates the workspace there."""
    from retrofit_desktop.catalog.catalog import BUILTIN_TIERS
    from retrofit_desktop.catalog.tiertable import read_long_csv

    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file", encoding="utf-8")
    monkeypatch.setenv("RETROFIT_DATA_DIR", str(blocker / "data"))
    rows = read_long_csv(BUILTIN_TIERS)
    pack = tmp_path / "motor_pack.csv"
    rows[rows["product"] == "motor"].to_csv(pack, index=False)
    code, _out, err = run("--lang", "en", "catalog", "import", pack)
    assert code == 2, err
    assert f"cannot write {blocker / 'data'}" in err and "a part of the path is a file, not a folder" in err
    code, _out, err = run("--lang", "en", "import", SAMPLE, "--enterprise", "甲", db=False)
    assert code == 2, err
    assert f"cannot create the workspace folder {blocker / 'data'}: a part of the path is a file" in err
