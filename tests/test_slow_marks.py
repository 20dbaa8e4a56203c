"""The `slow` marks (tests/conftest.py SLOW): every entry names a module and a test that exist, and
pytest's selection by marker picks exactly the listed tests."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import SLOW, is_listed_slow

ROOT = Path(__file__).resolve().parents[1]


def test_every_entry_names_a_module_and_a_test_in_it():
    missing = []
    for entry in SLOW:
        path, _, name = entry.partition("::")
        file = ROOT / path
        if not file.is_file():
            missing.append(entry)
            continue
        if name:
            tree = ast.parse(file.read_text(encoding="utf-8"))
            tests = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
            if name not in tests:
                missing.append(entry)
    assert missing == []  # a test was renamed or moved: update SLOW


def test_listed_names_match_whole_tests_only():
    assert is_listed_slow("tests/ui/test_quit_with_work.py::test_anything")  # a whole module
    assert is_listed_slow(
        "tests/services/test_assessment_result.py::test_items_equal_the_per_item_payload[mixed-catalog]"
    )  # every parameter of a listed test
    assert is_listed_slow("tests/catalog/test_packs.py::test_builtin_data_pass_the_pack_validation")
    # a test whose name merely starts like a listed one, and an unlisted test of the same module
    assert not is_listed_slow("tests/catalog/test_packs.py::test_builtin_data_pass_the_pack_validation_too")
    assert not is_listed_slow("tests/catalog/test_packs.py::test_a_pack_with_a_bad_row_is_refused")
    assert not is_listed_slow("tests/ui/test_quit_with_work_other.py::test_x")


def test_the_marker_selects_the_listed_tests():
    # a module listed whole, and a module of which one test is listed
    modules = ["tests/ui/test_quit_with_work.py", "tests/catalog/test_packs.py"]

    def collected(*marker: str) -> set[str]:
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "--collect-only",
                "-q",
                "-p",
                "no:cacheprovider",
                *marker,
                *modules,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return {line for line in r.stdout.splitlines() if line.startswith("tests/")}

    everything, slow = collected(), collected("-m", "slow")
    assert slow == {t for t in everything if is_listed_slow(t)}
    assert "tests/catalog/test_packs.py::test_builtin_data_pass_the_pack_validation" in slow
    assert any(t.startswith("tests/ui/test_quit_with_work.py::") for t in slow)
    assert any(t.startswith("tests/catalog/test_packs.py::") for t in everything - slow)
