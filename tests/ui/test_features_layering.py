"""Layering: every module under retrofit_desktop/ui reaches engine, io, store and report only through
services (catalog, domain, units, i18n and services are allowed)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "retrofit_desktop" / "ui"
FORBIDDEN = ("engine", "io", "store", "report")
#: every UI module, found on disk so that a new one is checked too
MODULES = sorted(p.relative_to(UI).as_posix() for p in UI.rglob("*.py"))


def forbidden_imports(source: str) -> list[str]:
    """Imported module names under retrofit_desktop.{engine,io,store,report}, absolute or relative."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names = [node.module or ""]
            elif node.level == 2 and node.module:  # from ..engine import x (inside retrofit_desktop/ui)
                names = [f"retrofit_desktop.{node.module}"]
            elif node.level == 2:  # from .. import engine
                names = [f"retrofit_desktop.{a.name}" for a in node.names]
            if node.level == 0 and node.module == "retrofit_desktop":  # from retrofit_desktop import io
                names = [f"retrofit_desktop.{a.name}" for a in node.names]
        for name in names:
            parts = name.split(".")
            if len(parts) >= 2 and parts[0] == "retrofit_desktop" and parts[1] in FORBIDDEN:
                found.append(name)
    return found


def test_every_ui_module_is_checked():
    assert len(MODULES) >= 20  # the glob found the package
    assert {"main_window.py", "item_editor.py", "charts.py", "app.py", "tasks.py"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_no_direct_core_imports(module):
    assert forbidden_imports((UI / module).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("source", "bad"), [
    ("from retrofit_desktop.engine.factors import FactorSet", True),
    ("import retrofit_desktop.io.readers", True),
    ("from retrofit_desktop import store", True),
    ("from ..report import ReportOptions", True),
    ("def f():\n    from retrofit_desktop.io import read_sheets\n", True),
    ("def f():\n    from retrofit_desktop.io.fields import load_schema\n", True),
    ("from ..store.db import default_url", True),
    ("from ..catalog.fields import RETROFIT_FIELDS", False),
    ("from .. import services", False),
    ("from retrofit_desktop import services", False),
    ("from retrofit_desktop.ui.charts import TierChart", False),
    ("from retrofit_desktop.domain import Tier", False),
])
def test_the_check_itself(source, bad):
    assert bool(forbidden_imports(source)) is bad
